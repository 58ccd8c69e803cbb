// The long-lived point marks drawn as rings (facilities, deployments' points) as sets the density model bins with the strikes.
import type { Dataset } from '../../core/columnar/dataset';
import { DEPLOYMENT_LINE, FACILITY_COLOR, type RGBA } from '../../core/config';
import { emptyPointSet, type PointSet } from './point-sets';
import type { PreparedLayer } from './prepare-data';

/** A ring's radius in pixels (kind-layers.ts pointLayers draws them at 9 px, never scaled down). */
export const RING_RADIUS_PX = 9;

/** Whether a layer's marks are rings the density model bins (and the map hides while it draws hexagons or the heatmap). */
export const isBinnedRingLayer = (pl: PreparedLayer): boolean =>
  pl.def.kind !== 'strike' && !pl.windowed && pl.marks.length > 0;

/** The colour a ring layer's share of a hexagon is shown in: the ring's own, as the map and the key draw it (kind-layers.ts, legend.ts). */
export const ringColor = (pl: PreparedLayer): RGBA => (pl.def.kind === 'facility' ? FACILITY_COLOR : DEPLOYMENT_LINE);

/**
 * A ring layer's marks as a PointSet the bins read (bins.ts): every mark in the ranged part, by
 * start day, so a window's range (markRange) holds the marks starting by its end, and the bins'
 * `end >= from` test keeps those still on: the marks the GPU time filter shows in that window
 * (time-filter.ts: start ≤ to and end ≥ from). Made once per dataset; no GPU buffers.
 */
export function ringBinSet(ds: Dataset, pl: PreparedLayer): PointSet {
  const { start, end } = ds.columns;
  const marks = [...pl.marks].sort((a, b) => start[a.item.index] - start[b.item.index] || a.item.index - b.item.index);
  const n = marks.length;
  // Every mark in the ranged part (instantCount 0); the bins read rows, starts, positions and radii.
  const set = emptyPointSet(n, 0);
  set.radius.fill(RING_RADIUS_PX);
  marks.forEach((m, k) => {
    const row = m.item.index;
    set.row[k] = row;
    set.start[k] = start[row];
    // (Days as numbers: an open end minus a timeless start is past Int32, and no harm here.)
    set.maxDuration = Math.max(set.maxDuration, end[row] - start[row]);
    set.positions[2 * k] = m.position[0];
    set.positions[2 * k + 1] = m.position[1];
  });
  return set;
}
