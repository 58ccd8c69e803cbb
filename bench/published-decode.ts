// Dev aid: times the reader worker's steps (Parquet decode, columns by column, packColumns) on row groups of a published folder, in Node; and the row-by-row and feature paths before it.
// node scripts/run-ts.mjs bench/published-decode.ts DIR [GROUPS=20] [warm|cold|rows|old]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { checkManifest } from '../src/core/published/manifest';
import { featuresOfGroups } from '../src/core/published/rows-to-features';
import { buildColumns, buildColumnsFrom } from '../src/core/columnar/columns';
import { groupRows } from '../src/core/published/group-rows';
import { columnsOfGroups } from '../src/core/published/group-columns';
import { packColumns } from '../src/core/columnar/columns-packet';
import { readGroupColumns } from '../src/core/published/decode-group';

const dir = process.argv[2];
const want = Number(process.argv[3] ?? 20);
const m = checkManifest(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')));
if (!m.ok) throw new Error(m.message);
const man = m.manifest;
const f = man.files[Math.floor(man.files.length / 2)];
const buf = readFileSync(join(dir, f.path));
const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
const metadata = parquetMetadata(ab);
const names = man.columns.filter((c) => metadata.schema.some((s) => s.name === c));
const t: Record<string, number> = {
  decode: 0,
  columns: 0,
  pack: 0,
  'rows: columns': 0,
  'old: features': 0,
  'old: columns': 0,
};
let rows = 0;
const groups = [];
let at = 0;
for (let g = 0; g < Math.min(want, f.rowGroups.length); g++) {
  const n = f.rowGroups[g].rows;
  const t0 = performance.now();
  groups.push(await readGroupColumns(ab, metadata, { rowStart: at, rows: n }, names));
  t.decode += performance.now() - t0;
  at += n;
  rows += n;
}
const keys = man.layers.map((l) => l.key);
// `cold`: the first call of each step timed, as in a fresh worker (each path in its own process:
// `rows` for the row-by-row one, `old` for the features).
const how = process.argv[4] ?? 'warm';
const runs = how === 'warm' ? 2 : 1;
let t0 = 0;
if (how === 'warm' || how === 'rows')
  for (let k = 1; k <= runs; k++) {
    t0 = performance.now();
    buildColumnsFrom(groupRows({ layers: man.layers }, groups), keys);
    t['rows: columns'] = performance.now() - t0;
  }
if (how === 'warm' || how === 'cold') {
  for (let k = 1; k <= runs; k++) {
    t0 = performance.now();
    const cols = columnsOfGroups({ layers: man.layers }, groups, keys);
    t.columns = performance.now() - t0;
    t0 = performance.now();
    packColumns(cols);
    t.pack = performance.now() - t0;
  }
}
if (how === 'warm' || how === 'old')
  for (let k = 1; k <= runs; k++) {
    t0 = performance.now();
    const features = featuresOfGroups({ layers: man.layers }, groups);
    t['old: features'] = performance.now() - t0;
    t0 = performance.now();
    buildColumns(features, keys);
    t['old: columns'] = performance.now() - t0;
  }
console.log(
  `${rows} rows:`,
  Object.entries(t)
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms (${((v * 1000) / rows).toFixed(1)} µs/row)`)
    .join(', '),
);
