// Pure: the offline MapLibre style — sea, land, borders — from GeoJSON built out of world-atlas.
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection, MultiLineString } from 'geojson';
import { BASEMAP, type BasemapPalette } from '../config';

export const NATURAL_EARTH_ATTRIBUTION = 'Natural Earth';

/**
 * A style with no remote tiles, sprites or glyphs: two GeoJSON sources (country polygons and
 * shared borders) and three layers. Labels are drawn by deck.gl (layers/labels.ts), so the style
 * has no `glyphs` URL and needs no network at all.
 */
export function basemapStyle(countries: FeatureCollection, borders: MultiLineString, palette: BasemapPalette = BASEMAP): StyleSpecification {
  return {
    version: 8,
    name: 'Conflict Atlas offline',
    sources: {
      countries: { type: 'geojson', data: countries, attribution: NATURAL_EARTH_ATTRIBUTION, tolerance: 0.5 },
      borders: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: borders }, tolerance: 0.5 },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': palette.sea } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': palette.land, 'fill-outline-color': palette.landOutline } },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        paint: { 'line-color': palette.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.4] },
      },
    ],
  };
}
