// What the page gets as text from the data worker's build of one file merged with the bundled data: characters, how many need two bytes, and from which strings.
// Usage: node scripts/run-ts.mjs bench/packet-text.ts FILE
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WorkerData } from '../src/core/import/worker-data';
import { Utf8Chunks } from '../src/core/import/stream/utf8-chunks';
import type { AtlasFeature } from '../src/core/schema/schema';

const file = process.argv[2];
if (!file) throw new Error('Usage: node scripts/run-ts.mjs bench/packet-text.ts FILE');
const bundled = ['strikes', 'facilities', 'deployments', 'links'].flatMap(
  (n) => (JSON.parse(readFileSync(join('data', `${n}.geojson`), 'utf8')) as { features: AtlasFeature[] }).features,
);
const data = new WorkerData();
const session = data.session(1, basename(file), undefined, statSync(file).size);
const utf8 = new Utf8Chunks();
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
  session.push(utf8.decode(chunk as Buffer));
session.push(utf8.end());
data.finish(1, session);
const t0 = performance.now();
const { packet } = data.build(bundled, [{ key: 'f1', id: 1 }], true);
const buildMs = performance.now() - t0;
const s = packet.strings;
const text = s.text ?? '';
let wideStrings = 0;
let wideChars = 0;
const examples: string[] = [];
for (let i = 0, at = 0; i < s.ends.length; at = s.ends[i++]) {
  const str = text.slice(at, s.ends[i]);
  if (/[\u0100-\uffff]/.test(str)) {
    wideStrings++;
    wideChars += str.length;
    if (examples.length < 3) examples.push(str.slice(0, 60));
  }
}
console.log(
  JSON.stringify({
    rows: packet.n,
    strings: s.ends.length,
    chars: text.length,
    oneByte: !/[\u0100-\uffff]/.test(text),
    wideStrings,
    wideChars,
    examples,
    buildMs: Math.round(buildMs),
  }),
);
