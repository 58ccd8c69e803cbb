// Pure: the view that fits a story step's bounds into the part of the map its card leaves free, at any map size.
import type { Padding, View } from '../../app/store';

/** West, south, east, north in degrees (west < east: no step spans the antimeridian). */
export type Bounds = [number, number, number, number];

/** Pixels kept clear round the bounds inside the free part of the map. */
const MARGIN = 24;
/** MapLibre's and deck.gl's world at zoom 0: 512 pixels. */
const WORLD = 512;
const MAX_LAT = 85.0511;

const mercX = (lon: number): number => (lon + 180) / 360;
const mercY = (lat: number): number => {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const latOf = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * The view that shows all of `bounds` in a map of `width` × `height` pixels less `padding` (the
 * story card), with MARGIN pixels round it: its centre is the bounds' centre in Web Mercator (the
 * camera centres it in the padded part), its zoom the largest that fits, never above `maxZoom`.
 * A map too small to measure keeps `fallback`.
 */
export function fitStepView(
  bounds: Bounds,
  size: { width: number; height: number },
  padding: Padding,
  fallback: View,
  maxZoom = fallback.zoom,
): View {
  const [w, s, e, n] = bounds;
  const freeW = size.width - padding.left - padding.right - 2 * MARGIN;
  const freeH = size.height - padding.top - padding.bottom - 2 * MARGIN;
  if (!(freeW > 0 && freeH > 0)) return { ...fallback };
  const dx = mercX(e) - mercX(w);
  const dy = mercY(s) - mercY(n);
  const zoom = Math.min(maxZoom, Math.log2(Math.min(freeW / (dx * WORLD), freeH / (dy * WORLD))));
  const lat = latOf((mercY(s) + mercY(n)) / 2);
  return { lat: round(lat), lon: round((w + e) / 2), zoom: Math.max(0, round(zoom)) };
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** True when `b` is [west, south, east, north] inside the world with west < east and south < north. */
export function boundsOk(b: unknown): b is Bounds {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) return false;
  const [w, s, e, n] = b as number[];
  return w >= -180 && e <= 180 && w < e && s >= -MAX_LAT && n <= MAX_LAT && s < n;
}
