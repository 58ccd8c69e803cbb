// Tests for derived.ts: it computes again only when an input changes, and gives what the unmemoised core functions give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAtlasStore, type AtlasState } from './store';
import {
  computed,
  filterCountsOf,
  filterMask,
  shownView,
  shownWindow,
  unfilteredItems,
  unfilteredView,
  visibleCount,
  visibleItems,
} from './derived';
import { buildDataset } from '../core/columnar/dataset';
import { windowView } from '../core/columnar/window-query';
import { filterCounts, passMask, type Filters } from '../core/filters/filters';
import { effectiveWindow } from '../core/time/window';
import { SAMPLE, feature } from '../../tests/support/features';
import { days } from '../../tests/support/days';

function loaded() {
  const store = createAtlasStore();
  store.getState().setDataset(buildDataset(SAMPLE));
  return store;
}

/** What each selector computed while `fn` ran (answers from the memo do not count). */
function work(fn: () => void): Record<keyof typeof computed, number> {
  const before = { ...computed };
  fn();
  return Object.fromEntries(
    Object.entries(computed).map(([k, v]) => [k, v - before[k as keyof typeof computed]]),
  ) as Record<keyof typeof computed, number>;
}

/** Reads everything the controls read for a state. */
function readAll(s: AtlasState): void {
  shownWindow(s);
  shownView(s).rows();
  unfilteredView(s).rows();
  visibleCount(s);
}

const NONE = { shownWindow: 0, filterMask: 0, searchMask: 0, view: 0, unfilteredView: 0 };

describe('derived state', () => {
  it('answers again from its memo until an input changes', () => {
    const store = loaded();
    readAll(store.getState());
    expect(work(() => readAll(store.getState()))).toEqual(NONE);
    // Parts of the state the window's view does not depend on: nothing computed again.
    store.getState().setPlaying(true);
    store.getState().camera.moveTo({ lat: 50, lon: 30, zoom: 6 });
    store.getState().select('strike-a');
    store.getState().setAgg('hexagons');
    expect(work(() => readAll(store.getState()))).toEqual(NONE);
  });

  it('computes again only what follows from the input that changed', () => {
    const store = loaded();
    readAll(store.getState());
    // The window: the effective window and the view, not the filters' mask.
    store.getState().setWindow(days('2024-11-20').from, days('2024-11-25').to);
    expect(work(() => readAll(store.getState()))).toEqual({ ...NONE, shownWindow: 1, view: 1 });
    // The layers: the view only.
    store.getState().setLayerVisible('facilities', false);
    expect(work(() => readAll(store.getState()))).toEqual({ ...NONE, view: 1 });
    // The mode: the effective window and the view.
    store.getState().setMode('cumulative');
    expect(work(() => readAll(store.getState()))).toEqual({ ...NONE, shownWindow: 1, view: 1 });
    // A filter: its mask, the filtered view and (now different) the unfiltered one.
    store.getState().setFilters({ q: 'strike-a' });
    expect(work(() => readAll(store.getState()))).toEqual({ ...NONE, filterMask: 1, view: 1, unfilteredView: 1 });
    // The same filters again (a new object, equal content): the same mask, so nothing else either.
    const before = store.getState().filters;
    const mask = filterMask(store.getState().dataset!, before);
    store.getState().setFilters({ q: 'strike-a' });
    expect(store.getState().filters).not.toBe(before);
    expect(work(() => readAll(store.getState()))).toEqual(NONE);
    expect(filterMask(store.getState().dataset!, store.getState().filters)).toBe(mask);
    // New data: everything.
    store.getState().setDataset(buildDataset(SAMPLE));
    expect(work(() => readAll(store.getState()))).toEqual({
      ...NONE,
      shownWindow: 1,
      filterMask: 1,
      view: 1,
      unfilteredView: 1,
    });
  });

  it('keeps the cumulative window one object while its inputs stay (what is keyed by it is not made again)', () => {
    const store = loaded();
    store.getState().setMode('cumulative');
    const a = shownWindow(store.getState());
    store.getState().setPlaying(true);
    expect(shownWindow(store.getState())).toBe(a);
    expect(a.from).toBe(store.getState().dataset!.span.start);
    // In window mode it is the store's own window.
    store.getState().setMode('window');
    expect(shownWindow(store.getState())).toBe(store.getState().window);
  });

  it('holds answers only for the dataset asked about last (a dataset dropped is not kept alive)', () => {
    const a = loaded();
    const b = loaded();
    a.getState().setFilters({ q: 'strike' });
    readAll(a.getState());
    readAll(b.getState());
    // Back to the first dataset: every memo had let go of it, so all of it is computed again.
    expect(work(() => readAll(a.getState()))).toEqual({
      ...NONE,
      shownWindow: 1,
      filterMask: 1,
      view: 1,
      unfilteredView: 1,
    });
  });

  it('gives no rows and no counts before the data', () => {
    const s = createAtlasStore().getState();
    expect(visibleItems(s)).toEqual([]);
    expect(visibleCount(s)).toBe(0);
    expect(filterCountsOf(s)).toBeNull();
  });
});

const WORDS = ['Kharkiv', 'Odesa', 'drone', 'plant'];
const dataset = buildDataset(
  Array.from({ length: 60 }, (_, i) =>
    feature(
      `e${i}`,
      (['strike', 'facility', 'deployment'] as const)[i % 3],
      `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      `2024-02-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
      {
        title: `${WORDS[i % 4]} ${i}`,
        ...(i % 3 === 0 ? { weapon: (['missile', 'drone'] as const)[i % 2] } : {}),
        ...(i % 5 ? { injured: i % 17 } : {}),
      },
    ),
  ),
);
const filtersArb: fc.Arbitrary<Filters> = fc.record({
  weapons: fc.option(
    fc.subarray(['missile', 'drone', 'mixed', 'unknown', 'cyber'] as const).map((w) => [...w]),
    {
      nil: null,
    },
  ),
  min: fc.option(fc.record({ field: fc.constant('injured' as const), value: fc.integer({ min: 0, max: 20 }) }), {
    nil: null,
  }),
  q: fc.constantFrom('', 'kharkiv', 'odesa 1', 'drone'),
});

describe('derived state, as the unmemoised core functions give it', () => {
  it('window, view, items and filter counts, over a run of changes', () => {
    const store = createAtlasStore();
    store.getState().setDataset(dataset);
    const span = dataset.span;
    const change = fc.oneof(
      fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: 0, max: 40 })).map(
        ([a, w]) =>
          () =>
            store.getState().setWindow(span.start + a, span.start + a + w),
      ),
      fc.constantFrom('window' as const, 'cumulative' as const).map((m) => () => store.getState().setMode(m)),
      fc.tuple(fc.constantFrom('strikes', 'facilities', 'deployments'), fc.boolean()).map(
        ([k, on]) =>
          () =>
            store.getState().setLayerVisible(k, on),
      ),
      filtersArb.map((f) => () => store.getState().setFilters(f)),
      fc.constant(() => store.getState().setPlaying(!store.getState().playing)),
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), (changes) => {
        for (const c of changes) {
          c();
          const s = store.getState();
          const win = effectiveWindow(s.window, s.mode, dataset.span);
          const mask = passMask(dataset, s.filters);
          const want = windowView(dataset, win, s.layers, mask);
          const plain = windowView(dataset, win, s.layers, null);
          expect(shownWindow(s)).toEqual(win);
          expect(visibleCount(s)).toBe(want.count);
          expect([...shownView(s).perLayer]).toEqual([...want.perLayer]);
          expect([...shownView(s).rows()]).toEqual([...want.rows()]);
          expect(unfilteredView(s).count).toBe(plain.count);
          expect(unfilteredItems(s).map((it) => it.id)).toEqual([...plain.rows()].map((r) => dataset.itemAt(r).id));
          expect(visibleItems(s).map((it) => it.id)).toEqual([...want.rows()].map((r) => dataset.itemAt(r).id));
          expect(filterCountsOf(s)).toEqual(filterCounts(dataset, plain.rows(), s.filters));
          expect(filterMask(dataset, s.filters)).toEqual(mask);
        }
      }),
      { numRuns: 150 },
    );
  });
});
