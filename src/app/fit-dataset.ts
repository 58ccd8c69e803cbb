// Fits what the user asked for (a window, layers, a selection) to a dataset: once, for setDataset, applyHash and show.
import type { Dataset } from '../core/columnar/dataset';
import { clampWindow, type DayRange } from '../core/time/window';

/** What is asked for; a part left out is not fitted (and not in the result). */
export interface Wanted {
  window?: DayRange;
  layers?: readonly string[];
  selected?: string | null;
}

/** The parts fitted, and what did not fit (for the caller's warnings). */
export interface Fitted {
  /** The window inside the data's span, its width kept where it fits. */
  window?: DayRange;
  /** The layers the data has, in the data's layer order. */
  layers?: string[];
  /** The selection, or null where the data has no such feature. */
  selected?: string | null;
  /** True when the window reached outside the span and was moved or cut. */
  windowMoved: boolean;
  /** Layer keys the data does not have (left out of `layers`). */
  unknownLayers: string[];
  /** The selection asked for that the data does not have (`selected` is then null). */
  missingSelection: string | null;
}

/**
 * With no dataset yet, everything is kept as asked (a window as given, layers in the given order):
 * nothing can be checked until the data arrive.
 */
export function fitToDataset(ds: Dataset | null, want: Wanted): Fitted {
  const out: Fitted = { windowMoved: false, unknownLayers: [], missingSelection: null };
  if (want.window) {
    const { from, to } = want.window;
    out.window = ds ? clampWindow({ from, to }, ds.span) : { from, to };
    out.windowMoved = !!ds && (out.window.from !== from || out.window.to !== to);
  }
  if (want.layers) {
    const asked = want.layers;
    if (ds) {
      out.unknownLayers = asked.filter((k) => !ds.layerOf.has(k));
      out.layers = ds.layers.map((l) => l.key).filter((k) => asked.includes(k));
    } else out.layers = [...asked];
  }
  if (want.selected !== undefined) {
    const id = want.selected;
    const missing = id !== null && !!ds && !ds.find(id);
    out.selected = missing ? null : id;
    out.missingSelection = missing ? id : null;
  }
  return out;
}

/**
 * The layers to show after the data changed from `prev` to `next`: those shown stay shown, those
 * hidden stay hidden, and layers `prev` did not have (a new import's) are shown.
 */
export function layersAfterChange(shown: readonly string[], prev: Dataset, next: Dataset): string[] {
  return next.layers.filter((l) => shown.includes(l.key) || !prev.layerOf.has(l.key)).map((l) => l.key);
}
