// The point marks a window draws as dots, as screen circles, when they are few: what the names move off (map and exports alike).
import type { Dataset } from '../../core/columnar/dataset';
import { KINDS } from '../../core/columnar/columns';
import { windowView } from '../../core/columnar/window-query';
import type { DayRange } from '../../core/time/window';
import { FEW_MARKS, strikeRadiusPx } from '../../core/style';
import type { AggMode } from '../../app/agg-mode';
import { maxStrikeMagnitude } from './point-sets';
import { drawnAsRegion } from './region-layers';
import { RING_RADIUS_PX } from './ring-sources';

/** A mark on the screen: its centre and radius in CSS pixels. */
export interface MarkCircle {
  x: number;
  y: number;
  r: number;
}

const maxMagnitudes = new WeakMap<Dataset, number>();
function maxMagnitudeOf(ds: Dataset): number {
  let m = maxMagnitudes.get(ds);
  if (m === undefined) {
    m = maxStrikeMagnitude(ds);
    maxMagnitudes.set(ds, m);
  }
  return m;
}

/**
 * The point marks of the window on shown layers that pass `mask`, as circles at the size they are
 * drawn: strikes by their figures (strikeRadiusPx, full size as a window of FEW_MARKS or fewer
 * draws them), facilities' and deployments' rings RING_RADIUS_PX. None when the window holds more
 * than FEW_MARKS (then the names ride over dense data, or its hexagons) or when the points are drawn
 * as hexagons or a heatmap; `auto` draws so few as dots (agg-mode.ts: AUTO_CROWDED_MIN).
 */
export function pointMarkCircles(
  ds: Dataset,
  win: DayRange,
  layers: readonly string[],
  mask: Uint8Array | null,
  agg: AggMode,
  project: (lonLat: [number, number]) => [number, number],
): MarkCircle[] {
  if (agg === 'hexagons' || agg === 'heatmap') return [];
  const view = windowView(ds, win, layers, mask);
  if (view.count === 0 || view.count > FEW_MARKS) return [];
  const c = ds.columns;
  const strike = KINDS.indexOf('strike');
  const max = maxMagnitudeOf(ds);
  const out: MarkCircle[] = [];
  for (const row of view.rows()) {
    // Points only (a null geometry is not on the map; areas and links are not marks), not regions' rows.
    const g = c.geometries.get(row);
    if (g === null || (g && g.type !== 'Point' && g.type !== 'MultiPoint') || drawnAsRegion(ds, row)) continue;
    const [x, y] = project([c.lon[row], c.lat[row]]);
    out.push({ x, y, r: c.kind[row] === strike ? strikeRadiusPx(c.magnitude[row], max) : RING_RADIUS_PX });
  }
  return out;
}

/**
 * How far inside the marks wider than a facility's ring a point (a place's anchor) lies: the gap its
 * name needs to clear them (0 when none covers it). A ring's own name sits just beside it, as it
 * always has (Hamhung's; pushed further, at the map's edge it took NORTH KOREA's only spot).
 */
export function ownMarkClearance(circles: readonly MarkCircle[]): (x: number, y: number) => number {
  const own = circles.filter((m) => m.r > RING_RADIUS_PX);
  return (x, y) => {
    let d = 0;
    for (const m of own) d = Math.max(d, m.r - Math.hypot(m.x - x, m.y - y));
    return d;
  };
}
