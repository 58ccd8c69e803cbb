// Dev aid: the long frames after a change in the app (a published week, STEPS), with every WebGL call in them and, SYNC=1, the GPU's time after each.
// DIST=folder (a `npx vite build --outDir`) SYNC=1 STEPS='[{"week":true,"wait":4000,"label":"week"}]' node scripts/run-ts.mjs bench/frame-bisect.ts [ROWS]
// IMPORT=/tmp/conflict-atlas-bench/gen-300000-s1-v1.csv … bench/frame-bisect.ts 300000: the import's frames instead (ROWS: the rows it waits for).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { BrowserContext } from 'playwright-core';
import { CACHE_DIR, REPO, launch, serve, waitForPublishedReady } from './lib';
import { startRangeServer } from '../scripts/serve-range';
import { glProbe, type ProbeEntry, type ProbeHandle } from './gl-probe';
import { WEEK } from './published';

interface Step {
  /** The published bench's change: the camera to the week's view, then the window set. */
  week?: boolean;
  view?: object;
  window?: [number, number];
  /** Page JS run first (the page is our own build, on localhost). */
  js?: string;
  wait: number;
  label: string;
}

/** What one long frame did: calls by context and kind, bytes, and the GPU's ms after them. */
function summarise(entries: ProbeEntry[], top: number): string[] {
  const by = new Map<string, { n: number; bytes: number; gpu: number }>();
  for (const e of entries) {
    const key = `ctx${e.ctx} ${e.call}`;
    const v = by.get(key) ?? { n: 0, bytes: 0, gpu: 0 };
    v.n++;
    const b = /bytes=(\d+)/.exec(e.detail);
    if (b) v.bytes += Number(b[1]);
    if (e.gpu > 0) v.gpu += e.gpu;
    by.set(key, v);
  }
  const lines = [...by]
    .sort((a, b) => b[1].gpu - a[1].gpu || b[1].n - a[1].n)
    .map(
      ([k, v]) =>
        `    ${k}: ${v.n}×${v.bytes ? `, ${(v.bytes / 1e6).toFixed(2)} MB` : ''}${v.gpu ? `, gpu ${v.gpu.toFixed(0)} ms` : ''}`,
    );
  const slow = entries
    .filter((e) => e.gpu >= 3)
    .sort((a, b) => b.gpu - a.gpu)
    .slice(0, top)
    .map((e) => `      ${e.gpu.toFixed(0)} ms  ctx${e.ctx} ${e.call} ${e.detail}`);
  return [...lines, ...(slow.length ? ['    slowest for the GPU:', ...slow] : [])];
}

/** One line a frame: per context its draws, uploads (MB), new buffers and textures, and GPU ms (sync mode). */
function brief(entries: ProbeEntry[]): string {
  const ctxs = [...new Set(entries.map((e) => e.ctx))].sort();
  return ctxs
    .map((c) => {
      const es = entries.filter((e) => e.ctx === c);
      const n = (re: RegExp): number => es.filter((e) => re.test(e.call)).length;
      const mb = es.reduce((a, e) => a + Number(/bytes=(\d+)/.exec(e.detail)?.[1] ?? 0), 0) / 1e6;
      const gpu = es.reduce((a, e) => a + Math.max(0, e.gpu), 0);
      return `    ctx${c}: draws ${n(/^draw/)}, uploads ${mb.toFixed(2)} MB, new buffers ${n(/^createBuffer/)}, textures ${n(/^createTexture/)}${gpu ? `, gpu ${gpu.toFixed(0)} ms` : ''}`;
    })
    .join('\n');
}

async function onePage(context: BrowserContext, appUrl: string, dataUrl: string): Promise<void> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (process.env.BISECT_CONSOLE) console.log('page:', m.text());
  });
  await page.addInitScript(glProbe, { sync: process.env.SYNC === '1' });
  if (process.env.INIT) await page.addInitScript(process.env.INIT);
  await page.goto(
    `${appUrl}${process.env.PAGE ?? 'index.html'}#data=${dataUrl}/dataset.json&t=2025-06-01..2025-06-30&view=48.5,33,4.6`,
  );
  await waitForPublishedReady(page);
  await page.waitForTimeout(1500);
  const steps = JSON.parse(process.env.STEPS ?? '[{"week":true,"wait":4000,"label":"week"}]') as Step[];
  for (const st of steps) {
    const out = await page.evaluate(
      async ({ st, week }) => {
        // biome-ignore lint/suspicious/noExplicitAny: a dev aid's loose handle on the page's store
        const s = (window as any).__atlas.store;
        const h = (window as unknown as { __glProbe: ProbeHandle }).__glProbe;
        h.log.length = 0;
        h.loaf.length = 0;
        h.frames.length = 0;
        h.on = true;
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        if (st.js) new Function(st.js)();
        if (st.week) {
          s.getState().camera.moveTo(week.view);
          s.setState({ window: { from: week.from, to: week.to } });
        }
        if (st.view) s.getState().camera.moveTo(st.view);
        if (st.window) s.setState({ window: { from: st.window[0], to: st.window[1] } });
        await new Promise((r) => setTimeout(r, st.wait));
        h.on = false;
        return {
          t0,
          frames: [...h.frames],
          log: h.log.map((e) => ({ ...e })),
          loaf: h.loaf.map((e) => ({ ...e })),
          contexts: h.contexts.join('; '),
          state: `mode=${s.getState().dataset.published?.mode} n=${s.getState().dataset.columns?.n}`,
        };
      },
      { st, week: WEEK },
    );
    console.log(`${st.label}: ${out.state}; ${out.contexts}`);
    report(out.t0, out.frames, out.log, out.loaf, 40);
  }
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  await page.close();
}

/** What the frames did: long animation frames (where the main thread's time went), then each frame gap over `minGap` ms with its GL calls. */
function report(t0: number, frames: number[], log: ProbeEntry[], loaf: ProbeHandle['loaf'], minGap: number): void {
  console.log(`  ${frames.length} frames, ${log.length} GL calls`);
  // Tasks before the frame, its rAF callbacks, then style, layout, paint and commit (where the canvases are read back).
  for (const l of loaf) {
    if (l.duration < minGap) continue;
    const end = l.start + l.duration;
    const r0 = l.render || l.layout || end;
    const l0 = l.layout || end;
    console.log(
      `  LoAF at ${Math.round(l.start - t0)}: ${Math.round(l.duration)} ms = tasks ${Math.round(r0 - l.start)} + rAF ${Math.round(l0 - r0)} + layout/paint/commit ${Math.round(end - l0)}; ${l.scripts.join(', ')}`,
    );
  }
  for (let i = 1; i < frames.length; i++) {
    const gap = frames[i] - frames[i - 1];
    const inFrame = log.filter((e) => e.t >= frames[i - 1] && e.t < frames[i]);
    if (gap < minGap && !inFrame.some((e) => e.gpu > 20 || (process.env.DRAWS && e.call.startsWith('draw')))) continue;
    console.log(`  frame at ${Math.round(frames[i - 1] - t0)} ms: gap ${Math.round(gap)} ms, ${inFrame.length} calls`);
    if (process.env.BRIEF) console.log(brief(inFrame));
    else for (const l of summarise(inFrame, Number(process.env.TOP ?? 12))) console.log(l);
  }
}

/** IMPORT=file: the file picked with "Add data" (bench/user-path.ts's way), the probe on from the pick to the map drawn. */
async function importPage(context: BrowserContext, appUrl: string, file: string, n: number): Promise<void> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (process.env.BISECT_CONSOLE) console.log('page:', m.text());
  });
  await page.addInitScript(glProbe, { sync: process.env.SYNC === '1' });
  if (process.env.INIT) await page.addInitScript(process.env.INIT);
  await page.goto(`${appUrl}index.html#t=2024-11-15..2024-11-30`);
  await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
    timeout: 120_000,
  });
  await page.waitForTimeout(1000);
  const chooser = page.waitForEvent('filechooser');
  const t0 = await page.evaluate(() => {
    const h = (window as unknown as { __glProbe: ProbeHandle }).__glProbe;
    h.on = true;
    return performance.now();
  });
  await page.getByRole('button', { name: 'Add data' }).click();
  await (await chooser).setFiles(file);
  await page.waitForFunction(
    (k) =>
      // biome-ignore lint/suspicious/noExplicitAny: a dev aid's loose handle on the page's store
      ((window as any).__atlas.store.getState().dataset.columns.n as number) >= k,
    n,
    { timeout: 1_200_000, polling: 100 },
  );
  const out = await page.evaluate(
    async ({ after, next }) => {
      // biome-ignore lint/suspicious/noExplicitAny: a dev aid's loose handle on the page
      await (window as any).__atlas.idle();
      await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
      await new Promise((r) => setTimeout(r, after));
      // THEN=js: page JS run after the import's frames (e.g. a camera nudge: the same layers drawn again).
      if (next) {
        new Function(next)();
        await new Promise((r) => setTimeout(r, after));
      }
      const h = (window as unknown as { __glProbe: ProbeHandle }).__glProbe;
      h.on = false;
      return { frames: [...h.frames], log: h.log.map((e) => ({ ...e })), loaf: h.loaf.map((e) => ({ ...e })) };
    },
    { after: Number(process.env.AFTER ?? 1500), next: process.env.THEN ?? '' },
  );
  console.log(`import ${file}: (picked at ${Math.round(t0)} ms)`);
  report(t0, out.frames, out.log, out.loaf, 100);
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  await page.close();
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = join(CACHE_DIR, `published-${rows}`);
  const dist = process.env.DIST ?? mkdtempSync(join(tmpdir(), 'atlas-bisect-'));
  if (!process.env.DIST)
    await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  const server = await serve(dist);
  const data = await startRangeServer({ root: process.env.IMPORT ? tmpdir() : dir });
  const browser = await launch();
  try {
    for (let run = 0; run < Number(process.env.REPEAT ?? 1); run++)
      if (process.env.IMPORT) await importPage(browser.context, server.url, process.env.IMPORT, rows);
      else await onePage(browser.context, server.url, data.url);
  } finally {
    await browser.close();
    await server.server.close();
    await data.close();
  }
}
void main();
