// Dev aid: CPU profile of the page's main thread while a generated file is picked with "Add data" and then searched; prints the top self times.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, launch, serve } from './lib';
import { generatedFile } from './user-path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

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
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, { timeout: 120_000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add data' }).click();
    await (await chooser).setFiles(file);
    await page.waitForFunction((k) => (window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } } } } }).__atlas.store.getState().dataset.columns.n >= k, n, { timeout: 600_000, polling: 200 });
    await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    if (process.argv[4] === 'search') {
      await page.locator('#filter-search').click();
      await page.keyboard.type('kh');
      await page.waitForTimeout(3000);
      await page.evaluate(async () => (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas.idle());
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
    profile.samples.forEach((id, i) => {
      const nd = byId.get(id);
      if (!nd) return;
      const f = nd.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  } finally {
    await browser.close();
    await server.server.close();
  }
}
void main();
