// Test helper: windows written as ISO dates, for comparing with the store's day-number windows.
import { formatIsoDay, parseIsoDay } from '../../src/core/time/days';
import type { DayRange } from '../../src/core/time/window';

/** The day number of a `YYYY-MM-DD` date (throws on anything else: a test's own typo). */
export function day(iso: string): number {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`not an ISO date: ${iso}`);
  return d;
}

/** A window from two ISO dates, as day numbers (the store's and the hash state's form). */
export function days(from: string, to: string = from): DayRange {
  return { from: day(from), to: day(to) };
}

/** A day-number window as ISO dates. */
export function isoWindow(w: DayRange): { from: string; to: string } {
  return { from: formatIsoDay(w.from), to: formatIsoDay(w.to) };
}
