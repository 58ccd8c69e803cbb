// Feature properties kept aside in compact columns (dictionary codes per key), rebuilt into objects by row on demand.
import type { StringPacker, StringTable } from './packed-strings';
import type { HeldText, HeldValues } from './held-text';

// The read side: how a store is laid out and why is told in property-store-builder.ts, which builds it.

/** `special` by row: the value is what the key's derived function gives (DERIVED), or a projection's shape (PROJECTED). */
export const DERIVED = 1;
export const PROJECTED = 2;
/** `present` by row: the value is the nested store's row (RECORD), or a list of that one row (WRAPPED). */
export const RECORD = 1;
export const WRAPPED = 2;

export type Codes = Uint8Array | Uint16Array | Uint32Array;

/** One key's column as stored (for property-store-gather.ts, which merges stores without rebuilding rows). */
export interface StoredColumn {
  key: string;
  codes: Codes;
  values: unknown[];
  json: Uint8Array;
  nested: PropertyStore | null;
  present: Uint8Array | null;
  special: Uint8Array | null;
  derived: ((row: number) => unknown) | null;
  shapeCodes: Uint32Array | null;
  shapes: string[][];
  /**
   * A store from a packet cuts its dictionary strings out of the packet's text only when read:
   * `values[i]` is unset while `lazy.at[i]` (its string's index in `lazy.table`) is not yet cut.
   * Read entries with entry() / allValues(), never `values` directly.
   */
  lazy?: { table: StringTable; at: Int32Array } | null;
  /**
   * A sparse column (few rows have the key: the bundled data's own keys under a big import):
   * the rows that have a value, ascending; `codes`, `present`, `special` and `shapeCodes` then
   * hold one entry per element of `rowsAt` instead of one per row (slotOf). Absent or null: dense.
   */
  rowsAt?: Uint32Array | null;
}

/** Where a row's entries are in a column's per-row arrays: the row itself, or its place in a sparse column's `rowsAt` (-1: the row has no value). */
export function slotOf(col: StoredColumn, row: number): number {
  const at = col.rowsAt;
  if (!at) return row;
  let lo = 0;
  let hi = at.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = at[mid];
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Dictionary entry i of a column (cut from the packet's text on first read). */
export function entry(col: StoredColumn, i: number): unknown {
  const v = col.values[i];
  if (v !== undefined || !col.lazy) return v;
  const at = col.lazy.at[i];
  if (at < 0) return v;
  const s = col.lazy.table.get(at);
  col.values[i] = s;
  return s;
}

/** A column's whole dictionary (every entry cut from the packet's text). */
export function allValues(col: StoredColumn): unknown[] {
  if (col.lazy) {
    for (let i = 0; i < col.values.length; i++) entry(col, i);
    col.lazy = null;
  }
  return col.values;
}

/**
 * A store as it crosses between threads: typed arrays (to transfer) and dictionaries whose
 * strings are in a StringPacker (packed-strings.ts): `strings[i]` is entry i's index there, or
 * -1 for an entry that is not a string, which is the next of `others`. `derived` keys are named, not sent.
 */
export interface PropertyStorePacket {
  rows: number;
  columns: (Omit<StoredColumn, 'derived' | 'nested' | 'values' | 'lazy'> & {
    derived: boolean;
    nested: PropertyStorePacket | null;
    strings: Int32Array;
    others: unknown[];
  })[];
}

/** Read side: properties by row, one key of a row, or a whole column of numbers. */
export class PropertyStore {
  private readonly byKey: Map<string, StoredColumn>;
  /** Rows whose text the data worker holds (held-text.ts): their values read from there take the place of the store's. */
  held: HeldText | null = null;

  /**
   * The store for postMessage: its typed arrays' buffers are added to `transfer` and its
   * dictionary strings to `strings` (send its pack() too). The store is unusable after the transfer.
   */
  toPacket(transfer: ArrayBuffer[], strings: StringPacker): PropertyStorePacket {
    const add = (a: ArrayBufferView | null): void => {
      if (a && a.buffer instanceof ArrayBuffer && !transfer.includes(a.buffer)) transfer.push(a.buffer);
    };
    return {
      rows: this.rows,
      columns: this.columns.map((col) => {
        const values = allValues(col);
        const { values: _values, lazy: _lazy, derived, nested, ...c } = col;
        [c.codes, c.json, c.present, c.special, c.shapeCodes, c.rowsAt ?? null].forEach(add);
        const codes = strings.addList(values);
        const others = values.filter((v) => typeof v !== 'string');
        add(codes);
        return {
          ...c,
          strings: codes,
          others,
          derived: derived !== null,
          nested: nested ? nested.toPacket(transfer, strings) : null,
        };
      }),
    };
  }

  /**
   * The store again from a packet and its strings, with no pass over the dictionaries' strings:
   * each is cut from the text when first read. `derived` gives the functions of the derived keys
   * (e.g. `id` from the id column).
   */
  static fromPacket(
    p: PropertyStorePacket,
    strings: StringTable,
    derived: Record<string, (row: number) => unknown> = {},
  ): PropertyStore {
    return new PropertyStore(
      p.rows,
      p.columns.map(({ strings: at, others, ...c }) => {
        const values = new Array<unknown>(at.length);
        if (others.length) for (let i = 0, k = 0; i < at.length; i++) if (at[i] < 0) values[i] = others[k++];
        const lazy = others.length < at.length ? { table: strings, at } : null;
        return {
          ...c,
          values,
          lazy,
          derived: c.derived ? (derived[c.key] ?? null) : null,
          nested: c.nested ? PropertyStore.fromPacket(c.nested, strings) : null,
        };
      }),
    );
  }

  constructor(
    readonly rows: number,
    private readonly columns: StoredColumn[],
  ) {
    this.byKey = new Map(columns.map((c) => [c.key, c]));
  }

  /** The stored columns, in first-seen order (read-only: for merging stores). */
  get storedColumns(): readonly StoredColumn[] {
    return this.columns;
  }

  /** The keys seen, in first-seen order. */
  get keys(): string[] {
    return this.columns.map((c) => c.key);
  }

  /**
   * A fresh properties object for a row. A held row (held-text.ts) has its held values only once
   * read from the worker (kept in `held`, or given as `heldValues`), in their keys' places.
   */
  row(row: number, heldValues?: HeldValues): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let projected = false;
    const held = heldValues ?? this.held?.values(row);
    for (const col of this.columns) {
      if (held && Object.hasOwn(held, col.key)) {
        const hv = held[col.key];
        // Values given are the caller's (fresh from the worker); kept ones are copied, as every row is fresh.
        if (hv !== undefined) setOwn(out, col.key, heldValues ? hv : copy(hv));
        continue;
      }
      if (col.special?.[slotOf(col, row)] === PROJECTED) {
        projected = true;
        out[col.key] = undefined; // keeps the key's place; filled below
        continue;
      }
      const v = read(col, row);
      if (v === undefined) continue;
      setOwn(out, col.key, v);
    }
    // A held value of a key no row here has (an import's original records, all in its file): last, where the import put it.
    if (held)
      for (const k of Object.keys(held))
        if (!this.byKey.has(k) && held[k] !== undefined) setOwn(out, k, heldValues ? held[k] : copy(held[k]));
    if (projected) {
      for (const col of this.columns) {
        const at = slotOf(col, row);
        if (at < 0 || col.special?.[at] !== PROJECTED) continue;
        const keys = col.shapes[(col.shapeCodes as Uint32Array)[at]];
        out[col.key] = Object.fromEntries(keys.map((k) => [k, copy(out[k])]));
      }
    }
    return out;
  }

  /** One key of one row (undefined when the row does not have it). */
  get(row: number, key: string): unknown {
    const held = this.held?.values(row);
    if (held && Object.hasOwn(held, key)) return copy(held[key]);
    const col = this.byKey.get(key);
    if (!col) return undefined;
    return col.special?.[slotOf(col, row)] === PROJECTED ? this.row(row)[key] : read(col, row);
  }

  /** The key's numbers by row (NaN where absent or not a number); built on first use and cached. */
  numbers(key: string): Float64Array {
    let cached = this.numberCache.get(key);
    if (!cached) {
      cached = new Float64Array(this.rows).fill(NaN);
      const col = this.byKey.get(key);
      if (col) {
        const lookup = allValues(col).map((v, i) => (!col.json[i] && typeof v === 'number' ? v : NaN));
        const at = col.rowsAt;
        for (let i = 0; i < col.codes.length; i++) {
          const c = col.codes[i];
          if (c) cached[at ? at[i] : i] = lookup[c - 1];
        }
      }
      this.numberCache.set(key, cached);
    }
    return cached;
  }

  private readonly numberCache = new Map<string, Float64Array>();

  /**
   * A key as dictionary codes by row and its distinct values (decoded), for work done once per
   * distinct value (e.g. search). `plain(row)` is false for the few rows whose value is stored
   * otherwise (derived, projected, nested): read those with get().
   */
  distinct(key: string): { codes: ArrayLike<number>; values: unknown[]; plain(row: number): boolean } | null {
    const col = this.byKey.get(key);
    if (!col) return null;
    const values = allValues(col).map((v, i) => (col.json[i] ? (JSON.parse(v as string) as unknown) : v));
    const { special, present, rowsAt } = col;
    if (rowsAt) {
      // A sparse column by row (a rare case: a key few rows have, asked for as a whole).
      const codes = new Uint32Array(this.rows);
      rowsAt.forEach((r, i) => {
        codes[r] = col.codes[i];
      });
      return { codes, values, plain: (row) => !special?.[slotOf(col, row)] && !present?.[slotOf(col, row)] };
    }
    return { codes: col.codes, values, plain: (row) => !special?.[row] && !present?.[row] };
  }

  /** Bytes held in typed arrays (codes), for the memory report. */
  typedBytes(): number {
    let n = 0;
    for (const c of this.columns) {
      n += c.codes.byteLength + c.json.byteLength + (c.present?.byteLength ?? 0) + (c.nested?.typedBytes() ?? 0);
      n += (c.special?.byteLength ?? 0) + (c.shapeCodes?.byteLength ?? 0) + (c.rowsAt?.byteLength ?? 0);
    }
    return n;
  }
}

/** Sets an own key: a "__proto__" key from JSON is an own property there; plain assignment would set the prototype. */
function setOwn(out: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  else out[key] = v;
}

/** A JSON value as a fresh copy (a projection must not share objects with the properties). */
function copy(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as unknown) : v;
}

function read(col: StoredColumn, row: number): unknown {
  const at = slotOf(col, row);
  if (at < 0) return undefined;
  if (col.special?.[at] === DERIVED) return (col.derived as (row: number) => unknown)(row);
  if (col.present?.[at]) {
    // The nested store is by the outer rows.
    const record = (col.nested as PropertyStore).row(row);
    return col.present[at] === WRAPPED ? [record] : record;
  }
  const c = col.codes[at];
  if (!c) return undefined;
  const v = entry(col, c - 1);
  return col.json[c - 1] ? (JSON.parse(v as string) as unknown) : v;
}
