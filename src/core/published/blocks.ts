// Pure: the days and box of rows a published view loads (the window, and while playing the days ahead), and whether loaded rows still cover a window and view.
import type { DayRange } from '../time/window';
import type { Bbox } from './manifest';

/** Rows loaded for the days `from`…`to` (start or end in them, as rowGroupsFor plans) inside `bbox`. */
export interface LoadedBlock {
  from: number;
  to: number;
  bbox: Bbox;
}

/**
 * Days loaded ahead of the window while playing: about one second of play at the speed (so the
 * dataset changes about once a second, not on every day's step), at least a week, at most four.
 */
export function aheadDays(daysPerSecond: number): number {
  return Math.max(7, Math.min(28, Math.ceil(daysPerSecond)));
}

/** The days to load for a window: the window itself, and while playing `ahead` days after it. */
export function blockFor(win: DayRange, playing: boolean, ahead: number): DayRange {
  return { from: win.from, to: win.to + (playing ? ahead : 0) };
}

/**
 * Whether rows loaded for `block` hold every event of `win` in `view`: the window's days lie in the
 * block's (a row group a window inside the block needs is among the block's, see rowGroupsFor) and
 * the view's box in the loaded box. Then the window moves within the same dataset (the in-memory
 * path: a slice of the sorted marks), with no fetch, no new dataset and no layer data rebuilt.
 */
export function covers(block: LoadedBlock | null, win: DayRange, view: Bbox): boolean {
  if (!block) return false;
  const [w, s, e, n] = block.bbox;
  return block.from <= win.from && win.to <= block.to && w <= view[0] && s <= view[1] && e >= view[2] && n >= view[3];
}

/**
 * The block to prepare while playing through `block`: the one that starts where a window of `width`
 * days stepping a day at a time first leaves it, and reaches `ahead` days past that window.
 */
export function nextBlock(block: DayRange, width: number, ahead: number): DayRange {
  const to = block.to + 1;
  return { from: to - width + 1, to: to + ahead };
}
