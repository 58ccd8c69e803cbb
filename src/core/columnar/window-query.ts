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
interface RowBins {
  bins: number;
  binDays: number;
  binOf: Uint16Array | Uint32Array;
  /** The start days they were made from. */
  of: Int32Array;
}
const binsOfRows = new WeakMap<Dataset, RowBins>();

/**
 * Each row's histogram bin for `binCount` bins over the dataset's span (`bins` for a row outside
 * it), kept for the dataset until the bin count changes (the histogram's width): a filter change
 * then adds up each row's mask value into its bin.
 */
function rowBins(ds: Dataset, binCount: number): RowBins {
  const bins = Math.max(1, Math.floor(binCount));
  const kept = binsOfRows.get(ds);
  if (kept?.bins === bins && kept.of === ds.columns.start) return kept;
  const { columns: c, span } = ds;
  const binDays = (span.end - span.start + 1) / bins;
  const binOf = bins < 0xffff ? new Uint16Array(c.start.length) : new Uint32Array(c.start.length);
  // The start days come in runs of equal days (ascending, columns.ts): one division a run.
  let day = Number.NaN;
  let bin = bins;
  for (let r = 0; r < binOf.length; r++) {
    const d = c.start[r];
    if (d !== day) {
      day = d;
      bin = d < span.start || d > span.end ? bins : Math.min(bins - 1, Math.floor((d - span.start) / binDays));
    }
    binOf[r] = bin;
  }
  const made = { bins, binDays, binOf, of: c.start };
  binsOfRows.set(ds, made);
  return made;
}

/**
 * Events per bin by start day on the given layers, passing the mask. Without a mask: one binary
 * search per bin edge and layer (histogramSorted). With one: a pass over the enabled layers' rows
 * — once per filter change, not per frame.
 */
export function histogramOf(
  ds: Dataset,
  layers: readonly string[],
  mask: Uint8Array | null,
  binCount: number,
): Histogram {
  if (ds.histogram) return ds.histogram(layers, binCount); // a published dataset: the archive's, not the loaded rows'
  const { columns: c, span } = ds;
  const enabled = ds.layers.map((l) => layers.includes(l.key));
  if (!mask && enabled.every(Boolean)) return histogramSorted(c.start, span, binCount);
  if (mask) {
    // One pass over the enabled layers' rows, each row's bin looked up (rowBins) and its mask value
    // (1 passes, 0 does not) added, without a branch: no copy of the start days per filter change
    // (~35 ms a search keystroke at 1M rows), no division and no unpredictable branch a row (9–14
    // ms; ~2 ms this way).
    const { binDays, bins, binOf } = rowBins(ds, binCount);
    const counts = new Uint32Array(bins + 1); // the last: rows outside the span
    const all = enabled.every(Boolean) && c.rowsOfLayer.reduce((sum, rows) => sum + rows.length, 0) === c.start.length;
    if (all) for (let r = 0; r < binOf.length; r++) counts[binOf[r]] += mask[r];
    else
      for (let i = 0; i < c.rowsOfLayer.length; i++) {
        if (!enabled[i]) continue;
        const rows = c.rowsOfLayer[i];
        for (let k = 0; k < rows.length; k++) counts[binOf[rows[k]]] += mask[rows[k]];
      }
    const shown = counts.subarray(0, bins);
    let max = 0;
    for (let b = 0; b < bins; b++) if (shown[b] > max) max = shown[b];
    return { start: span.start, binDays, counts: shown, max };
  }
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
  const parts = starts.flatMap((s, i) => (enabled[i] ? [histogramSorted(s, span, binCount)] : []));
  const counts = new Uint32Array(Math.max(1, Math.floor(binCount)));
  for (const h of parts) {
    h.counts.forEach((v, b) => {
      counts[b] += v;
    });
  }
  const empty = histogramSorted(new Int32Array(0), span, binCount);
  return { ...empty, counts, max: counts.reduce((m, v) => Math.max(m, v), 0) };
}
