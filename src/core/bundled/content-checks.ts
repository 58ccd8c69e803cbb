// Checks a bundled feature's words against its quotes: relative dates, named days, figures, summary numbers and phrases (link directions: link-directions.ts).
import { parseIsoDay, weekday } from '../time/days.ts';
import { FIGURE_FIELDS } from '../schema/schema.ts';
import { issueMessage, type BundledIssue } from './validate-bundled.ts';

import {
  DIGITS_RE,
  eventWeekdays,
  isDayOfMonth,
  isObj,
  monthDays,
  NIGHT_TERMS,
  numberAt,
  numbersIn,
  QUALIFIER_WORDS,
  quotesOf,
  RELATIVE_TERMS,
  MONTHS,
  WEEKDAYS,
} from './report-text.ts';

type Obj = Record<string, unknown>;

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
