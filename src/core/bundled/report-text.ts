// What a bundled feature's report text states: its quotes, and the weekdays, dates, numbers and hedges in them.
import { MONTH_NAMES } from '../time/days';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Terms that put an event in a night, which spans two dates: a `day` precision can never be right. */
export const NIGHT_TERMS = /\b(overnight|last night|tonight|nightly)\b/i;
/** Terms relative to a report's own, unprinted day: a `day` precision needs its date_note to say how the term was resolved. */
export const RELATIVE_TERMS =
  /\b(yesterday|this morning|today|last weekend|last week|this week|earlier this year|last month|recently)\b/i;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = MONTH_NAMES;
const WEEKDAY_RE = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b(?![’'])`, 'g');
const DAY_MONTH_RE = new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')})\\b|\\b(${MONTHS.join('|')}) (\\d{1,2})\\b`, 'g');
/** "said on Monday", "their authorities said on Monday": the day something was said, not the day it happened. */
const SAID_BEFORE = /\b(said|says|say|told|reported|announced|added)\s+(?:\S+\s+){0,2}on\s+$/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};
export const DIGITS_RE = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*-?\s*(million|m)\b)?/g;
export const QUALIFIER_WORDS: Record<string, RegExp> = {
  'at least': /\bat least\s*$/i,
  'more than': /\b(more than|over)\s*$/i,
  about: /\b(some|about|around|roughly|nearly|almost|approximately|an estimated)\s*$/i,
};

const MONTH_AFTER = new RegExp(`^\\s+(${MONTHS.join('|')})\\b`);
const MONTH_BEFORE = new RegExp(`\\b(${MONTHS.join('|')})\\s+$`);
/** True where the digits at `m` are a day of a month ("10 January", "July 18"): a date, not a figure. */
export function isDayOfMonth(text: string, m: RegExpMatchArray): boolean {
  const i = m.index ?? 0;
  return !m[2] && (MONTH_AFTER.test(text.slice(i + m[0].length)) || MONTH_BEFORE.test(text.slice(0, i)));
}

/** The numbers a text states, in digits ("10,000", "24 million", "1.1m") and, with `words`, in words ("five"); days of a month are dates, not numbers. */
export function numbersIn(text: string, words = true): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(DIGITS_RE)) {
    if (isDayOfMonth(text, m)) continue;
    const n = Number((m[1] ?? '').replace(/,/g, ''));
    out.push(m[2] ? Math.round(n * 1_000_000) : n);
  }
  if (words) {
    for (const m of text.toLowerCase().matchAll(/\b([a-z]+)(?:\s+(million))?\b/g)) {
      const n = NUMBER_WORDS[m[1] ?? ''];
      if (n !== undefined) out.push(m[2] ? n * 1_000_000 : n);
    }
  }
  return out;
}

/** Where in `text` the number `n` is stated (index of its first character), in digits or words; -1 if nowhere. */
export function numberAt(text: string, n: number): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(DIGITS_RE)) {
    if (isDayOfMonth(text, m)) continue;
    const v = Number((m[1] ?? '').replace(/,/g, ''));
    if ((m[2] ? Math.round(v * 1_000_000) : v) === n) at.push(m.index ?? 0);
  }
  for (const m of text.toLowerCase().matchAll(/\b([a-z]+)(?:\s+(million))?\b/g)) {
    const v = NUMBER_WORDS[m[1] ?? ''];
    if (v !== undefined && (m[2] ? v * 1_000_000 : v) === n) at.push(m.index ?? 0);
  }
  return at;
}

/** The weekdays a quote names as the event's (not "Sunday's poll", not "said on Monday"). */
export function eventWeekdays(quote: string): number[] {
  const out: number[] = [];
  for (const m of quote.matchAll(WEEKDAY_RE)) {
    if (SAID_BEFORE.test(quote.slice(0, m.index))) continue;
    out.push(WEEKDAYS.indexOf(m[1] ?? ''));
  }
  return out;
}

/** The days of a month a quote names ("12 December", "July 18"), as [month 1-12, day]. */
export function monthDays(quote: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of quote.matchAll(DAY_MONTH_RE)) {
    const month = MONTHS.indexOf((m[2] ?? m[3]) as string) + 1;
    out.push([month, Number(m[1] ?? m[4])]);
  }
  return out;
}

export const quotesOf = (p: Obj): string[] =>
  Array.isArray(p.sources) ? p.sources.map((s) => (isObj(s) && typeof s.quote === 'string' ? s.quote : '')) : [];
