// Bench part for published datasets: publish N generated rows, serve them by range requests, open, a week at country zoom, play, memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CACHE_DIR, REPO } from './lib';
import { startRangeServer } from '../scripts/serve-range';
import { parseIsoDay } from '../src/core/time/days';

/** The week set at a country zoom over Ukraine (the window as the store holds it: day numbers). */
export const WEEK = {
  from: parseIsoDay('2025-06-09') as number,
  to: parseIsoDay('2025-06-15') as number,
  view: { lat: 48.6, lon: 32, zoom: 6 },
};

export interface PublishedResult {
  rows: number;
  publishSeconds: number;
  datasetBytes: number;
  open: { bytes: number; requests: number; ms: number };
  /** `ms`: to the end of the first frame that draws the week's rows; `idleMs`: until the status said ready and the map was idle. */
  week: { bytes: number; requests: number; ms: number; idleMs: number; loaded: number };
  /** Another week set at the country zoom the map already shows (no camera move): the same figures. */
  weekInView: PublishedResult['week'];
  /** `datasets`: how many times the store's dataset changed while playing (a new one rebuilds the layers' data). */
  play: {
    seconds: number;
    maxGapMs: number;
    p95GapMs: number;
    frames: number;
    windows: number;
    datasets: number;
    long: string[];
  };
  memoryMB: { before: number; after: number };
}

interface Handle {
  __atlas: {
    store: {
      subscribe(f: (s: Record<string, unknown>, prev: Record<string, unknown>) => void): () => void;
      getState(): Record<string, unknown> & {
        setPlaying(p: boolean): void;
        setSpeed(i: number): void;
        camera: { moveTo(v: { lat: number; lon: number; zoom: number }): void };
      };
      setState(p: object): void;
    };
    idle(): Promise<void>;
  };
}

const statusOf = (page: Page): Promise<{ state?: string; mode?: string; loaded?: string }> =>
  page.$eval('[data-testid=published-status]', (el) => ({ ...(el as HTMLElement).dataset })).catch(() => ({}));

async function waitFor(
  page: Page,
  want: (s: { state?: string; mode?: string }) => boolean,
  timeoutMs = 120_000,
): Promise<void> {
  const t0 = Date.now();
  while (!want(await statusOf(page))) {
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`published bench: the status never became ready (${JSON.stringify(await statusOf(page))})`);
    await page.waitForTimeout(20);
  }
  await page.evaluate(() => (window as unknown as Handle).__atlas.idle());
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  return (u.usedSize + (u.backingStorageSize ?? 0)) / 1e6;
}

/** The published datasets still alive (after the GC of heapMB): their rows, the store's marked `*`. */
async function datasetsHeld(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const proto = (await cdp.send('Runtime.evaluate', {
      expression: 'Object.getPrototypeOf(window.__atlas.store.getState().dataset)',
    })) as { result: { objectId?: string } };
    if (!proto.result.objectId) return '?';
    const found = (await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId })) as {
      objects: { objectId?: string };
    };
    const list = (await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId,
      functionDeclaration: `function () {
        const now = window.__atlas.store.getState().dataset;
        return this.map((d) => (d === now ? '*' : '') + d.published.mode + ' ' + d.published.loaded).join(', ');
      }`,
      returnByValue: true,
    })) as { result: { value?: string } };
    return list.result.value ?? '?';
  } finally {
    await cdp.detach();
  }
}

/** Publishes `rows` generated events under CACHE_DIR (with `reuse`, a folder already there is used: publishing not timed, NaN). */
function publishGenerated(rows: number, log: (s: string) => void, reuse: boolean): { dir: string; seconds: number } {
  const dir = join(CACHE_DIR, `published-${rows}`);
  mkdirSync(CACHE_DIR, { recursive: true });
  if (reuse && existsSync(join(dir, 'dataset.json'))) {
    log(`  reusing ${dir} (publishing not timed)`);
    return { dir, seconds: NaN };
  }
  log(`  publishing ${rows.toLocaleString('en-GB')} generated rows (npm run publish-data -- --generate ${rows})…`);
  const t0 = Date.now();
  execFileSync(
    process.execPath,
    [join(REPO, 'scripts/run-ts.mjs'), 'scripts/publish-data.ts', '--generate', String(rows), '--out', dir],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!existsSync(join(dir, 'dataset.json'))) throw new Error('publish-data wrote no dataset.json');
  return { dir, seconds: (Date.now() - t0) / 1000 };
}

/**
 * The user's path: open `#data=…/dataset.json` zoomed out (bytes until the first full render), set
 * a one-week window at a country zoom over Ukraine (bytes, and time until it is drawn), play week
 * by week for a few seconds (longest gap between animation frames), then the heap after GC.
 */
export async function runPublished(
  context: BrowserContext,
  appUrl: string,
  rows: number,
  log: (s: string) => void,
  reuse = false,
): Promise<PublishedResult> {
  const { dir, seconds } = publishGenerated(rows, log, reuse);
  log(`  published in ${seconds.toFixed(1)} s`);
  const data = await startRangeServer({ root: dir });
  // The app alone (bundled data), for comparison.
  const plain = await context.newPage();
  await plain.route(
    (u) => !u.href.startsWith('http://127.0.0.1'),
    (r) => r.abort(),
  );
  await plain.goto(`${appUrl}index.html`, { waitUntil: 'load' });
  await plain.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
    timeout: 120_000,
  });
  const before = await heapMB(plain);
  await plain.close();
  const page = await context.newPage();
  try {
    await page.route(
      (u) => !u.href.startsWith('http://127.0.0.1'),
      (r) => r.abort(),
    );
    data.reset();
    const t0 = Date.now();
    await page.goto(`${appUrl}index.html#data=${data.url}/dataset.json&t=2025-06-01..2025-06-30&view=48.5,33,4.6`, {
      waitUntil: 'load',
    });
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 120_000,
    });
    await waitFor(page, (s) => s.state === 'ready' && s.mode === 'overview');
    const open = { bytes: data.bytes(), requests: data.log.length, ms: Date.now() - t0 };
    log(`  open (zoomed out): ${(open.bytes / 1000).toFixed(0)} kB in ${open.requests} requests, ${open.ms} ms`);

    // One change, as a link or a story step makes it: the camera moves, then the window is set.
    const week = await setWeek(page, data, WEEK, true);
    log(
      `  a week at country zoom: ${(week.bytes / 1000).toFixed(0)} kB in ${week.requests} requests, drawn ${week.ms.toFixed(0)} ms after the window was set (the first frame with its rows; ${week.idleMs.toFixed(0)} ms until the status said ready and the map was idle) (${week.loaded.toLocaleString('en-GB')} rows loaded)`,
    );
    log(`    on the way (ms): ${week.marks}`);

    // Play at 1 week/s for 6 s, recording every animation frame.
    const play = await page.evaluate(async () => {
      const s = (window as unknown as Handle).__atlas.store;
      const frames: number[] = [];
      /** Frames whose dataset was new (the block switched in the frame that ends the gap before it). */
      const switched = new Set<number>();
      const windows = new Set<string>();
      // Counted, not kept: a Set of the datasets seen held every block of the play until the last
      // frame callback ran, and the heap read after it counted them (10M: 125–159 MB in some runs).
      const seen = new WeakSet<object>([s.getState().dataset as object]);
      let datasets = 0;
      let on = true;
      const tick = (t: number): void => {
        frames.push(t);
        windows.add(JSON.stringify(s.getState().window));
        const ds = s.getState().dataset as object;
        if (!seen.has(ds)) {
          seen.add(ds);
          datasets++;
          switched.add(frames.length - 1);
        }
        if (on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      s.getState().setSpeed(1);
      s.getState().setPlaying(true);
      await new Promise((r) => setTimeout(r, 6000));
      s.getState().setPlaying(false);
      on = false;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const unsorted = frames.slice(1).map((t, i) => t - frames[i]);
      // The gaps over 100 ms: when (ms after play began), and whether a new block's dataset was drawn at their end.
      const long = unsorted.flatMap((g, i) =>
        g > 100
          ? [`${Math.round(g)} ms at ${Math.round(frames[i] - t0)}${switched.has(i + 1) ? ' (new block)' : ''}`]
          : [],
      );
      const gaps = unsorted.sort((a, b) => a - b);
      return {
        long,
        seconds: 6,
        maxGapMs: gaps[gaps.length - 1] ?? 0,
        p95GapMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        frames: frames.length,
        windows: windows.size,
        datasets,
      };
    });
    // The worker's steps for each block built while playing (ahead or waited for), as its marks say.
    const blocks = await page.evaluate(() =>
      performance
        .getEntriesByName('atlas:published:worker')
        .slice(1)
        .map((m) => {
          const d = ((m as PerformanceMark).detail ?? {}) as Record<string, number>;
          // Row groups decoded for the block, found in the worker's cache, or awaited from a read already under way.
          const groups =
            d.decoded === undefined ? '' : ` (groups: ${d.decoded} decoded, ${d.cached} cached, ${d.shared} shared)`;
          return `${d.rows} rows: read ${Math.round(d.read)} columns ${Math.round(d.columns)} pack ${Math.round(d.pack)}${groups}`;
        })
        .join('; '),
    );
    log(`    blocks built while playing (the worker's ms): ${blocks || 'none'}`);
    log(`    frame gaps over 100 ms while playing: ${play.long.join(', ') || 'none'}`);
    log(
      `  play 1 week/s for 6 s: ${play.frames} frames, ${play.windows} windows, ${play.datasets} new datasets, longest frame gap ${play.maxGapMs.toFixed(0)} ms (p95 ${play.p95GapMs.toFixed(0)} ms)`,
    );
    // A week set at the country zoom already shown (the map idle, no camera move): the data's own
    // path, without the base map's work at a new zoom that the first week shares the cores with.
    await page.evaluate(() => (window as unknown as Handle).__atlas.idle());
    const inView = await setWeek(page, data, { ...WEEK, from: WEEK.from + 84, to: WEEK.to + 84 }, false);
    log(
      `  another week, set at the country zoom already shown: ${(inView.bytes / 1000).toFixed(0)} kB in ${inView.requests} requests, drawn ${inView.ms.toFixed(0)} ms after the window was set (${inView.loaded.toLocaleString('en-GB')} rows loaded)`,
    );
    log(`    on the way (ms): ${inView.marks}`);
    const after = await heapMB(page);
    const held = await datasetsHeld(page);
    log(
      `  memory after GC: ${after.toFixed(1)} MB JS heap + ArrayBuffers (the app with its bundled data alone: ${before.toFixed(1)} MB); datasets alive: ${held}`,
    );
    const datasetBytes = Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
    const strip = ({ marks: _m, ...w }: typeof week): PublishedResult['week'] => w;
    return {
      rows,
      publishSeconds: seconds,
      datasetBytes,
      open,
      week: strip(week),
      weekInView: strip(inView),
      play,
      memoryMB: { before, after },
    };
  } finally {
    await page.close();
    await data.close();
  }
}

type Data = Awaited<ReturnType<typeof startRangeServer>>;

/**
 * Sets a week's window (moving the camera to its view first when `move`) and waits for the first
 * frame that draws its rows and then for the status to say ready: the bytes and requests on the
 * way, the ms to each, and the marks source.ts left (ms after the window was set).
 */
async function setWeek(
  page: Page,
  data: Data,
  w: typeof WEEK,
  move: boolean,
): Promise<PublishedResult['week'] & { marks: string }> {
  data.reset();
  const t1 = await page.evaluate(
    ({ from, to, view, move }) => {
      const h = window as unknown as Handle & { __weekFrame?: Promise<number> };
      const s = h.__atlas.store;
      performance.clearMarks();
      // The end of the first frame that draws the week's rows: two animation frames after they reach the store.
      h.__weekFrame = new Promise<number>((resolve) => {
        const off = s.subscribe((st, prev) => {
          const ds = st.dataset as { published?: { mode: string } };
          if (st.dataset === prev.dataset || ds.published?.mode !== 'rows') return;
          off();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
        });
      });
      const at = performance.now();
      if (move) s.getState().camera.moveTo(view);
      s.setState({ window: { from, to } });
      return at;
    },
    { ...w, move },
  );
  await waitFor(page, (s) => s.state === 'ready' && s.mode === 'rows');
  const t2 = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))),
  );
  const loaded = Number((await statusOf(page)).loaded ?? 0);
  const steps = await page.evaluate(async (t1) => {
    const frame = await (window as unknown as { __weekFrame: Promise<number> }).__weekFrame;
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('atlas:published:'))
      .map((m) => {
        const d = (m as PerformanceMark).detail as Record<string, number> | null;
        const more = d
          ? ` (${Object.entries(d)
              .map(([k, v]) => `${k} ${typeof v === 'number' ? Math.round(v) : v}`)
              .join(' ')})`
          : '';
        return `${m.name.slice('atlas:published:'.length)} ${Math.round(m.startTime - t1)}${more}`;
      });
    return { frame: frame - t1, marks: marks.join(', ') };
  }, t1);
  return {
    bytes: data.bytes(),
    requests: data.log.length,
    ms: steps.frame,
    idleMs: t2 - t1,
    loaded,
    marks: `${steps.marks}, frame drawn ${steps.frame.toFixed(0)}`,
  };
}

/** Lines for the report, against the issue's targets. */
export function publishedReport(r: PublishedResult): string[] {
  const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const publishTarget = (120 * r.rows) / 10_000_000;
  return [
    `  ${r.rows.toLocaleString('en-GB')} rows, ${(r.datasetBytes / 1e6).toFixed(0)} MB published`,
    Number.isNaN(r.publishSeconds)
      ? '  publish: not timed (--published-reuse)'
      : `  publish ${r.publishSeconds.toFixed(1)} s (target ≤ 120 s at 10M${r.rows !== 10_000_000 ? `, ${publishTarget.toFixed(0)} s pro rata` : ''}): ${met(r.publishSeconds <= publishTarget)}`,
    `  open: ${(r.open.bytes / 1000).toFixed(0)} kB before the first full render (target ≤ 500 kB): ${met(r.open.bytes <= 500_000)}`,
    `  week at country zoom: ${(r.week.bytes / 1e6).toFixed(2)} MB (target ≤ 2 MB): ${met(r.week.bytes <= 2_000_000)}; drawn ${r.week.ms.toFixed(0)} ms after the window was set (target ≤ 500 ms): ${met(r.week.ms <= 500)}`,
    `  another week at the zoom shown: ${(r.weekInView.bytes / 1e6).toFixed(2)} MB (target ≤ 2 MB): ${met(r.weekInView.bytes <= 2_000_000)}; drawn ${r.weekInView.ms.toFixed(0)} ms after the window was set (target ≤ 500 ms): ${met(r.weekInView.ms <= 500)}`,
    `  play: longest frame gap ${r.play.maxGapMs.toFixed(0)} ms (target ≤ 100 ms): ${met(r.play.maxGapMs <= 100)}`,
    `  memory ${r.memoryMB.after.toFixed(1)} MB (target ≤ 150 MB): ${met(r.memoryMB.after <= 150)}`,
  ];
}
