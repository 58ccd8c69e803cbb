// Benchmark plumbing in Node: generated data, the bench pages' build and server, Chromium, and the per-size runs.
import { existsSync, linkSync, mkdirSync, copyFileSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { writeGenerated } from '../scripts/gen-write';
import { pageFiles, pageHtml, STARTUP_CHUNKS, type Manifest } from '../scripts/size-closure';
import type { Method } from './methods';
import { timeBinned, type BinnedFrames } from './binned';

export const REPO = resolve(import.meta.dirname, '..');
export const CACHE_DIR = join(tmpdir(), 'conflict-atlas-bench');
export const SEED = 1;

/** The generated file for n events (made once, then reused: the generator is deterministic). */
export function generated(n: number, seed = SEED): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `gen-${n}-s${seed}-v1.geojson`);
  if (!existsSync(file)) {
    const t0 = Date.now();
    writeGenerated({ n, seed, out: `${file}.part` });
    linkOrCopy(`${file}.part`, file);
    rmSync(`${file}.part`);
    console.log(
      `  generated ${n.toLocaleString('en-GB')} events in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${file}`,
    );
  }
  return file;
}

function linkOrCopy(from: string, to: string): void {
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Builds bench/frames.html and bench/bare-map.html (production build, like the app's) into `outDir`. */
export async function buildBenchPages(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: REPO,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: { frames: join(REPO, 'bench/frames.html'), bare: join(REPO, 'bench/bare-map.html') } },
    },
  });
}

/**
 * Builds the app (index.html, embed.html) with the repo's vite config into `outDir` — its own
 * copy, so that another `npm run build` replacing dist/ mid-run cannot break the measurements.
 */
export async function buildApp(outDir: string): Promise<void> {
  await build({ root: REPO, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export interface Size {
  raw: number;
  gzip: number;
}

/** What a page loads before its first render, from the build's manifest (scripts/size-closure.ts). */
export function pageSizes(dist: string, page: string): { page: string; initial: Size; worker: Size; data: Size } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const files = pageFiles(manifest, pageHtml(page), STARTUP_CHUNKS[page] ?? []);
  const size = (list: string[]): Size =>
    list.reduce(
      (a, f) => {
        const bytes = readFileSync(join(dist, f));
        return { raw: a.raw + bytes.length, gzip: a.gzip + gzipSync(bytes).length };
      },
      { raw: 0, gzip: 0 },
    );
  return {
    page,
    initial: size([...files.js, ...files.css]),
    worker: size(files.assets.filter((f) => /\.m?js$/.test(f))),
    data: size(files.assets.filter((f) => !/\.m?js$/.test(f))),
  };
}

/** Serves a built folder on 127.0.0.1; data files are linked into it under gen/. */
export async function serve(dir: string, data: string[] = []): Promise<{ url: string; server: PreviewServer }> {
  if (data.length) {
    mkdirSync(join(dir, 'gen'), { recursive: true });
    for (const f of data) linkOrCopy(f, join(dir, 'gen', f.split('/').pop() as string));
  }
  const server = await preview({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1024, height: 700 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
      '--js-flags=--max-old-space-size=7000',
    ],
  });
  context.setDefaultTimeout(600_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Stats {
  mean: number;
  p95: number;
  n: number;
}

export function stats(ms: number[]): Stats {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
  return { mean, p95, n: ms.length };
}

export interface SizeResult {
  n: number;
  strikes: number;
  windowDays: number;
  meanVisible: number;
  frames: Record<Method, Stats>;
  /** The part of each frame before the drawing is waited for: JavaScript, layer updates, GL calls. */
  cpu: Record<Method, Stats>;
  parseMs: number;
  ingest: { ms: number; parseMs: number; validateMs: number; columnsMs: number };
  heap: { beforeMB: number; datasetMB: number; withLayersMB: number; typedMB: number };
  countCheck: { index: number; brute: number };
  /** The same windows drawn by the app's layer as dots, hexagons and heatmap (bench/binned.ts); absent with `--binned 0`. */
  binned?: BinnedFrames;
}

type BenchApi = {
  ready: Promise<void>;
  fetchText(url: string): Promise<number>;
  parseOnly(): number;
  ingest(file: string): {
    ms: number;
    parseMs: number;
    validateMs: number;
    columnsMs: number;
    n: number;
    strikes: number;
  };
  primeApp(): void;
  typedBytes(): number;
  frames(
    methods: Method[],
    steps: number,
    widthDays: number,
    warmup?: number,
  ): Promise<{ ms: Record<string, number[]>; cpu: Record<string, number[]>; visible: number[] }>;
  countCheck(widthDays: number): { index: number; brute: number };
  span(): { start: number; end: number };
};

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1e6;
}

async function gc(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** One size: parse vs ingest, heap, then every method's frames with a window holding ~1% of the events. */
export async function runSize(
  context: BrowserContext,
  baseUrl: string,
  file: string,
  n: number,
  steps: number,
  methods: readonly Method[],
  log: (s: string) => void,
  binnedSteps = 0,
): Promise<SizeResult> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  try {
    await page.goto(`${baseUrl}bench/frames.html`, { waitUntil: 'load' });
    await page.evaluate(() => (window as unknown as { __bench: BenchApi }).__bench.ready);
    type W = Window & { __bench: BenchApi };
    const beforeMB = await heapMB(page);
    const name = file.split('/').pop() as string;
    await page.evaluate((url) => (window as unknown as W).__bench.fetchText(url), `${baseUrl}gen/${name}`);
    const parseMs = await page.evaluate(() => (window as unknown as W).__bench.parseOnly());
    await gc(page);
    log(`    JSON.parse ${parseMs.toFixed(0)} ms`);
    const ing = await page.evaluate((f) => (window as unknown as W).__bench.ingest(f), name);
    log(
      `    ingest ${ing.ms.toFixed(0)} ms (parse ${ing.parseMs.toFixed(0)}, validate ${ing.validateMs.toFixed(0)}, columns ${ing.columnsMs.toFixed(0)})`,
    );
    const datasetMB = await heapMB(page);
    await page.evaluate(() => (window as unknown as W).__bench.primeApp());
    const withLayersMB = await heapMB(page);
    const typedMB = (await page.evaluate(() => (window as unknown as W).__bench.typedBytes())) / 1e6;
    const span = await page.evaluate(() => (window as unknown as W).__bench.span());
    const windowDays = Math.max(1, Math.round((span.end - span.start + 1) / 100));
    const countCheck = await page.evaluate((w) => (window as unknown as W).__bench.countCheck(w), windowDays);
    const t0 = Date.now();
    // One untimed window at 1M (a DataFilterExtension frame there takes ~20 s in software WebGL), two below.
    const warmup = n >= 1_000_000 ? 1 : 2;
    const r = await page.evaluate(([ms, st, w, wu]) => (window as unknown as W).__bench.frames([...ms], st, w, wu), [
      methods,
      steps,
      windowDays,
      warmup,
    ] as const);
    const frames = Object.fromEntries(methods.map((m) => [m, stats(r.ms[m])])) as Record<Method, Stats>;
    const cpu = Object.fromEntries(methods.map((m) => [m, stats(r.cpu[m])])) as Record<Method, Stats>;
    const meanVisible = r.visible.reduce((a, b) => a + b, 0) / Math.max(1, r.visible.length);
    const binned = binnedSteps > 0 ? await timeBinned(page, binnedSteps, windowDays, log) : undefined;
    for (const m of methods)
      log(
        `    ${m.padEnd(6)} mean ${frames[m].mean.toFixed(1)} ms, p95 ${frames[m].p95.toFixed(1)} ms (before the drawing: ${cpu[m].mean.toFixed(1)} ms)`,
      );
    log(`    (${steps} windows × ${methods.length} methods in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      n,
      strikes: ing.strikes,
      windowDays,
      meanVisible,
      frames,
      cpu,
      parseMs,
      ingest: { ms: ing.ms, parseMs: ing.parseMs, validateMs: ing.validateMs, columnsMs: ing.columnsMs },
      heap: { beforeMB, datasetMB, withLayersMB, typedMB },
      countCheck,
      binned,
    };
  } finally {
    await page.close();
  }
}

/** Milliseconds from navigation to `<html data-atlas-ready="1">` (map idle and layers drawn). */
export async function timeToReady(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __readyAt?: number };
      // The document exists when this runs; <html> may not yet.
      new MutationObserver(() => {
        if (document.documentElement?.dataset.atlasReady === '1' && w.__readyAt === undefined)
          w.__readyAt = performance.now();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-atlas-ready'] });
    });
    await page.route(
      (u) => !u.href.startsWith('http://127.0.0.1'),
      (r) => r.abort(),
    );
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, {
      timeout: 120_000,
    });
    return await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
  } finally {
    await page.close();
  }
}

export interface EmbedStart {
  /** Navigation to the picture decoded in the page (`<html data-atlas-picture="1">`); null when none showed. */
  pictureMs: number | null;
  /** Navigation to the map idle with its layers drawn (`data-atlas-ready="1"`). */
  readyMs: number;
  /** What Chromium received before that, each response body gzipped as a server would send it (images as they are). */
  bytes: { gzip: number; raw: number; byKind: Record<string, number>; files: number };
  /** WebGL programs linked before the live map was ready (each costs a compile on its first draw: seconds in software WebGL). */
  programs: number;
}

/** One load of a page: first picture, live map and the bytes before it, counted from Chromium's responses. */
export async function timeEmbed(context: BrowserContext, url: string): Promise<EmbedStart> {
  const page = await context.newPage();
  const bodies: Promise<{ url: string; type: string; body: Buffer } | null>[] = [];
  let done = false;
  page.on('response', (r) => {
    if (done || r.status() >= 300) return;
    bodies.push(
      r.body().then(
        (body) => ({ url: r.url(), type: r.headers()['content-type'] ?? '', body }),
        () => null,
      ),
    );
  });
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __readyAt?: number; __pictureAt?: number; __programs: number };
      w.__programs = 0;
      for (const C of [WebGL2RenderingContext, WebGLRenderingContext]) {
        const link = C.prototype.linkProgram;
        C.prototype.linkProgram = function (this: WebGLRenderingContext, program: WebGLProgram) {
          if (w.__readyAt === undefined) w.__programs++;
          link.call(this, program);
        };
      }
      new MutationObserver(() => {
        const d = document.documentElement?.dataset;
        if (d?.atlasPicture === '1' && w.__pictureAt === undefined) w.__pictureAt = performance.now();
        if (d?.atlasReady === '1' && w.__readyAt === undefined) w.__readyAt = performance.now();
      }).observe(document, {
        attributes: true,
        subtree: true,
        attributeFilter: ['data-atlas-ready', 'data-atlas-picture'],
      });
    });
    await page.route(
      (u) => !u.href.startsWith('http://127.0.0.1'),
      (r) => r.abort(),
    );
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, {
      timeout: 120_000,
    });
    done = true;
    const t = await page.evaluate(() => {
      const w = window as unknown as { __readyAt: number; __pictureAt?: number; __programs: number };
      return { readyMs: w.__readyAt, pictureMs: w.__pictureAt ?? null, programs: w.__programs };
    });
    const byKind: Record<string, number> = {};
    let gzip = 0;
    let raw = 0;
    let files = 0;
    for (const b of await Promise.all(bodies)) {
      if (!b) continue;
      const image = /^image\//.test(b.type);
      const n = image ? b.body.length : gzipSync(b.body).length;
      const kind = image
        ? 'picture'
        : /worker/.test(b.url)
          ? 'map worker'
          : /javascript/.test(b.type)
            ? 'JS'
            : /css/.test(b.type)
              ? 'CSS'
              : /countries|basemap/.test(b.url)
                ? 'base map'
                : /html/.test(b.type)
                  ? 'HTML'
                  : 'data';
      byKind[kind] = (byKind[kind] ?? 0) + n;
      gzip += n;
      raw += b.body.length;
      files++;
    }
    return { ...t, bytes: { gzip, raw, byKind, files } };
  } finally {
    await page.close();
  }
}

/** Waits for the app's page to be ready and, for a `#data=` published archive, for its status to say ready. */
export async function waitForPublishedReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, { timeout });
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid=published-status]')?.dataset.state === 'ready',
    undefined,
    { timeout },
  );
}
