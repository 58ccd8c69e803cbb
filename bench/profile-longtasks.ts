// Dev aid: the page's long main-thread stretches while a generated file is picked with "Add data", each with what ran in it (CPU profile, unminified build).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launch, REPO, serve } from './lib';
import { generatedFile } from './user-path';

/**
 * Usage: node scripts/run-ts.mjs bench/profile-longtasks.ts [N] [acled-csv|geojson] [search]
 *
 * Samples the main thread every 0.5 ms from the pick to the map drawn (or, with `search`, while
 * "kharkiv" is typed), then splits the samples into busy stretches (no "(idle)" sample between)
 * and prints each stretch over 40 ms with its heaviest functions, inclusive: the page-side
 * steps that make the frame gaps. The build is not minified, so the names are the source's.
 */
interface Node {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const format = (process.argv[3] ?? 'acled-csv') as 'acled-csv' | 'geojson';
  const searchOnly = process.argv[4] === 'search' || process.argv[4] === 'details';
  const detailsClick = process.argv[4] === 'details';
  const dist = mkdtempSync(join(tmpdir(), 'atlas-lt-'));
  await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  const file = generatedFile(n, format);
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    if (process.env.CONSOLE) page.on('console', (m) => console.log('page:', m.text())); // CONSOLE=1: the page's log too
    await page.goto(`${server.url}#t=2024-11-15..2024-11-30${process.env.HASH ?? ''}`); // HASH=&agg=hexagons etc.
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 120_000,
    });
    if (process.env.PRE) {
      // A small file first (e.g. to tell one-off costs of the first import from those that grow with it).
      const pre = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Add data' }).click();
      await (await pre).setFiles(process.env.PRE);
      await page.waitForFunction(
        () => /loaded/.test(document.querySelector('#imports .import-counts')?.textContent ?? ''),
        undefined,
        { timeout: 60_000 },
      );
      await page.waitForTimeout(1500);
      await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    }
    if (process.env.STEADY) console.log('steady frames before the import (ms):', (await steadyFrames(page)).join(', '));
    const base = await page.evaluate(
      () =>
        (
          window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } } } } }
        ).__atlas.store.getState().dataset.columns.n,
    );
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const t0 = Date.now();
    const trace = process.argv.includes('trace');
    const events: TraceEvent[] = [];
    const startTrace = async (): Promise<void> => {
      if (!trace) return;
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        categories:
          process.env.TRACE_CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,toplevel',
        transferMode: 'ReportEvents',
      });
    };
    if (!detailsClick) await startTrace();
    if (!searchOnly) await cdp.send('Profiler.start');
    if (!searchOnly) await recordFrameGaps(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add data' }).click();
    await (await chooser).setFiles(file);
    await page.waitForFunction(
      (k) =>
        (
          window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } } } } }
        ).__atlas.store.getState().dataset.columns.n >= k,
      n + base,
      { timeout: 600_000, polling: 200 },
    );
    await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    console.log(`import: ${Date.now() - t0} ms`);
    if (process.env.STEADY) console.log('steady frames after the import (ms):', (await steadyFrames(page)).join(', '));
    if (detailsClick) {
      // The list → details click: "odesa" searched, the map settled, then the first row clicked.
      await page.locator('#filter-search').click();
      await page.keyboard.type('odesa');
      await page.waitForTimeout(1500);
      await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
      if (process.env.PRE_FLY) {
        // The map flown to the row first (untimed): tells the flight's cost from the selection's.
        const id = await page.locator('#event-list li[data-feature-id]').first().getAttribute('data-feature-id');
        await page.evaluate(async (fid) => {
          const a = (
            window as unknown as {
              __atlas: {
                store: { getState(): { camera: { flyToFeature(id: string): void } } };
                idle(): Promise<void>;
              };
            }
          ).__atlas;
          a.store.getState().camera.flyToFeature(fid ?? '');
          await new Promise((r) => setTimeout(r, 3000));
          await a.idle();
        }, id);
      }
      if (process.env.SECOND) {
        // Another row clicked first (untimed), the selection dropped and the view put back: the
        // traced click then flies as far, but draws a selection for the second time.
        const view = await page.evaluate(() => {
          const a = (window as unknown as { __atlas: { store: { getState(): { camera: { view(): unknown } } } } })
            .__atlas;
          return a.store.getState().camera.view();
        });
        await page.locator('#event-list .event-button').nth(1).click();
        await page.waitForTimeout(3000);
        await page.evaluate(async (v) => {
          const a = (
            window as unknown as {
              __atlas: {
                store: { getState(): { select(id: null): void; camera: { moveTo(v: unknown): void } } };
                idle(): Promise<void>;
              };
            }
          ).__atlas;
          a.store.getState().select(null);
          a.store.getState().camera.moveTo(v);
          await new Promise((r) => setTimeout(r, 1500));
          await a.idle();
        }, view);
      }
      const bb = await page.locator('#event-list .event-button').first().boundingBox();
      await startTrace();
      await cdp.send('Profiler.start');
      if (bb) await page.mouse.click(bb.x + bb.width / 2, bb.y + bb.height / 2);
      await page.waitForTimeout(2500);
    } else if (searchOnly) {
      await cdp.send('Profiler.start');
      await page.locator('#filter-search').click();
      if (process.env.BURST)
        await page.keyboard.type('odesa', { delay: 60 }); // BURST=1: a fast typist's word
      else
        for (const ch of 'kharkiv') {
          await page.keyboard.type(ch);
          await page.waitForTimeout(300);
        }
      await page.waitForTimeout(1000);
      await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    }
    const gaps = await frameGaps(page);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    if (gaps.length)
      console.log(`frame gaps over 50 ms (start+length, ms from the profile's start): ${shifted(gaps, profile)}`);
    if (trace) {
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(join(tmpdir(), `atlas-${format}-${n}.trace.json`), JSON.stringify(events));
      traceReport(events);
    }
    writeFileSync(
      join(tmpdir(), `atlas-${format}-${n}${searchOnly ? '-search' : ''}.cpuprofile`),
      JSON.stringify(profile),
    );
    report(profile);
  } finally {
    await browser.close();
    await server.server.close();
  }
}

/** Starts noting the gaps between animation frames, timed from now (about when the profile started). */
async function recordFrameGaps(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(() => {
    // A 5 ms spin the profile shows by name: where the gaps' zero is on the profile's clock (gapZero).
    const atlasGapZero = (): number => {
      const t = performance.now();
      while (performance.now() - t < 5);
      return t;
    };
    const t0 = atlasGapZero();
    const gaps: string[] = [];
    let last = 0;
    const tick = (t: number): void => {
      if (last && t - last > 50) gaps.push(`${(last - t0).toFixed(0)}+${(t - last).toFixed(0)}`);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as unknown as { __gaps: string[] }).__gaps = gaps;
  });
}

/** The gaps moved onto the profile's clock: their zero is the first sample in recordFrameGaps' spin. */
function shifted(gaps: string[], profile: Profile): string {
  const zero = new Set(profile.nodes.filter((nd) => nd.callFrame.functionName === 'atlasGapZero').map((nd) => nd.id));
  let t = 0;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (zero.has(profile.samples[i])) {
      at = t / 1000;
      break;
    }
  }
  return gaps
    .map((g) => {
      const [start, len] = g.split('+').map(Number);
      return `${(start + at).toFixed(0)}+${len}`;
    })
    .join(', ');
}

/** The gaps noted (`start+length` in ms), if recordFrameGaps ran. */
async function frameGaps(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __gaps?: string[] }).__gaps ?? []);
}

/** Window steps (one day on, back, on), each to the map idle: what a frame costs when nothing else runs. */
async function steadyFrames(page: import('playwright-core').Page): Promise<number[]> {
  return page.evaluate(async () => {
    const st = (
      window as unknown as { __atlas: { store: { getState(): { step(d: number): void } }; idle(): Promise<void> } }
    ).__atlas;
    const out: number[] = [];
    for (const d of [1, -1, 1]) {
      const t = performance.now();
      st.store.getState().step(d);
      await st.idle();
      out.push(Math.round(performance.now() - t));
    }
    return out;
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Main-thread tasks over 40 ms, with the events nested in them that took over 5 ms. */
function traceReport(events: TraceEvent[]): void {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const main = events
    .filter((e) => e.ph === 'X' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  for (const task of tasks) {
    if ((task.dur ?? 0) < 40_000) continue;
    console.log(`\n--- task ${((task.dur ?? 0) / 1000).toFixed(0)} ms`);
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts > task.ts + (task.dur ?? 0) || (e.dur ?? 0) < 5000) continue;
      if (/RunTask/.test(e.name)) continue;
      console.log(
        `    +${((e.ts - task.ts) / 1000).toFixed(0).padStart(5)} ${((e.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms ${e.name}`,
      );
    }
    // Meanwhile on the other threads (the GPU thread's draw the main thread may wait for), over 20 ms.
    for (const e of events) {
      const thread = names.get(`${e.pid}:${e.tid}`) ?? '?';
      if (thread === 'CrRendererMain' || e.ph !== 'X' || (e.dur ?? 0) < (thread === 'CrGpuMain' ? 4000 : 20_000))
        continue;
      if (e.ts + (e.dur ?? 0) < task.ts - (thread === 'CrGpuMain' ? 1_500_000 : 0) || e.ts > task.ts + (task.dur ?? 0))
        continue;
      console.log(
        `    [${thread}] +${((e.ts - task.ts) / 1000).toFixed(0).padStart(5)} ${((e.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms ${e.name}`,
      );
    }
  }
}

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const parent = new Map<number, number>();
  for (const nd of profile.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
  const keyOf = (nd: Node): string =>
    `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').pop()}:${nd.callFrame.lineNumber + 1}`;
  // Busy stretches: consecutive non-idle samples.
  let t = profile.startTime;
  type Stretch = { from: number; to: number; samples: { id: number; dt: number }[] };
  let cur = null as Stretch | null;
  const stretches: Stretch[] = [];
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const idle = byId.get(id)?.callFrame.functionName === '(idle)';
    if (idle) {
      if (cur) stretches.push(cur);
      cur = null;
      return;
    }
    cur ??= { from: t - dt, to: t, samples: [] };
    cur.to = t;
    cur.samples.push({ id, dt });
  });
  if (cur !== null) stretches.push(cur);
  const long = stretches.filter((s) => s.to - s.from > 40_000);
  const totalBusy = stretches.reduce((a, s) => a + (s.to - s.from), 0);
  console.log(
    `busy ${(totalBusy / 1000).toFixed(0)} ms in ${stretches.length} stretches; ${long.length} over 40 ms; longest ${(Math.max(0, ...stretches.map((s) => s.to - s.from)) / 1000).toFixed(0)} ms`,
  );
  for (const s of long) {
    const total = new Map<string, number>();
    const self = new Map<string, number>();
    for (const { id, dt } of s.samples) {
      const leaf = byId.get(id);
      if (leaf) self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + dt / 1000);
      const seen = new Set<string>();
      for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
        const nd = byId.get(c);
        if (!nd) break;
        const k = keyOf(nd);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt / 1000);
      }
    }
    console.log(
      `\n=== ${((s.to - s.from) / 1000).toFixed(0)} ms at +${((s.from - profile.startTime) / 1000).toFixed(0)} ms`,
    );
    const top = [...total]
      .filter(([k]) => !/^\(root\)|^\(program\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 22);
    for (const [k, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
    console.log(
      '  self:',
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
        .join(' | '),
    );
  }
}
void main();
