// Every ASCII character's rows in the text index, as one bit set each, kept once the word index's pass has marked them (term-words.ts): a one-letter search (the first key typed) is then a look-up, not a scan.
import type { SearchIndex } from './search-index';

/** Rows of each ASCII code present in the index: bit r of sets[c] is 1 when row r's text holds character c. */
interface LetterSets {
  rows: number;
  sets: (Uint32Array | null)[];
}

const lettersCache = new WeakMap<SearchIndex, LetterSets>();
const ASCII = 128;

/** Whether the letter sets are kept for this index (tests, debugging). */
export function hasLetterSets(index: SearchIndex): boolean {
  return lettersCache.has(index);
}

/**
 * Keeps letter sets made elsewhere (the word index's pass marks them as it reads the text:
 * term-words.ts): sets[c] is the bit set of the rows holding ASCII code c, null for none.
 */
export function keepLetterSets(index: SearchIndex, sets: (Uint32Array | null)[]): void {
  if (sets.length !== ASCII) throw new Error(`letter sets: ${sets.length} codes, not ${ASCII}`);
  lettersCache.set(index, { rows: index.starts.length - 1, sets });
  partialCache.delete(index);
}

/** Letter sets being made (term-words.ts): complete for rows [0, done). */
const partialCache = new WeakMap<SearchIndex, { done: number; sets: (Uint32Array | null)[] }>();

/** Notes how far the letter sets being made have got: rows [0, done) are marked in `sets`. */
export function notePartialLetterSets(index: SearchIndex, sets: (Uint32Array | null)[], done: number): void {
  if (!lettersCache.has(index)) partialCache.set(index, { done, sets });
}

/**
 * While the letter sets are being made: marks in `out` (1 per row) a one-letter ASCII term's rows
 * among those already read and returns the first row not read yet (a search scans from there);
 * else, writing nothing, -1.
 */
export function partialLetterRows(index: SearchIndex, term: string, out: Uint8Array): number {
  const p = partialCache.get(index);
  const c = term.length === 1 ? term.charCodeAt(0) : ASCII;
  if (!p || c >= ASCII) return -1;
  const set = p.sets[c];
  if (set) for (let r = 0; r < p.done; r++) out[r] = (set[r >>> 5] >>> (r & 31)) & 1;
  return p.done;
}

/**
 * The rows of a one-letter ASCII term (1 per row holding it) from the kept letter sets; null
 * when they are not kept for this index or the term is not one ASCII character.
 */
export function rowsFromLetterSets(index: SearchIndex, term: string): Uint8Array | null {
  if (term.length !== 1) return null;
  const c = term.charCodeAt(0);
  const kept = lettersCache.get(index);
  if (!kept || c >= ASCII) return null;
  const out = new Uint8Array(kept.rows);
  const set = kept.sets[c];
  if (set) for (let r = 0; r < kept.rows; r++) out[r] = (set[r >>> 5] >>> (r & 31)) & 1;
  return out;
}
