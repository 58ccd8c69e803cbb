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

/** A row's searchable text, folded (without the row's end mark); `fold` may be a memo of foldText. */
export function rowSearchText(
  p: Pick<AtlasProperties, 'title' | 'place' | 'summary' | 'sources'>,
  fold: (text: string) => string = foldText,
): string {
  let s = `${fold(p.title ?? '')}\u0000${fold(p.place ?? '')}\u0000${fold(p.summary ?? '')}`;
  if (Array.isArray(p.sources))
    for (const src of p.sources)
      if (src && typeof src.quote === 'string' && src.quote && src.quote !== p.summary) s += `\u0000${fold(src.quote)}`;
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
