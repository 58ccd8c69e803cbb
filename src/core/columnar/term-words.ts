// A word index of the text index, made in the background after a build: every distinct word's rows, so a term without a space is found from the words that hold it, not by a scan of every row's text.
import type { SearchIndex } from './search-index';
import { hasLetterSets, keepLetterSets, notePartialLetterSets } from './term-letters';
import { rowAt } from './term-slices';

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

/** The words seen so far: an open-addressing table over the text (no string made per word read). */
class WordTable {
  size = 0;
  private slots = new Int32Array(1 << 16);
  hash = new Uint32Array(1 << 12);
  pos = new Uint32Array(1 << 12);
  len = new Uint32Array(1 << 12);
  /** Rows listed for each word (in `pairs`): a word's rows stop being listed once it has a bit set. */
  count = new Uint32Array(1 << 12);
  lastRow = new Int32Array(1 << 12).fill(-1);
  /** Each word's bit set in `sets`, or -1: a word gets one once it is in more than one row in 32. */
  setOf = new Int32Array(1 << 12).fill(-1);
  readonly sets: Uint32Array[] = [];
  /**
   * Each word's characters, copied side by side (word id's from at[id]): a word is compared with
   * these, not with its first occurrence in the text, which is far away in memory.
   */
  private chars = new Uint16Array(1 << 16);
  private charsUsed = 0;
  private at = new Uint32Array(1 << 12);

  /** The id of the word text[s, s + l) with hash h, added when new. */
  find(text: string, s: number, l: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot];
      if (v === 0) {
        const id = this.size++;
        if (id === this.hash.length) this.grow();
        this.hash[id] = h;
        this.pos[id] = s;
        this.len[id] = l;
        this.copy(text, s, l, id);
        this.slots[slot] = id + 1;
        if (this.size * 2 > this.slots.length) this.rehash();
        return id;
      }
      const id = v - 1;
      if (this.hash[id] === h && this.len[id] === l && this.same(text, id, s, l)) return id;
    }
  }

  private copy(text: string, s: number, l: number, id: number): void {
    if (this.charsUsed + l > this.chars.length) {
      const more = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + l));
      more.set(this.chars.subarray(0, this.charsUsed));
      this.chars = more;
    }
    const chars = this.chars;
    const o = this.charsUsed;
    for (let i = 0; i < l; i++) chars[o + i] = text.charCodeAt(s + i);
    this.at[id] = o;
    this.charsUsed = o + l;
  }

  private same(text: string, id: number, b: number, l: number): boolean {
    const chars = this.chars;
    const a = this.at[id];
    for (let i = 0; i < l; i++) if (chars[a + i] !== text.charCodeAt(b + i)) return false;
    return true;
  }

  private grow(): void {
    const n = this.hash.length * 2;
    const more = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.hash = more(this.hash, (k) => new Uint32Array(k));
    this.pos = more(this.pos, (k) => new Uint32Array(k));
    this.len = more(this.len, (k) => new Uint32Array(k));
    this.at = more(this.at, (k) => new Uint32Array(k));
    this.count = more(this.count, (k) => new Uint32Array(k));
    const last = new Int32Array(n).fill(-1);
    last.set(this.lastRow);
    this.lastRow = last;
    const setOf = new Int32Array(n).fill(-1);
    setOf.set(this.setOf);
    this.setOf = setOf;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hash[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** A growable list of word ids. */
class IdList {
  a = new Uint32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
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
  const { text, starts } = index;
  const n = starts.length - 1;
  const setWords = (n + 31) >>> 5;
  const t = new WordTable();
  const letters: (Uint32Array | null)[] = new Array(128).fill(null);
  const pairs = new IdList();
  const pairStarts = new Uint32Array(n + 1);
  const seen = new Int32Array(128).fill(-1);
  for (let r0 = 0; r0 < n; r0 += sliceRows) {
    readRows(text, starts, r0, Math.min(n, r0 + sliceRows), t, pairs, pairStarts, letters, seen, setWords);
    notePartialLetterSets(index, letters, Math.min(n, r0 + sliceRows));
    if (r0 + sliceRows < n) yield;
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
  if (bytes > text.length * (slice.maxShare ?? MAX_INDEX_SHARE)) return false;
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
