// Dev aid: the sliced term search (term-rows.ts) over the text index of N generated events, timed per keystroke of a word: without the word index (a first letter's followers grouped after it), then with it (term-words.ts), as the worker runs them.
import { generateFeatures } from '../src/core/synth/generate';
import { rowSearchText, SearchIndexBuilder } from '../src/core/columnar/search-index';
import { drain, followersSliced, termRowsSliced } from '../src/core/columnar/term-rows';
import { wordIndexBytes, wordIndexSliced } from '../src/core/columnar/term-words';

/** Usage: node scripts/run-ts.mjs bench/search-scan.ts [N=1000000] [word=kharkiv] */
const n = Number(process.argv[2] ?? 1_000_000);
const word = process.argv[3] ?? 'kharkiv';
const b = new SearchIndexBuilder(n);
let i = 0;
for (const f of generateFeatures({ n, seed: 1 })) {
  b.add(rowSearchText(f.properties));
  if (++i >= n) break;
}
const index = b.build();
console.log(`${n.toLocaleString('en-GB')} rows, ${(index.text.length / 1e6).toFixed(0)} M characters`);
for (let k = 1; k <= word.length; k++) {
  const term = word.slice(0, k);
  const t = performance.now();
  const rows = drain(termRowsSliced(index, term));
  let c = 0;
  for (let r = 0; r < rows.length; r++) c += rows[r];
  console.log(`  "${term}": ${(performance.now() - t).toFixed(0)} ms, ${c.toLocaleString('en-GB')} rows`);
  if (k === 1) {
    // As the data worker does after a one-letter search, while the next key is on its way.
    const t1 = performance.now();
    drain(followersSliced(index, term));
    console.log(`    (its followers grouped in the background: ${(performance.now() - t1).toFixed(0)} ms)`);
  }
}
for (const term of [word, 'odesa', 'zzq']) {
  const copy = { text: index.text, starts: index.starts }; // a new index object: nothing kept
  const t = performance.now();
  drain(termRowsSliced(copy, term));
  console.log(`  "${term}" from nothing kept: ${(performance.now() - t).toFixed(0)} ms`);
}
// With the word index (and the letter sets its pass makes), as the worker has them once the map has drawn.
const worded = { text: index.text, starts: index.starts };
const tw = performance.now();
drain(wordIndexSliced(worded));
console.log(
  `word index: ${(performance.now() - tw).toFixed(0)} ms, ${(wordIndexBytes(worded) / 2 ** 20).toFixed(1)} MB`,
);
for (let k = 1; k <= word.length; k++) {
  const term = word.slice(0, k);
  const t = performance.now();
  drain(termRowsSliced(worded, term));
  console.log(`  "${term}" with the word index: ${(performance.now() - t).toFixed(1)} ms`);
}
