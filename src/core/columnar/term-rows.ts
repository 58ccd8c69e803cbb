// A search term's rows in the text index, found a slice at a time (so a search can yield to typing and be dropped), and kept for the next keystroke.
import type { SearchIndex } from './search-index';
import { positionsFromFollowers } from './term-followers';
import { partialLetterRows, rowsFromLetterSets } from './term-letters';
import { partialWordRows, rowsFromWords } from './term-words';
import {
  MAX_POSITIONS,
  markCandidateRows,
  markPositions,
  PositionList,
  rowAt,
  SLICE_CHARS,
  scanRows,
} from './term-slices';

export { MAX_POSITIONS, SLICE_CHARS } from './term-slices';
export { followersSliced, hasFollowers, MAX_FOLLOWER_POSITIONS } from './term-followers';

/** What is kept of a term searched: its rows, and where it occurs in the index (when that was recorded and not too long). */
interface Kept {
  rows: Uint8Array;
  /** Every position of the term in the index text, ascending; null when not recorded. */
  positions: Uint32Array | null;
}

/** Rows per term of the last few terms searched, per index (typing "kh", "kha", … narrows the last one). */
const termCache = new WeakMap<SearchIndex, Map<string, Kept>>();
const TERMS_KEPT = 8;
/** Rows one slice of a narrowed search checks. */
const SLICE_ROWS = 1 << 15;
/** Positions one slice of a search narrowed by positions checks (a startsWith each). */
const SLICE_POSITIONS = 1 << 18;

function cacheOf(index: SearchIndex): Map<string, Kept> {
  let cache = termCache.get(index);
  if (!cache) {
    cache = new Map();
    termCache.set(index, cache);
  }
  return cache;
}

/** The rows of `term` if they are kept (searched a moment ago, here or by the worker); else null. */
export function cachedTermRows(index: SearchIndex, term: string): Uint8Array | null {
  return termCache.get(index)?.get(term)?.rows ?? null;
}

/** Whether the positions of `term` are kept too (tests, debugging). */
export function hasTermPositions(index: SearchIndex, term: string): boolean {
  return !!termCache.get(index)?.get(term)?.positions;
}

/** Keeps a term's rows (1 per row holding it) for this index: the next search of it is a look-up. */
export function keepTermRows(
  index: SearchIndex,
  term: string,
  rows: Uint8Array,
  positions: Uint32Array | null = null,
): void {
  if (rows.length !== index.starts.length - 1)
    throw new Error(`rows for "${term}": ${rows.length} for an index of ${index.starts.length - 1}`);
  const cache = cacheOf(index);
  cache.delete(term);
  if (cache.size >= TERMS_KEPT) cache.delete(cache.keys().next().value as string);
  cache.set(term, { rows, positions });
}

/**
 * The rows whose text holds `term` (folded, non-empty), 1 each, as a generator that yields after
 * each slice of the work and returns the rows, kept for the next keystroke. Whoever steps it
 * decides when to go on (runSliced), or to stop.
 *
 * Typing extends a term a letter at a time, so a term searched a moment ago is mostly part of
 * this one, and this term occurs only where that one does:
 * - a one-letter term is looked up in the letter sets when they are built (term-letters.ts);
 * - a term without a space is looked up in the word index when it is built (term-words.ts);
 * - when that term's positions were kept, each is checked in place (`startsWith` at the same
 *   offset): "kha" after "kh" looks at the positions of "kh" only, not at the index;
 * - else, when its rows are few, each of them is checked alone (its own text, bounded);
 * - else indexOf runs over the whole index, a slice of the text at a time (cut at a row's start:
 *   a term never holds \0 or \u0001, so no match crosses a row). A one-letter term skips to the
 *   next row after each hit (it is in most rows); a longer one records every position, for the
 *   next keystroke. While the word index is being made, only the rows its pass has not read are
 *   scanned: the others are looked up in the words read so far.
 */
export function* termRowsSliced(
  index: SearchIndex,
  term: string,
  slice: { chars?: number; rows?: number; positions?: number } = {},
): Generator<void, Uint8Array, void> {
  const sliceChars = Math.max(1, slice.chars ?? SLICE_CHARS);
  const sliceRows = Math.max(1, slice.rows ?? SLICE_ROWS);
  const slicePositions = Math.max(1, slice.positions ?? SLICE_POSITIONS);
  const cached = cachedTermRows(index, term);
  if (cached) return cached;
  const lettered = rowsFromLetterSets(index, term);
  if (lettered) {
    keepTermRows(index, term, lettered);
    return lettered;
  }
  const worded = rowsFromWords(index, term);
  if (worded) {
    keepTermRows(index, term, worded);
    return worded;
  }
  const { text, starts } = index;
  const n = starts.length - 1;
  const out = new Uint8Array(n);
  const grouped = positionsFromFollowers(index, term);
  if (grouped) {
    let r = 0;
    for (let k0 = 0; k0 < grouped.length; k0 += slicePositions) {
      const k1 = Math.min(grouped.length, k0 + slicePositions);
      r = markPositions(text, null, 0, grouped, k0, k1, starts, out, r, null);
      if (k1 < grouped.length) yield;
    }
    keepTermRows(index, term, out, grouped.length <= MAX_POSITIONS ? grouped.slice() : null);
    return out;
  }
  // The longest kept term inside this one (its rows are a superset of this term's), preferring one
  // whose positions are kept.
  let base: Kept | null = null;
  let baseTerm = '';
  for (const [t, kept] of termCache.get(index) ?? []) {
    if (!term.includes(t)) continue;
    const better =
      !base ||
      (!!kept.positions && !base.positions) ||
      (!!kept.positions === !!base.positions && t.length > baseTerm.length);
    if (better) [base, baseTerm] = [kept, t];
  }
  if (base?.positions) {
    // Where this term starts relative to the kept one's occurrences.
    const offset = term.indexOf(baseTerm);
    const from = base.positions;
    const positions = new PositionList();
    let r = 0;
    for (let k0 = 0; k0 < from.length; k0 += slicePositions) {
      const k1 = Math.min(from.length, k0 + slicePositions);
      r = markPositions(text, term, offset, from, k0, k1, starts, out, r, positions);
      if (k1 < from.length) yield;
    }
    keepTermRows(index, term, out, positions.done());
    return out;
  }
  let candidates = 0;
  const baseRows = base?.rows ?? null;
  if (baseRows) for (let r = 0; r < n; r++) candidates += baseRows[r];
  if (baseRows && candidates < n / 8) {
    for (let r0 = 0; r0 < n; r0 += sliceRows) {
      const r1 = Math.min(n, r0 + sliceRows);
      markCandidateRows(text, term, baseRows, starts, r0, r1, out);
      if (r1 < n) yield;
    }
    keepTermRows(index, term, out);
    return out;
  }
  // While the word index is being made: a one-letter term's rows the letter sets cover so far, or a
  // longer term's from the words read so far, are looked up, the rest scanned. Its positions are
  // then not all found, so none are kept (the next key narrows from its rows).
  const readTo = term.length > 1 ? partialWordRows(index, term, out) : partialLetterRows(index, term, out);
  const positions = term.length > 1 && readTo < 0 ? new PositionList() : null;
  for (let r0 = Math.max(0, readTo); r0 < n; ) {
    // Rows [r0, r1): about sliceChars of text (at least one row).
    let r1 = rowAt(starts, starts[r0] + sliceChars, r0, n + 1);
    if (r1 <= r0) r1 = r0 + 1;
    r1 = Math.min(n, r1);
    const from = starts[r0];
    const part = text.slice(from, starts[r1]);
    scanRows(part, term, from, starts, r0, r1, out, positions);
    r0 = r1;
    if (r0 < n) yield;
  }
  keepTermRows(index, term, out, positions?.done() ?? null);
  return out;
}

/** Steps a sliced search to its end at once. */
export function drain<T>(gen: Generator<void, T, void>): T {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

/** 1 for every row whose text holds `term` (folded, non-empty), at once; kept for the next keystroke. */
export function rowsWithTerm(index: SearchIndex, term: string): Uint8Array {
  return drain(termRowsSliced(index, term));
}
