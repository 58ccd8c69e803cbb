// A published dataset's manifest (dataset.json): its types, a checked parse, and which row groups a window and view need.
import { WEAPONS, type LayerKind, type Weapon } from '../schema/schema';

/** The `format` member every manifest carries, so a link can tell one from a GeoJSON file. */
export const MANIFEST_FORMAT = 'conflict-atlas-published';
export const MANIFEST_VERSION = 1;

/** Events lasting longer than this many days (or still open) go to the long-lived file, planned by their own end. */
export const SHORT_MAX_DAYS = 62;

/** Longitude/latitude box: [west, south, east, north]. */
export type Bbox = [number, number, number, number];

export interface PublishedLayer {
  key: string;
  label: string;
  kind: LayerKind;
  /** Where the layer comes from (the input file's name). */
  group: string;
  category?: string;
  count: number;
}

/**
 * One row group of a Parquet file: its rows' start days (min, max), the latest end day among them
 * (`endMax`; the short file's events end at most SHORT_MAX_DAYS after they start), and their bbox.
 * `offset`/`length` are its bytes in the file (first page to last byte).
 */
export interface RowGroupEntry {
  rows: number;
  startMin: number;
  startMax: number;
  endMax: number;
  bbox: Bbox;
  offset: number;
  length: number;
}

/** How a row group is written in dataset.json: one array, in this order (compact: a 10M-row dataset has thousands). */
export const ROW_GROUP_FIELDS = [
  'rows',
  'startMin',
  'startMax',
  'endMax',
  'west',
  'south',
  'east',
  'north',
  'offset',
  'length',
] as const;

export function encodeRowGroup(g: RowGroupEntry): number[] {
  return [g.rows, g.startMin, g.startMax, g.endMax, ...g.bbox, g.offset, g.length];
}

function decodeRowGroup(a: number[]): RowGroupEntry {
  return {
    rows: a[0],
    startMin: a[1],
    startMax: a[2],
    endMax: a[3],
    bbox: [a[4], a[5], a[6], a[7]],
    offset: a[8],
    length: a[9],
  };
}

export interface PublishedFile {
  /** Relative to the manifest's URL. */
  path: string;
  bytes: number;
  /** The Parquet footer (metadata, its length and PAR1): fetched in one range request. */
  footer: { offset: number; length: number };
  /** `short` (single-day events, sorted by start, then a Morton curve), `ranged` (≤ SHORT_MAX_DAYS, the same), `long` (longer and open-ended), or the overview. */
  part: 'short' | 'ranged' | 'long' | 'overview';
  /** Decoded from `groups` (the written form, see ROW_GROUP_FIELDS) when the manifest is read. */
  rowGroups: RowGroupEntry[];
}

export interface PublishedManifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  name: string;
  rows: number;
  /** First and last day any event starts or ends on (day numbers: days since 1970-01-01). */
  span: { start: number; end: number };
  layers: PublishedLayer[];
  /** The Parquet columns (see src/core/published/columns.ts). */
  columns: string[];
  files: PublishedFile[];
  /**
   * Events per start day and layer: `daily.counts[layer][day - daily.start]`; and strikes per start
   * day, layer and weapon (`daily.weapons[layer][weapon][day - daily.start]`, only the weapons a
   * layer has, a weapon not in WEAPONS counted as unknown) for the filter panel's counts zoomed out.
   * `weapons` is absent from datasets published before it (the panel then shows no counts).
   */
  daily: { start: number; counts: number[][]; weapons?: Record<string, number[]>[] };
  /**
   * Pre-aggregated events per day, grid cell and layer, for the views zoomed out below `belowZoom`:
   * `cellDeg`-degree cells, cell (x, y) covering lon −180 + x·cellDeg, lat −90 + y·cellDeg. Its file
   * (columns start = day, cx, cy, layer, n) is sorted by day in row groups, so a window reads only its own.
   */
  overview: { file: PublishedFile; cellDeg: number; belowZoom: number; rows: number };
  /** What the publisher's import reported (problems found, rows rejected), per input file. */
  inputs: { file: string; format: string; loaded: number; rejected: number; issues: number }[];
}

/** A reference to one row group: file index and row group index within it. */
export interface RowGroupRef {
  file: number;
  group: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Checks a parsed dataset.json. Returns the manifest, or a message that says what is wrong and where.
 * Only the shape the reader relies on is checked; a manifest of a newer version is refused.
 */
export function checkManifest(
  value: unknown,
): { ok: true; manifest: PublishedManifest } | { ok: false; message: string } {
  const bad = (where: string, what: string): { ok: false; message: string } => ({
    ok: false,
    message: `dataset.json: ${where}: ${what}`,
  });
  if (!value || typeof value !== 'object' || Array.isArray(value)) return bad('the file', 'is not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT)
    return bad('format', `expected "${MANIFEST_FORMAT}", got ${JSON.stringify(m.format)}`);
  if (!isInt(m.version) || m.version > MANIFEST_VERSION)
    return bad('version', `this atlas reads version ${MANIFEST_VERSION}, the file is version ${String(m.version)}`);
  const span = m.span as Record<string, unknown> | undefined;
  if (!span || !isInt(span.start) || !isInt(span.end) || span.start > span.end)
    return bad('span', 'expected {start, end} day numbers with start ≤ end');
  if (!Array.isArray(m.layers) || !m.layers.length) return bad('layers', 'expected a non-empty list');
  if (!Array.isArray(m.files)) return bad('files', 'expected a list');
  for (const [i, l] of (m.layers as Record<string, unknown>[]).entries()) {
    if (!l || typeof l.key !== 'string' || typeof l.label !== 'string' || typeof l.kind !== 'string')
      return bad(`layers[${i}]`, 'expected {key, label, kind}');
  }
  const ov = m.overview as Record<string, unknown> | undefined;
  if (!ov || typeof ov.cellDeg !== 'number' || !(ov.cellDeg > 0) || typeof ov.belowZoom !== 'number' || !ov.file)
    return bad('overview', 'expected {file, cellDeg, belowZoom}');
  const files = [...(m.files as Record<string, unknown>[]), ov.file as Record<string, unknown>];
  for (const [i, f] of files.entries()) {
    if (!f || typeof f.path !== 'string' || /^[a-z]+:|^\/|\.\./i.test(f.path))
      return bad(`files[${i}].path`, 'expected a relative path inside the dataset folder');
    const footer = f.footer as Record<string, unknown> | undefined;
    if (!footer || !isInt(footer.offset) || !isInt(footer.length) || !isInt(f.bytes))
      return bad(`files[${i}]`, 'expected bytes and footer {offset, length}');
    if (!Array.isArray(f.groups)) return bad(`files[${i}].groups`, 'expected a list');
    for (const [j, g] of (f.groups as unknown[]).entries()) {
      if (
        !Array.isArray(g) ||
        g.length !== ROW_GROUP_FIELDS.length ||
        !g.every((x) => typeof x === 'number' && Number.isFinite(x))
      ) {
        return bad(
          `files[${i}].groups[${j}]`,
          `expected ${ROW_GROUP_FIELDS.length} numbers: ${ROW_GROUP_FIELDS.join(', ')}`,
        );
      }
    }
    f.rowGroups = (f.groups as number[][]).map(decodeRowGroup);
  }
  const daily = m.daily as Record<string, unknown> | undefined;
  if (!daily || !isInt(daily.start) || !Array.isArray(daily.counts) || daily.counts.length !== m.layers.length)
    return bad('daily', 'expected {start, counts} with one count list per layer');
  if (
    daily.weapons !== undefined &&
    (!Array.isArray(daily.weapons) ||
      daily.weapons.length !== m.layers.length ||
      !daily.weapons.every(
        (w) =>
          w !== null &&
          typeof w === 'object' &&
          !Array.isArray(w) &&
          Object.values(w as object).every((days) => Array.isArray(days)),
      ))
  )
    return bad('daily.weapons', 'expected one {weapon: counts per day} object per layer');
  return { ok: true, manifest: value as PublishedManifest };
}

/** Whether two boxes overlap (edges touching counts). A box crossing the antimeridian is not expected here. */
export function bboxesOverlap(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * The row groups a window [from, to] (inclusive day numbers) needs, within `bbox` when given:
 * those with a row starting on or before `to` whose latest end reaches `from`, and whose bbox meets
 * the view's. Row groups are sorted by start in each file, so the scan stops at the first one that
 * starts after the window.
 */
export function rowGroupsFor(
  manifest: Pick<PublishedManifest, 'files'>,
  win: { from: number; to: number },
  bbox: Bbox | null,
): RowGroupRef[] {
  const out: RowGroupRef[] = [];
  manifest.files.forEach((f, file) => {
    for (let group = 0; group < f.rowGroups.length; group++) {
      const g = f.rowGroups[group];
      if (g.startMin > win.to) {
        if (f.part !== 'long') break;
        continue;
      }
      if (g.endMax < win.from) continue;
      if (bbox && !bboxesOverlap(g.bbox, bbox)) continue;
      out.push({ file, group });
    }
  });
  return out;
}

/** A row group's key in caches and messages: `file:group`. */
export function refKey(r: RowGroupRef): string {
  return `${r.file}:${r.group}`;
}

/** The events per layer in a window, from the manifest's daily counts (start day in the window). */
export function windowCounts(manifest: Pick<PublishedManifest, 'daily'>, win: { from: number; to: number }): number[] {
  const { start, counts } = manifest.daily;
  return counts.map((days) => {
    let sum = 0;
    for (let d = Math.max(win.from, start); d <= win.to && d - start < days.length; d++) sum += days[d - start];
    return sum;
  });
}

/**
 * Strikes per weapon starting in a window on the layers `shown` (by index), from the manifest's
 * daily counts — what the filter panel shows zoomed out, where no rows are loaded — or null for a
 * dataset published without them.
 */
export function windowWeaponCounts(
  manifest: Pick<PublishedManifest, 'daily'>,
  win: { from: number; to: number },
  shown: readonly boolean[],
): Record<Weapon, number> | null {
  const { start, weapons } = manifest.daily;
  if (!weapons) return null;
  const out = Object.fromEntries(WEAPONS.map((w) => [w, 0])) as Record<Weapon, number>;
  weapons.forEach((byWeapon, layer) => {
    if (!shown[layer]) return;
    for (const [w, days] of Object.entries(byWeapon)) {
      const key: Weapon = (WEAPONS as readonly string[]).includes(w) ? (w as Weapon) : 'unknown';
      for (let d = Math.max(win.from, start); d <= win.to && d - start < days.length; d++) out[key] += days[d - start];
    }
  });
  return out;
}
