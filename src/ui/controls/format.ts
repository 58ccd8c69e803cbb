// Pure text for people: dates and their precision, windows, places, figures.
import type { AtlasProperties } from '../../core/schema/schema';
import { FIGURE_FIELDS, FIGURE_LABELS } from '../../core/schema/schema';
import { formatHumanDay, parseIsoDay } from '../../core/time/days';
import type { DayRange } from '../../core/time/window';

function human(iso: string): string {
  const d = parseIsoDay(iso);
  return d === null ? iso : formatHumanDay(d);
}

/** "25 Nov 2024", "between 3 Jan 2024 and 7 Jan 2024", "since 1 Oct 2024 (still active)". */
export function describeDates(p: Pick<AtlasProperties, 'start' | 'end' | 'date_precision' | 'timeless'>): string {
  if (p.timeless) return 'no date given (shown at every time)';
  if (p.end === null) return `since ${human(p.start)} (no end reported)`;
  if (p.start === p.end) return human(p.start);
  if (p.date_precision === 'range') return `between ${human(p.start)} and ${human(p.end)}`;
  return `${human(p.start)} – ${human(p.end)}`;
}

/** How precisely the date is known, in words. */
export function describeDatePrecision(p: Pick<AtlasProperties, 'date_precision' | 'end' | 'timeless'>): string {
  if (p.timeless) return 'Undated: the file gives no date, so it is shown at every time';
  if (p.date_precision === 'day') return 'Known to the day';
  return p.end === null ? 'Start known to a range of days' : 'Known only to this range of days';
}

/** The window as printed under the slider: one date, or "from – to". */
export function formatWindow(win: DayRange): string {
  return win.from === win.to ? formatHumanDay(win.from) : `${formatHumanDay(win.from)} – ${formatHumanDay(win.to)}`;
}

/** "Kharkiv (within about 10 km)". */
export function describePlace(p: Pick<AtlasProperties, 'place' | 'place_precision_km'>): string {
  const km = p.place_precision_km;
  if (km <= 1) return p.place;
  return `${p.place} (true spot within about ${km.toLocaleString('en-GB')} km)`;
}

/** Figures the report gives, with qualifiers, in schema order: [label, "at least 23"]. */
export function describeFigures(p: AtlasProperties): [string, string][] {
  const out: [string, string][] = [];
  for (const field of FIGURE_FIELDS) {
    const v = p[field];
    if (typeof v !== 'number') continue;
    const q = p.figure_qualifiers?.[field];
    const text = v.toLocaleString('en-GB');
    out.push([FIGURE_LABELS[field], q && q !== 'exactly' ? `${q} ${text}` : text]);
  }
  return out;
}

/** "3 events in window" with the right plural. */
export function countText(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'event' : 'events'} in window`;
}
