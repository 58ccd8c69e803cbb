// Web Worker: streams one file (File.stream() → UTF-8 chunks → ImportSession) off the main thread, posting progress and the result.
import { ImportSession, type FieldMapping, type ImportResult } from '../import/import';
import { readTextChunks } from '../import/stream/utf8-chunks';

export type WorkerRequest = { file: File; name: string; mapping?: FieldMapping } | { text: string; name: string; mapping?: FieldMapping };
export type WorkerMessage = { type: 'progress'; fraction: number } | { type: 'done'; result: ImportResult } | { type: 'error'; message: string };

const post = (m: WorkerMessage): void => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

/** Characters of a text request fed at a time. */
const TEXT_CHUNK = 1 << 20;

self.onmessage = async (e: MessageEvent<WorkerRequest>): Promise<void> => {
  try {
    const req = e.data;
    let last = 0;
    const progress = (fraction: number): void => {
      const now = Date.now();
      if (now - last > 80) {
        last = now;
        post({ type: 'progress', fraction });
      }
    };
    let session: ImportSession;
    if ('file' in req) {
      // The file is never held whole: each chunk is decoded, its complete rows or features
      // imported, and its text dropped. The size check runs on the first MB, before the rest is read.
      const size = req.file.size;
      session = new ImportSession(req.name, req.mapping, size);
      for await (const text of readTextChunks(req.file.stream(), (read) => progress(size ? (0.98 * read) / size : 0))) {
        session.push(text);
        if (session.done) break;
      }
    } else {
      session = new ImportSession(req.name, req.mapping, req.text.length);
      for (let at = 0; at < req.text.length && !session.done; at += TEXT_CHUNK) {
        session.push(req.text.slice(at, at + TEXT_CHUNK));
        progress((0.98 * at) / req.text.length);
      }
    }
    post({ type: 'done', result: session.end() });
  } catch (err) {
    post({ type: 'error', message: `${e.data.name}: the import failed: ${err instanceof Error ? err.message : String(err)}` });
  }
};
