// Pure: narrowing the event list to one hexagon of the map (clicking it), and which rows lie in it.
import type { Dataset } from '../columnar/dataset';
import { hexAt, worldX, worldY } from '../geo/hex-grid';

/** A hexagon of the density view (hex-grid.ts: axial q, r at circumradius R world units). */
export interface AreaFilter {
  q: number;
  r: number;
  R: number;
  /** Its size across the flats, in km (for the chip). */
  km: number;
  /** What the chip says, e.g. "Hexagon near Pokrovsk (20 km)". */
  label: string;
}

function inCell(lon: number, lat: number, a: AreaFilter): boolean {
  const [q, r] = hexAt(worldX(lon), worldY(lat), a.R);
  return q === a.q && r === a.r;
}

/** Whether a row has a point in the hexagon: its Point, or any point of its MultiPoint (as the bins count it). */
export function rowInArea(ds: Dataset, row: number, a: AreaFilter): boolean {
  const c = ds.columns;
  const g = c.geometries.get(row);
  if (g?.type === 'MultiPoint') return g.coordinates.some((p) => inCell(p[0], p[1], a));
  if (g && g.type !== 'Point') return false; // areas and lines are not binned
  return inCell(c.lon[row], c.lat[row], a);
}

/** The rows (ascending) that lie in the hexagon. */
export function rowsInArea(ds: Dataset, rows: Uint32Array, a: AreaFilter | null): Uint32Array {
  if (!a) return rows;
  return rows.filter((r) => rowInArea(ds, r, a));
}
