// npm run build:posters — the embed's pictures at once: the default view and each story step, drawn by the snapshot CLI at each width, as WebP.
// Writes public/posters/*.webp and public/posters/manifest.json (committed: `npm start` needs no browser).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createAtlasStore, hashStateOf } from '../src/app/store.ts';
import { buildDataset } from '../src/core/columnar/dataset.ts';
import { createHash } from '../src/app/url-hash.ts';
import type { AtlasFeature } from '../src/core/schema/schema.ts';
import {
  mapBoxHeight,
  POSTER_CLASSES,
  POSTER_STYLE_VERSION,
  posterFile,
  type PosterManifest,
  type PosterView,
} from '../src/ui/embed/poster-manifest.ts';
import { posterInputsHash } from './poster-inputs.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'public/posters');
/** WebP quality: maps are flat colour, so 0.8 keeps edges clean at a fraction of PNG's size. */
const QUALITY = 0.8;

function log(message: string): void {
  process.stderr.write(`build:posters: ${message}\n`);
}

/** The views: the default (no hash) and every step of the bundled story. */
function views(): { key: string; hash: string; settled: string }[] {
  const names = ['strikes', 'facilities', 'deployments', 'links'];
  const features = names.flatMap(
    (n) => (JSON.parse(readFileSync(join(ROOT, `data/${n}.geojson`), 'utf8')) as { features: AtlasFeature[] }).features,
  );
  const store = createAtlasStore();
  store.getState().setDataset(buildDataset(features));
  const out = [{ key: 'default', hash: '', settled: createHash(hashStateOf(store.getState())) }];
  const story = JSON.parse(readFileSync(join(ROOT, 'data/story.json'), 'utf8')) as { steps: unknown[] };
  story.steps.forEach((_, i) => {
    out.push({ key: `story-${i + 1}`, hash: `#story=1&step=${i + 1}`, settled: `#story=1&step=${i + 1}` });
  });
  return out;
}

/** One PNG of the map alone (no title, key, scale bar or captions) through the snapshot CLI. */
function snapshot(hash: string, out: string, width: number, scale: number): void {
  const args = [
    'scripts/run-ts.mjs',
    'scripts/snapshot.ts',
    '--hash',
    hash || '#',
    '--width',
    String(width),
    '--height',
    String(mapBoxHeight(width)),
    '--scale',
    String(scale),
    '--no-title',
    '--no-time',
    '--no-legend',
    '--no-scale-bar',
    '--no-attribution',
    '--no-sources',
    '--out',
    out,
  ];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0)
    throw new Error(`the snapshot CLI failed for "${hash || '(default)'}" (exit ${r.status ?? r.signal})`);
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'atlas-posters-'));
  const list = views();
  const made: PosterView[] = [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    for (const v of list) {
      log(`${v.key}: drawing ${v.hash || '(default view)'}`);
      const files: Record<string, number> = {};
      // Each width drawn at its own size, so its names are placed for it (a crop of a wider picture
      // would cut the names at its edges); the 1× file of a 2× class is the 2× one scaled down.
      for (const c of POSTER_CLASSES) {
        const scale = Math.max(...c.densities);
        const png = join(temp, `${v.key}-${c.width}.png`);
        snapshot(v.hash, png, c.width, scale);
        const jobs = c.densities.map((d) => ({
          name: posterFile(v.key, c.width, d),
          cssW: c.width,
          cssH: mapBoxHeight(c.width),
          d,
        }));
        const encoded = await page.evaluate(
          async ([b64, all, q]) => {
            const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
            const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const result: [string, string][] = [];
            for (const j of all) {
              const canvas = document.createElement('canvas');
              canvas.width = j.cssW * j.d;
              canvas.height = j.cssH * j.d;
              const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
              ctx.imageSmoothingQuality = 'high';
              ctx.drawImage(image, 0, 0, image.width, image.height, 0, 0, canvas.width, canvas.height);
              const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b as Blob), 'image/webp', q));
              const buf = new Uint8Array(await blob.arrayBuffer());
              let s = '';
              for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
              result.push([j.name, btoa(s)]);
            }
            return result;
          },
          [readFileSync(png).toString('base64'), jobs, QUALITY] as const,
        );
        for (const [name, b64] of encoded) {
          const bytes = Buffer.from(b64, 'base64');
          writeFileSync(join(temp, name), bytes);
          files[name] = bytes.length;
        }
      }
      made.push({ ...v, files });
    }
  } finally {
    await browser.close();
  }
  // Replace the folder's pictures only once every one is made.
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.webp') && !f.startsWith('view-')) rmSync(join(OUT, f));
  for (const v of made)
    for (const name of Object.keys(v.files)) writeFileSync(join(OUT, name), readFileSync(join(temp, name)));
  const manifest: PosterManifest = {
    version: POSTER_STYLE_VERSION,
    inputsHash: posterInputsHash(ROOT),
    classes: POSTER_CLASSES,
    views: made,
  };
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  rmSync(temp, { recursive: true, force: true });
  const total = made.reduce((a, v) => a + Object.values(v.files).reduce((x, y) => x + y, 0), 0);
  log(
    `wrote ${made.length} views, ${made.reduce((a, v) => a + Object.keys(v.files).length, 0)} files, ${(total / 1024).toFixed(0)} kB in all, to public/posters/`,
  );
}

main().catch((e: unknown) => {
  log(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
