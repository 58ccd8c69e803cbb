// Dev aid: the merged-columns packet's structured-clone cost and the page's unpack, in Node: node --expose-gc scripts/run-ts.mjs bench/packet-clone.ts [ACLED.csv] (default /tmp/acled300k.csv).
import { readFileSync } from 'node:fs';
import { WorkerData } from '../src/core/import/worker-data';
import { unpackColumns } from '../src/core/columnar/columns-packet';
import { datasetFromColumns } from '../src/core/columnar/dataset';

const file = process.argv[2] ?? '/tmp/acled300k.csv';
const text = readFileSync(file, 'utf8');
const gc = (globalThis as { gc?: () => void }).gc;
const ms = (t: number): string => `${(performance.now() - t).toFixed(0)} ms`;
for (let run = 0; run < 3; run++) {
  const data = new WorkerData();
  const session = data.session(0, 'acled.csv', undefined, text.length);
  for (let k = 0; k < text.length; k += 1 << 20) session.push(text.slice(k, k + (1 << 20)));
  data.finish(0, session);
  gc?.();
  let t = performance.now();
  const built = data.build([], [{ key: 'f1', id: 0 }], false);
  const pack = ms(t);
  gc?.();
  t = performance.now();
  const copy = structuredClone(built.packet, { transfer: built.transfer });
  const clone = ms(t);
  gc?.();
  t = performance.now();
  const columns = unpackColumns(copy);
  const unpack = ms(t);
  t = performance.now();
  const ds = datasetFromColumns(columns, built.layers);
  const dataset = ms(t);
  console.log(
    `${file}: ${ds.columns.n} rows; merge + packColumns ${pack}, structuredClone ${clone}, unpackColumns ${unpack}, datasetFromColumns ${dataset}`,
  );
}
