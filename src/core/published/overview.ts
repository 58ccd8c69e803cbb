// Pure: the overview's events per grid cell for a window and the layers shown, summed from the manifest's per-day cell counts.
import type { DayRange } from '../time/window';
import type { DecodedGroup } from './reader-protocol';

/** Cells with events: centres, counts, and the cell size. */
export interface OverviewCells {
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  count: Float64Array;
  max: number;
  total: number;
  cellDeg: number;
  /** Per cell, the colour group (`groupOf` of its layers) with the most events in it; ties go to the lower group. */
  top: Int32Array;
}

/**
 * Sums the overview rows (start = day, cx, cy, layer, n) of days in `win` and enabled layers, per
 * cell. `groupOf` maps a layer index to its colour group (layers of one category share one; default:
 * each layer its own), so each cell can be drawn in the colour of what happens most in it.
 */
export function overviewCells(
  groups: readonly DecodedGroup[],
  win: DayRange,
  layerOn: readonly boolean[],
  cellDeg: number,
  groupOf: readonly number[] = layerOn.map((_, i) => i),
): OverviewCells {
  const sums = new Map<number, number>();
  const nGroups = groupOf.reduce((m, g) => Math.max(m, g + 1), 1);
  const perGroup = new Map<number, Float64Array>();
  let total = 0;
  for (const g of groups) {
    const day = g.columns.start as Float64Array;
    const cx = g.columns.cx as Float64Array;
    const cy = g.columns.cy as Float64Array;
    const layer = g.columns.layer as Float64Array;
    const n = g.columns.n as Float64Array;
    for (let i = 0; i < g.rows; i++) {
      if (day[i] < win.from || day[i] > win.to || !layerOn[layer[i]]) continue;
      const key = cy[i] * 65536 + cx[i];
      sums.set(key, (sums.get(key) ?? 0) + n[i]);
      let pg = perGroup.get(key);
      if (!pg) {
        pg = new Float64Array(nGroups);
        perGroup.set(key, pg);
      }
      pg[groupOf[layer[i]] ?? 0] += n[i];
      total += n[i];
    }
  }
  const size = sums.size;
  const out: OverviewCells = {
    n: size,
    lon: new Float64Array(size),
    lat: new Float64Array(size),
    count: new Float64Array(size),
    max: 0,
    total,
    cellDeg,
    top: new Int32Array(size),
  };
  let k = 0;
  for (const [key, c] of sums) {
    out.lon[k] = -180 + ((key % 65536) + 0.5) * cellDeg;
    out.lat[k] = -90 + (Math.floor(key / 65536) + 0.5) * cellDeg;
    out.count[k] = c;
    const pg = perGroup.get(key) as Float64Array;
    let best = 0;
    for (let g = 1; g < pg.length; g++) if (pg[g] > pg[best]) best = g;
    out.top[k] = best;
    if (c > out.max) out.max = c;
    k++;
  }
  return out;
}
