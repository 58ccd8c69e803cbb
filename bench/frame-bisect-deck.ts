// Dev aid: a deck.gl alone (bench/deck-frame.html), the frame after each kind of update timed on the CPU and the GPU, per canvas set-up.
// CONFIGS='[{"width":684,"height":532,"antialias":true,"layers":2,"points":20000}]' SEQ=same,same,instances,data,ids node scripts/run-ts.mjs bench/frame-bisect-deck.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO, launch, serve } from './lib';
import type { DeckFrameSetup, Update } from './deck-frame-page';

interface Handle {
  __deckFrame: { init(s: DeckFrameSetup): Promise<void>; frame(u: Update): { cpu: number; gpu: number } };
}

async function main(): Promise<void> {
  const out = process.env.DIST ?? mkdtempSync(join(tmpdir(), 'atlas-deck-frame-'));
  if (!process.env.DIST)
    await build({
      configFile: false,
      root: REPO,
      base: './',
      logLevel: 'warn',
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        rollupOptions: { input: { deck: join(REPO, 'bench/deck-frame.html') } },
      },
    });
  const server = await serve(out);
  const browser = await launch();
  const configs = JSON.parse(
    process.env.CONFIGS ?? '[{"width":684,"height":532,"antialias":true,"layers":2,"points":20000}]',
  ) as DeckFrameSetup[];
  const seq = (
    process.env.SEQ ?? 'same,same,same,instances,instances,same,data,same,data,ids,same,ids,radius,same'
  ).split(',') as Update[];
  try {
    if (process.env.CLEAR) {
      // CLEAR='[{"canvases":2,"size":684,"antialias":true,"preserve":true,"ms":2000}]': the floor of a frame that changes canvases.
      const page = await browser.context.newPage();
      await page.goto(`${server.url}bench/deck-frame.html`);
      for (const r of JSON.parse(process.env.CLEAR) as object[]) {
        const res = await page.evaluate(
          (r) => (window as unknown as { __clearLoop(o: object): Promise<string> }).__clearLoop(r),
          r,
        );
        console.log(`clear ${JSON.stringify(r)}: ${res}`);
      }
      await page.close();
      return;
    }
    if (process.env.RAW) {
      // RAW='[{"n":40000,"px":3,"instanced":true,"frames":4,"size":684,"antialias":true}]': raw WebGL quads, no deck.gl.
      const page = await browser.context.newPage();
      await page.goto(`${server.url}bench/deck-frame.html`);
      for (const r of JSON.parse(process.env.RAW) as object[]) {
        const ms = await page.evaluate((r) => (window as unknown as { __raw(o: object): number[] }).__raw(r), r);
        console.log(`raw ${JSON.stringify(r)}: gpu ms ${ms.join(', ')}`);
      }
      await page.close();
      return;
    }
    for (const c of configs) {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}bench/deck-frame.html`);
      await page.evaluate((c) => (window as unknown as Handle).__deckFrame.init(c), c);
      await page.waitForTimeout(500);
      const res = await page.evaluate(async (seq) => {
        const h = (window as unknown as Handle).__deckFrame;
        const r: string[] = [];
        for (const u of seq) {
          const f = h.frame(u);
          r.push(`${u} ${f.cpu.toFixed(0)}+${f.gpu.toFixed(0)}`);
          await new Promise((res) => setTimeout(res, 100));
        }
        return r;
      }, seq);
      console.log(`${JSON.stringify(c)}: ${res.join(', ')} (cpu+gpu ms)`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.server.close();
  }
}
void main();
