// Decoded Parquet row groups as the columns' RowSource: days and ids read straight from the columns, each row's feature made only when asked.
import { OPEN_DAY, type RowSource } from '../columnar/columns';
import type { AtlasFeature } from '../schema/schema';
import { featureOfRow, type PublishedRow } from './row-codec';
import type { DecodedGroup } from './reader-protocol';

/**
 * The rows of decoded row groups (in the order given) for buildColumnsFrom, which sorts them by
 * (start, id) and asks for each row's feature once, in that order, then drops it:
 *
 *   groups:  [g0: rows 0‥4095] [g1: rows 0‥4095] …      row i = (group of i, row in it)
 *   start:   the `start` column as Int32 day numbers      (no ISO text made and parsed back)
 *   end:     the `end` column, NULL → OPEN_DAY
 *   feature: featureOfRow of that one row (row-codec.ts), made when asked, never kept
 *
 * So the worker never holds a feature per row (the old path made them all first: their garbage
 * and the days' round trip through text were ~⅓ of its time). Published rows always have a start
 * day (timeless features are not published: scripts/publish/publish.ts).
 */
export function groupRows(
  m: { layers: readonly { key: string; kind: AtlasFeature['properties']['layer'] }[] },
  groups: readonly DecodedGroup[],
): RowSource {
  let n = 0;
  for (const g of groups) n += g.rows;
  const groupOf = new Uint32Array(n);
  const rowIn = new Uint32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let at = 0;
  groups.forEach((g, k) => {
    const s = g.columns.start as Float64Array;
    const e = g.columns.end as Float64Array;
    for (let j = 0; j < g.rows; j++, at++) {
      groupOf[at] = k;
      rowIn[at] = j;
      start[at] = s[j];
      end[at] = Number.isNaN(e[j]) ? OPEN_DAY : e[j];
    }
  });
  // Per group, its number columns and its other columns apart, so that copying a row into `row`
  // reads one kind of array per loop (one loop over both kinds was the worker's costliest line).
  const plans = groups.map((g) => {
    const numbers: [string, Float64Array][] = [];
    const others: [string, (string | boolean | null)[]][] = [];
    for (const [k, a] of Object.entries(g.columns)) {
      if (a instanceof Float64Array) numbers.push([k, a]);
      else others.push([k, a]);
    }
    return { numbers, others, layer: g.columns.layer as Float64Array };
  });
  // Rows of a day often cite the same sources: parse each distinct text once (the columns keep
  // sources as text and never hand the parsed value out shared).
  const parsed = new Map<string, unknown>();
  const parseSources = (text: string): unknown => {
    let v = parsed.get(text);
    if (v === undefined) {
      if (parsed.size > 5000) parsed.clear();
      v = JSON.parse(text);
      parsed.set(text, v);
    }
    return v;
  };
  // One row object per group, reused for its rows (groups of different files may hold different columns).
  const rowOf = groups.map((): PublishedRow => ({}));
  return {
    n,
    start,
    end,
    id: (i) => (groups[groupOf[i]].columns.id as string[])[rowIn[i]],
    feature(i) {
      const k = groupOf[i];
      const j = rowIn[i];
      const row = rowOf[k];
      const { numbers, others, layer } = plans[k];
      for (const [name, a] of numbers) {
        const v = a[j];
        row[name] = Number.isNaN(v) ? null : v;
      }
      for (const [name, a] of others) row[name] = a[j];
      const l = m.layers[layer[j]];
      return featureOfRow(row, l.key, l.kind, parseSources);
    },
  };
}
