// The data worker's memory per event, in node: a file streamed through the worker's own import and build code, heap + ArrayBuffers after GC.
// Usage: node --expose-gc scripts/run-ts.mjs bench/worker-memory.ts FILE [--features] [--no-file] [--json OUT]
//   --features: the way the worker held imports before (every feature an object, kept until the build), for comparison.
//   --no-file: a CSV row's original record kept in memory, as for text that is not a file (a #data= link); by default the
//   file (a Blob over it, as the browser's File) keeps it and each row keeps its byte range (held-rows.ts).
import { createReadStream, openAsBlob, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkerData } from '../src/core/import/worker-data';
import { Utf8Chunks } from '../src/core/import/stream/utf8-chunks';
import { ImportSession, type ImportResult } from '../src/core/import/import';
import { mergeImports } from '../src/core/import/merge';
import { buildColumns } from '../src/core/columnar/columns';
import { packColumns } from '../src/core/columnar/columns-packet';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function used(): { heap: number; buffers: number } {
  for (let k = 0; k < 3; k++) gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

const args = process.argv.slice(2);
const file = args.find((a, k) => !a.startsWith('--') && args[k - 1] !== '--json');
if (!file)
  throw new Error('Usage: node --expose-gc scripts/run-ts.mjs bench/worker-memory.ts FILE [--features] [--json OUT]');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const asFeatures = args.includes('--features');
const noFile = args.includes('--no-file');
const head = readFileSync(file).subarray(0, 3);
const startByte = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
const blob = noFile || asFeatures ? null : await openAsBlob(file);

const base = used();
const data = new WorkerData();
let kept: ImportResult | null = null;
/** As the worker's runImport: the session (and its per-file id table) is let go once the import ends. */
async function importFile(): Promise<ImportResult> {
  const session = asFeatures
    ? new ImportSession(basename(file as string), undefined, statSync(file as string).size)
    : data.session(
        1,
        basename(file as string),
        undefined,
        statSync(file as string).size,
        blob ? { blob, startByte } : undefined,
      );
  const utf8 = new Utf8Chunks();
  for await (const chunk of createReadStream(file as string, { highWaterMark: 1 << 20 }))
    session.push(utf8.decode(chunk as Buffer));
  session.push(utf8.end());
  const r = asFeatures ? session.end() : data.finish(1, session);
  if (asFeatures) kept = r;
  return { ...r, features: [], issues: r.issues.slice(0, 5) };
}
const t0 = performance.now();
const result = await importFile();
const tImport = performance.now() - t0;
const afterImport = used();
const t1 = performance.now();
let built: { packet: { n: number } };
if (asFeatures && kept) {
  const merged = mergeImports([], [{ key: 'f1', result: kept }], false);
  built = packColumns(
    buildColumns(
      merged.features,
      merged.layers.map((l) => l.key),
    ),
  );
} else built = data.build([], [{ key: 'f1', id: 1 }], false);
const tBuild = performance.now() - t1;
const afterBuild = used();
const n = result.loaded;
const per = (m: { heap: number; buffers: number }) => ({
  heapPerEvent: Math.round((m.heap - base.heap) / n),
  buffersPerEvent: Math.round((m.buffers - base.buffers) / n),
});
const out = {
  file: basename(file),
  bytes: statSync(file).size,
  loaded: n,
  rejected: result.rejected,
  mode: asFeatures ? 'features (before)' : blob ? 'columns, originals in the file' : 'columns',
  importMs: Math.round(tImport),
  buildMs: Math.round(tBuild),
  /** What the worker holds between imports and builds. */
  held: per(afterImport),
  /** …and with the merged columns built for the page (the packet's typed arrays are transferred away in the browser). */
  heldWithPacket: per(afterBuild),
  packetRows: built.packet.n,
};
console.log(JSON.stringify(out));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
