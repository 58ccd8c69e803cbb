// Builds a PropertyStore row by row: per key a column of dictionary codes (with the derived and projected shortcuts).
import { DERIVED, PROJECTED, RECORD, WRAPPED, PropertyStore, type Codes } from './property-store';
import { detach, isPlainRecord, jsonEqual } from './json-values';

/**
 * A million features held as a million property objects cost about a gigabyte of heap. Here each
 * key is a column of small integer codes (1, 2 or 4 bytes a row, widened as the dictionary grows)
 * into a dictionary of the distinct values the key takes; repeated values (layer, weapon, place,
 * a templated title, the same source) are stored once. Plain-object values (e.g. an import's
 * `original` record) become a nested store with the same layout; arrays and other objects are kept
 * as JSON text and parsed again on read, so every read hands out fresh objects.
 *
 *   key "weapon":  codes [2, 1, 2, 3, …]   dictionary ["missile", "drone", "mixed"]
 *   row 0 → { …, weapon: "drone", … }
 *
 * Keys are rebuilt in the order they were first seen; absent keys stay absent.
 *
 * Two shortcuts cost nothing to store. A `derived` key (e.g. `id`, already in the id column)
 * whose value is what its function gives for the row is only flagged. A `projection` key whose
 * value is a record of some of the row's own properties, equal in value (an import's `original`
 * record of a file already in our schema) keeps just which keys, in which order (a "shape").
 */
export interface PropertyStoreOptions {
  derived?: Record<string, (row: number) => unknown>;
  projections?: readonly string[];
}

const NESTED_DEPTH = 2;
/** Values looked up before a column may be found to hold (nearly) only distinct ones (DIRECT_SHARE of them new). */
const DIRECT_AFTER = 512;
const DIRECT_SHARE = 0.9;
/** Distinct array/object values remembered per key for the by-value check. */
const RECENT_JSON = 4;

/** One key's column while it is being built. */
class ColumnBuilder {
  codes: Codes;
  /** Dictionary entries; entry c - 1 belongs to code c (0 = absent). */
  readonly values: unknown[] = [];
  /** Per entry: 1 when the entry is JSON text of an array or object. */
  readonly json: number[] = [];
  private readonly primitives = new Map<unknown, number>();
  private readonly texts = new Map<string, number>();
  /** Set when the column holds plain objects: rows of a nested store. */
  nested: PropertyStoreBuilder | null = null;
  /** Plain-object rows (and lists of one plain object) go to `nested`; `present` marks them, RECORD or WRAPPED (nested columns only). */
  present: Uint8Array | null = null;
  // Rows come in start order, so a key often repeats the value of the row before (same day,
  // layer, source): those skip the dictionary lookup. Arrays and objects are compared by value
  // with the last few distinct ones before falling back to JSON text.
  private lastPrimitive: unknown = undefined;
  private lastPrimitiveCode = 0;
  /**
   * A key whose values are nearly all distinct (an event id, a note, a coordinate kept as text)
   * gains nothing from the dictionary's lookup but a Map entry per row: after DIRECT_AFTER values,
   * if nearly all were new, each new value is appended without a lookup (a rare repeat is then
   * kept twice, which reads the same).
   */
  private looked = 0;
  private direct = false;
  private readonly recentJson: { value: unknown; code: number }[] = [];

  /** DERIVED or PROJECTED by row, when the key has a shortcut. */
  special: Uint8Array | null = null;
  /** Projections: the shape (key list) of each PROJECTED row. */
  shapeCodes: Uint32Array | null = null;
  readonly shapes: string[][] = [];
  private lastShape = 0;
  private readonly shapeIndex = new Map<string, number>();

  constructor(
    readonly key: string,
    readonly rows: number,
    readonly depth: number,
    readonly derived?: (row: number) => unknown,
    readonly projection = false,
    private readonly strings: Map<string, string> = new Map(),
  ) {
    this.codes = new Uint8Array(rows);
    if (derived || projection) this.special = new Uint8Array(rows);
    if (projection) this.shapeCodes = new Uint32Array(rows);
  }

  set(row: number, value: unknown, rowProps: Record<string, unknown>): void {
    if (value === undefined) return;
    if (this.derived && value === this.derived(row)) {
      (this.special as Uint8Array)[row] = DERIVED;
      return;
    }
    if (this.projection && isPlainRecord(value) && this.project(row, value, rowProps)) return;
    // A list of one record (an import's `sources: [{ name, quote }]`) is stored as that record,
    // flagged: its strings are shared with the other columns (the quote that is also the summary)
    // instead of living again inside a JSON text of their own.
    const one = Array.isArray(value) && value.length === 1 && isPlainRecord(value[0]) ? value[0] : null;
    const record = one ?? (isPlainRecord(value) ? value : null);
    if (record && this.depth < NESTED_DEPTH && (this.nested || this.values.length === 0)) {
      if (!this.nested) {
        this.nested = new PropertyStoreBuilder(this.rows, this.depth + 1, {}, this.strings);
        this.present = new Uint8Array(this.rows);
      }
      this.nested.add(row, record);
      (this.present as Uint8Array)[row] = one ? WRAPPED : RECORD;
      return;
    }
    // codeOf may widen `codes` (a new array): read the array only after it returns.
    const code = this.codeOf(value);
    this.codes[row] = code;
  }

  /**
   * Row `row` holds the very value (the same object or primitive) that row `from`, the last row
   * set, holds, in a column with no derived or projection shortcut: copies what set() would make
   * again there (the same code: the last primitive, the last JSON value or the nested store's
   * last row; no dictionary or state changes), without the look-ups.
   */
  copyRow(from: number, row: number): void {
    this.codes[row] = this.codes[from];
    const present = this.present;
    if (present) {
      present[row] = present[from];
      if (present[from]) (this.nested as PropertyStoreBuilder).copyRow(from, row);
    }
  }

  /**
   * Sets a whole fresh column from codes that name each row's value (`rowCodes[r]`: equal for
   * rows whose values are equal, 0 where the row has none) and `valueAt(r)`, the value itself
   * (a primitive, read once per code as the dictionary grows): the same codes and dictionary as
   * set(r, valueAt(r)) for every row r in order (first-seen order, the switch to appending for
   * nearly distinct values), without a Map look-up per row.
   */
  setCoded(rowCodes: Uint32Array, valueAt: (row: number) => unknown): void {
    if (this.derived || this.projection || this.values.length)
      throw new Error(`property store: coded column "${this.key}" must be fresh and plain`);
    let size = 0;
    for (let r = 0; r < rowCodes.length; r++) if (rowCodes[r] > size) size = rowCodes[r];
    // The code each rowCodes value has here (0: not seen), as codeOf's `primitives` map would give.
    const seen = new Uint32Array(size + 1);
    let distinct = 0;
    let looked = 0;
    let direct = false;
    let last = 0;
    let lastCode = 0;
    for (let r = 0; r < rowCodes.length; r++) {
      const c = rowCodes[r];
      if (c === 0) continue;
      if (c !== last) {
        let code = direct ? 0 : seen[c];
        if (code === 0) {
          code = this.push(valueAt(r), 0);
          if (!direct) {
            seen[c] = code;
            distinct++;
          }
        }
        if (!direct && ++looked === DIRECT_AFTER && distinct > DIRECT_SHARE * DIRECT_AFTER) direct = true;
        last = c;
        lastCode = code;
      }
      this.codes[r] = lastCode;
    }
  }

  /** Stores a record of the row's own values as its shape; false when it is not one. */
  private project(row: number, value: Record<string, unknown>, rowProps: Record<string, unknown>): boolean {
    // One pass over the record's keys, which checks each value and whether the keys are the last
    // shape's (most rows of a file): no key list is made unless the shape is new.
    const last = this.shapes[this.lastShape] as string[] | undefined;
    let same = last !== undefined;
    let n = 0;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (k === this.key || k === '__proto__') return false;
      // (A JSON value is never undefined, so `undefined` is an absent key; an inherited member
      // such as `toString` is a function, which no JSON value equals.)
      const a = value[k];
      const b = rowProps[k];
      if (b === undefined || (a !== b && !jsonEqual(a, b))) return false;
      if (same && (last as string[])[n] !== k) same = false;
      n++;
    }
    let code = this.lastShape;
    if (!same || n !== (last as string[]).length) {
      const keys = Object.keys(value);
      const name = keys.join('\u0000');
      code = this.shapeIndex.get(name) ?? -1;
      if (code < 0) {
        code = this.shapes.push(keys) - 1;
        this.shapeIndex.set(name, code);
      }
      this.lastShape = code;
    }
    (this.special as Uint8Array)[row] = PROJECTED;
    (this.shapeCodes as Uint32Array)[row] = code;
    return true;
  }

  private codeOf(value: unknown): number {
    if (value === null || typeof value !== 'object') {
      if (value === this.lastPrimitive && this.lastPrimitiveCode) return this.lastPrimitiveCode;
      let code = this.direct ? undefined : this.primitives.get(value);
      if (code === undefined) {
        code = this.push(value, 0);
        if (!this.direct) this.primitives.set(value, code);
      }
      if (!this.direct && ++this.looked === DIRECT_AFTER && this.primitives.size > DIRECT_SHARE * DIRECT_AFTER) {
        this.direct = true;
        this.primitives.clear();
      }
      this.lastPrimitive = value;
      this.lastPrimitiveCode = code;
      return code;
    }
    for (const r of this.recentJson) if (jsonEqual(r.value, value)) return r.code;
    const text = JSON.stringify(value);
    let code = this.texts.get(text);
    if (code === undefined) {
      code = this.push(text, 1);
      this.texts.set(text, code);
    }
    this.recentJson.unshift({ value, code });
    if (this.recentJson.length > RECENT_JSON) this.recentJson.pop();
    return code;
  }

  /**
   * One detached copy of a long string for every column of the store: an ACLED row's notes are
   * its `summary` and its `original.notes`, one string in memory, not two.
   */
  private shared(s: string): string {
    if (s.length < 13) return s;
    let kept = this.strings.get(s);
    if (kept === undefined) {
      kept = detach(s);
      this.strings.set(kept, kept);
    }
    return kept;
  }

  private push(value: unknown, json: number): number {
    this.values.push(typeof value === 'string' ? this.shared(value) : value);
    this.json.push(json);
    const code = this.values.length;
    if (code > 0xff && this.codes instanceof Uint8Array) this.codes = Uint16Array.from(this.codes);
    else if (code > 0xffff && this.codes instanceof Uint16Array) this.codes = Uint32Array.from(this.codes);
    return code;
  }
}

/** Builds a PropertyStore row by row (rows may be added in any order, each at most once). */
export class PropertyStoreBuilder {
  private readonly columns = new Map<string, ColumnBuilder>();
  private readonly order: ColumnBuilder[] = [];

  /** `strings`: the long strings already kept, shared by every column (and nested store) of one store being built. */
  constructor(
    readonly rows: number,
    private readonly depth = 0,
    private readonly options: PropertyStoreOptions = {},
    private readonly strings = new Map<string, string>(),
  ) {}

  add(row: number, props: Record<string, unknown>): void {
    // (Object.keys, which reads the engine's cached key list, is faster here than a for-in pass.)
    const keys = Object.keys(props);
    // Rows of one file mostly have the same keys in the same order: reuse the last row's columns.
    const last = this.lastKeys;
    let same = keys.length === last.length;
    for (let i = 0; same && i < keys.length; i++) same = keys[i] === last[i];
    if (!same) {
      this.lastKeys = keys;
      this.lastCols = keys.map((key) => {
        return this.columns.get(key) ?? this.newColumn(key);
      });
    }
    const cols = this.lastCols;
    for (let i = 0; i < keys.length; i++) cols[i].set(row, props[keys[i]], props);
  }

  /** A new column for `key`, placed after those already seen. */
  private newColumn(key: string): ColumnBuilder {
    const top = this.depth === 0;
    const col = new ColumnBuilder(
      key,
      this.rows,
      this.depth,
      top ? this.options.derived?.[key] : undefined,
      top && !!this.options.projections?.includes(key),
      this.strings,
    );
    this.columns.set(key, col);
    this.order.push(col);
    return col;
  }

  /**
   * A whole key at once, for data held by column (a published row group): `valueAt(row)` for rows
   * 0 … rows - 1 (undefined: absent), the column placed after those already seen. Makes the store
   * add() would make from the same rows when keys are added in add()'s first-seen order. `rowProps`
   * gives a row's properties, asked only where a projection key's value is a record.
   */
  addColumn(key: string, valueAt: (row: number) => unknown, rowProps?: (row: number) => Record<string, unknown>): void {
    if (this.columns.has(key)) throw new Error(`property store: key "${key}" added twice`);
    const col = this.newColumn(key);
    const none: Record<string, unknown> = {};
    // A row holding the very value of the row set before it (sources parsed once per text, a
    // day's rows citing the same) copies that row's codes (copyRow) where nothing depends on the row.
    const copies = !col.derived && !col.projection;
    let prev: unknown;
    let prevRow = -1;
    for (let r = 0; r < this.rows; r++) {
      const v = valueAt(r);
      if (v === undefined) continue;
      if (copies && prevRow >= 0 && v === prev) col.copyRow(prevRow, r);
      else col.set(r, v, col.projection && rowProps && isPlainRecord(v) ? rowProps(r) : none);
      prev = v;
      prevRow = r;
    }
  }

  /**
   * A whole key at once from codes naming each row's value (0: none) and the value itself
   * (primitives only): the column addColumn(key, valueAt) would make, without a look-up per row
   * (ColumnBuilder.setCoded). Not for a derived or projection key.
   */
  addCodedColumn(key: string, rowCodes: Uint32Array, valueAt: (row: number) => unknown): void {
    if (this.columns.has(key)) throw new Error(`property store: key "${key}" added twice`);
    this.newColumn(key).setCoded(rowCodes, valueAt);
  }

  /** A derived key whose value is, on every row, what its function gives (`id`): each row only flagged, as set() does. */
  addDerivedColumn(key: string): void {
    if (this.columns.has(key)) throw new Error(`property store: key "${key}" added twice`);
    const col = this.newColumn(key);
    if (!col.derived || !col.special) throw new Error(`property store: key "${key}" is not derived`);
    col.special.fill(DERIVED);
  }

  /** Copies row `from` to row `to` in every column (ColumnBuilder.copyRow: `to` holds the same values, added right after `from`). */
  copyRow(from: number, to: number): void {
    for (const c of this.order) c.copyRow(from, to);
  }

  private lastKeys: string[] = [];
  private lastCols: ColumnBuilder[] = [];

  /** The store of rows 0 … rows - 1 (all of them by default; fewer: a chunk that ended early). */
  build(rows = this.rows): PropertyStore {
    const cut = <T extends Codes | Uint32Array | null>(a: T): T =>
      a === null || rows === this.rows ? a : (a.slice(0, rows) as T);
    return new PropertyStore(
      rows,
      this.order.map((c) => ({
        key: c.key,
        codes: cut(c.codes),
        values: c.values,
        json: Uint8Array.from(c.json),
        nested: c.nested ? c.nested.build(rows) : null,
        present: cut(c.present),
        special: cut(c.special),
        derived: c.derived ?? null,
        shapeCodes: cut(c.shapeCodes),
        shapes: c.shapes,
      })),
    );
  }
}
