// Pure: the base map as deck.gl layers (the embed's, which loads no MapLibre) — the same six layers, colours and widths as basemap-style.ts.
import type { Layer } from '@deck.gl/core';
import type { Position } from 'geojson';
import type { BasemapData } from './basemap-data';
import { atZoom, BASEMAP_LINES, FOCUS_COUNTRY, type ZoomStops } from './basemap-style';
import { OPEN_END, type BasemapPalette } from '../../core/config';
import { PASS_RANGE, type FilterRange } from '../layers/time-filter';
import { lineMesh } from './line-mesh';
import { DataMeshBuilder, fromLineMesh, passingFilter, type DataMesh } from '../layers/data-mesh';
import { DataMeshLayer } from '../layers/data-mesh-layer';

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

/**
 * The base map as meshes of the data's one layout (data-mesh.ts), built once per BasemapData: the
 * fills triangulated, the lines mitred (line-mesh.ts) for 1 px, widened by a uniform. The whole
 * map — base and data — is then drawn by one program of one vertex layout besides the points and text.
 */
export interface DeckBasemapMeshes {
  land: DataMesh;
  focusLand: DataMesh;
  lakes: DataMesh;
  coast: DataMesh;
  riversMajor: DataMesh;
  riversMinor: DataMesh;
  admin1: DataMesh;
  borders: DataMesh;
}

const NO_COLOR = [0, 0, 0, 0] as const;
function fillMesh(polygons: Polygon[]): DataMesh {
  const b = new DataMeshBuilder();
  for (const rings of polygons) b.fill(rings, NO_COLOR, 0);
  return b.build();
}

const meshCache = new WeakMap<BasemapData, DeckBasemapMeshes>();

export function deckBasemapMeshes(b: BasemapData): DeckBasemapMeshes {
  const cached = meshCache.get(b);
  if (cached) return cached;
  const g = deckBasemapGeometry(b);
  const meshes: DeckBasemapMeshes = {
    land: fillMesh(g.land),
    focusLand: fillMesh(g.focusLand),
    lakes: fillMesh(g.lakes),
    coast: fromLineMesh(lineMesh(g.coast)),
    riversMajor: fromLineMesh(lineMesh(g.riversMajor)),
    riversMinor: fromLineMesh(lineMesh(g.riversMinor)),
    admin1: fromLineMesh(lineMesh(g.admin1)),
    borders: fromLineMesh(lineMesh(g.borders)),
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

/** Every base map vertex passes the data's time filter (the mesh program is the data's). */
const PASS_ALL: FilterRange = [[-OPEN_END, OPEN_END], [-OPEN_END, OPEN_END], PASS_RANGE];
const passing = new WeakMap<DataMesh, Float32Array>();
function passFilter(mesh: DataMesh): Float32Array {
  let f = passing.get(mesh);
  if (!f) {
    f = passingFilter(mesh);
    passing.set(mesh, f);
  }
  return f;
}
const NOTHING: readonly unknown[] = [];
const withAlpha = (c: RGBA, opacity: number): RGBA => [c[0], c[1], c[2], c[3] * opacity];

/**
 * The base map's layers for a zoom and palette, bottom first: land (Ukraine's a shade apart), its
 * outline, lakes, rivers, admin-1 boundaries (from zoom 3.5), borders. The sea is the view's clear
 * colour (see `seaColor`). Every colour is a uniform (`color`) and every width one too
 * (`widthScale`, `opacity`): a zoom or theme change never rebuilds a mesh or tessellates again.
 */
export function deckBasemapLayers(b: BasemapData, palette: BasemapPalette, zoom: number): Layer[] {
  const m = deckBasemapMeshes(b);
  const L = BASEMAP_LINES;
  const layer = (
    id: string,
    mesh: DataMesh,
    color: string,
    look: { width: number; opacity: number } = { width: 1, opacity: 1 },
    visible = true,
  ): Layer =>
    new DataMeshLayer({
      id,
      mesh,
      filter: passFilter(mesh),
      filterRange: PASS_ALL,
      data: NOTHING,
      // The opacity goes into the colour's alpha: deck.gl's layer opacity is gamma-corrected (opacity^(1/2.2)), MapLibre's is not.
      color: withAlpha(rgba(color), look.opacity),
      widthScale: look.width,
      visible,
    });
  const river = palette.river ?? palette.sea;
  return [
    layer('basemap-land', m.land, palette.land),
    layer('basemap-focus-land', m.focusLand, palette.focusLand ?? palette.land),
    layer('basemap-coast', m.coast, palette.landOutline, { width: LAND_OUTLINE_PX, opacity: 1 }),
    layer('basemap-lakes', m.lakes, palette.water ?? palette.sea),
    layer('basemap-rivers-major', m.riversMajor, river, lineAt(L.riversMajor.width, zoom)),
    layer('basemap-rivers-minor', m.riversMinor, river, lineAt(L.riversMinor.width, zoom)),
    layer(
      'basemap-admin1',
      m.admin1,
      palette.admin1 ?? palette.landOutline,
      lineAt(L.admin1.width, zoom, L.admin1.opacity),
      zoom >= L.admin1.minzoom,
    ),
    layer('basemap-borders', m.borders, palette.border, lineAt(L.borders.width, zoom)),
  ];
}

/** The sea: what the view is cleared to (MapLibre's `background` layer). */
export function seaColor(palette: BasemapPalette): RGBA {
  return rgba(palette.sea);
}
