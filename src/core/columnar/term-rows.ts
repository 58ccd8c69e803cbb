// A search term's rows in the text index, found a slice at a time (so a search can yield to typing and be dropped), and kept for the next keystroke.
import type { SearchIndex } from './search-index';

/** Rows per term of the last few terms searched, per index (typing "kh", "kha", … narrows the last one). */
const termCache = new WeakMap<SearchIndex, Map<string, Uint8Array>>();
const TERMS_KEPT = 8;
/** Characters of the index one slice of a full search covers (~a few ms of indexOf). */
export const SLICE_CHARS = 1 << 22;
/** Rows one slice of a narrowed search checks. */
const SLICE_ROWS = 1 << 15;

function cacheOf(index: SearchIndex): Map<string, Uint8Array> {
  let cache = termCache.get(index);
  if (!cache) {
    cache = new Map();
    termCache.set(index, cache);
  }
  return cache;
}

/** The rows of `term` if they are kept (searched a moment ago, here or by the worker); else null. */
export function cachedTermRows(index: SearchIndex, term: string): Uint8Array | null {
  return termCache.get(index)?.get(term) ?? null;
}

/** Keeps a term's rows (1 per row holding it) for this index: the next search of it is a look-up. */
export function keepTermRows(index: SearchIndex, term: string, rows: Uint8Array): void {
  if (rows.length !== index.starts.length - 1)
    throw new Error(`rows for "${term}": ${rows.length} for an index of ${index.starts.length - 1}`);
  const cache = cacheOf(index);
  cache.delete(term);
  if (cache.size >= TERMS_KEPT) cache.delete(cache.keys().next().value as string);
  cache.set(term, rows);
}

/** The last row r in [lo, hi) with starts[r] <= pos. */
function rowAt(starts: Uint32Array, pos: number, lo: number, hi: number): number {
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows whose text holds `term` (folded, non-empty), 1 each, as a generator that yields after
 * each slice of the work (SLICE_CHARS of the index, or SLICE_ROWS rows checked) and returns the
 * rows, kept for the next keystroke. Whoever steps it decides when to go on (runSliced), or to stop.
 *
 * Typing extends a term a letter at a time: when a term searched a moment ago is part of this one,
 * only its rows can match, and when they are few each is checked alone (its own text, bounded)
 * instead of running indexOf over the whole index again. A full search runs indexOf over one slice
 * of the text at a time (cut at a row's start: a term never holds \0 or \u0001, so no match crosses
 * a row) and skips to the next row after each hit.
 */
export function* termRowsSliced(
  index: SearchIndex,
  term: string,
  slice: { chars?: number; rows?: number } = {},
): Generator<void, Uint8Array, void> {
  const sliceChars = Math.max(1, slice.chars ?? SLICE_CHARS);
  const sliceRows = Math.max(1, slice.rows ?? SLICE_ROWS);
  const cached = cachedTermRows(index, term);
  if (cached) return cached;
  const { text, starts } = index;
  const n = starts.length - 1;
  const out = new Uint8Array(n);
  // The longest kept term inside this one: its rows are a superset of this term's.
  let base: Uint8Array | null = null;
  let baseLen = 0;
  for (const [t, rows] of termCache.get(index) ?? [])
    if (t.length > baseLen && term.includes(t)) [base, baseLen] = [rows, t.length];
  let candidates = 0;
  if (base) for (let r = 0; r < n; r++) candidates += base[r];
  if (base && candidates < n / 8) {
    for (let r0 = 0; r0 < n; r0 += sliceRows) {
      const r1 = Math.min(n, r0 + sliceRows);
      for (let r = r0; r < r1; r++) if (base[r] && text.slice(starts[r], starts[r + 1]).includes(term)) out[r] = 1;
      if (r1 < n) yield;
    }
  } else {
    for (let r0 = 0; r0 < n; ) {
      // Rows [r0, r1): about sliceChars of text (at least one row).
      let r1 = rowAt(starts, starts[r0] + sliceChars, r0, n + 1);
      if (r1 <= r0) r1 = r0 + 1;
      r1 = Math.min(n, r1);
      const from = starts[r0];
      const part = text.slice(from, starts[r1]);
      // Hits come in row order: each row is found by galloping on from the last one (a term in
      // most rows, "k", costs a step or two a hit instead of a binary search over the slice).
      let r = r0;
      for (let at = part.indexOf(term); at >= 0; ) {
        const pos = from + at;
        let step = 1;
        let hi = r + 1;
        while (hi < r1 && starts[hi] <= pos) {
          r = hi;
          hi = r + step;
          step *= 2;
        }
        r = rowAt(starts, pos, r, Math.min(hi, r1));
        out[r] = 1;
        at = part.indexOf(term, starts[r + 1] - from);
      }
      r0 = r1;
      if (r0 < n) yield;
    }
  }
  keepTermRows(index, term, out);
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
