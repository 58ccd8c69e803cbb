// Per-feature keys computed at load: its layer key and its anchor point (shared by the columns and the dataset).
import type { AtlasFeature } from '../schema/schema';
import { bundledLayerKey } from '../schema/layers';

/** The key of the layer a feature belongs to: `layer_key` (imported data) or the bundled layer of its kind. */
export function layerKeyOf(feature: AtlasFeature): string {
  const p = feature.properties as AtlasFeature['properties'] & { layer_key?: unknown };
  return typeof p.layer_key === 'string' ? p.layer_key : (bundledLayerKey(p.layer) ?? String(p.layer));
}

/** A representative point: the Point itself, else the centre of the geometry's bounding box; NaN, NaN for a feature not placed (null geometry). */
export function anchorOf(feature: AtlasFeature): [number, number] {
  const g = feature.geometry;
  if (g === null) return [NaN, NaN];
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1] as number);
      maxY = Math.max(maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) visit('coordinates' in x ? x.coordinates : []);
  else visit(g.coordinates);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
