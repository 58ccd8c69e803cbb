// Pure histogram of events per bin over the data's span, drawn behind the time slider.
import type { Span } from './window';

export interface Histogram {
  /** First day of bin 0. */
  start: number;
  /** Days per bin (may be fractional when the span is short). */
  binDays: number;
  counts: Uint32Array;
  max: number;
}

/**
 * Counts events per bin by their start day. Events outside the span are not counted in a bin
 * (the span is built from the data, so that only happens for a caller's own span).
 */
export function histogram(startDays: ArrayLike<number>, span: Span, binCount: number): Histogram {
  const bins = Math.max(1, Math.floor(binCount));
  const days = span.end - span.start + 1;
  const binDays = days / bins;
  const counts = new Uint32Array(bins);
  let max = 0;
  for (let i = 0; i < startDays.length; i++) {
    const d = startDays[i];
    if (d < span.start || d > span.end) continue;
    const b = Math.min(bins - 1, Math.floor((d - span.start) / binDays));
    const c = ++counts[b];
    if (c > max) max = c;
  }
  return { start: span.start, binDays, counts, max };
}

/** The bin a day falls in, clamped to the histogram. */
export function binOf(h: Histogram, day: number): number {
  return Math.max(0, Math.min(h.counts.length - 1, Math.floor((day - h.start) / h.binDays)));
}
