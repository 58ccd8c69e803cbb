// Pure: the colour ramp of hexagons and heatmap (count → colour), its stops for the legend.
import type { RGBA } from '../../core/config';

/**
 * ColorBrewer's YlOrRd, 6 classes: sequential, colour-blind safe and printable, from pale yellow
 * to a deep red that stays well clear of black, so the busiest places read as the darkest red and
 * never as a black mass.
 */
export const RAMP: readonly [number, number, number][] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/**
 * Where a count sits on the ramp, 0..1: logarithmic, since a few cities hold most events — a
 * linear scale would leave everything else the palest yellow. 1 event → 0, `max` → 1.
 */
export function rampT(count: number, max: number): number {
  if (!(count > 0) || !(max > 1)) return count > 0 ? 1 : 0;
  return Math.min(1, Math.log(count) / Math.log(max));
}

/** The ramp's colour at t (0..1), linearly between its stops. */
export function rampColor(t: number, alpha = 255): RGBA {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
    alpha,
  ];
}

/** The counts the legend labels along the ramp: 1, a middle value and the largest (log-spaced). */
export function rampTicks(max: number): number[] {
  if (max <= 1) return [1];
  const mid = Math.round(Math.sqrt(max));
  return [...new Set([1, mid, max])];
}

/** Fills a colour per bin into `out` (RGBA bytes), for counts against the domain's largest. */
export function binColors(counts: Uint32Array, max: number, alpha: number): Uint8Array {
  const out = new Uint8Array(counts.length * 4);
  for (let i = 0; i < counts.length; i++) out.set(rampColor(rampT(counts[i], max), alpha), i * 4);
  return out;
}
