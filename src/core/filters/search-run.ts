// A query's term rows found ahead of the filter change, off the typing path: in the data worker where it holds the index, else in slices between tasks; a newer keystroke drops the older search.
import type { SearchIndex } from '../columnar/search-index';
import { cachedTermRows, keepTermRows, termRowsSliced } from '../columnar/term-rows';
import { knownTermRows, pinTermRows, textElsewhere } from '../columnar/remote-text';

/** Finds terms' rows elsewhere (the data worker): one array per term, in order; null when it can't (then they are found here). */
export type RemoteTermSearch = (terms: readonly string[], signal: AbortSignal) => Promise<Uint8Array[] | null>;

/** Asks the worker to find and keep terms' rows ahead of a search of them, answering nothing (a key in a burst). */
export type RemoteSearchAhead = (terms: readonly string[]) => void;

const remotes = new WeakMap<SearchIndex, RemoteTermSearch>();
const aheads = new WeakMap<SearchIndex, RemoteSearchAhead>();

/**
 * Says that `index`'s terms can be found by `search` (the worker holding the same index), and
 * found ahead by `ahead` (worker-search.ts).
 */
export function setRemoteSearch(index: SearchIndex, search: RemoteTermSearch, ahead?: RemoteSearchAhead): void {
  remotes.set(index, search);
  if (ahead) aheads.set(index, ahead);
}

/**
 * A key typed in a burst: the worker starts finding its terms now, so that when the typing pauses
 * and the query is asked for, its rows are found or nearly (each key's term narrows from the last
 * one's). Nothing is done for an index searched here or for terms already kept.
 */
export function searchAhead(index: SearchIndex, terms: readonly string[]): void {
  const ahead = aheads.get(index);
  if (!ahead || !terms.length || terms.every((t) => cachedTermRows(index, t))) return;
  ahead(terms);
}

export function abortError(): DOMException {
  return new DOMException('Search superseded', 'AbortError');
}

/** Waits for the next task (a message round trip: no 4 ms clamp as nested setTimeouts get). */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export interface SliceOptions {
  signal?: AbortSignal;
  /** Milliseconds of work in one task before yielding (default 8: typing and frames go on between). */
  budgetMs?: number;
  /** How to yield (default nextTask). */
  pause?: () => Promise<void>;
  now?: () => number;
}

/** Steps a sliced search, `budgetMs` of it a task; rejects with an AbortError as soon as `signal` aborts. */
export async function runSliced<T>(gen: Generator<void, T, void>, opts: SliceOptions = {}): Promise<T> {
  const { signal, budgetMs = 8, pause = nextTask, now = () => performance.now() } = opts;
  let t = now();
  for (;;) {
    if (signal?.aborted) throw abortError();
    const step = gen.next();
    if (step.done) return step.value;
    if (now() - t >= budgetMs) {
      await pause();
      t = now();
    }
  }
}

/**
 * Makes sure every term's rows are kept for `index` (term-rows.ts), so that the filter change
 * that follows computes its mask by look-ups, not a scan: asks the remote search (the worker)
 * for the terms not kept yet, or finds them here in slices. Rejects with an AbortError when
 * `signal` aborts (a newer keystroke): nothing half-done is kept.
 */
export async function prepareTerms(
  index: SearchIndex,
  terms: readonly string[],
  opts: SliceOptions = {},
): Promise<void> {
  const missing = terms.filter((t) => !cachedTermRows(index, t));
  if (!missing.length) return;
  const remote = remotes.get(index);
  const signal = opts.signal ?? new AbortController().signal;
  if (remote) {
    let found: Uint8Array[] | null = null;
    try {
      found = await remote(missing, signal);
    } catch {
      if (signal.aborted) throw abortError();
      found = null; // the worker failed: find them here
    }
    if (signal.aborted) throw abortError();
    if (found && found.length === missing.length && found.every((r) => r.length === index.starts.length - 1)) {
      for (let i = 0; i < missing.length; i++) keepTermRows(index, missing[i], found[i]);
      return;
    }
  }
  // An index whose text is in the worker is never scanned here (its text is empty): the filter
  // change then asks again (a provisional mask, remote-text.ts).
  if (textElsewhere(index)) return;
  for (const t of missing) await runSliced(termRowsSliced(index, t), { ...opts, signal });
}

/**
 * Pins the rows of every term of `terms` not known yet for an index whose text is in the data
 * worker (remote-text.ts), asking the worker; true when all are known afterwards. For a query the
 * page must answer at once, not typed: a link's `q=`, a story step, a dataset changing under a query.
 */
export async function pinRemoteTerms(
  index: SearchIndex,
  terms: readonly string[],
  signal?: AbortSignal,
): Promise<boolean> {
  const missing = terms.filter((t) => !knownTermRows(index, t));
  if (!missing.length) return true;
  const remote = remotes.get(index);
  if (!remote || !textElsewhere(index)) return false;
  let found: Uint8Array[] | null = null;
  try {
    found = await remote(missing, signal ?? new AbortController().signal);
  } catch {
    return false;
  }
  const n = index.starts.length - 1;
  if (!found || found.length !== missing.length || !found.every((r) => r.length === n)) return false;
  pinTermRows(index, new Map(missing.map((t, i) => [t, found[i]])));
  return true;
}
