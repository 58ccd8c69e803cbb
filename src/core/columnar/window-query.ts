// What a window shows across a dataset's layers — counts by binary search, rows on demand (memoised by src/app/derived.ts).
import type { Dataset } from './dataset';
import type { DayRange } from '../time/window';
import type { Histogram } from '../time/histogram';
import { countInWindow, histogramSorted, rowsInWindow } from './time-index';
import { mergeSortedRuns } from './sorted-search';

/**
 * The list, the count, the legend and the embed all ask about the same window on every slider
 * step; the app computes it once per (dataset, window, layers, filter mask) and shares it (derived.ts).
 */
export interface WindowView {
  /** Rows shown: on the enabled layers, overlapping the window, passing the mask. */
  count: number;
  /** Rows overlapping the window and passing the mask on each layer (by position in `dataset.layers`), enabled or not. */
  perLayer: Uint32Array;
  /** The rows shown, ascending (start order); made on first call, then kept. */
  rows(): Uint32Array;
}

/** The window's view of the dataset; `mask` is a pass mask by row (the filters), or null. */
export function windowView(
  ds: Dataset,
  win: DayRange,
  layers: readonly string[],
  mask: Uint8Array | null = null,
): WindowView {
  const enabled = ds.layers.map((l) => layers.includes(l.key));
  const perLayer = Uint32Array.from(ds.layerIndex, (ix) => countInWindow(ds.columns, ix, win, mask));
  let count = 0;
  enabled.forEach((on, i) => {
    if (on) count += perLayer[i];
  });
  let rows: Uint32Array | null = null;
  const view: WindowView = {
    count,
    perLayer,
    rows() {
      rows ??= mergeSortedRuns(
        ds.layerIndex.filter((_, i) => enabled[i]).map((ix) => rowsInWindow(ds.columns, ix, win, mask)),
      );
      return rows;
    },
  };
  return view;
}

const layerStarts = new WeakMap<Dataset, Int32Array[]>();

/**
 * Events per bin by start day on the given layers, passing the mask: one binary search per bin
 * edge and layer (histogramSorted). With a mask the layer's start days are filtered first — once
 * per filter change, not per frame.
 */
export function histogramOf(ds: Dataset, layers: readonly string[], mask: Uint8Array | null, bins: number): Histogram {
  if (ds.histogram) return ds.histogram(layers, bins); // a published dataset: the archive's, not the loaded rows'
  const { columns: c, span } = ds;
  const enabled = ds.layers.map((l) => layers.includes(l.key));
  if (!mask && enabled.every(Boolean)) return histogramSorted(c.start, span, bins);
  let starts = layerStarts.get(ds);
  if (!starts) {
    // Plain loops, not Int32Array.from / filter with a callback: at 1M rows a search keystroke's
    // histogram took ~200 ms that way (the first one building these), ~10 ms this way.
    starts = c.rowsOfLayer.map((rows) => {
      const out = new Int32Array(rows.length);
      for (let k = 0; k < rows.length; k++) out[k] = c.start[rows[k]];
      return out;
    });
    layerStarts.set(ds, starts);
  }
  const parts = starts.flatMap((s, i) => {
    if (!enabled[i]) return [];
    if (!mask) return [histogramSorted(s, span, bins)];
    const rows = c.rowsOfLayer[i];
    const kept = new Int32Array(s.length);
    let n = 0;
    for (let k = 0; k < s.length; k++) if (mask[rows[k]] === 1) kept[n++] = s[k];
    return [histogramSorted(kept.subarray(0, n), span, bins)];
  });
  const counts = new Uint32Array(Math.max(1, Math.floor(bins)));
  for (const h of parts) {
    h.counts.forEach((v, b) => {
      counts[b] += v;
    });
  }
  const empty = histogramSorted(new Int32Array(0), span, bins);
  return { ...empty, counts, max: counts.reduce((m, v) => Math.max(m, v), 0) };
}
