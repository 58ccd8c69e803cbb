// Dev aid: CPU profile of the page's main thread while a published dataset's week is set and played; prints the top self and total times.
// node scripts/run-ts.mjs bench/published-profile.ts [ROWS=1000000] [week|play]   (a folder published by the bench part is reused)
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { CACHE_DIR, REPO, launch, serve, waitForPublishedReady } from './lib';
import { startRangeServer } from '../scripts/serve-range';
import { WEEK } from './published';

interface Node {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Handle {
  __atlas: {
    store: { getState(): { setPlaying(p: boolean): void; setSpeed(i: number): void }; setState(p: object): void };
    idle(): Promise<void>;
  };
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const what = process.argv[3] ?? 'play';
  const dir = join(CACHE_DIR, `published-${rows}`);
  if (!existsSync(join(dir, 'dataset.json')))
    throw new Error(`${dir} has no dataset.json: run npm run bench -- --only published --published ${rows} first`);
  const dist = mkdtempSync(join(tmpdir(), 'atlas-prof-'));
  // Not minified, so the profile names our functions.
  await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  const server = await serve(dist);
  const data = await startRangeServer({ root: dir });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(
      `${server.url}index.html#data=${data.url}/dataset.json&t=2025-06-01..2025-06-30&view=48.5,33,4.6${process.argv[4] ?? ''}`,
    );
    await waitForPublishedReady(page);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    interface TraceEvent {
      name: string;
      ph: string;
      dur?: number;
      ts: number;
      pid: number;
      tid: number;
      args?: { name?: string };
    }
    const trace: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => trace.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', {
      categories:
        'blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,gpu,cc,disabled-by-default-gpu.service,disabled-by-default-gpu.decoder,gpu.decoder',
      transferMode: 'ReportEvents',
    });
    const gaps = await page.evaluate(
      async ({ mode, week }) => {
        const s = (window as unknown as Handle).__atlas.store;
        // The page's clock in the trace's: this mark is in both.
        const origin = performance.mark('atlas:profile:origin').startTime;
        const frames: number[] = [];
        const kinds: string[] = [];
        let on = true;
        let lastDs: unknown = null;
        let lastWin = '';
        const tick = (t: number): void => {
          frames.push(t);
          const st = s.getState() as unknown as { dataset: unknown; window: unknown };
          const win = JSON.stringify(st.window);
          kinds.push(st.dataset !== lastDs ? 'dataset' : win !== lastWin ? 'window' : '-');
          lastDs = st.dataset;
          lastWin = win;
          if (on) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        (s.getState() as unknown as { camera: { moveTo(v: object): void } }).camera.moveTo(week.view);
        s.setState({ window: { from: week.from, to: week.to } });
        await new Promise((r) => setTimeout(r, 4000));
        if (mode === 'play') {
          s.getState().setSpeed(1);
          s.getState().setPlaying(true);
          await new Promise((r) => setTimeout(r, 6000));
          s.getState().setPlaying(false);
        }
        on = false;
        const g = frames.slice(1).map((t, i) => t - frames[i]);
        const long = g.map((x, i) => [Math.round(x), kinds[i + 1]] as const).filter(([x]) => x > 100);
        const byKind: Record<string, number[]> = {};
        g.forEach((x, i) => {
          byKind[kinds[i + 1]] ??= [];
          byKind[kinds[i + 1]].push(Math.round(x));
        });
        const med = Object.fromEntries(
          Object.entries(byKind).map(([k, xs]) => [k, [xs.length, xs.sort((a, b) => a - b)[xs.length >> 1]]]),
        );
        const longSpans = g.flatMap((x, i) => (x > 100 ? [[frames[i], frames[i + 1], kinds[i + 1]] as const] : []));
        return {
          origin,
          longSpans,
          frames: frames.length,
          max: Math.max(...g),
          over100: g.filter((x) => x > 100).length,
          long: JSON.stringify(long),
          median: JSON.stringify(med),
        };
      },
      { mode: what, week: WEEK },
    );
    const { origin, longSpans, ...frameStats } = gaps;
    console.log('frames', JSON.stringify(frameStats));
    await page.screenshot({ path: join(tmpdir(), 'published-profile.png') });
    console.log('drawn', await page.evaluate(() => document.querySelector('.density-legend')?.textContent ?? ''));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    const threads = new Map<string, string>();
    for (const e of trace) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    const byName = new Map<string, number>();
    for (const e of trace) {
      if (e.ph !== 'X' || !e.dur) continue;
      const key = `${threads.get(`${e.pid}:${e.tid}`) ?? '?'} ${e.name}`;
      byName.set(key, (byName.get(key) ?? 0) + e.dur / 1000);
    }
    console.log('--- trace: total ms by thread and event ---');
    for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
    console.log('--- trace: the GPU thread ---');
    for (const [k, ms] of [...byName]
      .filter(([k]) => k.startsWith('CrGpuMain'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
    };
    const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
    const keyOf = (f: Node['callFrame']): string =>
      `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    // The page's marks on the way from the window set to its rows drawn (source.ts), in the trace's clock
    // (the CPU profile's too): what the main thread did between each and the next.
    const marks = trace
      .filter((e) => e.name.startsWith('atlas:published:') && e.ph !== 'e')
      .map((e) => ({ name: e.name.slice('atlas:published:'.length), ts: e.ts }))
      .filter((m, i, all) => all.findIndex((x) => x.ts === m.ts) === i)
      .sort((a, b) => a.ts - b.ts);
    const mainThread = [...threads].find(([, n]) => n === 'CrRendererMain')?.[0];
    if (marks.length) {
      const t0 = marks[0].ts;
      console.log(
        `--- marks (ms after the first): ${marks.map((m) => `${m.name} ${((m.ts - t0) / 1000).toFixed(0)}`).join(', ')}`,
      );
      const edges = [...marks.map((m) => m.ts), marks[marks.length - 1].ts + 600_000];
      for (let i = 0; i + 1 < edges.length; i++) {
        const [a, b] = [edges[i], edges[i + 1]];
        const label = i + 1 < marks.length ? `${marks[i].name} → ${marks[i + 1].name}` : `${marks[i].name} → +600 ms`;
        summarise(a, b, label, 14, 10);
      }
    }
    // Every frame gap over 100 ms: what the main thread did in it, and the marks that fell in it.
    const originTs = trace.find((e) => e.name === 'atlas:profile:origin')?.ts;
    if (originTs !== undefined)
      for (const [from, to, kind] of longSpans) {
        const [a, b] = [originTs + (from - origin) * 1000, originTs + (to - origin) * 1000];
        const inside = marks.filter((m) => m.ts >= a && m.ts < b).map((m) => m.name);
        summarise(
          a,
          b,
          `frame gap at ${((a - originTs) / 1000).toFixed(0)} ms (${kind}; marks in it: ${inside.join(', ') || 'none'})`,
          8,
          6,
        );
      }
    function summarise(a: number, b: number, label: string, js: number, events: number): void {
      {
        const selfIn = new Map<string, number>();
        let t = profile.startTime;
        profile.samples.forEach((id, k) => {
          t += profile.timeDeltas[k] ?? 0;
          if (t < a || t >= b) return;
          const nd = byId.get(id);
          if (nd)
            selfIn.set(
              keyOf(nd.callFrame),
              (selfIn.get(keyOf(nd.callFrame)) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000,
            );
        });
        const evIn = new Map<string, number>();
        for (const e of trace)
          if (e.ph === 'X' && e.dur && e.ts >= a && e.ts < b && `${e.pid}:${e.tid}` === mainThread)
            evIn.set(e.name, (evIn.get(e.name) ?? 0) + e.dur / 1000);
        console.log(`--- ${label} (${((b - a) / 1000).toFixed(0)} ms): main-thread JS self, then trace events`);
        for (const [k, ms] of [...selfIn].sort((x, y) => y[1] - x[1]).slice(0, js))
          console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
        for (const [k, ms] of [...evIn].sort((x, y) => y[1] - x[1]).slice(0, events))
          console.log(`${ms.toFixed(0).padStart(7)} ms  [${k}]`);
      }
    }
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const nd = byId.get(id);
      if (nd) self.set(keyOf(nd.callFrame), (self.get(keyOf(nd.callFrame)) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log('--- self ---');
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
    const parent = new Map<number, number>();
    for (const nd of profile.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
    const total = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur)?.callFrame;
        if (!f) break;
        const key = keyOf(f);
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      }
    });
    console.log('--- total (inclusive) ---');
    for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 50))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  } finally {
    await browser.close();
    await server.server.close();
    await data.close();
  }
}
void main();
