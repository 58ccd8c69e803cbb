// Pure: the offline MapLibre style — sea, land, lakes, rivers, admin-1 and country borders — from the built base map.
import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import type { BasemapData } from './basemap-data';
import { BASEMAP, type BasemapPalette } from '../../core/config';

export const NATURAL_EARTH_ATTRIBUTION = 'Natural Earth, GSHHG, GeoNames';

/** The country the map is about: its land is a shade lighter (darker in the dark theme) than its neighbours'. */
export const FOCUS_COUNTRY = 'UKR';

/**
 * Paint properties by layer id: what `setPalette` changes. Kept apart from the layers so that a
 * theme change recolours the map without reloading its sources.
 */
export function basemapPaint(p: BasemapPalette): Record<string, Record<string, unknown>> {
  return {
    sea: { 'background-color': p.sea },
    land: {
      'fill-color': ['match', ['get', 'a3'], FOCUS_COUNTRY, p.focusLand ?? p.land, p.land],
      'fill-outline-color': p.landOutline,
    },
    lakes: { 'fill-color': p.water ?? p.sea },
    rivers: {
      'line-color': p.river ?? p.sea,
      'line-width': [
        'interpolate',
        ['linear'],
        ['zoom'],
        3,
        ['match', ['get', 'level'], 1, 0.7, 0.4],
        7,
        ['match', ['get', 'level'], 1, 1.8, 1.1],
      ],
    },
    admin1: {
      'line-color': p.admin1 ?? p.landOutline,
      'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.3, 7, 1],
      'line-opacity': ['interpolate', ['linear'], ['zoom'], 3, 0.5, 5, 1],
    },
    borders: { 'line-color': p.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.7, 8, 1.6] },
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
      layer({ id: 'admin1', type: 'line', source: 'admin1', minzoom: 3.5, layout: { 'line-join': 'round' } }),
      layer({ id: 'borders', type: 'line', source: 'borders', layout: { 'line-join': 'round' } }),
    ],
  };
}
