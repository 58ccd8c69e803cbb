// Runs one import in a Web Worker with progress and cancel (cancelling terminates the worker).
import type { FieldMapping, ImportResult } from '../import/import';
import type { WorkerMessage, WorkerRequest } from './import-worker';

export interface ImportSource {
  name: string;
  file?: File;
  text?: string;
}

/** Imports `source` off the main thread. Rejects with an Error whose message says what failed. */
export function runImport(source: ImportSource, opts: { mapping?: FieldMapping; onProgress?: (f: number) => void; signal?: AbortSignal } = {}): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new DOMException('Import cancelled', 'AbortError'));
      return;
    }
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'conflict-atlas-import' });
    const finish = (): void => {
      worker.terminate();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(new DOMException('Import cancelled', 'AbortError'));
    };
    opts.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') opts.onProgress?.(m.fraction);
      else if (m.type === 'done') {
        finish();
        resolve(m.result);
      } else {
        finish();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      finish();
      reject(new Error(`${source.name}: the import worker failed${e.message ? `: ${e.message}` : ''}`));
    };
    const req: WorkerRequest = source.file
      ? { file: source.file, name: source.name, mapping: opts.mapping }
      : { text: source.text ?? '', name: source.name, mapping: opts.mapping };
    worker.postMessage(req);
  });
}
