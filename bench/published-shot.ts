// Dev aid: screenshots of the bench's published week at country zoom (or any #data= link) from dist/, to look at what the map draws.
// node scripts/run-ts.mjs bench/published-shot.ts DIR|FILE OUT.png [HASH-EXTRA]   (DIR: a published folder; FILE: a file the app imports)
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, launch, serve } from './lib';
import { startRangeServer } from '../scripts/serve-range';

async function main(): Promise<void> {
  const [input, out, extra = ''] = process.argv.slice(2);
  if (!input || !out) throw new Error('usage: published-shot.ts DIR|FILE OUT.png [HASH-EXTRA]');
  const published = statSync(input).isDirectory();
  const server = await serve(join(REPO, 'dist'), published ? [] : [input]);
  const data = published ? await startRangeServer({ root: input }) : null;
  const browser = await launch();
  // (CLIP pictures are taken at the page's own scale: open the file view zoomed.)
  try {
    const page = await browser.context.newPage();
    const src = data ? `${data.url}/dataset.json` : `${server.url}gen/${input.split('/').pop()}`;
    await page.goto(`${server.url}index.html#data=${src}&t=2025-06-09..2025-06-15&view=48.6,32,6${extra}`);
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 300_000,
    });
    if (published)
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-testid=published-status]')?.dataset.state === 'ready',
        undefined,
        { timeout: 120_000 },
      );
    // An imported file: once its import has begun, until it has ended.
    if (!published) {
      await page.waitForFunction(() => document.body.textContent?.includes('Importing '), undefined, {
        timeout: 60_000,
      });
      await page.waitForFunction(
        () => !/Importing |Preparing the map/.test(document.body.textContent ?? ''),
        undefined,
        {
          timeout: 300_000,
        },
      );
    }
    await page.evaluate(() => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    await page.waitForTimeout(1500);
    await page.screenshot({ path: out });
    // CLIP=x,y,w,h: a second picture of that part (OUT-clip.png), to look at closely.
    const clip = process.env.CLIP?.split(',').map(Number);
    if (clip?.length === 4) {
      const [x, y, width, height] = clip;
      await page.screenshot({ path: out.replace(/\.png$/, '-clip.png'), clip: { x, y, width, height } });
    }
    console.log('drawn', await page.evaluate(() => document.querySelector('.density-legend')?.textContent ?? ''));
  } finally {
    await browser.close();
    await server.server.close();
    await data?.close();
  }
}
await main();
