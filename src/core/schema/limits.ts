// Size and depth limits of the import, and the messages given beyond them.

/**
 * Memory one file's rows may take in the tab, in bytes. There is no cap on the file's size: the
 * import streams it. What bounds a file is the memory its rows need once loaded, estimated from
 * the file's size and the size of its first records (estimateRows) at IMPORT_BYTES_PER_ROW.
 */
export const MAX_IMPORT_MEMORY_BYTES = 3 * 1024 ** 3;
/**
 * Memory one loaded row costs, all told (measured: ~2.1 kB a row of the JS heap after garbage
 * collection with a 300,000-row ACLED file, features kept as objects until issue 13 is finished).
 */
export const IMPORT_BYTES_PER_ROW = 2200;
/** Bytes a record is taken to have when the start of the file shows none (conservative: small records, many rows). */
const FALLBACK_BYTES_PER_ROW = 400;
/** Deepest nesting reported by the JSON error scanner before it gives up with a message. */
export const MAX_JSON_DEPTH = 1000;
/** Deepest nesting allowed inside one feature's properties (deeper values can't be cloned or exported safely). */
export const MAX_PROPERTY_DEPTH = 64;
/** Characters of a value quoted in a message; longer values are cut with `…`. */
export const MAX_QUOTED_CHARS = 60;
/** Records sampled for the mapping dialog and guessMapping. */
export const SAMPLE_ROWS = 20;
/** Features scanned for property names (GeoJSON with arbitrary properties). */
export const FIELD_SCAN_FEATURES = 500;

/** Longest text in a field shown on one line (title, place, category, actor, produces, id, source name): list rows, legend, tooltips. */
export const MAX_SHORT_TEXT = 500;
/** Longest text in a field shown as a paragraph (summary, date and area notes, source quotes). */
export const MAX_LONG_TEXT = 20_000;
/** Longest string anywhere else in a record (kept for export), and the longest property or column name. */
export const MAX_ANY_TEXT = 100_000;
export const MAX_FIELD_NAME = 200;
/**
 * Positions (vertices) one feature may have: the map triangulates areas and builds lines on the main
 * thread, so a million-point polygon would freeze the page. Simplify bigger shapes first.
 */
export const MAX_POSITIONS_PER_FEATURE = 50_000;
/** Positions of all the lines and areas of one file together (points are not counted: they scale separately). */
export const MAX_SHAPE_POSITIONS_PER_FILE = 500_000;

const SHORT_FIELDS = ['id', 'title', 'place', 'category', 'actor', 'produces'] as const;
const LONG_FIELDS = ['summary', 'date_note', 'area_note'] as const;

/** A text over its limit: which field, how long it is, what the limit is, and the sentence that says so. */
export interface TextOverLimit {
  field: string;
  length: number;
  limit: number;
  reason: string;
}

function over(field: string, length: number, limit: number, what = 'text'): TextOverLimit {
  const n = length.toLocaleString('en-US');
  return {
    field,
    length,
    limit,
    reason: `field ${field}: the ${what} is ${n} characters long; at most ${limit.toLocaleString('en-US')} are allowed`,
  };
}

/**
 * The first text of a feature over its limit, or null: the shown fields (`props`, our schema) by
 * their kind, then every string and key of the record as it came in (`original`, and `extra`, e.g.
 * GeoJSON foreign members), walked iteratively.
 */
export function textOverLimit(
  props: Readonly<Record<string, unknown>>,
  original?: unknown,
  extra?: unknown,
): TextOverLimit | null {
  for (const f of SHORT_FIELDS) {
    const v = props[f];
    if (typeof v === 'string' && v.length > MAX_SHORT_TEXT) return over(f, v.length, MAX_SHORT_TEXT);
  }
  for (const f of LONG_FIELDS) {
    const v = props[f];
    if (typeof v === 'string' && v.length > MAX_LONG_TEXT) return over(f, v.length, MAX_LONG_TEXT);
  }
  const sources = props.sources;
  if (Array.isArray(sources)) {
    for (let k = 0; k < sources.length; k++) {
      const s: unknown = sources[k];
      if (!s || typeof s !== 'object') continue;
      const src = s as Record<string, unknown>;
      for (let j = 0; j < SOURCE_FIELDS.length; j++) {
        const [key, limit] = SOURCE_FIELDS[j];
        const v = src[key];
        if (typeof v === 'string' && v.length > limit) return over(`sources[${k}].${key}`, v.length, limit);
      }
    }
  }
  return (
    (original instanceof FieldTexts ? fieldTextsOverLimit(original) : anyTextOverLimit(original)) ??
    anyTextOverLimit(extra)
  );
}

/**
 * A record given as its keys and values side by side (a CSV row: the header's keys and the row's
 * fields) that is checked for the limits but never made: the importer keeps the row's text in the
 * file, so the object of 30 keys a row would be garbage at once.
 */
export class FieldTexts {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly string[],
  ) {}
}

/** What anyTextOverLimit gives for the record the keys and values make (the keys first, then the values from the last). */
function fieldTextsOverLimit({ keys, values }: FieldTexts): TextOverLimit | null {
  for (let i = 0; i < keys.length; i++)
    if (keys[i].length > MAX_FIELD_NAME)
      return over(`${keys[i].slice(0, 40)}…`, keys[i].length, MAX_FIELD_NAME, 'name');
  for (let i = keys.length - 1; i >= 0; i--) {
    const v = values[i] ?? '';
    if (v.length > MAX_ANY_TEXT) return over(keys[i], v.length, MAX_ANY_TEXT);
  }
  return null;
}

const SOURCE_FIELDS = [
  ['seed', MAX_SHORT_TEXT],
  ['name', MAX_SHORT_TEXT],
  ['url', MAX_SHORT_TEXT * 8],
  ['quote', MAX_LONG_TEXT],
] as const;

/**
 * True when every string and key in `value` is within MAX_ANY_TEXT / MAX_FIELD_NAME and it nests
 * at most QUICK_DEPTH levels (so no deeper than MAX_PROPERTY_DEPTH): the one walk the GeoJSON
 * import makes of a feature's properties for both checks. False says nothing: walk again to know.
 */
export function quickWithinLimits(value: unknown): boolean {
  return withinLimits(value, QUICK_DEPTH);
}

/** Nesting the quick look follows (a feature's properties: sources, lists of records); deeper values are walked. */
const QUICK_DEPTH = 8;

/** True when every string and key in `value` is within the limits; false when one is not, or nesting goes past `depth`. */
function withinLimits(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= MAX_ANY_TEXT;
  if (typeof value !== 'object' || value === null) return true;
  if (depth === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!withinLimits(value[i], depth - 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.length > MAX_FIELD_NAME || !withinLimits((value as Record<string, unknown>)[key], depth - 1)) return false;
  }
  return true;
}

/** The first string (over MAX_ANY_TEXT) or key (over MAX_FIELD_NAME) too long in a JSON-like value; iterative. */
export function anyTextOverLimit(value: unknown): TextOverLimit | null {
  // A value that a quick look (no allocation, depth-bounded) finds within the limits — every CSV
  // row's record, most features' properties — needs no walk; the walk below spells out the path.
  if (withinLimits(value, QUICK_DEPTH)) return null;
  interface Entry {
    v: unknown;
    parent: Entry | null;
    key: string | number;
  }
  // Paths are only spelled out for the value reported.
  const pathOf = (e: Entry | null): string => {
    const parts: string[] = [];
    for (let at = e; at?.parent; at = at.parent) parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
    return parts.reverse().join('').replace(/^\./, '');
  };
  const stack: Entry[] = [{ v: value, parent: null, key: '' }];
  while (stack.length) {
    const e = stack.pop() as Entry;
    const v = e.v;
    if (typeof v === 'string') {
      if (v.length > MAX_ANY_TEXT) return over(pathOf(e) || '(value)', v.length, MAX_ANY_TEXT);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], parent: e, key: i });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key.length > MAX_FIELD_NAME) {
        const at = pathOf(e);
        return over(`${at ? `${at}.` : ''}${key.slice(0, 40)}…`, key.length, MAX_FIELD_NAME, 'name');
      }
      stack.push({ v: (v as Record<string, unknown>)[key], parent: e, key });
    }
  }
  return null;
}

/** Human size, e.g. `250.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Rows in a file of `bytes` bytes, estimated from its first text (`head`): its line breaks (CSV)
 * or its `"Feature"` members (GeoJSON) give the bytes a record takes. Without a head, records are
 * taken to be small.
 */
export function estimateRows(bytes: number, head = ''): number {
  const probe = head.slice(0, 1 << 20);
  let records = 0;
  const json = /^\s*[{[]/.test(probe);
  const needle = json ? /"type"\s*:\s*"Feature"/g : /\n/g;
  while (needle.exec(probe)) records++;
  const headBytes = utf8Length(probe);
  // The first record of a CSV is its header; a short head that is the whole file is counted exactly.
  const per = records > 1 ? headBytes / records : FALLBACK_BYTES_PER_ROW;
  return Math.ceil(bytes / Math.max(per, 1));
}

/**
 * The message for a file of `bytes` bytes whose rows would need more memory than one tab can hold
 * (MAX_IMPORT_MEMORY_BYTES), else null. Checked before the import reads the whole file.
 */
export function checkFileSize(bytes: number, head = ''): string | null {
  const rows = estimateRows(bytes, head);
  const need = rows * IMPORT_BYTES_PER_ROW;
  if (need <= MAX_IMPORT_MEMORY_BYTES) return null;
  const gb = (b: number): string => `${(b / 1024 ** 3).toFixed(1)} GB`;
  return `The file is ${formatBytes(bytes)}, about ${rows.toLocaleString('en-US')} rows${head ? ' (estimated from its first records)' : ''}; loaded, they would need about ${gb(need)} of memory, more than the ${gb(MAX_IMPORT_MEMORY_BYTES)} this page allows for one file. Split it (e.g. by year or region) and load the parts.`;
}

/** UTF-8 length of a string without encoding it, stopping early once past `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
    if (n > limit) return n;
  }
  return n;
}
