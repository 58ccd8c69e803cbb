// Prints what index.html and embed.html load before first render (JS+CSS, raw and gzip), the data they fetch, and the host script's size.
// Run after `npm run build`: node scripts/run-ts.mjs scripts/measure-size.ts [--json FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'vite';
import { htmlReferences, pageFiles, pageHtml, STARTUP_CHUNKS, type Manifest } from './size-closure';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const PAGES = Object.keys(STARTUP_CHUNKS);
/** The budget for public/embed.js, minified. */
const HOST_SCRIPT_BUDGET = 2048;
/** Issue 16's budget: what embed.html transfers before its live map's first full render (code, worker, base map, data), gzip. */
const EMBED_BUDGET = 600 * 1024;

interface Size {
  raw: number;
  gzip: number;
}

interface PageReport {
  page: string;
  js: Size;
  css: Size;
  initial: Size;
  worker: Size;
  data: Size;
  onDemand: Size;
  files: Record<string, Size>;
}

function sizeOf(bytes: Buffer | string): Size {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return { raw: buf.length, gzip: gzipSync(buf).length };
}

function sum(sizes: Size[]): Size {
  return sizes.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
}

const kB = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
const show = (s: Size): string => `${kB(s.raw).padStart(10)} raw ${kB(s.gzip).padStart(10)} gzip`;

function measurePage(manifest: Manifest, page: string): PageReport {
  const files = pageFiles(manifest, pageHtml(page), STARTUP_CHUNKS[page]);
  const named = htmlReferences(readFileSync(join(DIST, pageHtml(page)), 'utf8'));
  const entry = pageFiles(manifest, pageHtml(page));
  const initial = [...entry.js, ...entry.css];
  const missing = named.filter((f) => !initial.includes(f));
  const unnamed = initial.filter((f) => !named.includes(f));
  if (missing.length || unnamed.length) {
    throw new Error(
      `${page}: the HTML and the manifest disagree (in HTML only: ${missing.join(', ') || '-'}; in manifest only: ${unnamed.join(', ') || '-'})`,
    );
  }
  const sizes: Record<string, Size> = {};
  // The base map is served from public/basemap/ (not in the manifest) and fetched by both pages.
  const basemap = ['basemap/basemap.json', 'basemap/places.json'].filter((f) => existsSync(join(DIST, f)));
  for (const f of [...files.js, ...files.css, ...files.assets, ...files.onDemand, ...basemap])
    sizes[f] = sizeOf(readFileSync(join(DIST, f)));
  const pick = (list: string[]): Size => sum(list.map((f) => sizes[f]));
  const js = pick(files.js);
  const css = pick(files.css);
  return {
    page,
    js,
    css,
    initial: sum([js, css]),
    worker: pick(files.assets.filter((f) => /\.m?js$/.test(f))),
    data: pick([...files.assets.filter((f) => !/\.m?js$/.test(f)), ...basemap]),
    onDemand: pick(files.onDemand),
    files: sizes,
  };
}

async function main(): Promise<void> {
  const manifestPath = join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error('dist/.vite/manifest.json is missing: run `npm run build` first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const reports = PAGES.map((p) => measurePage(manifest, p));

  for (const r of reports) {
    console.log(`\n${r.page}`);
    console.log(`  JS before first render   ${show(r.js)}`);
    console.log(`  CSS before first render  ${show(r.css)}`);
    console.log(`  JS+CSS before render     ${show(r.initial)}`);
    console.log(`  map worker (JS)          ${show(r.worker)}`);
    console.log(`  data (base map, layers)  ${show(r.data)}`);
    console.log(`  on demand (not loaded)   ${show(r.onDemand)}`);
    for (const [f, s] of Object.entries(r.files)) console.log(`    ${f.padEnd(52)} ${show(s)}`);
  }

  // The picture at once (public/posters/, npm run build:posters): the default view's file per width class.
  const posters = JSON.parse(readFileSync(join(ROOT, 'public/posters/manifest.json'), 'utf8')) as {
    views: { key: string; files: Record<string, number> }[];
  };
  const byDefault = posters.views.find((v) => v.key === 'default');
  const allPosters = posters.views.reduce((a, v) => a + Object.values(v.files).reduce((x, y) => x + y, 0), 0);
  console.log(`
posters (WebP, not gzipped again): ${posters.views.length} views, ${kB(allPosters)} in all; the default view's:`);
  for (const [f, n] of Object.entries(byDefault?.files ?? {})) console.log(`    ${f.padEnd(52)} ${kB(n).padStart(10)}`);

  // The embed draws with deck.gl alone (src/ui/map/deck-map-view.ts): MapLibre in its closure would cost ~440 kB gzip.
  const embed = reports.find((r) => r.page === 'embed.html');
  if (embed) {
    const total = embed.initial.gzip + embed.worker.gzip + embed.data.gzip;
    const before = pageFiles(manifest, 'embed.html', STARTUP_CHUNKS['embed.html']).js;
    const maplibre = before.filter((f) =>
      /maplibregl-map\b|maplibre-gl-worker/.test(readFileSync(join(DIST, f), 'utf8')),
    );
    console.log(
      `\nembed.html before its live map: ${kB(total)} gzip in all (budget ${kB(EMBED_BUDGET)}), plus the picture; MapLibre in it: ${maplibre.length ? maplibre.join(', ') : 'none'}`,
    );
    if (total > EMBED_BUDGET || maplibre.length) {
      console.error(`embed.html is over budget or loads MapLibre before its first render`);
      process.exitCode = 1;
    }
  }

  const hostSource = readFileSync(join(ROOT, 'public/embed.js'), 'utf8');
  const { code } = await minify('embed.js', hostSource, {});
  const host = sizeOf(code);
  console.log(
    `\npublic/embed.js (host script) minified ${host.raw} B, gzip ${host.gzip} B (budget ${HOST_SCRIPT_BUDGET} B minified)`,
  );

  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) {
    writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify({ pages: reports, hostScript: host }, null, 2)}\n`);
  }
  if (host.raw >= HOST_SCRIPT_BUDGET) {
    console.error(`public/embed.js is over budget: ${host.raw} B minified >= ${HOST_SCRIPT_BUDGET} B`);
    process.exitCode = 1;
  }
}

await main();
