// Reading values for messages and from text: describing values, strict numbers, dates in the forms we accept.
import { formatIsoDay, MONTH_NAMES, parseIsoDay } from '../time/days';
import { MAX_QUOTED_CHARS } from './limits';

/** A string quoted for a message, cut to MAX_QUOTED_CHARS characters. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED_CHARS))}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** A value described for a message: `the string "12"`, `the number 5`, `null`, `an array`… */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the string ${quote(value)}`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
}

/** Own property of a record (never one inherited from Object.prototype, e.g. `constructor`). */
export function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  // An absent key (most optional fields) reads undefined without the own-property check.
  const v = record[key];
  return v !== undefined && Object.hasOwn(record, key) ? v : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** A number written as text (CSV), strictly: no NaN, Infinity, units, thousands separators. Null when it isn't one. */
export function parseNumberText(text: string): number | null {
  const t = text.trim();
  if (t.length > 40 || !NUMBER_TEXT.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The reason a CSV text is not a number, with a hint for decimal commas. */
export function notANumberText(field: string, text: string): string {
  const t = text.trim();
  const hint = !DECIMAL_COMMA.test(t)
    ? ''
    : /,\d{3}$/.test(t)
      ? ` (a thousands separator? write ${t.replace(',', '')})`
      : ` (a decimal comma? use a point: ${t.replace(',', '.')})`;
  return `field ${field}: expected a number, got ${quote(text)}${hint}`;
}

export interface DayRange {
  start: number;
  end: number;
  /** `day` for a single calendar day, else the date only gives a month or a year. */
  kind: 'day' | 'month' | 'year';
}

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const DAY_MONTH_YEAR = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;
const ISO_WITH_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  if (n.length < 3) return -1;
  return MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)) || (n === 'sept' && m === 'september'));
}

/** `25 November 2024` / `25 Nov 2024` / `25-Nov-2024` → day number, or null. */
export function parseDayMonthYear(text: string): number | null {
  const m = DAY_MONTH_YEAR.exec(text);
  if (!m) return null;
  const mo = monthIndex(m[2] ?? '');
  if (mo < 0) return null;
  return parseIsoDay(`${m[3]}-${String(mo + 1).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`);
}

/** The calendar day of `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS(.sss)`, `YYYY-MM-DDTHH:MM(:SS)(Z|±hh:mm)` or `DD Month YYYY`: the date as written (no time-zone shift). */
export function parseDay(text: string): number | null {
  const t = text.trim();
  if (t.length > 40) return null;
  const iso = parseIsoDay(t);
  if (iso !== null) return iso;
  const withTime = ISO_WITH_TIME.exec(t);
  if (withTime) return parseIsoDay(withTime[1] ?? '');
  return parseDayMonthYear(t);
}

/** A day, or (for mapped fields) a month `YYYY-MM` or a year `YYYY` / integer year, as an inclusive range of day numbers. */
export function parseDayRange(value: unknown): DayRange | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1000 || value > 9999) return null;
    return yearRange(value);
  }
  if (typeof value !== 'string') return null;
  const t = value.trim();
  const day = parseDay(t);
  if (day !== null) return { start: day, end: day, kind: 'day' };
  if (YEAR.test(t)) return yearRange(Number(t));
  const ym = YEAR_MONTH.exec(t);
  if (ym) {
    const start = parseIsoDay(`${ym[1]}-${ym[2]}-01`);
    if (start === null) return null;
    return { start, end: monthEnd(start), kind: 'month' };
  }
  return null;
}

function yearRange(year: number): DayRange | null {
  const start = parseIsoDay(`${String(year).padStart(4, '0')}-01-01`);
  const end = parseIsoDay(`${String(year).padStart(4, '0')}-12-31`);
  return start === null || end === null ? null : { start, end, kind: 'year' };
}

/** Last day of the month containing `day`. */
export function monthEnd(day: number): number {
  const iso = formatIsoDay(day);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const next = parseIsoDay(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
  return (next ?? day + 1) - 1;
}

/** First day of the month containing `day`. */
export function monthStart(day: number): number {
  return parseIsoDay(`${formatIsoDay(day).slice(0, 8)}01`) ?? day;
}

/**
 * Whether a value nests arrays/objects more than `levels` deep (the root counts as one level),
 * recursing at most `levels` + 1 calls deep and allocating nothing: the import asks it of every feature.
 */
export function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestedDeeperThan(value[i], levels - 1)) return true;
    return false;
  }
  for (const k in value)
    if (Object.hasOwn(value, k) && nestedDeeperThan((value as Record<string, unknown>)[k], levels - 1)) return true;
  return false;
}
