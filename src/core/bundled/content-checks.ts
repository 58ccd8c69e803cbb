// Checks a bundled feature's words against its quotes: relative dates, named days, figures, summary numbers and phrases, link directions.
import { parseIsoDay, weekday } from '../time/days.ts';
import { FIGURE_FIELDS } from '../schema/schema.ts';
import { issueMessage, type BundledIssue } from './validate-bundled.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Terms that put an event in a night, which spans two dates: a `day` precision can never be right. */
const NIGHT_TERMS = /\b(overnight|last night|tonight|nightly)\b/i;
/** Terms relative to a report's own, unprinted day: a `day` precision needs its date_note to say how the term was resolved. */
const RELATIVE_TERMS =
  /\b(yesterday|this morning|today|last weekend|last week|this week|earlier this year|last month|recently)\b/i;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
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
const DIGITS_RE = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*-?\s*(million|m)\b)?/g;
const QUALIFIER_WORDS: Record<string, RegExp> = {
  'at least': /\bat least\s*$/i,
  'more than': /\b(more than|over)\s*$/i,
  about: /\b(some|about|around|roughly|nearly|almost|approximately|an estimated)\s*$/i,
};

const MONTH_AFTER = new RegExp(`^\\s+(${MONTHS.join('|')})\\b`);
const MONTH_BEFORE = new RegExp(`\\b(${MONTHS.join('|')})\\s+$`);
/** True where the digits at `m` are a day of a month ("10 January", "July 18"): a date, not a figure. */
function isDayOfMonth(text: string, m: RegExpMatchArray): boolean {
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
function numberAt(text: string, n: number): number[] {
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

const quotesOf = (p: Obj): string[] =>
  Array.isArray(p.sources) ? p.sources.map((s) => (isObj(s) && typeof s.quote === 'string' ? s.quote : '')) : [];

function checkDays(p: Obj, add: (field: string, what: string) => void): void {
  const quotes = quotesOf(p);
  const start = typeof p.start === 'string' ? parseIsoDay(p.start) : null;
  const end = typeof p.end === 'string' ? parseIsoDay(p.end) : null;
  const note = typeof p.date_note === 'string' ? p.date_note.toLowerCase() : '';
  if (p.date_precision === 'day') {
    quotes.forEach((q, i) => {
      const night = NIGHT_TERMS.exec(q);
      if (night)
        add(
          'date_precision',
          `"day", but sources[${i}].quote says "${night[1]}": a night spans two dates, so store the range it pins (from the day before)`,
        );
      const rel = RELATIVE_TERMS.exec(q);
      if (rel && !note.includes((rel[1] ?? '').toLowerCase())) {
        add(
          'date_precision',
          `"day", but sources[${i}].quote says "${rel[1]}", relative to a day the report does not print, and date_note does not say how "${rel[1]}" was resolved`,
        );
      }
    });
    const first = quotes[0] ?? '';
    const days = eventWeekdays(first);
    const dates = monthDays(first);
    if (start !== null && days.length === 0 && dates.length === 0) {
      add(
        'date_precision',
        '"day", but sources[0].quote (the event\'s) names no weekday or date of its own (only when it was "said"): store the range the text pins',
      );
    }
    if (start !== null) {
      for (const d of days)
        if (weekday(start) !== d)
          add('start', `${String(p.start)} is not a ${WEEKDAYS[d]}, the day sources[0].quote names`);
      const [, mm, dd] = String(p.start).split('-').map(Number);
      for (const [m, d] of dates)
        if (m !== mm || d !== dd)
          add('start', `${String(p.start)} is not ${d} ${MONTHS[m - 1]}, the date sources[0].quote names`);
    }
  } else if (p.date_precision === 'range' && start !== null && end !== null && end - start < 7) {
    for (const d of eventWeekdays(quotes[0] ?? '')) {
      let found = false;
      for (let x = start; x <= end; x++) if (weekday(x) === d) found = true;
      if (!found)
        add('start', `${String(p.start)}..${String(p.end)} holds no ${WEEKDAYS[d]}, the day sources[0].quote names`);
    }
  }
}

function checkFigureQuotes(p: Obj, add: (field: string, what: string) => void): void {
  const quotes = quotesOf(p);
  const qualifiers = isObj(p.figure_qualifiers) ? p.figure_qualifiers : {};
  for (const f of FIGURE_FIELDS) {
    const n = p[f];
    if (typeof n !== 'number') continue;
    const hits = quotes.flatMap((q) => numberAt(q, n).map((at) => ({ q, at })));
    if (hits.length === 0) {
      add(f, `${n} is in no quote of this feature: quote the words that give it, or leave it out`);
      continue;
    }
    const qual = qualifiers[f];
    const want = typeof qual === 'string' ? QUALIFIER_WORDS[qual] : undefined;
    if (want && !hits.some(({ q, at }) => want.test(q.slice(0, at)))) {
      add(`figure_qualifiers.${f}`, `"${String(qual)}", but no quote says "${String(qual)} ${n}" (or the like)`);
    }
  }
}

/** Ids (several hyphenated lower-case parts) and four-digit years are not figures. */
const ID_TOKEN = /\b[a-z0-9]+(?:-[a-z0-9]+){3,}\b/g;
const YEAR = /^(19|20)\d\d$/;

function checkSummaryNumbers(p: Obj, add: (field: string, what: string) => void): void {
  if (typeof p.summary !== 'string') return;
  const stated = new Set(quotesOf(p).flatMap((q) => numbersIn(q)));
  const text = p.summary.replace(ID_TOKEN, ' ');
  for (const m of text.matchAll(DIGITS_RE)) {
    if ((!m[2] && YEAR.test(m[1] ?? '')) || isDayOfMonth(text, m)) continue;
    const [n] = numbersIn(m[0], false);
    if (n !== undefined && !stated.has(n)) add('summary', `the number "${m[0].trim()}" is in no quote of this feature`);
  }
}

const QUOTED_IN_SUMMARY = /"([^"]+)"|“([^”]+)”/g;
const normaliseQuotes = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
/** Speakers a summary may name without a quote: the report itself. */
const META_SPEAKERS = new Set(['report', 'reports', 'text', 'headline', 'it', 'not', 'does', 'did', 'who']);
const ATTRIBUTION =
  /\b([A-Za-z’'-]+)\s+(?:say|says|said|claims|claimed|called|told)\b|\baccording to\s+(?:the\s+)?([A-Za-z’'-]+)/g;

function checkSummaryPhrases(p: Obj, add: (field: string, what: string) => void): void {
  if (typeof p.summary !== 'string') return;
  const quotes = quotesOf(p);
  const pool = normaliseQuotes(quotes.join(' \n '));
  for (const m of p.summary.matchAll(QUOTED_IN_SUMMARY)) {
    const phrase = normaliseQuotes(m[1] ?? m[2] ?? '');
    if (!pool.includes(phrase))
      add('summary', `puts "${phrase}" in quotation marks, but no quote of this feature has those words`);
  }
  const lower = pool.toLowerCase();
  for (const m of p.summary.matchAll(ATTRIBUTION)) {
    const who = (m[1] ?? m[2] ?? '').toLowerCase().replace(/[’']s$/, '');
    if (!who || META_SPEAKERS.has(who) || who.length < 3) continue;
    if (!lower.includes(stem(who))) add('summary', `says "${m[0]}", but no quote of this feature names "${who}"`);
  }
  checkContentWords(p, add);
}

/** Sentences about the data rather than the events ("the report gives no split", "the arc ends at Kyiv"). */
const META_SENTENCE =
  /\b(report|reports|text|stored|feature|arc|arcs|drawn|point|standing for|counted|the statement gives|names no|names neither|gives no|does not \w+)\b/i;
const STOP = new Set(
  `also only both each other more most such could would should will might about through during until
since against between that this these those their there which whom what when where while after before into over than then
with from have been were they them itself together another again same just very much many like because say says said`.split(
    /\s+/,
  ),
);

/** A crude English stem: lower case, no possessive, no common suffix; enough to match "cities" with "city". */
function stem(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[’']/g, '');
  w = w.replace(/(ies|ied)$/, 'y').replace(/(ing|ed|es|s|ly)$/, '');
  return w.slice(0, 5);
}

/**
 * Every content word of a summary's event sentences (four letters or more, not a function word) must
 * occur, by stem, in the feature's quotes, title, place or actor: "a car mechanic" with no quote
 * saying "mechanic" is reported. Sentences about the data itself (META_SENTENCE) are left out.
 */
function checkContentWords(p: Obj, add: (field: string, what: string) => void): void {
  const pool = [...quotesOf(p), p.title, p.place, p.actor, p.produces, p.from, p.to]
    .filter((x): x is string => typeof x === 'string')
    .join(' ');
  const have = new Set(Array.from(pool.matchAll(/[A-Za-z][A-Za-z’'-]*/g), (m) => stem(m[0])));
  for (const part of pool.matchAll(/[A-Za-z]+/g)) have.add(stem(part[0]));
  const missing: string[] = [];
  // Parenthesised remarks ("(spelled … in the report)") are about the data; the rest of their sentence is not.
  for (const sentence of String(p.summary)
    .replace(/\([^()]*\)/g, ' ')
    .split(/(?<=[.;:])\s+/)) {
    if (META_SENTENCE.test(sentence)) continue;
    for (const m of sentence.replace(ID_TOKEN, ' ').matchAll(/[A-Za-z][A-Za-z’'-]*/g)) {
      const w = m[0];
      if (w.length < 4 || STOP.has(w.toLowerCase())) continue;
      const parts = w.split('-');
      if (!have.has(stem(w)) && !parts.every((x) => x.length < 3 || have.has(stem(x)))) missing.push(w);
    }
  }
  if (missing.length)
    add(
      'summary',
      `says ${[...new Set(missing)].map((w) => `"${w}"`).join(', ')}, which no quote of this feature supports: quote the words that do, or leave them out`,
    );
}

/**
 * Directional phrases whose roles can be read from the words: `relation` → [pattern, which end each
 * captured name must stand for]. A name is matched against an end's names (see `LinkEndNames`).
 */
const DIRECTION_PATTERNS: Record<string, [RegExp, ('from' | 'to')[]][]> = {
  supplies: [
    [/\b(?:supplying|supplies|supplied)\b[^.]*?\bused by (?:the )?([A-Z][\w]+(?: [A-Z][\w]+)?)/g, ['to']],
    [/\bfor ([A-Z][\w]+(?: [A-Z][\w]+)?) to use\b/g, ['to']],
  ],
  attacks: [
    [/\bused by ([A-Z][\w]+)(?: forces)? in (?:their assault on )?([A-Z][\w]+)/g, ['from', 'to']],
    [/\bused by ([A-Z][\w]+) forces in their assault on ([A-Z][\w]+)/g, ['from', 'to']],
  ],
  deploys: [[/\bdeployed to (?:the )?(?:[A-Z][\w]+ )?(?:region of )?([A-Z][\w]+)/g, ['to']]],
  followed_by: [[/\bIt came after\b[^.]*?\b(?:city|town|region) of ([A-Z][\w]+)/g, ['from']]],
};
const DEMONYMS: Record<string, string> = {
  Russian: 'Russia',
  Ukrainian: 'Ukraine',
  'North Korean': 'North Korea',
  Chinese: 'China',
  Romanian: 'Romania',
  Korean: 'Korea',
};

/** The names an end of a link goes by: its ref, and a place's country or a feature's place. */
export type LinkEndNames = (ref: string) => string[];

/** Links: a quote whose words give the direction of the link's relation must agree with `from` and `to`. */
export function checkLinkDirections(collection: unknown, fileName: string, namesOf: LinkEndNames): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p || typeof p.relation !== 'string' || typeof p.from !== 'string' || typeof p.to !== 'string') return;
    const id = typeof p.id === 'string' ? p.id : null;
    const ends = { from: namesOf(p.from).map((s) => s.toLowerCase()), to: namesOf(p.to).map((s) => s.toLowerCase()) };
    const stands = (name: string, end: 'from' | 'to'): boolean =>
      ends[end].some((n) => n.includes(name) || name.includes(n));
    quotesOf(p).forEach((q, i) => {
      for (const [re, roles] of DIRECTION_PATTERNS[p.relation as string] ?? []) {
        for (const m of q.matchAll(re)) {
          roles.forEach((role, k) => {
            const raw = m[k + 1] ?? '';
            const name = (DEMONYMS[raw] ?? raw).toLowerCase();
            if (stands(name, role)) return;
            const other = role === 'from' ? 'to' : 'from';
            const why = stands(name, other)
              ? `that is the "${other}" end: the link runs the wrong way`
              : `neither end stands for ${DEMONYMS[raw] ?? raw}`;
            issues.push({
              file: fileName,
              index,
              field: 'relation',
              message: issueMessage(
                fileName,
                index,
                id,
                'relation',
                `"${String(p.relation)}" from "${String(p.from)}" to "${String(p.to)}", but sources[${i}].quote ("${m[0]}") makes ${DEMONYMS[raw] ?? raw} the "${role}" end; ${why}`,
              ),
            });
          });
        }
      }
    });
  });
  return issues;
}

/**
 * The word checks for one bundled file: night and relative terms against `day`, the day the event
 * quote names, figures and their hedges against the quotes, and a summary's numbers, quoted phrases,
 * speakers and content words against the quotes.
 */
export function checkContent(collection: unknown, fileName: string): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p) return;
    const id = typeof p.id === 'string' ? p.id : null;
    const add = (field: string, what: string): void => {
      issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, what) });
    };
    checkDays(p, add);
    checkFigureQuotes(p, add);
    checkSummaryNumbers(p, add);
    checkSummaryPhrases(p, add);
  });
  return issues;
}

/** The names each link end goes by: a gazetteer place and its country, or a bundled feature's place and title. */
export function linkEndNames(
  features: readonly { properties: { id: string; place: string; title: string } }[],
  places: readonly { name: string; country: string }[],
): LinkEndNames {
  const byId = new Map(features.map((f) => [f.properties.id, f.properties]));
  const byName = new Map(places.map((p) => [p.name, p]));
  return (ref) => {
    const place = byName.get(ref);
    if (place) return [place.name, place.country];
    const f = byId.get(ref);
    return f ? [f.place, f.title] : [ref];
  };
}

/** The guided story (data/story.json): each step's body gets the summary checks against the step's own quotes. */
export function checkStoryWords(story: unknown, fileName: string): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(story) || !Array.isArray(story.steps)) return issues;
  story.steps.forEach((step: unknown, index: number) => {
    if (!isObj(step) || typeof step.body !== 'string') return;
    const title = typeof step.title === 'string' ? step.title : '';
    const add = (_field: string, what: string): void => {
      issues.push({
        file: fileName,
        index,
        field: 'body',
        message: `${fileName}: step ${index + 1} (${title}): field "body": ${what.replace(/this feature/g, 'this step')}`,
      });
    };
    const p: Obj = { summary: step.body, title, sources: step.sources };
    checkSummaryNumbers(p, add);
    checkSummaryPhrases(p, add);
  });
  return issues;
}
