// Dev aid: frame gaps after each step of STEPS (camera moves, windows, page JS) on a published dataset: which frame costs what.
// STEPS='[{"view":{"lat":48.6,"lon":32,"zoom":6},"wait":3000,"label":"zoom 6"}]' node scripts/run-ts.mjs bench/published-frames.ts [ROWS]   (DIST=folder reuses a build)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { CACHE_DIR, REPO, launch, serve, waitForPublishedReady } from './lib';
import { startRangeServer } from '../scripts/serve-range';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = join(CACHE_DIR, `published-${rows}`);
  const dist = process.env.DIST ?? mkdtempSync(join(tmpdir(), 'atlas-exp-'));
  if (!process.env.DIST)
    await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  console.log('dist', dist);
  const server = await serve(dist);
  const data = await startRangeServer({ root: dir });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    page.on('console', (m) => console.log('page:', m.text()));
    // Every WebGL program linked, with its shader's name, so a step shows which programs it links.
    await page.addInitScript(() => {
      const links: string[] = [];
      (window as unknown as { __links: string[] }).__links = links;
      const proto = WebGL2RenderingContext.prototype;
      const link = proto.linkProgram;
      proto.linkProgram = function (this: WebGL2RenderingContext, program: WebGLProgram) {
        const names = (this.getAttachedShaders(program) ?? []).map(
          (sh) => /#define SHADER_NAME (\S+)/.exec(this.getShaderSource(sh) ?? '')?.[1] ?? '?',
        );
        links.push(`${Math.round(performance.now())} ${names.join('+')}`);
        return link.call(this, program);
      };
    });
    await page.goto(`${server.url}index.html#data=${data.url}/dataset.json&t=2025-06-01..2025-06-30&view=48.5,33,4.6`);
    await waitForPublishedReady(page);
    await page.waitForTimeout(1500);
    const steps = JSON.parse(process.env.STEPS ?? '[]') as {
      view?: object;
      window?: [number, number];
      js?: string;
      wait: number;
      label: string;
    }[];
    // TRACE=categories: a Chrome trace of the steps; prints the GPU process's events by total time (e.g. gpu.angle: ANGLE's pipeline creations).
    const cdp = process.env.TRACE ? await browser.context.newCDPSession(page) : null;
    const trace: { name: string; ph: string; dur?: number; pid: number; tid: number; args?: { name?: string } }[] = [];
    if (cdp) {
      cdp.on('Tracing.dataCollected', (e) => trace.push(...(e.value as unknown as typeof trace)));
      await cdp.send('Tracing.start', { categories: process.env.TRACE, transferMode: 'ReportEvents' });
    }
    const out = await page.evaluate(async (steps) => {
      // biome-ignore lint/suspicious/noExplicitAny: a dev aid's loose handle on the page's store
      const s = (window as any).__atlas.store;
      const res: string[] = [];
      for (const st of steps) {
        const frames: number[] = [];
        let on = true;
        const tick = (t: number) => {
          frames.push(t);
          if (on) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        const linksBefore = (window as unknown as { __links: string[] }).__links.length;
        // A dev aid runs the page JS its caller gave (the page is our own build, on localhost).
        if (st.js) new Function(st.js)();
        if (st.view) s.getState().camera.moveTo(st.view);
        if (st.window) s.setState({ window: { from: st.window[0], to: st.window[1] } });
        await new Promise((r) => setTimeout(r, st.wait));
        on = false;
        const g = frames
          .slice(1)
          .map((t, i) => [Math.round(frames[i] - t0), Math.round(t - frames[i])])
          .filter(([, x]) => x > 40);
        const linked = (window as unknown as { __links: string[] }).__links.slice(linksBefore);
        const named = linked.map((l) => `${Math.round(Number(l.split(' ')[0]) - t0)} ms ${l.split(' ')[1]}`);
        res.push(
          `${st.label}: frames ${frames.length}, gaps>40 [at,ms]: ${JSON.stringify(g)}; programs linked: ${named.join(', ') || 'none'}; mode=${s.getState().dataset.published?.mode} n=${s.getState().dataset.columns?.n}`,
        );
      }
      return res;
    }, steps);
    console.log(out.join('\n'));
    if (cdp) {
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      const threads = new Map<string, string>();
      for (const e of trace) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
      const total = new Map<string, [number, number]>();
      for (const e of trace) {
        if (e.ph !== 'X' || !e.dur) continue;
        const key = `${threads.get(`${e.pid}:${e.tid}`) ?? '?'} ${e.name}`;
        const [ms, n] = total.get(key) ?? [0, 0];
        total.set(key, [ms + e.dur / 1000, n + 1]);
      }
      for (const [k, [ms, n]] of [...total].sort((a, b) => b[1][0] - a[1][0]).slice(0, 45))
        console.log(`${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(5)}x  ${k}`);
    }
    await page.screenshot({ path: '/tmp/published-exp/shot.png' });
  } finally {
    await browser.close();
    await server.server.close();
    await data.close();
  }
}
void main();
