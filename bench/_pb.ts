// Dev aid: the reader worker's steps (read + decode, columns, pack) for a real play block (the bench's week and the days ahead, at country zoom over Ukraine), in Node.
// node [--cpu-prof] scripts/run-ts.mjs bench/published-block.ts DIR [DAYS=14] [RUNS=3] [BLOCKS=1]
// Times are wall-clock and, in brackets, this process's CPU time (steadier on a shared machine).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { checkManifest, rowGroupsFor } from '../src/core/published/manifest';
import { columnsOfGroups } from '../src/core/published/group-columns';
import { packColumns } from '../src/core/columnar/columns-packet';
import { readGroupColumns } from '../src/core/published/decode-group';
import { viewBounds } from '../src/core/published/view-bounds';
import type { DecodedGroup } from '../src/core/published/reader-protocol';
import { parseIsoDay } from '../src/core/time/days';

// The bench's week (bench/published.ts WEEK; not imported, as that module loads playwright).
const WEEK = { from: parseIsoDay('2025-06-09') as number, view: { lat: 48.6, lon: 32, zoom: 6 } };
const dir = process.argv[2];
const days = Number(process.argv[3] ?? 14);
const runs = Number(process.argv[4] ?? 3);
const blocks = Number(process.argv[5] ?? 1);
const m = checkManifest(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')));
if (!m.ok) throw new Error(m.message);
const man = m.manifest;
const bbox = viewBounds(WEEK.view, 1024, 700);
const files = new Map<number, { ab: ArrayBuffer; metadata: ReturnType<typeof parquetMetadata>; firstRow: number[] }>();
function fileOf(i: number) {
  let f = files.get(i);
  if (!f) {
    const buf = readFileSync(join(dir, man.files[i].path));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const firstRow: number[] = [];
    let at = 0;
    for (const g of man.files[i].rowGroups) {
      firstRow.push(at);
      at += g.rows;
    }
    f = { ab, metadata: parquetMetadata(ab), firstRow };
    files.set(i, f);
  }
  return f;
}
const keys = man.layers.map((l) => l.key);
for (let b = 0; b < blocks; b++) {
  const win = { from: WEEK.from + b * (days - 7), to: WEEK.from + b * (days - 7) + days - 1 };
  const refs = rowGroupsFor(man, win, bbox);
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const groups: DecodedGroup[] = [];
    for (const r of refs) {
      const f = fileOf(r.file);
      const DRAW = (process.env.COLS ?? '').split(',').filter(Boolean);
      const names = man.columns.filter((c) => f.metadata.schema.some((s) => s.name === c) && (!DRAW.length || DRAW.includes(c)));
      groups.push(
        await readGroupColumns(
          f.ab,
          f.metadata,
          { rowStart: f.firstRow[r.group], rows: man.files[r.file].rowGroups[r.group].rows },
          names,
        ),
      );
    }
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const cols = columnsOfGroups({ layers: man.layers }, groups, keys);
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    packColumns(cols);
    const t3 = performance.now();
    const c3 = process.cpuUsage();
    const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => ((b.user - a.user + b.system - a.system) / 1000).toFixed(0);
    const n = cols.n;
    const us = (ms: number) => ((ms * 1000) / n).toFixed(2);
    console.log(
      `block ${b} run ${k}: ${refs.length} groups, ${n} rows: read ${(t1 - t0).toFixed(0)} ms [${cpu(c0, c1)}] (${us(t1 - t0)} µs/row), columns ${(t2 - t1).toFixed(0)} ms [${cpu(c1, c2)}] (${us(t2 - t1)}), pack ${(t3 - t2).toFixed(0)} ms [${cpu(c2, c3)}] (${us(t3 - t2)})`,
    );
  }
}
