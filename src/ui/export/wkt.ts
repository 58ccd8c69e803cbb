// Pure: GeoJSON geometry to WKT (Well-Known Text) for the CSV export.
import type { Geometry, Position } from 'geojson';

const num = (n: number): string => (Object.is(n, -0) ? '0' : String(n));
const pos = (p: Position): string => p.map(num).join(' ');
const ring = (ps: Position[]): string => `(${ps.map(pos).join(', ')})`;
const rings = (rs: Position[][]): string => `(${rs.map(ring).join(', ')})`;

/** WKT of any GeoJSON geometry; empty geometries give `… EMPTY`. Coordinates as JavaScript prints them. */
export function toWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return g.coordinates.length ? `POINT (${pos(g.coordinates)})` : 'POINT EMPTY';
    case 'MultiPoint':
      return g.coordinates.length
        ? `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`
        : 'MULTIPOINT EMPTY';
    case 'LineString':
      return g.coordinates.length ? `LINESTRING ${ring(g.coordinates)}` : 'LINESTRING EMPTY';
    case 'MultiLineString':
      return g.coordinates.length ? `MULTILINESTRING ${rings(g.coordinates)}` : 'MULTILINESTRING EMPTY';
    case 'Polygon':
      return g.coordinates.length ? `POLYGON ${rings(g.coordinates)}` : 'POLYGON EMPTY';
    case 'MultiPolygon':
      return g.coordinates.length ? `MULTIPOLYGON (${g.coordinates.map(rings).join(', ')})` : 'MULTIPOLYGON EMPTY';
    case 'GeometryCollection':
      return g.geometries.length
        ? `GEOMETRYCOLLECTION (${g.geometries.map(toWkt).join(', ')})`
        : 'GEOMETRYCOLLECTION EMPTY';
  }
}
