// Dev aid: CPU profile of the page's main thread while a generated file is picked with "Add data" and then searched; prints the top self times.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, launch, serve } from './lib';
import { generatedFile } from './user-path';

interface Node {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}
const traceEvents: TraceEvent[] = [];

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const format = (process.argv[3] ?? 'acled-csv') as 'acled-csv' | 'geojson';
  const dist = mkdtempSync(join(tmpdir(), 'atlas-prof-'));
  await buildApp(dist);
  const file = generatedFile(n, format);
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}#t=2024-11-15..2024-11-30`);
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 120_000,
    });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    const searchOnly = process.argv[4] === 'search';
    if (!searchOnly) await cdp.send('Profiler.start');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add data' }).click();
    await (await chooser).setFiles(file);
    await page.waitForFunction(
      (k) =>
        (
          window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } } } } }
        ).__atlas.store.getState().dataset.columns.n >= k,
      n,
      { timeout: 600_000, polling: 200 },
    );
    await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    if (searchOnly) {
      // Profile only the typing: the import is done and idle by now.
      await cdp.send('Profiler.start');
      if (process.argv[5] === 'trace') {
        cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...(e.value as unknown as TraceEvent[])));
        await cdp.send('Tracing.start', {
          categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,gpu,cc',
          transferMode: 'ReportEvents',
        });
      }
      await page.locator('#filter-search').click();
      for (const ch of 'kharkiv') {
        await page.keyboard.type(ch);
        await page.waitForTimeout(400);
      }
      await page.waitForTimeout(1000);
      await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    }
    if (process.argv[5] === 'trace') {
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      // Main-thread (CrRendererMain) time by event name, self time approximated by top-level complete events.
      const threads = new Map<string, string>();
      for (const e of traceEvents) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
      const byName = new Map<string, number>();
      for (const e of traceEvents) {
        if (e.ph !== 'X' || !e.dur) continue;
        const th = threads.get(`${e.pid}:${e.tid}`) ?? '?';
        const key = `${th} ${e.name}`;
        byName.set(key, (byName.get(key) ?? 0) + e.dur / 1000);
      }
      const count = new Map<string, number>();
      for (const e of traceEvents)
        if (e.ph === 'X' && /ReadPixels|BeginMainFrame|FireAnimationFrame|TimerFire|EventDispatch/.test(e.name))
          count.set(e.name, (count.get(e.name) ?? 0) + 1);
      console.log('--- trace: counts ---', JSON.stringify([...count]));
      console.log('--- trace: total ms by thread and event ---');
      for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 45))
        console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
    };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
    profile.samples.forEach((id, i) => {
      const nd = byId.get(id);
      if (!nd) return;
      const f = nd.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
    // Inclusive (total) times: each sample counts for its node and every ancestor, once per function.
    const parent = new Map<number, number>();
    for (const nd of profile.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
    const total = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur)?.callFrame;
        if (!f) break;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      }
    });
    console.log('--- total (inclusive) ---');
    for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  } finally {
    await browser.close();
    await server.server.close();
  }
}
void main();
