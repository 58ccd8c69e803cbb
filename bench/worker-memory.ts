// The data worker's memory per event, in node: a file streamed through the worker's own import and build code, heap + ArrayBuffers after GC.
// Usage: node --expose-gc scripts/run-ts.mjs bench/worker-memory.ts FILE [--json OUT]
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkerData } from '../src/import-ui/worker-data';
import { Utf8Chunks } from '../src/import/stream/utf8-chunks';
import type { ImportResult, ImportSession } from '../src/import/import';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function used(): { heap: number; buffers: number } {
  for (let k = 0; k < 3; k++) gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('Usage: node --expose-gc scripts/run-ts.mjs bench/worker-memory.ts FILE [--json OUT]');
const jsonOut = rest[0] === '--json' ? rest[1] : undefined;

const base = used();
const data = new WorkerData();
const t0 = performance.now();
/** As the worker's runImport: the session (and its per-file id table) is let go once the import ends. */
async function importFile(): Promise<ImportResult> {
  const session: ImportSession = data.session(1, basename(file), undefined, statSync(file).size);
  const utf8 = new Utf8Chunks();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) session.push(utf8.decode(chunk as Buffer));
  session.push(utf8.end());
  const r = data.finish(1, session);
  return { ...r, issues: r.issues.slice(0, 5) };
}
const result = await importFile();
const tImport = performance.now() - t0;
const afterImport = used();
const t1 = performance.now();
const built = data.build([], [{ key: 'f1', id: 1 }], false);
const tBuild = performance.now() - t1;
const afterBuild = used();
const n = result.loaded;
const per = (m: { heap: number; buffers: number }) => ({ heapPerEvent: Math.round((m.heap - base.heap) / n), buffersPerEvent: Math.round((m.buffers - base.buffers) / n) });
const out = {
  file: basename(file), bytes: statSync(file).size, loaded: n, rejected: result.rejected,
  importMs: Math.round(tImport), buildMs: Math.round(tBuild),
  held: per(afterImport),
  heldWithPacket: per(afterBuild),
  packetRows: built.packet.n,
};
console.log(JSON.stringify(out, null, 2));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
