// The bench's user-path part: a generated file picked in the real "Add data" file chooser, timed and measured as a person gets it.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { writeGenerated } from '../scripts/gen-write';
import { CACHE_DIR, SEED } from './lib';
import { runSteps, type StepsResult } from './user-path-steps';

export type UserPathFormat = 'acled-csv' | 'geojson';

export interface UserPathResult {
  n: number;
  format: UserPathFormat;
  bytes: number;
  /** Pick → the import's counts shown and the map idle with the data drawn. */
  importMs: number;
  /** A bare JSON.parse (GeoJSON) or line split (CSV) of the same bytes, in a page of the same browser. */
  baselineMs: number;
  /** Longest gap between animation frames from the pick to the map drawn. */
  maxFrameGapMs: number;
  /** The longest task the long-task observer saw (main thread), same span. */
  longestTaskMs: number;
  /** JS heap + ArrayBuffers outside it (CDP Runtime.getHeapUsage usedSize + backingStorageSize) after GC, less the page before. */
  pageMemoryBytes: number;
  pageHeapBytes: number;
  loaded: number;
  /** Keystrokes typed into the search box: the longest from keydown to the count shown, and the longest frame gap meanwhile. */
  searchKeyMs: number;
  searchFrameGapMs: number;
  /** A row of the event list clicked (matches of the search): to the details panel showing it and a frame drawn; the slowest of three. */
  detailsMs: number;
  /** The window stepped a day (the slider's "next"): to the list's count updated and the map idle; the slowest of three. */
  stepMs: number;
  /** Each keystroke split into its parts, a burst, a filter, the details clicks and an export (user-path-steps.ts). */
  steps: StepsResult;
}

/** The generated file for n events in a format (made once, then reused). */
export function generatedFile(n: number, format: UserPathFormat, seed = SEED): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `gen-${n}-s${seed}-v1.${format === 'geojson' ? 'geojson' : 'csv'}`);
  if (!existsSync(file)) {
    const part = `${file}.part${format === 'geojson' ? '.geojson' : '.csv'}`;
    writeGenerated({ n, seed, out: part, format: format === 'geojson' ? 'geojson' : 'acled' });
    renameSync(part, file);
  }
  return file;
}

/** In the page: rAF gaps and long tasks, from `start()` to `stop()`. */
const MONITOR = `(() => {
  const m = { running: false, last: 0, maxGap: 0, longest: 0 };
  const tick = (t) => { if (!m.running) return; if (m.last) m.maxGap = Math.max(m.maxGap, t - m.last); m.last = t; requestAnimationFrame(tick); };
  try { new PerformanceObserver((l) => { if (m.running) for (const e of l.getEntries()) m.longest = Math.max(m.longest, e.duration); }).observe({ type: 'longtask' }); } catch {}
  window.__frames = { start() { m.running = true; m.last = 0; m.maxGap = 0; m.longest = 0; requestAnimationFrame(tick); }, stop() { m.running = false; return { maxGap: m.maxGap, longest: m.longest }; } };
})();`;

async function memory(page: Page): Promise<{ heap: number; all: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  return { heap: u.usedSize, all: u.usedSize + (u.backingStorageSize ?? 0) };
}

/** Times a bare parse of the file's bytes in a fresh page (fetched first, not timed). */
async function baseline(context: BrowserContext, url: string, format: UserPathFormat): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url.replace(/[^/]*$/, 'index.html'));
    return await page.evaluate(
      async ({ url, json }) => {
        const text = await (await fetch(url)).text();
        const t = performance.now();
        if (json) JSON.parse(text);
        else text.split('\n');
        return performance.now() - t;
      },
      { url, json: format === 'geojson' },
    );
  } finally {
    await page.close();
  }
}

/** Opens the app, picks the file with "Add data", waits for the map, then types a search. */
export async function runUserPath(
  context: BrowserContext,
  appUrl: string,
  file: string,
  dataUrl: string,
  n: number,
  format: UserPathFormat,
  log: (s: string) => void,
): Promise<UserPathResult> {
  const baselineMs = await baseline(context, dataUrl, format);
  const page = await context.newPage();
  try {
    await page.addInitScript(MONITOR);
    await page.goto(`${appUrl}#t=2024-11-15..2024-11-30`);
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 120_000,
    });
    const before = await memory(page);
    const chooser = page.waitForEvent('filechooser');
    await page.evaluate(() => (window as unknown as { __frames: { start(): void } }).__frames.start());
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Add data' }).click();
    await (await chooser).setFiles(file);
    await page.waitForFunction(
      () => /loaded/.test(document.querySelector('#imports .import-counts')?.textContent ?? ''),
      undefined,
      { timeout: 1_200_000, polling: 200 },
    );
    const reportMs = Date.now() - t0;
    // The report comes first; the merged columns follow from the worker: wait for them in the store.
    const want = n;
    await page.waitForFunction(
      (k) => {
        const w = window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } } } } };
        return w.__atlas.store.getState().dataset.columns.n >= k;
      },
      want,
      { timeout: 1_200_000, polling: 100 },
    );
    const columnsMs = Date.now() - t0;
    await page.evaluate(async () => {
      await (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle();
      await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    });
    const importMs = Date.now() - t0;
    const frames = await page.evaluate(() =>
      (window as unknown as { __frames: { stop(): { maxGap: number; longest: number } } }).__frames.stop(),
    );
    const counts = (await page.locator('#imports .import-counts').first().textContent()) ?? '';
    const loaded = Number((/([\d,]+) loaded/.exec(counts)?.[1] ?? '0').replace(/,/g, ''));
    const after = await memory(page);
    log(
      `    ${format} ${n.toLocaleString('en-GB')}: import ${(importMs / 1000).toFixed(1)} s vs bare ${format === 'geojson' ? 'JSON.parse' : 'line split'} ${(baselineMs / 1000).toFixed(2)} s; longest frame gap ${frames.maxGap.toFixed(0)} ms (longest task ${frames.longest.toFixed(0)} ms); memory +${((after.all - before.all) / 2 ** 20).toFixed(0)} MB (${counts.trim()})`,
    );
    // Where the import's time went: the worker's read (to the report shown), its build and the packet (to the columns in the store), the page (to the map drawn).
    log(
      `      report shown at ${(reportMs / 1000).toFixed(1)} s, columns in the store at ${(columnsMs / 1000).toFixed(1)} s, map drawn at ${(importMs / 1000).toFixed(1)} s`,
    );
    await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    // A window step: the list's count for the new window, the map idle.
    let stepMs = 0;
    for (const d of [1, -1, 1]) {
      const t = Date.now();
      await page.evaluate(async (days) => {
        const a = (
          window as unknown as { __atlas: { store: { getState(): { step(d: number): void } }; idle(): Promise<void> } }
        ).__atlas;
        a.store.getState().step(days);
        await a.idle();
      }, d);
      stepMs = Math.max(stepMs, Date.now() - t);
    }
    log(`      a window step to the map idle: slowest ${stepMs} ms`);
    // Search, filter, list → details and export, through the UI (user-path-steps.ts).
    const steps = await runSteps(page, log);
    const searchKeyMs = Math.max(...steps.keys.map((k) => k.listMs));
    const searchFrames = { maxGap: steps.typingGapMs };
    const detailsMs = Math.max(0, ...steps.details);
    return {
      n,
      format,
      bytes: statSync(file).size,
      importMs,
      baselineMs,
      maxFrameGapMs: frames.maxGap,
      longestTaskMs: frames.longest,
      pageMemoryBytes: after.all - before.all,
      pageHeapBytes: after.heap - before.heap,
      loaded,
      searchKeyMs,
      searchFrameGapMs: searchFrames.maxGap,
      detailsMs,
      stepMs,
      steps,
    };
  } finally {
    await page.close();
  }
}
