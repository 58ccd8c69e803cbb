// Web Worker: reads and imports one file off the main thread, posting progress and the result.
import { importSteps, checkFileSize, type FieldMapping, type ImportResult } from '../import/import';

export type WorkerRequest = { file: File; name: string; mapping?: FieldMapping } | { text: string; name: string; mapping?: FieldMapping };
export type WorkerMessage = { type: 'progress'; fraction: number } | { type: 'done'; result: ImportResult } | { type: 'error'; message: string };

const post = (m: WorkerMessage): void => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

self.onmessage = async (e: MessageEvent<WorkerRequest>): Promise<void> => {
  try {
    const req = e.data;
    let text: string;
    if ('file' in req) {
      const tooBig = checkFileSize(req.file.size);
      if (tooBig) {
        post({ type: 'error', message: `${req.name}: ${tooBig}` });
        return;
      }
      text = await req.file.text();
    } else text = req.text;
    post({ type: 'progress', fraction: 0.05 });
    const gen = importSteps(text, req.name, req.mapping);
    let last = 0;
    for (;;) {
      const step = gen.next();
      if (step.done) {
        post({ type: 'done', result: step.value });
        return;
      }
      const now = Date.now();
      if (now - last > 80) {
        last = now;
        post({ type: 'progress', fraction: 0.05 + 0.95 * step.value });
      }
    }
  } catch (err) {
    post({ type: 'error', message: `${e.data.name}: the import failed: ${err instanceof Error ? err.message : String(err)}` });
  }
};
