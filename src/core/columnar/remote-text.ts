// Text indexes whose text stays in the data worker: the page keeps only their row offsets, and a term's rows come from the worker, never from a scan here.
import type { SearchIndex } from './search-index';
import { cachedTermRows } from './term-rows';

/**
 * At a million rows the index text is ~90 M characters: the data worker keeps it (it answers
 * every search) and the page gets only `starts`, with `text` empty. A term's rows on such an
 * index are known on the page only once the worker has sent them (the term cache, term-rows.ts,
 * or the rows pinned for the last query asked for at once). A mask asked for before they are
 * there (a link's `q=` applied, a story step's query) is provisional: no row of it passes, the
 * listener is told which terms are missing, and once they are pinned the mask is computed again.
 */
const elsewhere = new WeakSet<SearchIndex>();
const pinned = new WeakMap<SearchIndex, Map<string, Uint8Array>>();
const provisional = new WeakMap<Uint8Array, { index: SearchIndex; terms: readonly string[] }>();
let listener: ((index: SearchIndex, terms: string[]) => void) | null = null;

/** Marks an index whose text is held by the data worker (its `text` here is empty). */
export function markTextElsewhere(index: SearchIndex): void {
  elsewhere.add(index);
}

/** True when the index's text is not on this thread (see markTextElsewhere). */
export function textElsewhere(index: SearchIndex): boolean {
  return elsewhere.has(index);
}

/** Terms pinned per index, at most (a query has at most 12: queryTerms). */
const PINNED_TERMS = 12;

/** Pins terms' rows found elsewhere for `index`: the last PINNED_TERMS terms stay, unlike the term cache's 8. */
export function pinTermRows(index: SearchIndex, rows: ReadonlyMap<string, Uint8Array>): void {
  const n = index.starts.length - 1;
  for (const [t, r] of rows) if (r.length !== n) throw new Error(`rows for "${t}": ${r.length} for an index of ${n}`);
  const kept = pinned.get(index) ?? new Map<string, Uint8Array>();
  for (const [t, r] of rows) {
    kept.delete(t);
    kept.set(t, r);
  }
  while (kept.size > PINNED_TERMS) kept.delete(kept.keys().next().value as string);
  pinned.set(index, kept);
}

/** A term's rows if they are known here without a scan (kept or pinned); else null. */
export function knownTermRows(index: SearchIndex, term: string): Uint8Array | null {
  return cachedTermRows(index, term) ?? pinned.get(index)?.get(term) ?? null;
}

/** Who fetches missing terms (the page's data client): told each time a mask needed terms it did not have. */
export function setMissingTermsListener(fn: ((index: SearchIndex, terms: string[]) => void) | null): void {
  listener = fn;
}

/** A mask computed without some terms' rows: it passes no row; `terms` are asked for. */
export function markProvisional(mask: Uint8Array, index: SearchIndex, terms: string[]): void {
  provisional.set(mask, { index, terms });
  listener?.(index, terms);
}

/** True when `mask` is provisional (markProvisional) and its missing terms are now known: compute it again. */
export function provisionalReady(mask: Uint8Array | null): boolean {
  const p = mask ? provisional.get(mask) : undefined;
  return p?.terms.every((t) => knownTermRows(p.index, t) !== null) ?? false;
}

/** True when `mask` was computed without some terms' rows. */
export function isProvisional(mask: Uint8Array | null): boolean {
  return mask !== null && provisional.has(mask);
}
