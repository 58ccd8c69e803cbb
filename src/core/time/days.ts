// Day numbers: whole days since 1970-01-01 (UTC), the one time unit the app computes with.
const MS_PER_DAY = 86_400_000;

/** The English month names, January first: the one list the parsers, checks and generators share. */
export const MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Parses a strict `YYYY-MM-DD` calendar date to a day number, or returns null if it is not one. */
export function parseIsoDay(text: string): number | null {
  // Read by character code (an import parses two dates a feature: no match array, no Date). The same
  // dates as `Date.UTC` of the three numbers checked back: years below 100 are refused (Date.UTC reads them as 19xx).
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  let y = 0;
  for (let k = 0; k < 4; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return null;
    y = y * 10 + c;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1])) return null;
  return daysFromCivil(y, mo, d);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatIsoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Formats a day number for people, e.g. `25 Nov 2024`. */
export function formatHumanDay(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}

/** Day of the week of a day number, 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}
