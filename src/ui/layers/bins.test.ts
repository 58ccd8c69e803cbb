// Hexagon bins count exactly the window's events (single-day and ranged, filters, hidden layers), and the grid tiles the plane.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDataset, type Dataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import { formatIsoDay } from '../../core/time/days';
import { binWindow, buildGridLevel, marksInCell, spanMax, worldOf, type BinSource } from './bins';
import {
  cellKey,
  cellOfKey,
  hexAt,
  hexCellKey,
  hexCentre,
  hexSizeFor,
  latOf,
  lonOf,
  worldX,
  worldY,
} from '../../core/geo/hex-grid';
import { buildPointSet, markRange, maxStrikeMagnitude, type PointSet } from './point-sets';
import type { DayRange } from '../../core/time/window';

const BASE = 19_000;

/** Strikes at day offsets with durations, spread over a few hundred km around Kharkiv. */
function strikes(events: [number, number, number, number][]): Dataset {
  return buildDataset(
    events.map(([s, d, x, y], i) =>
      feature(`s${String(i).padStart(4, '0')}`, 'strike', formatIsoDay(BASE + s), formatIsoDay(BASE + s + d), {}, [
        36 + x / 50,
        49.5 + y / 80,
      ]),
    ),
  );
}

function sourcesOf(ds: Dataset): BinSource[] {
  const set = buildPointSet(ds, ds.columns.rowsOfLayer[0], 'strike', maxStrikeMagnitude(ds));
  return [{ set, world: worldOf(set), range: null }];
}

/** The truth, from the columns: every row (at the marks' float32 position) overlapping the window (and passing the mask), by cell key. */
function bruteForce(ds: Dataset, win: DayRange, R: number, mask: Uint8Array | null): Map<number, number> {
  const c = ds.columns;
  const out = new Map<number, number>();
  for (let r = 0; r < c.n; r++) {
    if (c.start[r] > win.to || c.end[r] < win.from || (mask && !mask[r])) continue;
    // At the marks' own precision (float32 positions and world coordinates, as drawn and binned):
    // in float64 a point within ~1e-7 of a cell's edge fell in the neighbour (a rare fast-check failure).
    const f = Math.fround;
    const [q, rr] = hexAt(f(worldX(f(c.lon[r]))), f(worldY(f(c.lat[r]))), R);
    out.set(cellKey(q, rr), (out.get(cellKey(q, rr)) ?? 0) + 1);
  }
  return out;
}

const event = fc.tuple(
  fc.integer({ min: 0, max: 120 }),
  fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 31 })),
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: -200, max: 200 }),
);

describe('buildGridLevel', () => {
  it('gives each mark its cell, the same for the same cell, over tens of thousands of cells', () => {
    // Cell ids from a table that grows and rehashes many times: each key seen once, each mark's the key of its cell.
    let seed = 5;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const n = 40_000;
    const world = Float32Array.from({ length: 2 * n }, () => 200 + rand() * 100);
    const sets = [0, 1].map((i) => ({ set: { n: n / 2 } as PointSet, world: world.subarray(i * n, (i + 1) * n) }));
    const R = 0.05;
    const level = buildGridLevel(sets, R);
    expect(new Set(level.keys).size).toBe(level.keys.length);
    expect(level.keys.length).toBeGreaterThan(5000);
    sets.forEach(({ world: w }, i) => {
      for (let k = 0; k < n / 2; k++) {
        const [q, r] = hexAt(w[2 * k], w[2 * k + 1], R);
        expect(level.keys[level.cellOf[i][k]]).toBe(cellKey(q, r));
      }
    });
  });

  it('hexCellKey is the key of hexAt, negative coordinates and cell edges too', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -600, max: 600, noNaN: true }),
        fc.double({ min: -600, max: 600, noNaN: true }),
        (x, y) => {
          const [q, r] = hexAt(x, y, 0.7);
          expect(hexCellKey(x, y, 0.7)).toBe(cellKey(q, r));
        },
      ),
    );
    for (const [x, y] of [
      [0, 0],
      [-0, -0],
      [1.05, 0],
      [-1.05, 0.606],
      [0.525, 0.909],
    ])
      expect(hexCellKey(x, y, 0.7)).toBe(cellKey(...hexAt(x, y, 0.7)));
  });
});

describe('binWindow', () => {
  it('counts exactly the events of the window in each hexagon, whatever the window, size and filters', () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 250 }),
        fc.integer({ min: -20, max: 140 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 4, max: 9 }),
        fc.boolean(),
        (events, a, w, zoom, masked) => {
          const ds = strikes(events);
          const sources = sourcesOf(ds);
          const win = { from: BASE + a, to: BASE + a + w };
          sources[0].range = markRange(sources[0].set, win);
          const R = hexSizeFor(zoom, 49.5).R;
          const level = buildGridLevel(sources, R);
          const mask = masked ? Uint8Array.from({ length: ds.columns.n }, (_, i) => (i % 3 === 0 ? 0 : 1)) : null;
          const bins = binWindow(sources, level, win, ds.columns.end, mask);
          const got = new Map<number, number>();
          for (let i = 0; i < bins.n; i++) got.set(level.keys[bins.cell[i]], bins.counts[i]);
          const want = bruteForce(ds, win, R, mask);
          expect(got).toEqual(want);
          expect(bins.total).toBe([...want.values()].reduce((x, y) => x + y, 0));
          expect(bins.max).toBe(Math.max(0, ...want.values()));
          // Each bin's events, one by one, are the same rows (hover and click use them).
          for (let i = 0; i < Math.min(bins.n, 5); i++)
            expect(marksInCell(sources, level, bins.cell[i], win, ds.columns.end, mask).length).toBe(bins.counts[i]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts nothing for a hidden layer, and the busiest tile of the span for the fixed scale', () => {
    const ds = strikes([
      [0, 0, 0, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 0],
      [30, 0, 0, 0],
    ]);
    const sources = sourcesOf(ds);
    const level = buildGridLevel(sources, hexSizeFor(6, 49.5).R);
    const win = { from: BASE, to: BASE + 40 };
    expect(binWindow(sources, level, win, ds.columns.end, null).total).toBe(0); // range null: hidden
    sources[0].range = markRange(sources[0].set, win);
    expect(binWindow(sources, level, win, ds.columns.end, null).total).toBe(4);
    // Windows of 2 days tiled over the span: days 0–1 hold three events in one hexagon.
    expect(spanMax(sources, level, BASE, 2, null)).toBe(3);
    expect(spanMax(sources, level, BASE, 1, null)).toBe(2);
  });
});

describe('hex grid', () => {
  it('puts every point in the hexagon whose centre is nearest (cells tile the plane), with keys that round-trip', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 512, noNaN: true }),
        fc.double({ min: 0, max: 512, noNaN: true }),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        (x, y, R) => {
          const [q, r] = hexAt(x, y, R);
          expect(cellOfKey(cellKey(q, r))).toEqual([q, r]);
          const [cx, cy] = hexCentre(q, r, R);
          const d = Math.hypot(x - cx, y - cy);
          expect(d).toBeLessThanOrEqual(R * 1.0000001);
          for (const [dq, dr] of [
            [1, 0],
            [0, 1],
            [-1, 1],
            [-1, 0],
            [0, -1],
            [1, -1],
          ]) {
            const [nx, ny] = hexCentre(q + dq, r + dr, R);
            expect(d).toBeLessThanOrEqual(Math.hypot(x - nx, y - ny) + 1e-9);
          }
        },
      ),
    );
  });

  it('converts lon/lat to world units and back, and snaps the hexagon size to round kilometres', () => {
    expect(lonOf(worldX(36.25))).toBeCloseTo(36.25, 9);
    expect(latOf(worldY(49.99))).toBeCloseTo(49.99, 9);
    const z5 = hexSizeFor(5, 49);
    expect(z5.km).toBe(50);
    expect(hexSizeFor(5.1, 49).R).toBe(z5.R); // a small zoom keeps the grid
    expect(hexSizeFor(8, 49).km).toBeLessThan(z5.km);
  });
});
