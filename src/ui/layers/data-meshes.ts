// The data layers' meshes (areas, regions, links), built once per data array and kept; their filter values once per filter accessor.
import type { Geometry } from 'geojson';
import { DataMeshBuilder, meshFilter, type DataMesh } from './data-mesh';
import type { FilterValue } from './time-filter';

type RGBA = readonly [number, number, number, number];

/** How one shape is drawn: its fill (drawn even when clear, for picking), its outline's colour and width, dashed or not. */
export interface ShapeStyle {
  fill: RGBA;
  line: RGBA;
  widthPx: number;
  dashed: boolean;
}

/** Dashes of a dashed outline, [on, off] pixels: the areas' [3, 2] line widths of PathStyleExtension at 2 px. */
export const AREA_DASH: [number, number] = [6, 4];

/** A geometry's fills and outlines (points are the point layers'), appended to `b` under `pick`. */
export function addShape(
  b: DataMeshBuilder,
  g: Geometry | null,
  s: ShapeStyle,
  pick: number,
  part: 'fill' | 'outline',
): void {
  if (!g) return;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  if (g.type === 'GeometryCollection') for (const child of g.geometries) addShape(b, child, s, pick, part);
  if (part === 'fill') {
    // A clear fill is still drawn (unseen): picking finds the shape anywhere inside, as GeoJsonLayer's did.
    for (const rings of polygons) b.fill(rings, s.fill, pick);
    return;
  }
  for (const rings of polygons) for (const ring of rings) b.line(ring, s.widthPx, s.line, pick, s.dashed);
  for (const line of lines) b.line(line, s.widthPx, s.line, pick, s.dashed);
}

/**
 * Fills first, then outlines (as GeoJsonLayer draws them): every shape's fill under every outline.
 * `pick` of each vertex is its shape's index in `shapes`.
 */
export function shapesMesh<T>(
  shapes: readonly T[],
  geometryOf: (s: T) => Geometry | null,
  styleOf: (s: T) => ShapeStyle,
): DataMesh {
  const b = new DataMeshBuilder();
  for (const part of ['fill', 'outline'] as const) {
    for (const [i, s] of shapes.entries()) addShape(b, geometryOf(s), styleOf(s), i, part);
  }
  return b.build();
}

const meshes = new WeakMap<object, DataMesh>();
/** The mesh of a data array, built on first use and kept while the array lives (a dataset's prepared arrays). */
export function meshOf(data: object, build: () => DataMesh): DataMesh {
  let m = meshes.get(data);
  if (!m) {
    m = build();
    meshes.set(data, m);
  }
  return m;
}

const filters = new WeakMap<DataMesh, WeakMap<object, Float32Array>>();
/** A mesh's filter values for a filter accessor: computed once per accessor (they change with the filters, never with the window). */
export function filterOf<T>(mesh: DataMesh, objects: readonly T[], valuesOf: (o: T) => FilterValue): Float32Array {
  let byFn = filters.get(mesh);
  if (!byFn) {
    byFn = new WeakMap();
    filters.set(mesh, byFn);
  }
  let f = byFn.get(valuesOf);
  if (!f) {
    f = meshFilter(mesh, objects, valuesOf);
    byFn.set(valuesOf, f);
  }
  return f;
}
