// Pure: the offline MapLibre style — sea, land, lakes, rivers, admin-1 and country borders — from the built base map.
import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import type { BasemapData } from './basemap-data';
import { BASEMAP, type BasemapPalette } from '../../core/config';

export const NATURAL_EARTH_ATTRIBUTION = 'Natural Earth, GSHHG, GeoNames';

/** The country the map is about: its land is a shade lighter (darker in the dark theme) than its neighbours'. */
export const FOCUS_COUNTRY = 'UKR';

/** Zoom stops `[zoom, value]`: linear between them, held beyond (MapLibre's `['interpolate', ['linear'], ['zoom'], …]`). */
export type ZoomStops = readonly (readonly [number, number])[];

/**
 * The base map's line widths (CSS px) and opacities by zoom: the one table both renderers read —
 * the MapLibre style (`basemapPaint`, the app and the pictures) and the deck.gl base map
 * (`deck-basemap.ts`, the embed), so the two draw the same lines.
 */
export const BASEMAP_LINES = {
  /** Rivers of level 1 (the Dnipro, the Danube…) and the others, on the same zoom stops. */
  riversMajor: {
    width: [
      [3, 0.7],
      [7, 1.8],
    ],
  },
  riversMinor: {
    width: [
      [3, 0.4],
      [7, 1.1],
    ],
  },
  admin1: {
    width: [
      [3, 0.3],
      [7, 1],
    ],
    opacity: [
      [3, 0.5],
      [5, 1],
    ],
    minzoom: 3.5,
  },
  borders: {
    width: [
      [3, 0.7],
      [8, 1.6],
    ],
  },
} as const satisfies Record<string, { width: ZoomStops; opacity?: ZoomStops; minzoom?: number }>;

/** `stops` as a MapLibre expression; `value` maps each stop's value to the expression's output. */
function zoomExpression(stops: ZoomStops, value: (v: number, i: number) => unknown = (v) => v): unknown[] {
  return ['interpolate', ['linear'], ['zoom'], ...stops.flatMap(([z, v], i) => [z, value(v, i)])];
}

/** The value of `stops` at `zoom` (what MapLibre's linear interpolation gives). */
export function atZoom(stops: ZoomStops, zoom: number): number {
  if (zoom <= stops[0][0]) return stops[0][1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, v1] = stops[i];
    if (zoom <= z1) {
      const [z0, v0] = stops[i - 1];
      return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
    }
  }
  return stops[stops.length - 1][1];
}

/**
 * Paint properties by layer id: what `setPalette` changes. Kept apart from the layers so that a
 * theme change recolours the map without reloading its sources.
 */
export function basemapPaint(p: BasemapPalette): Record<string, Record<string, unknown>> {
  const { riversMajor, riversMinor, admin1, borders } = BASEMAP_LINES;
  return {
    sea: { 'background-color': p.sea },
    land: {
      'fill-color': ['match', ['get', 'a3'], FOCUS_COUNTRY, p.focusLand ?? p.land, p.land],
      'fill-outline-color': p.landOutline,
    },
    lakes: { 'fill-color': p.water ?? p.sea },
    rivers: {
      'line-color': p.river ?? p.sea,
      // Both levels share the zoom stops: one expression with the level matched at each.
      'line-width': zoomExpression(riversMajor.width, (v, i) => [
        'match',
        ['get', 'level'],
        1,
        v,
        riversMinor.width[i][1],
      ]),
    },
    admin1: {
      'line-color': p.admin1 ?? p.landOutline,
      'line-width': zoomExpression(admin1.width),
      'line-opacity': zoomExpression(admin1.opacity),
    },
    borders: { 'line-color': p.border, 'line-width': zoomExpression(borders.width) },
  };
}

/**
 * A style with no remote tiles, sprites or glyphs: GeoJSON sources from public/basemap/ and six
 * layers. Labels are drawn by deck.gl (layers/labels.ts), so the style has no `glyphs` URL and
 * needs no network at all.
 */
export function basemapStyle(b: BasemapData, palette: BasemapPalette = BASEMAP): StyleSpecification {
  const paint = basemapPaint(palette);
  type LayerStub = {
    id: string;
    type: LayerSpecification['type'];
    source?: string;
    minzoom?: number;
    layout?: Record<string, unknown>;
  };
  const layer = (l: LayerStub): LayerSpecification => ({ ...l, paint: paint[l.id] }) as LayerSpecification;
  const geo = (data: GeoJSON.GeoJSON, attribution?: string) => ({
    type: 'geojson' as const,
    data,
    tolerance: 0.4,
    ...(attribution ? { attribution } : {}),
  });
  return {
    version: 8,
    name: 'Conflict Atlas offline',
    sources: {
      countries: geo(b.countries, NATURAL_EARTH_ATTRIBUTION),
      borders: geo({ type: 'Feature', properties: {}, geometry: b.borders }),
      admin1: geo({ type: 'Feature', properties: {}, geometry: b.admin1Lines }),
      rivers: geo(b.rivers),
      lakes: geo(b.lakes),
    },
    layers: [
      layer({ id: 'sea', type: 'background' }),
      layer({ id: 'land', type: 'fill', source: 'countries' }),
      layer({ id: 'lakes', type: 'fill', source: 'lakes' }),
      layer({ id: 'rivers', type: 'line', source: 'rivers', layout: { 'line-join': 'round', 'line-cap': 'round' } }),
      layer({
        id: 'admin1',
        type: 'line',
        source: 'admin1',
        minzoom: BASEMAP_LINES.admin1.minzoom,
        layout: { 'line-join': 'round' },
      }),
      layer({ id: 'borders', type: 'line', source: 'borders', layout: { 'line-join': 'round' } }),
    ],
  };
}
