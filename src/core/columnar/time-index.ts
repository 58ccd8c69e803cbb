// The sorted time index: which rows a window shows, how many per layer, and the histogram — by binary search.
import type { DayRange, Span } from '../time/window';
import type { Histogram } from '../time/histogram';
import { lowerBound, mergeSortedRuns, upperBound } from './sorted-search';
import type { EventColumns } from './columns';

/**
 * Rows whose [start, end] is at most this many days long are "short" and found by binary search
 * on start; longer or open-ended ones (facilities, deployments, a year-long range) are "long" and
 * few, and are checked one by one.
 */
export const SHORT_MAX_DAYS = 62;

/**
 * A row overlaps the window [from, to] when start <= to and end >= from. Short rows are sorted by
 * start and last at most `maxDuration` days, so the rows that can overlap are contiguous:
 *
 *   start:  … | from-maxDuration … from-1 | from ……………… to | to+1 …
 *               lookback: overlap if end >= from | all overlap  | none
 *
 * With instantaneous events (maxDuration 0) the lookback is empty and the window is one range.
 */
export interface RowIndex {
  /** Short rows, ascending. */
  short: Uint32Array;
  /** Their start days (ascending). */
  shortStart: Int32Array;
  /** Longest (end - start) among short rows; 0 when every one is a single day. */
  maxDuration: number;
  /** Long and open-ended rows, ascending. */
  long: Uint32Array;
}

/**
 * Builds the index of some rows (ascending) of the columns. Indexed loops over local arrays: it
 * runs once per layer when a dataset arrives, too few times for the engine to optimise a `for…of`
 * (at 300k imported rows that took ~50 ms of the task that makes the dataset).
 */
export function buildRowIndex(c: EventColumns, rows: Uint32Array): RowIndex {
  const { start, end } = c;
  const n = rows.length;
  const shortAll = new Uint32Array(n);
  const long: number[] = [];
  let s = 0;
  let maxDuration = 0;
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    const d = end[r] - start[r];
    if (d <= SHORT_MAX_DAYS) {
      shortAll[s++] = r;
      if (d > maxDuration) maxDuration = d;
    } else long.push(r);
  }
  const short = s === n ? shortAll : shortAll.slice(0, s);
  const shortStart = new Int32Array(s);
  for (let k = 0; k < s; k++) shortStart[k] = start[short[k]];
  return { short, shortStart, maxDuration, long: Uint32Array.from(long) };
}

/** Positions in `short` for a window: [lookback, exact) may overlap (check end), [exact, hi) all do. */
export function shortRange(ix: RowIndex, win: DayRange): { lookback: number; exact: number; hi: number } {
  const hi = upperBound(ix.shortStart, win.to);
  const exact = Math.min(hi, lowerBound(ix.shortStart, win.from));
  const lookback =
    ix.maxDuration > 0 ? Math.min(exact, lowerBound(ix.shortStart, win.from - ix.maxDuration, 0, exact)) : exact;
  return { lookback, exact, hi };
}

/**
 * How many rows of an index overlap the window (and pass the mask, by row, when given).
 * Binary search for the exact part; only lookback and long rows are looked at one by one.
 */
export function countInWindow(c: EventColumns, ix: RowIndex, win: DayRange, passes?: Uint8Array | null): number {
  const { lookback, exact, hi } = shortRange(ix, win);
  let n = 0;
  if (passes) {
    for (let k = exact; k < hi; k++) n += passes[ix.short[k]];
  } else n = hi - exact;
  for (let k = lookback; k < exact; k++) {
    const r = ix.short[k];
    if (c.end[r] >= win.from && (!passes || passes[r])) n++;
  }
  for (const r of ix.long) if (c.start[r] <= win.to && c.end[r] >= win.from && (!passes || passes[r])) n++;
  return n;
}

/**
 * The rows that pass (mask 1), in their order: counted, then copied, in plain loops (a filter with
 * a callback took ~20 ms over a million rows a search keystroke).
 */
function passing(rows: Uint32Array, passes: Uint8Array): Uint32Array {
  let n = 0;
  for (let k = 0; k < rows.length; k++) n += passes[rows[k]];
  const out = new Uint32Array(n);
  for (let k = 0, o = 0; o < n; k++) {
    const r = rows[k];
    if (passes[r] === 1) out[o++] = r;
  }
  return out;
}

/** The rows of an index that overlap the window (and pass the mask), ascending. */
export function rowsInWindow(c: EventColumns, ix: RowIndex, win: DayRange, passes?: Uint8Array | null): Uint32Array {
  const { lookback, exact, hi } = shortRange(ix, win);
  const before: number[] = [];
  for (let k = lookback; k < exact; k++) {
    const r = ix.short[k];
    if (c.end[r] >= win.from && (!passes || passes[r])) before.push(r);
  }
  let middle = ix.short.subarray(exact, hi);
  if (passes) middle = passing(middle, passes);
  const long: number[] = [];
  for (const r of ix.long) if (c.start[r] <= win.to && c.end[r] >= win.from && (!passes || passes[r])) long.push(r);
  const shortRows = before.length ? mergeSortedRuns([Uint32Array.from(before), middle]) : middle;
  return long.length ? mergeSortedRuns([shortRows, Uint32Array.from(long)]) : Uint32Array.from(shortRows);
}

/**
 * Events per bin by start day, like time/histogram.ts's `histogram` but from the sorted start
 * column: one binary search per bin edge instead of a pass over every row.
 */
export function histogramSorted(sortedStart: Int32Array, span: Span, binCount: number): Histogram {
  const bins = Math.max(1, Math.floor(binCount));
  const days = span.end - span.start + 1;
  const binDays = days / bins;
  const counts = new Uint32Array(bins);
  const binOfDay = (d: number): number => Math.min(bins - 1, Math.floor((d - span.start) / binDays));
  // First day of bin b: the least day d >= span.start with binOfDay(d) >= b.
  const firstDay = (b: number): number => {
    let d = span.start + Math.max(0, Math.floor(b * binDays) - 1);
    while (binOfDay(d) < b) d++;
    return d;
  };
  let max = 0;
  let from = lowerBound(sortedStart, span.start);
  const end = upperBound(sortedStart, span.end);
  for (let b = 0; b < bins; b++) {
    const to = b === bins - 1 ? end : Math.min(end, lowerBound(sortedStart, firstDay(b + 1), from, end));
    counts[b] = to - from;
    if (counts[b] > max) max = counts[b];
    from = to;
  }
  return { start: span.start, binDays, counts, max };
}
