// Pure: the deck.gl camera with MapLibre's padding — a view's centre is the middle of the part of the map the padding leaves.
import { WebMercatorViewport, type MapViewState } from '@deck.gl/core';
import type { Padding } from '../../app/camera';

/** A camera position: the centre of the part of the map the padding leaves, as MapLibre's `getCenter()` with padding. */
export interface Pose {
  lon: number;
  lat: number;
  zoom: number;
  padding: Padding;
}

/** deck.gl's view state (centred in the whole canvas) for a pose of a `width` × `height` map. */
export function viewStateFor(p: Pose, width: number, height: number): MapViewState {
  const dx = (p.padding.left - p.padding.right) / 2;
  const dy = (p.padding.top - p.padding.bottom) / 2;
  if (!dx && !dy) return { longitude: p.lon, latitude: p.lat, zoom: p.zoom, pitch: 0, bearing: 0 };
  const vp = new WebMercatorViewport({ width, height, longitude: p.lon, latitude: p.lat, zoom: p.zoom });
  const [longitude, latitude] = vp.unproject([width / 2 - dx, height / 2 - dy]);
  return { longitude, latitude, zoom: p.zoom, pitch: 0, bearing: 0 };
}

/** The pose a view state shows with `padding` (the inverse of viewStateFor). */
export function poseOf(vs: MapViewState, padding: Padding, width: number, height: number): Pose {
  const dx = (padding.left - padding.right) / 2;
  const dy = (padding.top - padding.bottom) / 2;
  if (!dx && !dy) return { lon: vs.longitude, lat: vs.latitude, zoom: vs.zoom, padding };
  const vp = new WebMercatorViewport({ width, height, longitude: vs.longitude, latitude: vs.latitude, zoom: vs.zoom });
  const [lon, lat] = vp.unproject([width / 2 + dx, height / 2 + dy]);
  return { lon, lat, zoom: vs.zoom, padding };
}

/** MapLibre's latitude limit (Web Mercator's square world). */
const MAX_LAT = 85.051129;
const TILE = 512;
const worldX = (lon: number, ws: number): number => ((lon + 180) / 360) * ws;
const worldY = (lat: number, ws: number): number => {
  const s = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * ws;
};
const lonOf = (x: number, ws: number): number => (x / ws) * 360 - 180;
const latOf = (y: number, ws: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / ws))) * 180) / Math.PI;

/**
 * MapLibre's camera constraint with `renderWorldCopies: false` (mercator_transform.ts
 * `defaultConstrain`), which the app's map and the pictures have: the part of the map the padding
 * leaves never shows beyond the world's edges — where the world is narrower or lower than it, the
 * zoom goes up until it fills it; else the centre moves in until it does.
 */
export function constrainPose(p: Pose, width: number, height: number): Pose {
  if (![p.lon, p.lat, p.zoom].every(Number.isFinite)) return p; // nothing to keep inside: the caller refuses it
  const screenW = width - p.padding.left - p.padding.right;
  const screenH = height - p.padding.top - p.padding.bottom;
  let ws = TILE * 2 ** p.zoom;
  const minX = worldX(-(180 - 1e-10), ws);
  const maxX = worldX(180 - 1e-10, ws);
  const scaleX = maxX - minX < screenW ? screenW / (maxX - minX) : 0;
  const scaleY = ws < screenH ? screenH / ws : 0;
  const scale = Math.max(scaleX, scaleY);
  if (scale) {
    const x = scaleX ? (minX + maxX) / 2 : worldX(p.lon, ws);
    const y = scaleY ? ws / 2 : worldY(p.lat, ws);
    return { ...p, lon: lonOf(x, ws), lat: latOf(y, ws), zoom: p.zoom + Math.log2(scale) };
  }
  let x = worldX(p.lon, ws);
  let y = worldY(p.lat, ws);
  const w2 = screenW / 2;
  const h2 = screenH / 2;
  if (y - h2 < 0) y = h2;
  if (y + h2 > ws) y = ws - h2;
  if (x - w2 < minX) x = minX + w2;
  if (x + w2 > maxX) x = maxX - w2;
  ws = TILE * 2 ** p.zoom;
  return { ...p, lon: lonOf(x, ws), lat: latOf(y, ws) };
}

/** MapLibre's zoom limits, which the app's map (and the pictures) have. */
export function clampZoom(z: number): number {
  return Math.min(22, Math.max(0, z));
}
