// Pure time-window logic: overlap, the two modes, stepping, clamping and playback.
/**
 * All values are day numbers (see days.ts); windows and feature ranges are inclusive.
 *
 *   span:      |=========================================|   (the data's first..last day)
 *   window:              [from ....... to]                  moving window: fixed width
 *   cumulative:|===========================to]              from is pinned to span.start
 *
 * A feature [start, end] shows while it overlaps the window: start <= to && end >= from,
 * with end = null meaning "still active" (open to the right).
 */
export type WindowMode = 'window' | 'cumulative';

export interface DayRange {
  from: number;
  to: number;
}

export interface Span {
  start: number;
  end: number;
}

/** True when [start, end] (end null = open) overlaps the inclusive window. */
export function overlaps(start: number, end: number | null, win: DayRange): boolean {
  return start <= win.to && (end === null || end >= win.from);
}

/** The window a mode actually shows: cumulative pins `from` to the span's start. */
export function effectiveWindow(win: DayRange, mode: WindowMode, span: Span): DayRange {
  return mode === 'cumulative' ? { from: Math.min(span.start, win.to), to: win.to } : win;
}

/** Keeps a window inside the span, preserving its width where it fits. */
export function clampWindow(win: DayRange, span: Span): DayRange {
  let from = Math.min(win.from, win.to);
  let to = Math.max(win.from, win.to);
  const width = Math.min(to - from, span.end - span.start);
  if (from < span.start) {
    from = span.start;
    to = from + width;
  }
  if (to > span.end) {
    to = span.end;
    from = to - width;
  }
  return { from, to };
}

/**
 * Moves the window by `days`. A moving window shifts both ends and keeps its width;
 * cumulative moves only `to`. The result never leaves the span.
 */
export function stepWindow(win: DayRange, days: number, mode: WindowMode, span: Span): DayRange {
  if (mode === 'cumulative') {
    const to = Math.max(span.start, Math.min(span.end, win.to + days));
    return { from: Math.min(win.from, to), to };
  }
  return clampWindow({ from: win.from + days, to: win.to + days }, span);
}

/** Jumps the window so it starts at the span's start (Home) or ends at its end (End). */
export function jumpWindow(win: DayRange, where: 'start' | 'end', mode: WindowMode, span: Span): DayRange {
  const width = win.to - win.from;
  if (where === 'start') {
    return mode === 'cumulative'
      ? { from: win.from, to: span.start }
      : clampWindow({ from: span.start, to: span.start + width }, span);
  }
  return clampWindow({ from: span.end - width, to: span.end }, span);
}

/** True when playback can go no further (the window's end has reached the span's end). */
export function atEnd(win: DayRange, span: Span): boolean {
  return win.to >= span.end;
}

/**
 * Playback: how many whole days to advance after `elapsedMs` at `daysPerSecond`, carrying the
 * fractional remainder so slow speeds still advance. Pure: returns the new carry.
 */
export function playbackAdvance(
  elapsedMs: number,
  daysPerSecond: number,
  carry: number,
): { days: number; carry: number } {
  const total = carry + (Math.max(0, elapsedMs) / 1000) * daysPerSecond;
  const days = Math.floor(total);
  return { days, carry: total - days };
}

/** Events lasting longer than this many days do not decide where the first window opens. */
export const OPENING_EVENT_MAX_DAYS = 31;

/**
 * The day the first window ends on: the last day of the newest event dated to within a month
 * (ends of ongoing or long-ranged features, such as a facility still active or a campaign known
 * only to "since February 2022", would open the app on weeks with nothing new in them). Falls back
 * to the span's end when every feature is long. `start`/`end` are day columns; `open` marks "still active".
 */
export function openingDay(start: ArrayLike<number>, end: ArrayLike<number>, open: number, span: Span): number {
  let best = -Infinity;
  for (let r = 0; r < start.length; r++) {
    const e = end[r];
    if (e !== open && e - start[r] <= OPENING_EVENT_MAX_DAYS && e > best) best = e;
  }
  return best === -Infinity ? span.end : best;
}
