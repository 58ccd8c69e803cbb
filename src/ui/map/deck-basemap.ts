// Pure: the base map as deck.gl layers (the embed's, which loads no MapLibre) — the same six layers, colours and widths as basemap-style.ts.
import { SolidPolygonLayer } from '@deck.gl/layers';
import type { DataFilterExtensionProps } from '@deck.gl/extensions';
import type { Layer, Position as DeckPosition } from '@deck.gl/core';
import type { Position } from 'geojson';
import type { BasemapData } from './basemap-data';
import { atZoom, BASEMAP_LINES, FOCUS_COUNTRY, type ZoomStops } from './basemap-style';
import { OPEN_END, type BasemapPalette } from '../../core/config';
import { PASS_RANGE, timeFilterExtension, type FilterRange, type FilterValue } from '../layers/time-filter';
import { lineMesh, type LineMesh } from './line-mesh';
import { LineMeshLayer } from './line-mesh-layer';

type RGBA = [number, number, number, number];
type Ring = Position[];
/** One polygon: its outer ring, then its holes. */
type Polygon = Ring[];

/** The base map's geometry flattened for deck.gl once per BasemapData: the layers' `data`, never rebuilt after. */
export interface DeckBasemapGeometry {
  land: Polygon[];
  focusLand: Polygon[];
  /** Every ring of every country: MapLibre's fill outline (`fill-outline-color`, 1 px). */
  coast: Ring[];
  lakes: Polygon[];
  riversMajor: Ring[];
  riversMinor: Ring[];
  admin1: Ring[];
  borders: Ring[];
}

/** Width of the land's outline: MapLibre draws a fill's outline one pixel wide. */
export const LAND_OUTLINE_PX = 1;

const geometryCache = new WeakMap<BasemapData, DeckBasemapGeometry>();

/** The base map's lines as meshes (line-mesh.ts), built once per BasemapData. */
export interface DeckBasemapMeshes {
  coast: LineMesh;
  riversMajor: LineMesh;
  riversMinor: LineMesh;
  admin1: LineMesh;
  borders: LineMesh;
}

const meshCache = new WeakMap<BasemapData, DeckBasemapMeshes>();

export function deckBasemapMeshes(b: BasemapData): DeckBasemapMeshes {
  const cached = meshCache.get(b);
  if (cached) return cached;
  const g = deckBasemapGeometry(b);
  const meshes: DeckBasemapMeshes = {
    coast: lineMesh(g.coast),
    riversMajor: lineMesh(g.riversMajor),
    riversMinor: lineMesh(g.riversMinor),
    admin1: lineMesh(g.admin1),
    borders: lineMesh(g.borders),
  };
  meshCache.set(b, meshes);
  return meshes;
}

/** Polygons of a Polygon or MultiPolygon geometry. */
function polygonsOf(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): Polygon[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Lines of a LineString or MultiLineString geometry. */
function linesOf(g: GeoJSON.LineString | GeoJSON.MultiLineString): Ring[] {
  return g.type === 'LineString' ? [g.coordinates] : g.coordinates;
}

export function deckBasemapGeometry(b: BasemapData): DeckBasemapGeometry {
  const cached = geometryCache.get(b);
  if (cached) return cached;
  const land: Polygon[] = [];
  const focusLand: Polygon[] = [];
  for (const f of b.countries.features)
    (f.properties.a3 === FOCUS_COUNTRY ? focusLand : land).push(...polygonsOf(f.geometry));
  // (Its type says LineString; a river the build joined from several parts is a MultiLineString.)
  const rivers = (major: boolean): Ring[] =>
    b.rivers.features
      .filter((f) => (f.properties.level === 1) === major)
      .flatMap((f) => linesOf(f.geometry as GeoJSON.LineString | GeoJSON.MultiLineString));
  const geometry: DeckBasemapGeometry = {
    land,
    focusLand,
    coast: [...land, ...focusLand].flat(),
    lakes: b.lakes.features.flatMap((f) => polygonsOf(f.geometry)),
    riversMajor: rivers(true),
    riversMinor: rivers(false),
    admin1: b.admin1Lines.coordinates,
    borders: b.borders.coordinates,
  };
  geometryCache.set(b, geometry);
  return geometry;
}

/** `#rrggbb` (or `#rgb`) as deck.gl's RGBA. */
export function rgba(hex: string): RGBA {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Base map palette: "${hex}" is not a #rrggbb colour`);
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

/**
 * A line of `stops` px at `zoom`, as deck.gl draws it well: lines under a pixel are drawn one pixel
 * wide and as transparent as they are thin (what MapLibre's antialiased hairline looks like), so
 * no line breaks up into dashes in software WebGL.
 */
export function lineAt(
  stops: ZoomStops,
  zoom: number,
  opacity: ZoomStops | null = null,
): { width: number; opacity: number } {
  const w = atZoom(stops, zoom);
  const o = opacity ? atZoom(opacity, zoom) : 1;
  return w >= 1 ? { width: w, opacity: o } : { width: 1, opacity: o * w };
}

// GeoJSON positions are deck.gl positions (its type says 2 or 3 numbers, GeoJSON's any number).
/**
 * The data layers' own extension (the time filter), every value passing: the base map's fills then
 * share the areas' fill program instead of compiling one more (a second or more of the first frame
 * in software WebGL, as labels.ts does). The lines are meshes drawn by LineMeshLayer (why: there).
 */
const FILL_EXTENSIONS = [timeFilterExtension];
const ALWAYS: FilterValue = [0, 0, 1];
const PASS_ALL: FilterRange = [[-OPEN_END, OPEN_END], [-OPEN_END, OPEN_END], PASS_RANGE];

const getPolygon = (p: Polygon): DeckPosition[][] => p as unknown as DeckPosition[][];

/**
 * The base map's layers for a zoom and palette, bottom first: land (Ukraine's a shade apart), its
 * outline, lakes, rivers, admin-1 boundaries (from zoom 3.5), borders. The sea is the view's clear
 * colour (see `seaColor`). Every colour is a constant and every width a uniform (`widthScale`,
 * `opacity`): a zoom or theme change never re-runs an accessor or tessellates again.
 */
export function deckBasemapLayers(b: BasemapData, palette: BasemapPalette, zoom: number): Layer[] {
  const g = deckBasemapGeometry(b);
  const m = deckBasemapMeshes(b);
  const L = BASEMAP_LINES;
  const fill = (id: string, data: Polygon[], color: string): Layer =>
    new SolidPolygonLayer<Polygon, DataFilterExtensionProps<Polygon>>({
      id,
      data,
      getPolygon,
      getFillColor: rgba(color),
      filled: true,
      extensions: FILL_EXTENSIONS,
      getFilterValue: ALWAYS,
      filterRange: PASS_ALL,
    });
  const line = (
    id: string,
    mesh: LineMesh,
    color: string,
    look: { width: number; opacity: number },
    visible = true,
  ): Layer =>
    new LineMeshLayer({ id, mesh, color: rgba(color), widthPixels: look.width, opacity: look.opacity, visible });
  const river = palette.river ?? palette.sea;
  return [
    fill('basemap-land', g.land, palette.land),
    fill('basemap-focus-land', g.focusLand, palette.focusLand ?? palette.land),
    line('basemap-coast', m.coast, palette.landOutline, { width: LAND_OUTLINE_PX, opacity: 1 }),
    fill('basemap-lakes', g.lakes, palette.water ?? palette.sea),
    line('basemap-rivers-major', m.riversMajor, river, lineAt(L.riversMajor.width, zoom)),
    line('basemap-rivers-minor', m.riversMinor, river, lineAt(L.riversMinor.width, zoom)),
    line(
      'basemap-admin1',
      m.admin1,
      palette.admin1 ?? palette.landOutline,
      lineAt(L.admin1.width, zoom, L.admin1.opacity),
      zoom >= L.admin1.minzoom,
    ),
    line('basemap-borders', m.borders, palette.border, lineAt(L.borders.width, zoom)),
  ];
}

/** The sea: what the view is cleared to (MapLibre's `background` layer). */
export function seaColor(palette: BasemapPalette): RGBA {
  return rgba(palette.sea);
}
