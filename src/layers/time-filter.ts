// GPU time and filter masking shared by the data layers: filter values per item, filter ranges per window.
import { DataFilterExtension } from '@deck.gl/extensions';
import type { Dataset, Item } from '../data/dataset';
import type { DayRange } from '../time/window';
import { OPEN_END } from '../config';

/**
 * Each item carries three filter values. The first two are offset from the dataset's origin day
 * so fp32 keeps day precision: [start - origin, end - origin] (open end = OPEN_END). An item
 * overlaps the window [from, to] when start <= to and end >= from, which is two ranges:
 *   value 0 in [-OPEN_END, to - origin],   value 1 in [from - origin, OPEN_END].
 * Value 2 is 1 when the item passes the weapon/figure/search filters (src/filters), else 0;
 * its range is always PASS_RANGE.
 * A window change only changes `filterRange` (a uniform): no accessor runs, no buffer is rebuilt.
 * A filter change gives a new accessor with new `updateTriggers` (once per change, not per frame).
 */
export const FILTER_SIZE = 3;
export const timeFilterExtension = new DataFilterExtension({ filterSize: FILTER_SIZE });
export type FilterValue = [number, number, number];
export type FilterRange = [[number, number], [number, number], [number, number]];
/** The range of value 2: passes the filters. */
export const PASS_RANGE: [number, number] = [0.5, 1.5];

const filterValueCache = new WeakMap<Dataset, (it: Item) => FilterValue>();
const maskedValueCache = new WeakMap<Uint8Array, (it: Item) => FilterValue>();

/**
 * The `getFilterValue` accessor for a dataset and a filter mask (`passMask`, by `Item.index`;
 * null = no filter): one stable function per dataset and mask.
 */
export function filterValueAccessor(dataset: Dataset, mask: Uint8Array | null = null): (it: Item) => FilterValue {
  let fn = mask ? maskedValueCache.get(mask) : filterValueCache.get(dataset);
  if (!fn) {
    const origin = dataset.origin;
    fn = mask
      ? (it: Item) => [it.startDay - origin, (it.endDay ?? origin + OPEN_END) - origin, mask[it.index]]
      : (it: Item) => [it.startDay - origin, (it.endDay ?? origin + OPEN_END) - origin, 1];
    if (mask) maskedValueCache.set(mask, fn);
    else filterValueCache.set(dataset, fn);
  }
  return fn;
}

const NO_MASK_TRIGGERS = Object.freeze({ getFilterValue: 0 });
const triggerCache = new WeakMap<Uint8Array, { getFilterValue: number }>();
let triggerSeq = 0;

/** `updateTriggers` for a mask: the same object while the mask is the same, so a window change leaves it alone. */
export function filterTriggers(mask: Uint8Array | null): { getFilterValue: number } {
  if (!mask) return NO_MASK_TRIGGERS;
  let t = triggerCache.get(mask);
  if (!t) triggerCache.set(mask, (t = Object.freeze({ getFilterValue: ++triggerSeq })));
  return t;
}

/** The `filterRange` for a shown window. */
export function filterRangeFor(dataset: Dataset, win: DayRange): FilterRange {
  return [
    [-OPEN_END, win.to - dataset.origin],
    [win.from - dataset.origin, OPEN_END],
    PASS_RANGE,
  ];
}
