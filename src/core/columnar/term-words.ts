// A word index of the text index, made in the background after a build: every distinct word's rows, so a term without a space is found from the words that hold it, not by a scan of every row's text.
import type { SearchIndex } from './search-index';
import { hasLetterSets, keepLetterSets, notePartialLetterSets } from './term-letters';
import { rowAt } from './term-slices';
import { IdList, WordTable } from './term-word-table';

/**
 * Words are the runs of characters between separators: ASCII spaces, tabs and line ends, and the
 * index's own field and row marks (\0, \u0001). A term that holds no separator can only occur
 * inside one word, so the rows whose text holds it are exactly the rows of the words that hold it:
 * the index answers every such term exactly, and a term with a separator in it (a quoted phrase)
 * is searched as before.
 */
const isSeparator = (c: number): boolean =>
  c <= 32 && (c === 32 || c === 0 || c === 1 || c === 9 || c === 10 || c === 13);

/** A term's rows are found here only when it holds no separator. */
export function wordSearchable(term: string): boolean {
  if (!term) return false;
  for (let i = 0; i < term.length; i++) if (isSeparator(term.charCodeAt(i))) return false;
  return true;
}

/**
 * The distinct words, joined by \u0001 in `dict` (word w is dict[dictStarts[w], dictStarts[w + 1] - 1)),
 * and each word's rows: a bit set for a word in more than 1 row in 32 (smaller so), else its rows,
 * ascending, rows[offsets[w]…offsets[w + 1]).
 */
interface WordIndex {
  n: number;
  dict: string;
  dictStarts: Uint32Array;
  offsets: Uint32Array;
  rows: Uint32Array;
  bits: Map<number, Uint32Array>;
}

const wordsCache = new WeakMap<SearchIndex, WordIndex>();

/** Whether the word index is kept for this index (tests, debugging). */
export function hasWordIndex(index: SearchIndex): boolean {
  return wordsCache.has(index);
}

/**
 * The one pass over rows [r0, r1) of the text: each ASCII character's row marked in the letter
 * sets, each word's id found (or added), and each row's distinct words listed in `pairs` (row r's
 * are pairs[pairStarts[r]…pairStarts[r + 1])), their rows counted.
 */
function readRows(
  text: string,
  starts: Uint32Array,
  r0: number,
  r1: number,
  t: WordTable,
  pairs: IdList,
  pairStarts: Uint32Array,
  letters: (Uint32Array | null)[],
  seen: Int32Array,
  setWords: number,
): void {
  const rows = starts.length - 1;
  for (let r = r0; r < r1; r++) {
    pairStarts[r] = pairs.length;
    const end = starts[r + 1];
    let s = -1;
    let h = 0;
    for (let p = starts[r]; p < end; p++) {
      const c = text.charCodeAt(p);
      // A character's row is marked once (seen: the row each code was last marked for).
      if (c < 128 && seen[c] !== r) {
        seen[c] = r;
        markLetter(letters, c, r, setWords);
      }
      if (!isSeparator(c)) {
        if (s < 0) {
          s = p;
          h = 2166136261;
        }
        h = Math.imul(h ^ c, 16777619);
      } else if (s >= 0) {
        addWord(text, s, p, h, r, t, pairs, rows);
        s = -1;
      }
    }
    if (s >= 0) addWord(text, s, end, h, r, t, pairs, rows); // a row without its end mark
  }
  pairStarts[r1] = pairs.length;
}

/**
 * Word text[s, e) (hash h) in row r: its id, and the row noted for it once — in its bit set when
 * it has one, else listed in `pairs`; a word listed in more than one row in 32 (of `rows`) gets a
 * bit set from then on (its rows listed so far are set in it when the lists are read), so `pairs`
 * never holds more than the rare words' rows and 1/32 of the rows for each common word.
 */
function addWord(
  text: string,
  s: number,
  e: number,
  h: number,
  r: number,
  t: WordTable,
  pairs: IdList,
  rows: number,
): void {
  const id = t.find(text, s, e - s, h >>> 0);
  if (t.lastRow[id] === r) return;
  t.lastRow[id] = r;
  const set = t.setOf[id];
  if (set >= 0) {
    t.sets[set][r >>> 5] |= 1 << (r & 31);
    return;
  }
  pairs.push(id);
  if (++t.count[id] * 32 > rows) t.setOf[id] = t.sets.push(new Uint32Array((rows + 31) >>> 5)) - 1;
}

function markLetter(letters: (Uint32Array | null)[], c: number, r: number, setWords: number): void {
  let set = letters[c];
  if (!set) {
    set = new Uint32Array(setWords);
    letters[c] = set;
  }
  set[r >>> 5] |= 1 << (r & 31);
}

/** Rows [r0, r1) listed in `pairs` written into their words' rows or bit sets (`fill`: the next free place of each word's rows). */
function fillRows(
  pairs: Uint32Array,
  pairStarts: Uint32Array,
  r0: number,
  r1: number,
  fill: Uint32Array,
  rows: Uint32Array,
  t: WordTable,
): void {
  for (let r = r0; r < r1; r++)
    for (let k = pairStarts[r]; k < pairStarts[r + 1]; k++) {
      const id = pairs[k];
      const set = t.setOf[id];
      if (set >= 0) t.sets[set][r >>> 5] |= 1 << (r & 31);
      else rows[fill[id]++] = r;
    }
}

/** Rows one slice of the build covers. */
const SLICE_ROWS = 1 << 12;
/** The distinct words' characters, as a share of the text's, past which no word index is kept. */
export const MAX_DICT_SHARE = 0.25;
/** The index's bytes (lists, bit sets, words), as a share of the text's characters, past which none is kept. */
export const MAX_INDEX_SHARE = 1;

/**
 * Builds the word index and the letter sets (term-letters.ts) in one pass over the text, yielding
 * after each slice of rows, then the words' rows from the pass's list of each row's words, and
 * keeps both for this index. At a million ACLED rows (~140 M characters) a few hundred thousand
 * distinct words; a bit set (n / 8 bytes) for a word in more than one row in 32, a list of rows (4
 * bytes a row) for the rest, so it never takes more than a list of every (row, word) pair would
 * (while it builds it also holds the rows it listed for each common word before it got its bit
 * set: at most 1/32 of the rows each). Returns false, keeping the letter sets only, when the
 * distinct words are over MAX_DICT_SHARE of the text, or the index would take over MAX_INDEX_SHARE
 * (`maxShare`) of the text's characters in bytes.
 */
export function* wordIndexSliced(
  index: SearchIndex,
  slice: { rows?: number; maxShare?: number } = {},
): Generator<void, boolean, void> {
  if (wordsCache.has(index)) return true;
  const sliceRows = Math.max(1, slice.rows ?? SLICE_ROWS);
  const n = index.starts.length - 1;
  const t = new WordTable();
  const letters: (Uint32Array | null)[] = new Array(128).fill(null);
  const pairs = new IdList();
  const pairStarts = new Uint32Array(n + 1);
  const seen = new Int32Array(128).fill(-1);
  const partial: PartialWords = { t, pairs, pairStarts, done: 0 };
  partialWords.set(index, partial);
  try {
    return yield* buildFrom(index, partial, letters, seen, sliceRows, slice.maxShare ?? MAX_INDEX_SHARE);
  } finally {
    partialWords.delete(index);
  }
}

/** The pass and the words' rows (wordIndexSliced), `partial` noting how far the pass has read. */
function* buildFrom(
  index: SearchIndex,
  partial: PartialWords,
  letters: (Uint32Array | null)[],
  seen: Int32Array,
  sliceRows: number,
  maxShare: number,
): Generator<void, boolean, void> {
  const { text, starts } = index;
  const { t, pairs, pairStarts } = partial;
  const n = starts.length - 1;
  const setWords = (n + 31) >>> 5;
  for (let r0 = 0; r0 < n; r0 += sliceRows) {
    const r1 = Math.min(n, r0 + sliceRows);
    readRows(text, starts, r0, r1, t, pairs, pairStarts, letters, seen, setWords);
    partial.done = r1;
    notePartialLetterSets(index, letters, r1);
    if (r1 < n) yield;
  }
  if (!hasLetterSets(index)) keepLetterSets(index, letters);
  const words = t.size;
  // Words mostly distinct (ids, coordinates, links): their list would be about as long as the text,
  // and a search of it no quicker than one of the text. Nothing is kept; terms are searched as before.
  let chars = 0;
  for (let w = 0; w < words; w++) chars += t.len[w] + 1;
  if (chars > text.length * MAX_DICT_SHARE) return false;
  const offsets = new Uint32Array(words + 1);
  for (let w = 0; w < words; w++) offsets[w + 1] = offsets[w] + (t.setOf[w] >= 0 ? 0 : t.count[w]);
  // Text whose rows hold many common words each: bit sets for all of them could cost more than the
  // text itself (at 1M generated rows the index is a tenth of it). Past MAX_INDEX_SHARE of it,
  // nothing is kept either.
  const bytes = 4 * offsets[words] + t.sets.length * 4 * setWords + chars + 8 * words;
  if (bytes > text.length * maxShare) return false;
  const rows = new Uint32Array(offsets[words]);
  const fill = offsets.slice(0, words);
  yield;
  for (let r0 = 0; r0 < n; r0 += sliceRows * 8) {
    fillRows(pairs.a, pairStarts, r0, Math.min(n, r0 + sliceRows * 8), fill, rows, t);
    if (r0 + sliceRows * 8 < n) yield;
  }
  const parts = new Array<string>(words);
  const dictStarts = new Uint32Array(words + 1);
  for (let w = 0; w < words; w++) {
    parts[w] = text.slice(t.pos[w], t.pos[w] + t.len[w]);
    dictStarts[w + 1] = dictStarts[w] + t.len[w] + 1;
  }
  const bits = new Map<number, Uint32Array>();
  for (let w = 0; w < words; w++) if (t.setOf[w] >= 0) bits.set(w, t.sets[t.setOf[w]]);
  wordsCache.set(index, { n, dict: `${parts.join('\u0001')}\u0001`, dictStarts, offsets, rows, bits });
  return true;
}

/** A word index being made: the words read so far, and each row's listed words, for rows [0, done). */
interface PartialWords {
  t: WordTable;
  pairs: IdList;
  pairStarts: Uint32Array;
  done: number;
}

const partialWords = new WeakMap<SearchIndex, PartialWords>();

/**
 * While the word index is being made: marks in `out` (1 per row) the rows among those the pass has
 * read whose text holds `term`, from the words read so far (their lists of rows and bit sets), and
 * returns the first row not read yet, from which a search scans the text; else, writing nothing,
 * -1 (no pass running, or a term with a separator). A second key typed while the pass runs (~2.4 s
 * after a 1M-row import is drawn) then scans only what the pass has not reached.
 */
export function partialWordRows(index: SearchIndex, term: string, out: Uint8Array): number {
  const p = partialWords.get(index);
  if (!p || !wordSearchable(term)) return -1;
  const { t, pairStarts, done } = p;
  const match = t.holding(term);
  if (!match) return done;
  const acc = new Uint32Array((done + 31) >>> 5);
  // Rows listed for a word (the rare words, and a common word's rows before it got its bit set).
  const ids = p.pairs.a;
  for (let r = 0; r < done; r++)
    for (let k = pairStarts[r], e = pairStarts[r + 1]; k < e; k++)
      if (match[ids[k]]) {
        acc[r >>> 5] |= 1 << (r & 31);
        break;
      }
  for (let id = 0; id < t.size; id++) {
    const set = match[id] ? t.setOf[id] : -1;
    if (set < 0) continue;
    const bits = t.sets[set];
    for (let k = 0; k < acc.length; k++) acc[k] |= bits[k];
  }
  for (let r = 0; r < done; r++) out[r] = (acc[r >>> 5] >>> (r & 31)) & 1;
  return done;
}

/**
 * The rows whose text holds `term` (1 each), from the word index: the words holding it found by
 * indexOf over the distinct words, their rows joined. Null when the index is not kept or the term
 * holds a separator (then it is searched in the text).
 */
export function rowsFromWords(index: SearchIndex, term: string): Uint8Array | null {
  const w = wordsCache.get(index);
  if (!w || !wordSearchable(term)) return null;
  const acc = new Uint32Array((w.n + 31) >>> 5);
  const words = w.dictStarts.length - 1;
  for (let at = w.dict.indexOf(term); at >= 0; ) {
    const id = rowAt(w.dictStarts, at, 0, words);
    const set = w.bits.get(id);
    if (set) for (let k = 0; k < acc.length; k++) acc[k] |= set[k];
    else orRows(acc, w.rows, w.offsets[id], w.offsets[id + 1]);
    at = w.dict.indexOf(term, w.dictStarts[id + 1]);
  }
  const out = new Uint8Array(w.n);
  for (let r = 0; r < w.n; r++) out[r] = (acc[r >>> 5] >>> (r & 31)) & 1;
  return out;
}

function orRows(acc: Uint32Array, rows: Uint32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const r = rows[k];
    acc[r >>> 5] |= 1 << (r & 31);
  }
}

/** Bytes the kept word index takes (debugging, the bench's log). */
export function wordIndexBytes(index: SearchIndex): number {
  const w = wordsCache.get(index);
  if (!w) return 0;
  let b = w.dict.length + w.dictStarts.byteLength + w.offsets.byteLength + w.rows.byteLength;
  for (const s of w.bits.values()) b += s.byteLength;
  return b;
}
