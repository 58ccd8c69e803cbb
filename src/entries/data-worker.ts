// Web Worker that holds the analyst's imports: streams each file in, validating each record straight into columns (worker-data.ts), and builds the merged columns for the page.
import type { ImportSession } from '../core/import/import';
import type { DataMessage, DataRequest } from '../core/import/data-protocol';
import { readTextChunks } from '../core/import/stream/utf8-chunks';
import { WorkerData } from '../core/import/worker-data';
import type { SearchIndex } from '../core/columnar/search-index';
import { followersSliced, hasFollowers, termRowsSliced } from '../core/columnar/term-rows';
import { runSliced } from '../core/filters/search-run';
import { letterSetsSliced } from '../core/columnar/term-letters';
import type { HeldValues } from '../core/columnar/held-text';

const scope = self as unknown as { postMessage(m: DataMessage, transfer?: Transferable[]): void };
const post = (m: DataMessage, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

/** The imports kept, as columns, by import id. */
const data = new WorkerData();
const cancelled = new Set<number>();
/** Characters of a text import fed at a time. */
const TEXT_CHUNK = 1 << 20;

async function runImport(req: Extract<DataRequest, { type: 'import' }>): Promise<void> {
  const { id } = req;
  let last = 0;
  const progress = (fraction: number): void => {
    const now = Date.now();
    if (now - last > 80) {
      last = now;
      post({ type: 'progress', id, fraction });
    }
  };
  try {
    let session: ImportSession;
    if (req.file) {
      // The file is never held whole: each chunk is decoded, its complete rows or features
      // imported, and its text dropped. The memory check runs on the first MB, before the rest is read.
      const size = req.file.size;
      // The decoder drops a UTF-8 BOM: the CSV records' byte ranges in the file start after it.
      const head = new Uint8Array(await req.file.slice(0, 3).arrayBuffer());
      const startByte = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
      session = data.session(id, req.name, req.mapping, size, { blob: req.file, startByte });
      for await (const text of readTextChunks(req.file.stream(), (read) => progress(size ? (0.95 * read) / size : 0))) {
        if (cancelled.has(id)) break;
        session.push(text);
        if (session.done) break;
      }
    } else {
      const text = req.text ?? '';
      session = data.session(id, req.name, req.mapping, text.length);
      for (let at = 0; at < text.length && !session.done && !cancelled.has(id); at += TEXT_CHUNK) {
        session.push(text.slice(at, at + TEXT_CHUNK));
        progress((0.95 * at) / text.length);
        // Let a cancel message in.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    }
    if (cancelled.delete(id)) {
      data.forget(id);
      post({ type: 'failed', id, message: `${req.name}: import cancelled`, cancelled: true });
      return;
    }
    const result = data.finish(id, session);
    post({ type: 'imported', id, result: { ...result, features: [] } });
  } catch (err) {
    data.forget(id);
    post({
      type: 'failed',
      id,
      message: `${req.name}: the import failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

/** The last build's text index: the page's searches of that dataset are answered here, off its main thread. */
let searchable: { seq: number; index: SearchIndex } | null = null;
/** The newest search asked for: an older one still running stops at its next slice. */
let latestSearch = 0;
const runningSearches = new Set<number>();
const droppedSearches = new Set<number>();

/**
 * After a one-letter search, its followers are grouped in the background (term-followers.ts) while
 * the next key is on its way: the two-letter search that follows is then a look-up (~0.25 s of
 * work at 1M rows; a key that comes sooner drops it and scans).
 */
let followersJob: { done: Promise<void>; stop: AbortController } | null = null;

/**
 * A background job's pause between slices: the next timer task (a search asked for meanwhile runs
 * first), then while a search runs; rejects once a newer build
 * replaced `index`.
 */
async function backgroundPause(index: SearchIndex): Promise<void> {
  // A timeout, not a message round trip: with port messages between slices a burst's search seemed
  // to wait behind a whole job (a common letter's followers, ~0.6 s at 1M: the burst's last key 0.7-0.9 s).
  await new Promise((r) => setTimeout(r, 0));
  // A search running waits for no background slice.
  while (runningSearches.size) await new Promise((r) => setTimeout(r, 1));
  if (searchable?.index !== index) throw new Error('rebuilt');
}

function groupFollowers(index: SearchIndex, letter: string): void {
  if (hasFollowers(index, letter)) return;
  const pause = (): Promise<void> => backgroundPause(index);
  const stop = new AbortController();
  const job = {
    stop,
    done: runSliced(followersSliced(index, letter), { budgetMs: 8, pause, signal: stop.signal }).then(
      () => undefined,
      () => undefined,
    ),
  };
  followersJob = job;
  void job.done.then(() => {
    if (followersJob === job) followersJob = null;
  });
}

async function search(req: Extract<DataRequest, { type: 'search' }>): Promise<void> {
  const { qid } = req;
  latestSearch = Math.max(latestSearch, qid);
  const index = searchable?.seq === req.seq ? searchable.index : null;
  if (!index) {
    post({ type: 'searched', qid, rows: null });
    return;
  }
  runningSearches.add(qid);
  const controller = new AbortController();
  const stale = (): boolean => qid < latestSearch || droppedSearches.has(qid);
  try {
    const rows: Uint8Array[] = [];
    // Followers still being grouped when the next key comes are dropped: a scan is quicker than
    // waiting for them.
    followersJob?.stop.abort();
    followersJob = null;
    for (const term of req.terms) {
      // Slices of ~20 ms, each followed by a task boundary so a newer search or a cancel gets in.
      const gen = termRowsSliced(index, term);
      const check = (): Promise<void> =>
        new Promise((r) =>
          setTimeout(() => {
            if (stale()) controller.abort();
            r();
          }, 0),
        );
      rows.push(await runSliced(gen, { signal: controller.signal, budgetMs: 20, pause: check }));
    }
    // Copies cross (the kept arrays stay here for the next keystroke's narrowing).
    const copies = rows.map((r) => r.slice());
    post(
      { type: 'searched', qid, rows: copies },
      copies.map((r) => r.buffer),
    );
    for (const term of req.terms) if (term.length === 1) groupFollowers(index, term);
  } catch {
    post({ type: 'searched', qid, rows: null });
  } finally {
    runningSearches.delete(qid);
    droppedSearches.delete(qid);
  }
}

/** The last builds' held text readers by seq (two: the page may still show the one before a new build arrives). */
const heldBySeq = new Map<number, (rows: ArrayLike<number>, keysOnly?: boolean) => Promise<(HeldValues | null)[]>>();

async function readHeld(req: Extract<DataRequest, { type: 'held' }>): Promise<void> {
  const read = heldBySeq.get(req.seq);
  try {
    post({ type: 'held', qid: req.qid, values: read ? await read(req.rows, req.keysOnly === true) : null });
  } catch (err) {
    post({ type: 'held', qid: req.qid, values: null, error: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * After a build, every ASCII character's rows are gathered in the background (term-letters.ts), in
 * slices of 8 ms between which searches run: the first key typed is then a look-up, not a scan of the
 * whole index (~40 ms at 1M rows). A newer build stops it.
 */
function buildLetterSets(index: SearchIndex): void {
  void runSliced(letterSetsSliced(index), { budgetMs: 8, pause: () => backgroundPause(index) }).catch(() => undefined);
}

function build(req: Extract<DataRequest, { type: 'build' }>): void {
  try {
    const { packet, transfer, layers, conflicts, search, held } = data.build(
      req.bundled,
      req.imports,
      req.includeBundled,
    );
    searchable = { seq: req.seq, index: search };
    heldBySeq.set(req.seq, held);
    for (const seq of heldBySeq.keys()) if (heldBySeq.size > 2) heldBySeq.delete(seq);
    post({ type: 'built', seq: req.seq, columns: packet, layers, conflicts }, transfer);
    buildLetterSets(search);
  } catch (err) {
    post({ type: 'build-failed', seq: req.seq, message: err instanceof Error ? err.message : String(err) });
  }
}

self.onmessage = (e: MessageEvent<DataRequest>): void => {
  const req = e.data;
  if (req.type === 'import') void runImport(req);
  else if (req.type === 'cancel') cancelled.add(req.id);
  else if (req.type === 'forget') data.forget(req.id);
  else if (req.type === 'search') void search(req);
  else if (req.type === 'held') void readHeld(req);
  else if (req.type === 'search-cancel') {
    if (runningSearches.has(req.qid)) droppedSearches.add(req.qid);
  } else build(req);
};
