// GPU time and filter masking shared by the data layers: filter values per item, filter ranges per window.
import type { Dataset, Item } from '../../core/columnar/dataset';
import type { DayRange } from '../../core/time/window';
import { OPEN_END } from '../../core/config';

/**
 * Each item carries three filter values. The first two are offset from the dataset's origin day
 * so fp32 keeps day precision: [start - origin, end - origin] (open end = OPEN_END). An item
 * overlaps the window [from, to] when start <= to and end >= from, which is two ranges:
 *   value 0 in [-OPEN_END, to - origin],   value 1 in [from - origin, OPEN_END].
 * Value 2 is 1 when the item passes the weapon/figure/search filters (src/filters), else 0;
 * its range is always PASS_RANGE.
 * A window change only changes `filterRange` (a uniform): no accessor runs, no buffer is rebuilt.
 * A filter change gives a new accessor with new `updateTriggers` (once per change, not per frame).
 * The accessors are made here and kept by the data layer's state (data-layers.ts), one per mask.
 */
export const FILTER_SIZE = 3;
export type FilterValue = [number, number, number];
export type FilterRange = [[number, number], [number, number], [number, number]];
/**
 * The test both of our programs run on a vertex's three filter values against the three ranges
 * (data-mesh-layer.ts, point-program-layer.ts): GLSL, placed before their `main`.
 */
export const FILTER_GLSL = /* glsl */ `\
bool inside(float v, vec2 r) { return v >= r.x && v <= r.y; }
bool passesFilter(vec3 v, vec2 r0, vec2 r1, vec2 r2) { return inside(v.x, r0) && inside(v.y, r1) && inside(v.z, r2); }
`;
/** The range of value 2: passes the filters. */
export const PASS_RANGE: [number, number] = [0.5, 1.5];

/**
 * A new `getFilterValue` accessor for a dataset and a filter mask (`passMask`, by `Item.index`;
 * null = no filter). The caller keeps it while the mask is the same.
 */
export function filterValueAccessor(dataset: Dataset, mask: Uint8Array | null = null): (it: Item) => FilterValue {
  const origin = dataset.origin;
  return mask
    ? (it: Item) => [filterDay(it.startDay, origin), (it.endDay ?? origin + OPEN_END) - origin, mask[it.index]]
    : (it: Item) => [filterDay(it.startDay, origin), (it.endDay ?? origin + OPEN_END) - origin, 1];
}

/** A day as a filter value: offset from the origin, kept within ±OPEN_END (a timeless row's start, TIMELESS_DAY, becomes -OPEN_END). */
export function filterDay(day: number, origin: number): number {
  return Math.max(-OPEN_END, Math.min(OPEN_END, day - origin));
}

const NO_MASK_TRIGGERS = Object.freeze({ getFilterValue: 0 });
let triggerSeq = 0;

/** New `updateTriggers` for a mask (the caller keeps them with the mask's accessors, so a window change leaves them alone). */
export function filterTriggers(mask: Uint8Array | null): { getFilterValue: number } {
  return mask ? Object.freeze({ getFilterValue: ++triggerSeq }) : NO_MASK_TRIGGERS;
}

/** The `filterRange` for a shown window. */
export function filterRangeFor(dataset: Dataset, win: DayRange): FilterRange {
  return [[-OPEN_END, win.to - dataset.origin], [win.from - dataset.origin, OPEN_END], PASS_RANGE];
}
