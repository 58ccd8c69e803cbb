// Normalises validated features into the app's dataset: day numbers, anchors, layers, span, lookups.
import type { AtlasFeature, LayerKey } from './schema';
import { LAYER_KEY_OF, LAYER_KEYS } from './schema';
import { parseIsoDay } from '../time/days';
import type { Span } from '../time/window';

/** One feature as the app uses it: the GeoJSON feature plus values computed once at load. */
export interface Item {
  /** Index in `Dataset.items` (sorted by start day, then id). */
  index: number;
  feature: AtlasFeature;
  id: string;
  layer: LayerKey;
  startDay: number;
  /** null = still active. */
  endDay: number | null;
  /** Where to put a marker, a label or fly to: the point itself, or the centre of an area's bbox. */
  anchor: [number, number];
}

export interface Dataset {
  items: Item[];
  byId: Map<string, Item>;
  byLayer: Record<LayerKey, Item[]>;
  /** First..last day any feature starts or ends on. */
  span: Span;
  /** Day subtracted from filter values so fp32 keeps day precision. */
  origin: number;
}

/** Builds the dataset. Features must already be valid (see validate-bundled.ts / the importer). */
export function buildDataset(features: AtlasFeature[]): Dataset {
  const items: Item[] = features.map((feature, i) => {
    const p = feature.properties;
    const startDay = parseIsoDay(p.start);
    const endDay = p.end === null ? null : parseIsoDay(p.end);
    if (startDay === null) throw new Error(`feature ${i} (${p.id}): start "${p.start}" is not a YYYY-MM-DD date`);
    if (p.end !== null && endDay === null) throw new Error(`feature ${i} (${p.id}): end "${p.end}" is not a YYYY-MM-DD date`);
    return { index: 0, feature, id: p.id, layer: LAYER_KEY_OF[p.layer], startDay, endDay, anchor: anchorOf(feature) };
  });
  items.sort((a, b) => a.startDay - b.startDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  items.forEach((it, i) => (it.index = i));
  const byId = new Map(items.map((it) => [it.id, it]));
  const byLayer = Object.fromEntries(LAYER_KEYS.map((k) => [k, items.filter((it) => it.layer === k)])) as Record<LayerKey, Item[]>;
  let start = Infinity;
  let end = -Infinity;
  for (const it of items) {
    start = Math.min(start, it.startDay);
    end = Math.max(end, it.endDay ?? it.startDay, it.startDay);
  }
  if (!items.length) {
    start = 0;
    end = 0;
  }
  return { items, byId, byLayer, span: { start, end }, origin: start };
}

/** A representative point: the Point itself, else the centre of the geometry's bounding box. */
export function anchorOf(feature: AtlasFeature): [number, number] {
  const g = feature.geometry;
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
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => visit('coordinates' in x ? x.coordinates : []));
  else visit(g.coordinates);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
