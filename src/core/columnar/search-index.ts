// The text index: every row's folded searchable text in one string with row offsets; a term's rows found with indexOf.
import type { AtlasProperties } from '../schema/schema';
import { fold } from './fold';

/**
 * Row r's text is `text.slice(starts[r], starts[r + 1])`: its title, place, summary and source
 * quotes (a quote equal to the summary, as in ACLED, once), folded as search.ts folds (lower
 * case, accents dropped, curly quotes plain), joined by \0 and ended by \u0001:
 *
 *   text:   "strike in kharkiv\0kharkiv\0…\u0001shelling in odesa\0…\u0001"
 *   starts: [0, 41, 97, …, text.length]
 *
 * A search runs the engine's indexOf over the one string (no per-row work for rows that do not
 * match) and maps each hit to its row by binary search, then skips to the next row. A term
 * never holds \0 or \u0001, so it never matches across fields or rows.
 */
export interface SearchIndex {
  text: string;
  starts: Uint32Array;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the class is every ASCII character, control ones included
const NON_ASCII = /[^\x00-\x7f]/;

/** fold(text).text, with a fast path for ASCII text (most of it). */
export function foldText(text: string): string {
  return NON_ASCII.test(text) ? fold(text).text : text.toLowerCase();
}

/** A row's searchable text, folded (without the row's end mark). */
export function rowSearchText(p: Pick<AtlasProperties, 'title' | 'place' | 'summary' | 'sources'>): string {
  let s = `${foldText(p.title ?? '')}\u0000${foldText(p.place ?? '')}\u0000${foldText(p.summary ?? '')}`;
  if (Array.isArray(p.sources))
    for (const src of p.sources)
      if (src && typeof src.quote === 'string' && src.quote && src.quote !== p.summary)
        s += `\u0000${foldText(src.quote)}`;
  return s;
}

/** Builds the index row by row: add(text) for rows 0, 1, …, then build(). */
export class SearchIndexBuilder {
  private readonly parts: string[] = [];
  private readonly starts: Uint32Array;
  private at = 0;
  private row = 0;

  constructor(rows: number) {
    this.starts = new Uint32Array(rows + 1);
  }

  add(rowText: string): void {
    this.starts[this.row++] = this.at;
    this.parts.push(rowText, '\u0001');
    this.at += rowText.length + 1;
  }

  build(): SearchIndex {
    this.starts[this.row] = this.at;
    return { text: this.parts.join(''), starts: this.starts };
  }
}

/** The row holding text position `pos`: the last r with starts[r] <= pos. */
function rowAt(starts: Uint32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Sets out[r] = 1 for every row whose text holds `term` (a folded term, non-empty). */
export function markRowsWith(index: SearchIndex, term: string, out: Uint8Array): void {
  const { text, starts } = index;
  for (let pos = text.indexOf(term); pos >= 0; ) {
    const r = rowAt(starts, pos);
    out[r] = 1;
    pos = text.indexOf(term, starts[r + 1]);
  }
}

/** Rows per term of the last few terms searched, per index (typing "kh", "kha", … narrows the last one). */
const termCache = new WeakMap<SearchIndex, Map<string, Uint8Array>>();
const TERMS_KEPT = 8;

/**
 * 1 for every row whose text holds `term` (folded, non-empty), as markRowsWith marks them. Typing
 * extends a term a letter at a time: when a term searched a moment ago is part of this one, only
 * its rows can match, and when they are few each is checked alone (its own text, bounded) instead
 * of running indexOf over the whole index again. The result is kept for the next keystroke.
 */
export function rowsWithTerm(index: SearchIndex, term: string): Uint8Array {
  let cache = termCache.get(index);
  if (!cache) {
    cache = new Map();
    termCache.set(index, cache);
  }
  const hit = cache.get(term);
  if (hit) return hit;
  const n = index.starts.length - 1;
  const out = new Uint8Array(n);
  // The longest cached term inside this one: its rows are a superset of this term's.
  let base: Uint8Array | null = null;
  let baseLen = 0;
  for (const [t, rows] of cache) if (t.length > baseLen && term.includes(t)) [base, baseLen] = [rows, t.length];
  let candidates = 0;
  if (base) for (let r = 0; r < n; r++) candidates += base[r];
  if (base && candidates < n / 8) {
    const { text, starts } = index;
    for (let r = 0; r < n; r++) if (base[r] && text.slice(starts[r], starts[r + 1]).includes(term)) out[r] = 1;
  } else markRowsWith(index, term, out);
  if (cache.size >= TERMS_KEPT) cache.delete(cache.keys().next().value as string);
  cache.set(term, out);
  return out;
}
