// Normalises validated features into the app's dataset: day numbers, anchors, layers, span, lookups.
import type { AtlasFeature, LayerKind } from './schema';
import { LAYER_KEY_OF } from './schema';
import { parseIsoDay } from '../time/days';
import type { Span } from '../time/window';

/**
 * A layer of the map: the three bundled ones, or one per (file, category) of imported data.
 * `kind` decides how it is drawn (strike points, facility symbols, deployment areas).
 */
export interface LayerDef {
  key: string;
  label: string;
  kind: LayerKind;
  /** Where the layer comes from: `bundled`, or the imported file's name. */
  group: string;
}

export const BUNDLED_GROUP = 'bundled';

/** The bundled layers, in legend order; their keys are the URL's `layers=` names. */
export const BUNDLED_LAYERS: readonly LayerDef[] = [
  { key: 'strikes', label: 'Strikes', kind: 'strike', group: BUNDLED_GROUP },
  { key: 'facilities', label: 'Facilities', kind: 'facility', group: BUNDLED_GROUP },
  { key: 'deployments', label: 'Troop deployments', kind: 'deployment', group: BUNDLED_GROUP },
];

/** One feature as the app uses it: the GeoJSON feature plus values computed once at load. */
export interface Item {
  /** Index in `Dataset.items` (sorted by start day, then id). */
  index: number;
  feature: AtlasFeature;
  id: string;
  /** Key of its LayerDef. */
  layer: string;
  kind: LayerKind;
  startDay: number;
  /** null = still active. */
  endDay: number | null;
  /** Where to put a marker, a label or fly to: the point itself, or the centre of an area's bbox. */
  anchor: [number, number];
}

export interface Dataset {
  items: Item[];
  byId: Map<string, Item>;
  /** Layers in legend order. */
  layers: LayerDef[];
  layerOf: Map<string, LayerDef>;
  /** Items of each layer, in start order. */
  byLayer: Record<string, Item[]>;
  /** First..last day any feature starts or ends on. */
  span: Span;
  /** Day subtracted from filter values so fp32 keeps day precision. */
  origin: number;
}

/** The layer key a feature belongs to: `layer_key` (imported data) or its bundled layer. */
export function layerKeyOf(feature: AtlasFeature): string {
  const p = feature.properties as AtlasFeature['properties'] & { layer_key?: unknown };
  return typeof p.layer_key === 'string' ? p.layer_key : LAYER_KEY_OF[p.layer];
}

/**
 * Builds the dataset. Features must already be valid (see validate-bundled.ts / the importer);
 * every feature's layer must be among `layers`, and ids must be unique.
 */
export function buildDataset(features: AtlasFeature[], layers: readonly LayerDef[] = BUNDLED_LAYERS): Dataset {
  const layerOf = new Map(layers.map((l) => [l.key, l]));
  const items: Item[] = features.map((feature, i) => {
    const p = feature.properties;
    const key = layerKeyOf(feature);
    const def = layerOf.get(key);
    if (!def) throw new Error(`feature ${i} (${p.id}): layer "${key}" is not one of the dataset's layers`);
    const startDay = parseIsoDay(p.start);
    const endDay = p.end === null ? null : parseIsoDay(p.end);
    if (startDay === null) throw new Error(`feature ${i} (${p.id}): start "${p.start}" is not a YYYY-MM-DD date`);
    if (p.end !== null && endDay === null) throw new Error(`feature ${i} (${p.id}): end "${p.end}" is not a YYYY-MM-DD date`);
    return { index: 0, feature, id: p.id, layer: key, kind: def.kind, startDay, endDay, anchor: anchorOf(feature) };
  });
  items.sort((a, b) => a.startDay - b.startDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  items.forEach((it, i) => (it.index = i));
  const byId = new Map<string, Item>();
  for (const it of items) {
    if (byId.has(it.id)) throw new Error(`feature id "${it.id}" appears twice`);
    byId.set(it.id, it);
  }
  const byLayer: Record<string, Item[]> = Object.fromEntries(layers.map((l) => [l.key, [] as Item[]]));
  for (const it of items) byLayer[it.layer].push(it);
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
  return { items, byId, layers: [...layers], layerOf, byLayer, span: { start, end }, origin: start };
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
