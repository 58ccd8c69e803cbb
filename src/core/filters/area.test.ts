// Narrowing the list to a hexagon: a row is in it when its point (or any point of its MultiPoint) is.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../columnar/dataset';
import { feature } from '../../../tests/support/features';
import { hexAt, hexSizeFor, worldX, worldY } from '../geo/hex-grid';
import { rowsInArea, type AreaFilter } from './area';

describe('rowsInArea', () => {
  it('keeps the rows with a point in the hexagon, MultiPoints by any of their points, never areas', () => {
    const multi = feature('m', 'strike', '2024-11-25', '2024-11-25');
    multi.geometry = {
      type: 'MultiPoint',
      coordinates: [
        [30, 46],
        [36.23, 49.99],
      ],
    };
    const ds = buildDataset([
      feature('in', 'strike', '2024-11-25', '2024-11-25', {}, [36.24, 49.98]),
      feature('out', 'strike', '2024-11-25', '2024-11-25', {}, [30.5, 46.5]),
      multi,
      feature('area', 'deployment', '2024-11-25', null, {}, [36.23, 49.99]),
    ]);
    const { R, km } = hexSizeFor(6, 49);
    const [q, r] = hexAt(worldX(36.23), worldY(49.99), R);
    const area: AreaFilter = { q, r, R, km, label: 'Hexagon near Kharkiv' };
    const all = Uint32Array.from({ length: ds.columns.n }, (_, i) => i);
    const ids = Array.from(rowsInArea(ds, all, area), (row) => ds.columns.ids.get(row)).sort();
    expect(ids).toEqual(['in', 'm']);
    expect(rowsInArea(ds, all, null)).toBe(all);
  });
});
