import { describe, expect, it } from 'vitest';
import { overviewCells } from './overview';
import type { DecodedGroup } from './reader-protocol';

const group = (rows: [number, number, number, number, number][]): DecodedGroup => ({
  rows: rows.length,
  columns: Object.fromEntries(
    ['start', 'cx', 'cy', 'layer', 'n'].map((k, i) => [k, Float64Array.from(rows, (r) => r[i])]),
  ),
});

describe('overviewCells', () => {
  it('sums the window days of the layers shown per cell, at the cell centres', () => {
    // day, cx, cy, layer, n — 1° cells: cx 216 is lon 36..37, cy 139 is lat 49..50.
    const g = group([
      [10, 216, 139, 0, 5],
      [11, 216, 139, 1, 2],
      [11, 216, 139, 0, 3],
      [12, 210, 136, 0, 7],
      [20, 216, 139, 0, 100],
    ]);
    const c = overviewCells([g], { from: 10, to: 12 }, [true, false], 1);
    expect(c.n).toBe(2);
    expect(c.total).toBe(15);
    expect(c.max).toBe(8);
    const at = (lon: number, lat: number): number => {
      for (let i = 0; i < c.n; i++) if (c.lon[i] === lon && c.lat[i] === lat) return c.count[i];
      return 0;
    };
    expect(at(36.5, 49.5)).toBe(8);
    expect(at(30.5, 46.5)).toBe(7);
    expect(overviewCells([g], { from: 10, to: 12 }, [true, true], 1).total).toBe(17);
    expect(overviewCells([g], { from: 30, to: 40 }, [true, true], 1).n).toBe(0);
  });

  it('names, per cell, the colour group with the most events (layers of one category count together)', () => {
    // Cell A (216, 139): layer 0 ×3, layer 1 ×2, layer 2 ×2 — layers 1 and 2 are one category (group 1).
    const g = group([
      [10, 216, 139, 0, 3],
      [10, 216, 139, 1, 2],
      [11, 216, 139, 2, 2],
      [10, 210, 136, 2, 1],
    ]);
    const top = (groupOf?: number[]): Record<string, number> => {
      const c = overviewCells([g], { from: 10, to: 12 }, [true, true, true], 1, groupOf);
      return Object.fromEntries(Array.from({ length: c.n }, (_, i) => [`${c.lon[i]},${c.lat[i]}`, c.top[i]]));
    };
    expect(top()).toEqual({ '36.5,49.5': 0, '30.5,46.5': 2 });
    expect(top([0, 1, 1])).toEqual({ '36.5,49.5': 1, '30.5,46.5': 1 });
  });
});
