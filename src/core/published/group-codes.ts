// A block's values of one Parquet column as codes (equal values, equal codes), from each decoded row group's distinct values, worked out once per group.
import type { DecodedGroup } from './reader-protocol';

type GroupColumn = DecodedGroup['columns'][string];

/** One decoded column's distinct values (`values[c - 1]` for code c) and each row's code (never 0). */
export interface GroupDictionary {
  codes: Uint32Array;
  values: unknown[];
}

// A cached row group is in many blocks (a block overlaps the one before by half its days): its
// columns are coded once, kept with the column as long as the group is.
const dictionaries = new WeakMap<GroupColumn, GroupDictionary>();

/**
 * A column's distinct values, as a Map would tell them apart (NULL and NaN values included), in
 * first-seen order, and each row's code. A Parquet column chunk is usually dictionary-encoded: its
 * rows then hold one string object per distinct value, so each look-up finds a hashed string, and
 * a run of equal rows none.
 */
export function groupDictionary(column: GroupColumn): GroupDictionary {
  let d = dictionaries.get(column);
  if (d) return d;
  const codes = new Uint32Array(column.length);
  const values: unknown[] = [];
  const index = new Map<unknown, number>();
  let last: unknown = {};
  let lastCode = 0;
  for (let j = 0; j < column.length; j++) {
    const v = column[j];
    if (v !== last || lastCode === 0) {
      let c = index.get(v);
      if (c === undefined) {
        c = values.push(v);
        index.set(v, c);
      }
      last = v;
      lastCode = c;
    }
    codes[j] = lastCode;
  }
  d = { codes, values };
  dictionaries.set(column, d);
  return d;
}

/**
 * Codes for the rows of a block: row r is row `gj[r]` of group `gk[r]`, its value `as(v)` of the
 * group column's value v (`missing` in a group without the column); undefined = none (code 0).
 * Rows whose values are equal as Map keys get equal codes. `size` is the number of codes + 1.
 */
export function blockCodes(
  groups: readonly DecodedGroup[],
  name: string,
  gk: Uint32Array,
  gj: Uint32Array,
  as: (v: unknown) => unknown,
  missing: unknown,
): { codes: Uint32Array; size: number } {
  const index = new Map<unknown, number>();
  const codeOf = (w: unknown): number => {
    if (w === undefined) return 0;
    let c = index.get(w);
    if (c === undefined) {
      c = index.size + 1;
      index.set(w, c);
    }
    return c;
  };
  // Per group: its own code → the block's.
  const local: Uint32Array[] = [];
  const dicts: (Uint32Array | null)[] = [];
  const absent: number[] = [];
  for (const g of groups) {
    const column = g.columns[name];
    if (!column) {
      dicts.push(null);
      local.push(new Uint32Array(0));
      absent.push(codeOf(missing));
      continue;
    }
    const d = groupDictionary(column);
    const map = new Uint32Array(d.values.length + 1);
    for (let c = 1; c <= d.values.length; c++) map[c] = codeOf(as(d.values[c - 1]));
    dicts.push(d.codes);
    local.push(map);
    absent.push(0);
  }
  const n = gk.length;
  const codes = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const k = gk[r];
    const d = dicts[k];
    codes[r] = d ? local[k][d[gj[r]]] : absent[k];
  }
  return { codes, size: index.size + 1 };
}

/**
 * Codes of the days as ISO text (`start`, `end`) by day number; `open` (the end of an event still
 * active: null) code 1. Null for days too far apart for a table by day.
 */
export function dayCodes(days: Int32Array, open: number | null): { codes: Uint32Array; size: number } | null {
  const n = days.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < n; r++) {
    const d = days[r];
    if (d === open) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (hi - lo > 4 * n + 100_000) return null;
  const codes = new Uint32Array(n);
  for (let r = 0; r < n; r++) codes[r] = days[r] === open ? 1 : days[r] - lo + 2;
  return { codes, size: Math.max(0, hi - lo) + 3 };
}

/** Codes of a value given per index (each row's manifest layer → its kind or key): equal values, equal codes. */
export function indexCodes<T>(
  indexOf: Float64Array,
  items: readonly T[],
  valueFor: (item: T) => string,
): { codes: Uint32Array; size: number } {
  const index = new Map<string, number>();
  const of = items.map((item) => {
    const v = valueFor(item);
    let c = index.get(v);
    if (c === undefined) {
      c = index.size + 1;
      index.set(v, c);
    }
    return c;
  });
  const codes = new Uint32Array(indexOf.length);
  for (let r = 0; r < indexOf.length; r++) codes[r] = of[indexOf[r]];
  return { codes, size: index.size + 1 };
}
