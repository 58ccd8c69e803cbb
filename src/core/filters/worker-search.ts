// The data worker's searches of the last build's text index: asked-for searches answered, burst keys searched ahead, and the background jobs (letter sets, followers) paused while any runs.
import type { SearchIndex } from '../columnar/search-index';
import { hasWordIndex, wordIndexSliced } from '../columnar/term-words';
import { followersSliced, hasFollowers, termRowsSliced } from '../columnar/term-rows';
import { runSliced } from './search-run';

/** What a search answers: each term's rows (copies that may be transferred), or null when it could not. */
export type SearchAnswer = (qid: number, rows: Uint8Array[] | null) => void;

/** How a term's rows are found, a slice at a time (termRowsSliced; tests count the work). */
export type TermRowsSliced = (index: SearchIndex, term: string) => Generator<void, Uint8Array, void>;

const keyOf = (terms: readonly string[]): string => terms.join('\u0000');

/**
 * One per data worker. The page asks for a query's term rows (`search`), answered by `answer`; a
 * newer search drops an older one at its next slice, as a cancel does.
 *
 * A key typed in a burst is not searched by the page until the typing pauses (filter-panel.ts), but
 * it is sent here at once (`ahead`): its rows are found and kept, nothing is posted back, and the
 * next key's term narrows from them (term-rows.ts). So by the time the burst's last key is asked
 * for, its rows are mostly found: a search of the terms an ahead search is finding waits for it
 * rather than starting over. An ahead search stops when a newer one of other terms comes.
 */
export class WorkerSearch {
  private searchable: { seq: number; index: SearchIndex } | null = null;
  /** The newest search asked for: an older one still running stops at its next slice. */
  private latestSearch = 0;
  private latestAhead = 0;
  /** The terms of the newest request (search or ahead). */
  private latestKey = '';
  private readonly running = new Set<number>();
  private readonly dropped = new Set<number>();
  /** The ahead search running: its terms, and when it ends (found, or stopped). */
  private aheadJob: { key: string; done: Promise<void> } | null = null;
  /**
   * After a one-letter search, its followers are grouped in the background (term-followers.ts)
   * while the next key is on its way: the two-letter search that follows is then a look-up (~0.25 s
   * of work at 1M rows; a key that comes sooner drops it and scans).
   */
  private followersJob: AbortController | null = null;
  /** The index whose letter sets and word index are being made: no followers are grouped meanwhile (the word index makes them needless). */
  private wordsPending: SearchIndex | null = null;
  /** The index whose background jobs were started, and the fallback that starts them (setIndex). */
  private indexStarted: SearchIndex | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly answer: SearchAnswer,
    private readonly termRows: TermRowsSliced = termRowsSliced,
    /** Milliseconds of a search's work between task boundaries (tests: 0, a boundary at each slice). */
    private readonly sliceMs = 20,
  ) {}

  /**
   * Build `seq`'s index is the one searched from now on. Its letter sets and word index are made in
   * the background once the page says the build is drawn (startIndex), or after `startAfterMs`
   * (a page that never says so): made at once, they shared the two cores with the frames that
   * bring the new data onto the map (a 1M-row GeoJSON's longest frame 83 → 117 ms).
   */
  setIndex(seq: number, index: SearchIndex, startAfterMs = 5000): void {
    this.searchable = { seq, index };
    this.wordsPending = index;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => this.startIndex(seq), startAfterMs);
  }

  /** Makes build `seq`'s letter sets and word index now, in the background (once; nothing for an older build). */
  startIndex(seq: number): void {
    const s = this.searchable;
    if (!s || s.seq !== seq || this.indexStarted === s.index) return;
    const { index } = s;
    this.indexStarted = index;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    // Every ASCII character's rows (term-letters.ts) and every word's (term-words.ts), made in one
    // pass over the text in slices of 8 ms between which searches run: the first key typed is then a
    // look-up, not a scan of the whole index (~40 ms at 1M rows), and so is each later one (a look-up
    // in the distinct words) while the term holds no space.
    void runSliced(wordIndexSliced(index), { budgetMs: 8, pause: () => this.backgroundPause(index) })
      .catch(() => undefined)
      .finally(() => {
        if (this.wordsPending === index) this.wordsPending = null;
      });
  }

  /** The page dropped search `qid` (a newer keystroke): it stops at its next slice. */
  cancel(qid: number): void {
    if (this.running.has(qid)) this.dropped.add(qid);
  }

  /** Finds and answers each term's rows in build `seq`'s index (null: not held, or stopped). */
  async search(seq: number, qid: number, terms: readonly string[]): Promise<void> {
    this.latestSearch = Math.max(this.latestSearch, qid);
    const key = keyOf(terms);
    this.latestKey = key;
    const index = this.searchable?.seq === seq ? this.searchable.index : null;
    if (!index) {
      this.answer(qid, null);
      return;
    }
    const stale = (): boolean => qid < this.latestSearch || this.dropped.has(qid);
    this.running.add(qid);
    try {
      // The same terms being found ahead: their rows are kept when it ends, so wait for it.
      const ahead = this.aheadJob;
      if (ahead?.key === key) await ahead.done;
      const rows = await this.find(index, terms, stale);
      // Copies cross (the kept arrays stay here for the next keystroke's narrowing).
      this.answer(
        qid,
        rows.map((r) => r.slice()),
      );
      for (const term of terms) if (term.length === 1) this.groupFollowers(index, term);
    } catch {
      this.answer(qid, null);
    } finally {
      this.running.delete(qid);
      this.dropped.delete(qid);
    }
  }

  /** Finds and keeps each term's rows in build `seq`'s index, answering nothing (a key in a burst). */
  ahead(seq: number, qid: number, terms: readonly string[]): void {
    const index = this.searchable?.seq === seq ? this.searchable.index : null;
    if (!index) return;
    const key = keyOf(terms);
    this.latestAhead = Math.max(this.latestAhead, qid);
    this.latestKey = key;
    const stale = (): boolean => qid < this.latestAhead || this.latestKey !== key;
    this.running.add(qid);
    const done = this.find(index, terms, stale).then(
      () => undefined,
      () => undefined,
    );
    const job = { key, done };
    this.aheadJob = job;
    void done.then(() => {
      this.running.delete(qid);
      if (this.aheadJob === job) this.aheadJob = null;
    });
  }

  /** Each term's rows (kept for the next keystroke), slices of ~20 ms with a task boundary after each. */
  private async find(index: SearchIndex, terms: readonly string[], stale: () => boolean): Promise<Uint8Array[]> {
    // Followers still being grouped when the next key comes are dropped: a scan is quicker than
    // waiting for them.
    this.followersJob?.abort();
    this.followersJob = null;
    const controller = new AbortController();
    const check = (): Promise<void> =>
      new Promise((r) =>
        setTimeout(() => {
          if (stale()) controller.abort();
          r();
        }, 0),
      );
    const rows: Uint8Array[] = [];
    for (const term of terms)
      rows.push(
        await runSliced(this.termRows(index, term), {
          signal: controller.signal,
          budgetMs: this.sliceMs,
          pause: check,
        }),
      );
    return rows;
  }

  private groupFollowers(index: SearchIndex, letter: string): void {
    // With the word index (made, or being made: the two would share the worker), the next key is a look-up anyway.
    if (hasFollowers(index, letter) || hasWordIndex(index) || this.wordsPending === index) return;
    const stop = new AbortController();
    this.followersJob = stop;
    const pause = (): Promise<void> => this.backgroundPause(index);
    void runSliced(followersSliced(index, letter), { budgetMs: 8, pause, signal: stop.signal })
      .catch(() => undefined)
      .then(() => {
        if (this.followersJob === stop) this.followersJob = null;
      });
  }

  /**
   * A background job's pause between slices: the next timer task (a search asked for meanwhile runs
   * first), then while a search runs; rejects once a newer build replaced `index`.
   */
  private async backgroundPause(index: SearchIndex): Promise<void> {
    // A background-priority task, not a message round trip: with port messages between slices a
    // burst's search seemed to wait behind a whole job (a common letter's followers, ~0.6 s at 1M:
    // the burst's last key 0.7-0.9 s).
    await backgroundTask();
    // A search running waits for no background slice.
    while (this.running.size) await new Promise((r) => setTimeout(r, 1));
    if (this.searchable?.index !== index) throw new Error('rebuilt');
  }
}

/** What the worker's scheduler offers (Chromium, Firefox 142+), where it does. */
interface TaskScheduler {
  postTask(f: () => void, opts: { priority: 'background' }): Promise<void>;
}

/**
 * The next background task: `scheduler.postTask` at background priority where there is one (after
 * any message waiting, with no 4 ms clamp), else a timeout (after the 5th nested one, 4 ms each:
 * a third of a 1M-row word index's pass, 1 s of 3, went on those waits).
 */
export function backgroundTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((r) => setTimeout(r, 0));
}
