// Every ASCII character's rows in the text index, as one bit set each, made in the background after a build: a one-letter search (the first key typed) is then a look-up, not a scan.
import type { SearchIndex } from './search-index';

/** Rows of each ASCII code present in the index: bit r of sets[c] is 1 when row r's text holds character c. */
interface LetterSets {
  rows: number;
  sets: (Uint32Array | null)[];
}

const lettersCache = new WeakMap<SearchIndex, LetterSets>();
/** Rows one slice of the build covers. */
const SLICE_ROWS = 1 << 14;
const ASCII = 128;

/** Whether the letter sets are kept for this index (tests, debugging). */
export function hasLetterSets(index: SearchIndex): boolean {
  return lettersCache.has(index);
}

/**
 * Builds the bit set of every ASCII character's rows (one pass over the text, yielding after each
 * slice of rows) and keeps it for this index. About 0.7 s of worker time at 1M rows (Node) and a bit a row for
 * each distinct character (~16 MB at a million rows with 128 codes; ~9 MB for the ~70 an ACLED
 * export holds), so the first key typed answers from it at once. Characters above U+007F are
 * searched as before (termRowsSliced).
 */
export function* letterSetsSliced(index: SearchIndex, slice: { rows?: number } = {}): Generator<void, void, void> {
  if (lettersCache.has(index)) return;
  const sliceRows = Math.max(1, slice.rows ?? SLICE_ROWS);
  const { text, starts } = index;
  const n = starts.length - 1;
  const words = (n + 31) >>> 5;
  const sets: (Uint32Array | null)[] = new Array(ASCII).fill(null);
  for (let r0 = 0; r0 < n; r0 += sliceRows) {
    markLetters(text, starts, r0, Math.min(n, r0 + sliceRows), sets, words);
    if (r0 + sliceRows < n) yield;
  }
  lettersCache.set(index, { rows: n, sets });
}

function markLetters(
  text: string,
  starts: Uint32Array,
  r0: number,
  r1: number,
  sets: (Uint32Array | null)[],
  words: number,
): void {
  for (let r = r0; r < r1; r++) {
    const w = r >>> 5;
    const bit = 1 << (r & 31);
    const end = starts[r + 1];
    for (let p = starts[r]; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c >= ASCII) continue;
      let set = sets[c];
      if (!set) {
        set = new Uint32Array(words);
        sets[c] = set;
      }
      set[w] |= bit;
    }
  }
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
 * While the letter sets are being made: a one-letter ASCII term's rows among those already read
 * (1 each, the rest 0) and the first row not read yet (a search scans from there); else null.
 */
export function partialLetterRows(index: SearchIndex, term: string): { rows: Uint8Array; from: number } | null {
  const p = partialCache.get(index);
  const c = term.length === 1 ? term.charCodeAt(0) : ASCII;
  if (!p || c >= ASCII) return null;
  const rows = new Uint8Array(index.starts.length - 1);
  const set = p.sets[c];
  if (set) for (let r = 0; r < p.done; r++) rows[r] = (set[r >>> 5] >>> (r & 31)) & 1;
  return { rows, from: p.done };
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
