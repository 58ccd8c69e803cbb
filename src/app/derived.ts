// Everything that follows from the store's state, memoised on its inputs: the effective window, the filters' pass masks, the window's view and counts.
import type { Dataset, Item } from '../core/columnar/dataset';
import { effectiveWindow, type DayRange } from '../core/time/window';
import { windowView, type WindowView } from '../core/columnar/window-query';
import { provisionalReady } from '../core/columnar/remote-text';
import { filterCounts, filtersKey, passMask, type FilterCounts, type Filters } from '../core/filters/filters';
import type { AtlasState } from './store';

/**
 * Like a selector library's memoised selectors (reselect's createSelector): each keeps its last
 * inputs and answer, and computes again only when an input is a different object (or, for the
 * filters, different content: two equal filter objects give the same mask, so that what is keyed
 * by the mask, e.g. the layers' filter accessors, is not made again). The store holds only what
 * the user asked for; controls, layers and exports read what follows from it here:
 *
 *   dataset, window, mode ──► shownWindow ──┐
 *   dataset, filters ───────► filterMask ───┼──► shownView (count, counts per layer, rows)
 *   layers ─────────────────────────────────┘        └──► visibleItems / visibleCount
 *
 * Each selector keeps one answer, and only for the dataset asked about last: when another dataset
 * comes (an import, a published block), every memo lets go of the one before, so a dataset
 * dropped is garbage.
 */

/** The parts of the state the window's view depends on (filters left out: none applied). */
export type ViewInputs = Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'> &
  Partial<Pick<AtlasState, 'filters'>>;

/** How often each memoised selector computed (not answered from its memo): for tests. */
export const computed = { shownWindow: 0, filterMask: 0, searchMask: 0, view: 0, unfilteredView: 0 };

/** The dataset the memos hold answers for; the memos' resets. */
let current: Dataset | null = null;
const resets: (() => void)[] = [];

/** Every memo forgets what it holds for another dataset than `ds`. */
function forOnly(ds: Dataset | null): void {
  if (ds === current) return;
  current = ds;
  for (const reset of resets) reset();
}

/** A memo of the last call: computes again only when an argument is not the same (Object.is) as last time. */
function memoLast<A extends [Dataset | null, ...unknown[]], R>(
  fn: (...args: A) => R,
  counter: keyof typeof computed,
): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  resets.push(() => {
    last = null;
  });
  return (...args: A): R => {
    forOnly(args[0]);
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.value;
    computed[counter]++;
    last = { args, value: fn(...args) };
    return last.value;
  };
}

const effective = memoLast(
  (ds: Dataset | null, win: DayRange, mode: AtlasState['mode']): DayRange =>
    ds ? effectiveWindow(win, mode, ds.span) : win,
  'shownWindow',
);

/** The window the map and list show, after the mode is applied (cumulative: from the span's start). */
export function shownWindow(s: Pick<AtlasState, 'window' | 'mode' | 'dataset'>): DayRange {
  return effective(s.dataset, s.window, s.mode);
}

/** A pass-mask memo: by dataset and filters object, and by the filters' content (filtersKey) when the object is new. */
function maskMemo(counter: 'filterMask' | 'searchMask'): (ds: Dataset, f: Filters) => Uint8Array | null {
  let last: { ds: Dataset; f: Filters; key: string; mask: Uint8Array | null } | null = null;
  resets.push(() => {
    last = null;
  });
  return (ds, f) => {
    forOnly(ds);
    // A mask computed before the data worker had sent its terms' rows is computed again once they are here.
    const fresh = !provisionalReady(last?.mask ?? null);
    if (last && last.ds === ds && last.f === f && fresh) return last.mask;
    const key = filtersKey(f);
    if (last && last.ds === ds && last.key === key && fresh) {
      last.f = f;
      return last.mask;
    }
    computed[counter]++;
    last = { ds, f, key, mask: passMask(ds, f) };
    return last.mask;
  };
}

const filterMemo = maskMemo('filterMask');
const searchMemo = maskMemo('searchMask');
const searchOnly = (q: string): Filters => ({ weapons: null, min: null, q });

/**
 * 1 where a row passes the weapon, figure and search filters, 0 where not; null when none is set.
 * The map's layers, the slider's histogram and the list read the same mask (one per filter change).
 */
export function filterMask(ds: Dataset, f: Filters | undefined): Uint8Array | null {
  return f ? filterMemo(ds, f) : null;
}

/** The search's mask alone (the filter panel's counts leave the weapon and minimum out); null without a query. */
export function searchMask(ds: Dataset, q: string): Uint8Array | null {
  return q.trim() ? searchMemo(ds, searchOnly(q)) : null;
}

const EMPTY_VIEW: WindowView = { count: 0, perLayer: new Uint32Array(0), rows: () => new Uint32Array(0) };

const viewMemo = memoLast(windowView, 'view');
const unfilteredMemo = memoLast(windowView, 'unfilteredView');

/**
 * What the list shows without making Items: the count (by binary search), per-layer counts, and the
 * rows themselves on demand — the window on enabled layers, after the filters (if given). The
 * per-frame controls (list, count, legend) read this; see window-query.ts.
 */
export function shownView(s: ViewInputs): WindowView {
  if (!s.dataset) return EMPTY_VIEW;
  return viewMemo(s.dataset, shownWindow(s), s.layers, filterMask(s.dataset, s.filters));
}

/** The same before the weapon, figure and search filters (what the filters narrow); shownView when none is set. */
export function unfilteredView(s: ViewInputs): WindowView {
  if (!s.dataset || !filterMask(s.dataset, s.filters)) return shownView(s);
  return unfilteredMemo(s.dataset, shownWindow(s), s.layers, null);
}

/** What the list shows: the current window on enabled layers, after the filters (if given), in start order. */
export function visibleItems(s: ViewInputs): Item[] {
  const ds = s.dataset;
  if (!ds) return [];
  return Array.from(shownView(s).rows(), (row) => ds.itemAt(row));
}

/** How many items the list shows (visibleItems(s).length, without making them). */
export function visibleCount(s: ViewInputs): number {
  return shownView(s).count;
}

/** The window and layers' items before the weapon, figure and search filters (what the filters narrow). */
export function unfilteredItems(s: ViewInputs): Item[] {
  const ds = s.dataset;
  if (!ds) return [];
  return Array.from(unfilteredView(s).rows(), (row) => ds.itemAt(row));
}

/** The filter panel's counts: per weapon, per figure and what the filters keep, over the window on the layers shown. */
export function filterCountsOf(s: ViewInputs & Pick<AtlasState, 'filters'>): FilterCounts | null {
  const { dataset: ds, filters: f } = s;
  if (!ds) return null;
  // With the search the only filter, its mask is the filters' mask (already made for the map and list).
  const text = f.weapons === null && f.min === null ? filterMask(ds, f) : searchMask(ds, f.q);
  return filterCounts(ds, unfilteredView(s).rows(), f, text);
}
