// GPU time filtering shared by the data layers: filter values per item, filter ranges per window.
import { DataFilterExtension } from '@deck.gl/extensions';
import type { Dataset, Item } from '../data/dataset';
import type { DayRange } from '../time/window';
import { OPEN_END } from '../config';

/**
 * Each item carries two filter values, both offset from the dataset's origin day so fp32 keeps
 * day precision: [start - origin, end - origin] (open end = OPEN_END). An item overlaps the window
 * [from, to] when start <= to and end >= from, which is two ranges on those two values:
 *   value 0 in [-OPEN_END, to - origin],   value 1 in [from - origin, OPEN_END].
 * A window change only changes `filterRange` (a uniform): no accessor runs, no buffer is rebuilt.
 */
export const timeFilterExtension = new DataFilterExtension({ filterSize: 2 });

const filterValueCache = new WeakMap<Dataset, (it: Item) => [number, number]>();

/** The `getFilterValue` accessor for a dataset: one stable function per dataset. */
export function filterValueAccessor(dataset: Dataset): (it: Item) => [number, number] {
  let fn = filterValueCache.get(dataset);
  if (!fn) {
    const origin = dataset.origin;
    fn = (it: Item) => [it.startDay - origin, (it.endDay ?? origin + OPEN_END) - origin];
    filterValueCache.set(dataset, fn);
  }
  return fn;
}

/** The `filterRange` for a shown window. */
export function filterRangeFor(dataset: Dataset, win: DayRange): [[number, number], [number, number]] {
  return [
    [-OPEN_END, win.to - dataset.origin],
    [win.from - dataset.origin, OPEN_END],
  ];
}
