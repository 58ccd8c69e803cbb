// Dev aid: the data worker's import of a file against a bare JSON.parse (GeoJSON) or line split (CSV) of the same text, in node, same run.
// Usage: node scripts/run-ts.mjs bench/import-speed.ts FILE [--runs 3]   (add --cpu-prof --cpu-prof-dir=DIR to node to profile)
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkerData } from '../src/core/import/worker-data';

const args = process.argv.slice(2);
const file = args.find((a, k) => !a.startsWith('--') && args[k - 1] !== '--runs');
if (!file) throw new Error('Usage: node scripts/run-ts.mjs bench/import-speed.ts FILE [--runs 3]');
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const text = readFileSync(file, 'utf8');
const isJson = /^\s*[{[]/.test(text.slice(0, 100));
const CHUNK = 1 << 20;

function bare(): number {
  const t = performance.now();
  if (isJson) JSON.parse(text);
  else text.split('\n');
  return performance.now() - t;
}

function importOnce(): { ms: number; loaded: number; issues: number } {
  const data = new WorkerData();
  const t = performance.now();
  const session = data.session(1, basename(file as string), undefined, statSync(file as string).size);
  for (let at = 0; at < text.length; at += CHUNK) session.push(text.slice(at, at + CHUNK));
  const r = data.finish(1, session);
  return { ms: performance.now() - t, loaded: r.loaded, issues: r.issues.length };
}

for (let k = 0; k < runs; k++) {
  const parse = bare();
  const imp = importOnce();
  console.log(
    `${basename(file)}: import ${imp.ms.toFixed(0)} ms (${imp.loaded} loaded, ${imp.issues} issues), bare ${isJson ? 'JSON.parse' : 'split'} ${parse.toFixed(0)} ms: ${(imp.ms / parse).toFixed(2)}×`,
  );
}
