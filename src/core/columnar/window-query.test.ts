// Tests what a window shows across layers (counts, rows, per-layer counts, histogram) against brute force over every item.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDataset } from './dataset';
import { feature } from '../../../tests/support/features';
import { formatIsoDay } from '../time/days';
import { histogram } from '../time/histogram';
import { histogramOf, windowView } from './window-query';
import { allItems } from '../../../tests/support/dataset-rows';

const BASE = 19_000;
const KINDS = ['strike', 'facility', 'deployment'] as const;

describe('windowView and histogramOf', () => {
  it('equal brute force for any window, set of layers and filter mask', () => {
    const event = fc.tuple(
      fc.integer({ min: 0, max: 90 }),
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 31 }), fc.constant(null)),
      fc.integer({ min: 0, max: 2 }),
    );
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 50 }),
        fc.integer({ min: -10, max: 100 }),
        fc.integer({ min: 0, max: 40 }),
        fc.subarray(['strikes', 'facilities', 'deployments']),
        fc.option(fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }), { nil: null }),
        (events, a, w, layers, bits) => {
          const ds = buildDataset(
            events.map(([s, d, k], i) =>
              feature(
                `e${i}`,
                KINDS[k],
                formatIsoDay(BASE + s),
                d === null && k > 0 ? null : formatIsoDay(BASE + s + (d ?? 0)),
              ),
            ),
          );
          const mask = bits ? Uint8Array.from(allItems(ds), (it) => (bits[it.index] ? 1 : 0)) : null;
          const win = { from: BASE + a, to: BASE + a + w };
          const inWindow = allItems(ds).filter(
            (it) => it.startDay <= win.to && (it.endDay === null || it.endDay >= win.from) && (!mask || mask[it.index]),
          );
          const view = windowView(ds, win, layers, mask);
          const shown = inWindow.filter((it) => layers.includes(it.layer));
          expect(view.count).toBe(shown.length);
          expect(Array.from(view.rows())).toEqual(shown.map((it) => it.index));
          expect(Array.from(view.perLayer)).toEqual(
            ds.layers.map((l) => inWindow.filter((it) => it.layer === l.key).length),
          );
          const h = histogramOf(ds, layers, mask, 30);
          const brute = histogram(
            allItems(ds)
              .filter((it) => layers.includes(it.layer) && (!mask || mask[it.index]))
              .map((it) => it.startDay),
            ds.span,
            30,
          );
          expect(Array.from(h.counts)).toEqual(Array.from(brute.counts));
          expect(h.max).toBe(brute.max);
          // Another bin count (the histogram resized): the rows' bins made anew, not the last count's.
          const h7 = histogramOf(ds, layers, mask, 7);
          const brute7 = histogram(
            allItems(ds)
              .filter((it) => layers.includes(it.layer) && (!mask || mask[it.index]))
              .map((it) => it.startDay),
            ds.span,
            7,
          );
          expect(Array.from(h7.counts)).toEqual(Array.from(brute7.counts));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers an equal window alike (the app memoises it: src/app/derived.test.ts)', () => {
    const ds = buildDataset([feature('a', 'strike', '2024-01-01', '2024-01-01')]);
    const win = { from: BASE, to: BASE + 100_000 };
    const a = windowView(ds, win, ['strikes']);
    const b = windowView(ds, { ...win }, ['strikes']);
    expect([b.count, [...b.perLayer], [...b.rows()]]).toEqual([a.count, [...a.perLayer], [...a.rows()]]);
    expect(a.count).toBe(1);
  });
});
