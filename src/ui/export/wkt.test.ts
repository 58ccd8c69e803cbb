// Tests for GeoJSON → WKT: every geometry type, empties and negative zero.
import { describe, expect, it } from 'vitest';
import { toWkt } from './wkt';

describe('toWkt', () => {
  it('writes points and multipoints', () => {
    expect(toWkt({ type: 'Point', coordinates: [36.23, 49.99] })).toBe('POINT (36.23 49.99)');
    expect(
      toWkt({
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, -4.5],
        ],
      }),
    ).toBe('MULTIPOINT ((1 2), (3 -4.5))');
  });
  it('writes line strings', () => {
    expect(
      toWkt({
        type: 'LineString',
        coordinates: [
          [30, 10],
          [10, 30],
          [40, 40],
        ],
      }),
    ).toBe('LINESTRING (30 10, 10 30, 40 40)');
    expect(
      toWkt({
        type: 'MultiLineString',
        coordinates: [
          [
            [10, 10],
            [20, 20],
          ],
          [
            [40, 40],
            [30, 30],
          ],
        ],
      }),
    ).toBe('MULTILINESTRING ((10 10, 20 20), (40 40, 30 30))');
  });
  it('writes polygons with holes and multipolygons', () => {
    expect(
      toWkt({
        type: 'Polygon',
        coordinates: [
          [
            [35, 10],
            [45, 45],
            [15, 40],
            [35, 10],
          ],
          [
            [20, 30],
            [35, 35],
            [20, 30],
          ],
        ],
      }),
    ).toBe('POLYGON ((35 10, 45 45, 15 40, 35 10), (20 30, 35 35, 20 30))');
    expect(
      toWkt({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [30, 20],
              [45, 40],
              [10, 40],
              [30, 20],
            ],
          ],
          [
            [
              [15, 5],
              [40, 10],
              [10, 20],
              [15, 5],
            ],
          ],
        ],
      }),
    ).toBe('MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 15 5)))');
  });
  it('writes collections and empties', () => {
    expect(
      toWkt({
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [4, 6] },
          {
            type: 'LineString',
            coordinates: [
              [4, 6],
              [7, 10],
            ],
          },
        ],
      }),
    ).toBe('GEOMETRYCOLLECTION (POINT (4 6), LINESTRING (4 6, 7 10))');
    expect(toWkt({ type: 'Polygon', coordinates: [] })).toBe('POLYGON EMPTY');
    expect(toWkt({ type: 'GeometryCollection', geometries: [] })).toBe('GEOMETRYCOLLECTION EMPTY');
  });
  it('keeps full precision and prints -0 as 0', () => {
    expect(toWkt({ type: 'Point', coordinates: [-0, 0.123456789012] })).toBe('POINT (0 0.123456789012)');
  });
});
