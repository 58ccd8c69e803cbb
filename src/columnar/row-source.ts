// Rows the columns are built from, whatever holds them: day columns and ids up front, each row's feature on demand.
import type { AtlasFeature } from '../data/schema';

/**
 * `start`/`end` are day numbers by input row (TIMELESS_DAY and OPEN_DAY as in EventColumns);
 * `feature(i)` may build the feature for that call only (from a property store), so that no
 * object per row need be kept.
 */
export interface RowSource {
  n: number;
  start: Int32Array;
  end: Int32Array;
  id(i: number): string;
  feature(i: number): AtlasFeature;
}

/** Several sources end to end: row i of the whole is row i - offset of one of them. */
export function concatRows(sources: readonly RowSource[]): RowSource {
  if (sources.length === 1) return sources[0];
  const n = sources.reduce((s, r) => s + r.n, 0);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const which = new Uint16Array(n);
  const offsets: number[] = [];
  let at = 0;
  sources.forEach((r, k) => {
    offsets.push(at);
    start.set(r.start.subarray(0, r.n), at);
    end.set(r.end.subarray(0, r.n), at);
    which.fill(k, at, at + r.n);
    at += r.n;
  });
  return {
    n, start, end,
    id: (i) => sources[which[i]].id(i - offsets[which[i]]),
    feature: (i) => sources[which[i]].feature(i - offsets[which[i]]),
  };
}

/** The rows of `rows` listed in `keep` (ascending input positions), in that order. */
export function pickRows(rows: RowSource, keep: Uint32Array): RowSource {
  if (keep.length === rows.n) return rows;
  return {
    n: keep.length,
    start: Int32Array.from(keep, (i) => rows.start[i]),
    end: Int32Array.from(keep, (i) => rows.end[i]),
    id: (i) => rows.id(keep[i]),
    feature: (i) => rows.feature(keep[i]),
  };
}
