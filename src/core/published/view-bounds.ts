// The lon/lat box a map view shows, from its centre, zoom and size in CSS pixels (Web Mercator, 512-px tiles as MapLibre).
import type { Bbox } from './manifest';

const TILE = 512;

const mercY = (lat: number): number =>
  Math.log(Math.tan(Math.PI / 4 + (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 360));
const latOf = (y: number): number => (Math.atan(Math.sinh(y)) * 180) / Math.PI;

/**
 * The box a view of `width` × `height` pixels centred on (lon, lat) at `zoom` shows, widened by
 * `margin` (a fraction of the size on each side) so a small pan does not fetch anew. Clamped to the world.
 */
export function viewBounds(
  view: { lon: number; lat: number; zoom: number },
  width: number,
  height: number,
  margin = 0.25,
): Bbox {
  const worldPx = TILE * 2 ** view.zoom;
  const halfW = (width * (0.5 + margin) * 360) / worldPx;
  const halfH = (height * (0.5 + margin) * 2 * Math.PI) / worldPx;
  const y = mercY(view.lat);
  return [
    Math.max(-180, view.lon - halfW),
    Math.max(-90, latOf(y - halfH)),
    Math.min(180, view.lon + halfW),
    Math.min(90, latOf(y + halfH)),
  ];
}
