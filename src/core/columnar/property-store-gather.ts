// Several property stores merged into one by a row map (out row → store, row), dictionary codes remapped once per distinct value: no row is rebuilt.
import { allValues, DERIVED, PropertyStore, slotOf, type StoredColumn } from './property-store';

type Codes = Uint8Array | Uint16Array | Uint32Array;

/** Share of a store's rows with a dictionary entry of their own above which the entries are taken without a lookup. */
const DIRECT_SHARE = 0.5;
/**
 * A gathered column that fewer than one row in SPARSE_BELOW has is kept sparse (its rows listed,
 * property-store.ts `rowsAt`): the bundled data's own keys (`from`, `to`, `figure_qualifiers.*`, …)
 * under a 300k-row import were ~30 columns of a byte a row, ~9 MB on the page.
 */
export const SPARSE_BELOW = 16;

/**
 * Out row r is row `local[r]` of `stores[part[r]]` (a null store: the row has no properties of
 * that level). Every key keeps its first-seen order across the stores; each store's dictionary is
 * mapped onto the merged one once per entry, so the cost is one pass over the rows per key.
 * `derived` gives the merged store's derived keys (e.g. `id` from the merged id column); a row
 * flagged derived in its store stays flagged. `replace` gives new values for a key (a primitive
 * for each out row), kept only on the rows that had the key: e.g. an import's `layer_key`, which
 * the merge renames. `held`: the rows of the parts flagged there get no value of the keys named
 * in `paths` (`key`, or `key.nested` inside a key's nested store): their values stay with the
 * parts (the data worker's, read back by row: held-text.ts); each key keeps its place.
 */
export function gatherStores(
  stores: readonly (PropertyStore | null)[],
  part: ArrayLike<number>,
  local: ArrayLike<number>,
  rows: number,
  derived: Record<string, (row: number) => unknown> = {},
  replace: Record<string, (row: number) => string | number> = {},
  held?: Held,
): PropertyStore {
  const keys: string[] = [];
  const byKey = new Map<string, (StoredColumn | undefined)[]>();
  stores.forEach((s, p) => {
    for (const c of s?.storedColumns ?? []) {
      let list = byKey.get(c.key);
      if (!list) {
        list = new Array<StoredColumn | undefined>(stores.length);
        byKey.set(c.key, list);
        keys.push(c.key);
      }
      list[p] = c;
    }
  });
  const columns: StoredColumn[] = keys.map((key) => {
    let src = byKey.get(key) as (StoredColumn | undefined)[];
    if (held?.paths.includes(key)) src = src.map((c, p) => (held.parts[p] ? undefined : c));
    const inner = held?.paths.filter((p) => p.startsWith(`${key}.`)).map((p) => p.slice(key.length + 1));
    const by = replace[key];
    return by
      ? replaced(key, src, part, local, rows, by)
      : gatherColumn(
          key,
          src,
          part,
          local,
          rows,
          derived[key] ?? null,
          held && inner?.length ? { parts: held.parts, paths: inner } : undefined,
        );
  });
  return new PropertyStore(rows, columns);
}

/** Parts (by index: 1 = held) whose rows leave the values of `paths` out of the gathered store. */
export interface Held {
  parts: ArrayLike<number>;
  paths: readonly string[];
}

function gatherColumn(
  key: string,
  src: readonly (StoredColumn | undefined)[],
  part: ArrayLike<number>,
  local: ArrayLike<number>,
  rows: number,
  derived: ((row: number) => unknown) | null,
  held?: Held,
): StoredColumn {
  const values: unknown[] = [];
  const json: number[] = [];
  const primitives = new Map<unknown, number>();
  const texts = new Map<string, number>();
  // remap[p][c] = merged code of store p's code c (0 stays 0).
  const remap = src.map((c) => {
    if (!c) return null;
    const cv = allValues(c);
    const m = new Uint32Array(cv.length + 1);
    // A dictionary of nearly one entry a row (distinct values: ids, notes) is appended as it is:
    // looking each up would cost a Map entry a row for a rare repeat.
    if (cv.length > DIRECT_SHARE * c.codes.length) {
      for (let i = 0; i < cv.length; i++) {
        values.push(cv[i]);
        json.push(c.json[i]);
        m[i + 1] = values.length;
      }
      return m;
    }
    for (let i = 0; i < cv.length; i++) {
      const v = cv[i];
      const isJson = c.json[i] === 1;
      const seen = isJson ? texts : primitives;
      let code = isJson ? texts.get(v as string) : primitives.get(v);
      if (code === undefined) {
        values.push(v);
        json.push(isJson ? 1 : 0);
        code = values.length;
        (seen as Map<unknown, number>).set(v, code);
      }
      m[i + 1] = code;
    }
    return m;
  });
  const codes: Codes =
    values.length > 0xffff
      ? new Uint32Array(rows)
      : values.length > 0xff
        ? new Uint16Array(rows)
        : new Uint8Array(rows);
  const anyPresent = src.some((c) => c?.present);
  const anySpecial = src.some((c) => c?.special);
  const anyShapes = src.some((c) => c?.shapeCodes);
  const present = anyPresent ? new Uint8Array(rows) : null;
  const special = anySpecial ? new Uint8Array(rows) : null;
  const shapeCodes = anyShapes ? new Uint32Array(rows) : null;
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const shapeRemap = src.map((c) =>
    c?.shapeCodes
      ? Uint32Array.from(c.shapes, (keys) => {
          const name = keys.join('\u0000');
          let code = shapeIndex.get(name);
          if (code === undefined) {
            code = shapes.push(keys) - 1;
            shapeIndex.set(name, code);
          }
          return code;
        })
      : null,
  );
  for (let r = 0; r < rows; r++) {
    const p = part[r];
    const c = src[p];
    if (!c) continue;
    const l = c.rowsAt ? slotOf(c, local[r]) : local[r];
    if (l < 0) continue;
    const code = c.codes[l];
    if (code) codes[r] = (remap[p] as Uint32Array)[code];
    if (present && c.present) present[r] = c.present[l];
    if (special && c.special) {
      special[r] = c.special[l];
      if (shapeCodes && c.shapeCodes && c.special[l] !== DERIVED && c.special[l])
        shapeCodes[r] = (shapeRemap[p] as Uint32Array)[c.shapeCodes[l]];
    }
  }
  const nested = anyPresent
    ? gatherStores(
        src.map((c) => c?.nested ?? null),
        part,
        local,
        rows,
        {},
        {},
        held,
      )
    : null;
  return sparse({
    key,
    codes,
    values,
    json: Uint8Array.from(json),
    nested,
    present,
    special,
    derived,
    shapeCodes,
    shapes,
  });
}

/** The column made sparse when fewer than one row in SPARSE_BELOW has a value (the nested store, by outer rows, is left as it is). */
export function sparse(col: StoredColumn): StoredColumn {
  const { codes, present, special, shapeCodes } = col;
  const rows = codes.length;
  const has = (r: number): boolean =>
    codes[r] !== 0 || (present !== null && present[r] !== 0) || (special !== null && special[r] !== 0);
  let n = 0;
  for (let r = 0; r < rows; r++) if (has(r)) n++;
  if (rows === 0 || n * SPARSE_BELOW >= rows) return col;
  const rowsAt = new Uint32Array(n);
  for (let r = 0, i = 0; r < rows; r++) if (has(r)) rowsAt[i++] = r;
  const pick = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    for (let i = 0; i < n; i++) out[i] = a[rowsAt[i]];
    return out;
  };
  return {
    ...col,
    codes: pick(codes),
    present: present && pick(present),
    special: special && pick(special),
    shapeCodes: shapeCodes && pick(shapeCodes),
    rowsAt,
  };
}

/** A key's column with each row's value given by `by` (rows that had no value keep none). */
function replaced(
  key: string,
  src: readonly (StoredColumn | undefined)[],
  part: ArrayLike<number>,
  local: ArrayLike<number>,
  rows: number,
  by: (row: number) => string | number,
): StoredColumn {
  const values: unknown[] = [];
  const index = new Map<unknown, number>();
  const raw = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) {
    const c = src[part[r]];
    const l = c ? slotOf(c, local[r]) : -1;
    if (!c || l < 0 || !(c.codes[l] || c.present?.[l] || c.special?.[l])) continue;
    const v = by(r);
    let code = index.get(v);
    if (code === undefined) {
      code = values.push(v);
      index.set(v, code);
    }
    raw[r] = code;
  }
  const codes: Codes =
    values.length > 0xffff ? raw : values.length > 0xff ? Uint16Array.from(raw) : Uint8Array.from(raw);
  return sparse({
    key,
    codes,
    values,
    json: new Uint8Array(values.length),
    nested: null,
    present: null,
    special: null,
    derived: null,
    shapeCodes: null,
    shapes: [],
  });
}
