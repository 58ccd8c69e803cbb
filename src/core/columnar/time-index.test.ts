// Tests the sorted time index against brute force: window rows and counts (instant, ranged, long, open, masked), the histogram.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildColumns, type EventColumns } from './columns';
import { buildRowIndex, countInWindow, histogramSorted, rowsInWindow, shortRange, SHORT_MAX_DAYS } from './time-index';
import { lowerBound, mergeSortedRuns, upperBound } from './sorted-search';
import { histogram } from '../time/histogram';
import { feature } from '../../../tests/support/features';
import { formatIsoDay } from '../time/days';
import type { AtlasFeature } from '../schema/schema';

const KEYS = ['strikes', 'facilities', 'deployments', 'links'];
const BASE = 19_000;

/** A feature from (start offset, duration or null = open, layer code). */
function make(i: number, start: number, dur: number | null, layer: number): AtlasFeature {
  const kind = (['strike', 'facility', 'deployment', 'strike'] as const)[layer];
  const f = feature(`e${i}`, kind, formatIsoDay(BASE + start), dur === null ? null : formatIsoDay(BASE + start + dur));
  f.geometry = { type: 'Point', coordinates: [30, 50] };
  if (layer === 3) (f.properties as unknown as Record<string, unknown>).layer_key = 'links';
  return f;
}

const eventArb = fc.tuple(
  fc.integer({ min: 0, max: 120 }),
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 }), fc.constant(null)),
  fc.integer({ min: 0, max: 3 }),
);
const windowArb = fc
  .tuple(fc.integer({ min: -20, max: 140 }), fc.integer({ min: 0, max: 60 }))
  .map(([a, w]) => ({ from: BASE + a, to: BASE + a + w }));

function brute(
  c: EventColumns,
  rows: Uint32Array,
  win: { from: number; to: number },
  mask?: Uint8Array | null,
): number[] {
  return Array.from(rows).filter((r) => c.start[r] <= win.to && c.end[r] >= win.from && (!mask || mask[r] === 1));
}

describe('sorted search', () => {
  it('finds lower and upper bounds, at the edges and past them', () => {
    const v = [1, 2, 2, 2, 5];
    expect([lowerBound(v, 2), upperBound(v, 2)]).toEqual([1, 4]);
    expect([lowerBound(v, 0), upperBound(v, 0)]).toEqual([0, 0]);
    expect([lowerBound(v, 9), upperBound(v, 9)]).toEqual([5, 5]);
    expect([lowerBound([], 1), upperBound([], 1)]).toEqual([0, 0]);
    expect(lowerBound(v, 2, 2, 4)).toBe(2);
  });

  it('merges sorted runs', () => {
    expect(
      Array.from(
        mergeSortedRuns([Uint32Array.of(1, 5, 9), Uint32Array.of(2, 3), new Uint32Array(0), Uint32Array.of(0, 10)]),
      ),
    ).toEqual([0, 1, 2, 3, 5, 9, 10]);
    expect(mergeSortedRuns([]).length).toBe(0);
  });
});

describe('time index', () => {
  it('equals brute force for every window: instant, ranged, long and open rows, with and without a mask', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 60 }),
        fc.array(windowArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (events, wins, bits) => {
          const c = buildColumns(
            events.map(([s, d, l], i) => make(i, s, d, l)),
            KEYS,
          );
          const mask = Uint8Array.from({ length: c.n }, (_, r) => (bits[r] ? 1 : 0));
          const all = Uint32Array.from({ length: c.n }, (_, r) => r);
          for (const rows of [all, ...c.rowsOfLayer]) {
            const ix = buildRowIndex(c, rows);
            for (const win of wins) {
              for (const m of [null, mask]) {
                const expected = brute(c, rows, win, m);
                expect(Array.from(rowsInWindow(c, ix, win, m))).toEqual(expected);
                expect(countInWindow(c, ix, win, m)).toBe(expected.length);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits short rows (found by binary search) from long and open ones', () => {
    const c = buildColumns(
      [make(0, 0, 0, 0), make(1, 1, SHORT_MAX_DAYS, 0), make(2, 2, SHORT_MAX_DAYS + 1, 0), make(3, 3, null, 1)],
      KEYS,
    );
    const ix = buildRowIndex(c, Uint32Array.of(0, 1, 2, 3));
    expect(Array.from(ix.short)).toEqual([0, 1]);
    expect(Array.from(ix.long)).toEqual([2, 3]);
    expect(ix.maxDuration).toBe(SHORT_MAX_DAYS);
  });

  it('makes an instantaneous window one contiguous range, and an empty window an empty one', () => {
    const c = buildColumns(
      [0, 1, 1, 2, 5].map((s, i) => make(i, s, 0, 0)),
      KEYS,
    );
    const ix = buildRowIndex(c, c.rowsOfLayer[0]);
    expect(shortRange(ix, { from: BASE + 1, to: BASE + 2 })).toEqual({ lookback: 1, exact: 1, hi: 4 });
    expect(shortRange(ix, { from: BASE + 3, to: BASE + 4 })).toEqual({ lookback: 4, exact: 4, hi: 4 });
    expect(shortRange(ix, { from: BASE + 9, to: BASE + 20 })).toEqual({ lookback: 5, exact: 5, hi: 5 });
    expect(shortRange(ix, { from: BASE - 9, to: BASE - 1 })).toEqual({ lookback: 0, exact: 0, hi: 0 });
    expect(countInWindow(c, ix, { from: BASE + 5, to: BASE + 5 })).toBe(1);
  });

  it('gives the same histogram as counting every row (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 150 }),
        (days, a, len, bins) => {
          const sorted = Int32Array.from(days).sort();
          const span = { start: a, end: a + len };
          const h1 = histogramSorted(sorted, span, bins);
          const h2 = histogram(days, span, bins);
          expect(Array.from(h1.counts)).toEqual(Array.from(h2.counts));
          expect([h1.max, h1.binDays, h1.start]).toEqual([h2.max, h2.binDays, h2.start]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
