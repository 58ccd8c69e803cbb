// Web Worker that holds the analyst's imports: streams each file in, validating each record straight into columns (worker-data.ts), and builds the merged columns for the page.
import type { ImportSession } from '../core/import/import';
import type { DataMessage, DataRequest } from '../core/import/data-protocol';
import { readTextChunks } from '../core/import/stream/utf8-chunks';
import { WorkerData } from '../core/import/worker-data';
import { WorkerSearch } from '../core/filters/worker-search';
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

/** Searches of the last build's text index, answered here off the page's main thread (worker-search.ts). */
const searches = new WorkerSearch((qid, rows) =>
  post({ type: 'searched', qid, rows }, rows ? rows.map((r) => r.buffer as ArrayBuffer) : []),
);

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

function build(req: Extract<DataRequest, { type: 'build' }>): void {
  try {
    const { packet, transfer, layers, conflicts, search, held } = data.build(
      req.bundled,
      req.imports,
      req.includeBundled,
    );
    heldBySeq.set(req.seq, held);
    for (const seq of heldBySeq.keys()) if (heldBySeq.size > 2) heldBySeq.delete(seq);
    post({ type: 'built', seq: req.seq, columns: packet, layers, conflicts }, transfer);
    searches.setIndex(req.seq, search);
  } catch (err) {
    post({ type: 'build-failed', seq: req.seq, message: err instanceof Error ? err.message : String(err) });
  }
}

self.onmessage = (e: MessageEvent<DataRequest>): void => {
  const req = e.data;
  if (req.type === 'import') void runImport(req);
  else if (req.type === 'cancel') cancelled.add(req.id);
  else if (req.type === 'forget') data.forget(req.id);
  else if (req.type === 'search') void searches.search(req.seq, req.qid, req.terms);
  else if (req.type === 'search-ahead') searches.ahead(req.seq, req.qid, req.terms);
  else if (req.type === 'held') void readHeld(req);
  else if (req.type === 'search-cancel') searches.cancel(req.qid);
  else if (req.type === 'search-index') searches.startIndex(req.seq);
  else build(req);
};
