// Dev aid: the data worker's import of a file against a bare JSON.parse (GeoJSON) or line split (CSV) of the same text, in node, same run.
// Usage: node scripts/run-ts.mjs bench/import-speed.ts FILE [--runs 3] [--chunk 65536] [--stages]   (add --cpu-prof --cpu-prof-dir=DIR to node to profile)
//   Each run also times the worker's build for the page after the import (merge, text index, packet).
//   --stages (GeoJSON): also the stream alone, + validation (features dropped), + columns (no session, no memory check).
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkerData } from '../src/core/import/worker-data';
import { GeoJsonFeatureStream } from '../src/core/import/stream/json-features';
import { ResultBuilder } from '../src/core/import/builder';
import { importFeature } from '../src/core/import/geojson-import';
import { ImportRowsBuilder } from '../src/core/import/import-rows';

const args = process.argv.slice(2);
const file = args.find((a, k) => !a.startsWith('--') && args[k - 1] !== '--runs' && args[k - 1] !== '--chunk');
if (!file) throw new Error('Usage: node scripts/run-ts.mjs bench/import-speed.ts FILE [--runs 3]');
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const text = readFileSync(file, 'utf8');
const isJson = /^\s*[{[]/.test(text.slice(0, 100));
/** Characters pushed at a time (`--chunk`; the browser's File.stream() gives 64 kB chunks). */
const CHUNK = args.includes('--chunk') ? Number(args[args.indexOf('--chunk') + 1]) : 1 << 20;

/** Wall and CPU milliseconds of f (CPU: this process's threads, GC's helpers included; steadier on a loaded machine). */
function timed(f: () => void): { ms: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const d = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

function bare(): { ms: number; cpu: number } {
  return timed(() => (isJson ? JSON.parse(text) : text.split('\n')));
}

function importOnce(): {
  ms: number;
  cpu: number;
  loaded: number;
  issues: number;
  build: { ms: number; cpu: number };
} {
  const data = new WorkerData();
  let loaded = 0;
  let issues = 0;
  const t = timed(() => {
    // As in the browser: a CSV row's original record is left in the file (read back by byte range).
    const blob = isJson ? undefined : { blob: new Blob([readFileSync(file as string)]), startByte: 0 };
    const session = data.session(1, basename(file as string), undefined, statSync(file as string).size, blob);
    for (let at = 0; at < text.length; at += CHUNK) session.push(text.slice(at, at + CHUNK));
    const r = data.finish(1, session);
    loaded = r.loaded;
    issues = r.issues.length;
  });
  // The worker's build for the page (merge, text index, packet), as after an import.
  const build = timed(() => data.build([], [{ key: 'f1', id: 1 }], false));
  return { ...t, loaded, issues, build };
}

for (let k = 0; k < runs; k++) {
  const parse = bare();
  const imp = importOnce();
  console.log(
    `${basename(file)}: import ${imp.ms.toFixed(0)} ms, CPU ${imp.cpu.toFixed(0)} ms (${imp.loaded} loaded, ${imp.issues} issues); bare ${isJson ? 'JSON.parse' : 'split'} ${parse.ms.toFixed(0)} ms, CPU ${parse.cpu.toFixed(0)} ms: ${(imp.ms / parse.ms).toFixed(2)}× (CPU ${(imp.cpu / parse.cpu).toFixed(2)}×); build ${imp.build.ms.toFixed(0)} ms, CPU ${imp.build.cpu.toFixed(0)} ms`,
  );
}

function stream(on: (v: unknown, i: number) => void): void {
  const s = new GeoJsonFeatureStream(on);
  for (let at = 0; at < text.length; at += CHUNK) s.push(text.slice(at, at + CHUNK));
  s.end();
}
const validated = (sink: ConstructorParameters<typeof ResultBuilder>[2]) => () => {
  const b = new ResultBuilder(basename(file as string), 'geojson', sink);
  const budget = { shapePositions: 0 };
  stream((v, i) => importFeature(v, i, b, undefined, budget));
};
if (isJson && args.includes('--stages'))
  for (let k = 0; k < runs; k++) {
    const rows = new ImportRowsBuilder(false);
    const stages = {
      stream: timed(() => stream(() => undefined)),
      '+ validation': timed(validated(() => undefined)),
      '+ columns': timed(() => {
        validated(rows.add)();
        rows.rows();
      }),
    };
    console.log(
      Object.entries(stages)
        .map(([name, t]) => `${name} ${t.ms.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)})`)
        .join('; '),
    );
  }
