// Pure maths of the time slider: days <-> pixels, and what a drag does to the window.
import type { DayRange, Span } from '../../core/time/window';
import { clampWindow } from '../../core/time/window';

/** x (px from the track's left) of the start of a day. */
export function dayToX(day: number, span: Span, width: number): number {
  const days = span.end - span.start + 1;
  return ((day - span.start) / days) * width;
}

/** The day under x (px from the track's left), clamped to the span. */
export function xToDay(x: number, span: Span, width: number): number {
  const days = span.end - span.start + 1;
  const d = span.start + Math.floor((x / Math.max(1, width)) * days);
  return Math.max(span.start, Math.min(span.end, d));
}

export type DragPart = 'from' | 'to' | 'body';

/**
 * The window after dragging `part` by `deltaDays` from where the drag began (`origin`).
 * Handles never cross: `from` stays <= `to`. Dragging the body keeps the width.
 */
export function dragWindow(origin: DayRange, part: DragPart, deltaDays: number, span: Span): DayRange {
  if (part === 'body') return clampWindow({ from: origin.from + deltaDays, to: origin.to + deltaDays }, span);
  if (part === 'from') {
    const from = Math.max(span.start, Math.min(origin.to, origin.from + deltaDays));
    return { from, to: origin.to };
  }
  const to = Math.min(span.end, Math.max(origin.from, origin.to + deltaDays));
  return { from: origin.from, to };
}

/** A click on the track away from the window centres the window on that day, keeping its width. */
export function centreWindowOn(day: number, win: DayRange, span: Span): DayRange {
  const width = win.to - win.from;
  const from = day - Math.floor(width / 2);
  return clampWindow({ from, to: from + width }, span);
}

/** Year ticks for the axis: the first day of each year inside the span. */
export function yearTicks(span: Span): { day: number; label: string }[] {
  const out: { day: number; label: string }[] = [];
  const first = new Date(span.start * 86_400_000).getUTCFullYear();
  const last = new Date(span.end * 86_400_000).getUTCFullYear();
  for (let y = first; y <= last; y++) {
    const day = Math.round(Date.UTC(y, 0, 1) / 86_400_000);
    if (day >= span.start && day <= span.end) out.push({ day, label: String(y) });
  }
  return out;
}
