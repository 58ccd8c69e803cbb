// Dev aid: a CPU profile of the page while the whole span of a generated file picked with "Add data" is exported as CSV through the dialog; prints each's top self times.
// node scripts/run-ts.mjs bench/profile-export.ts [N=300000] [csv|geojson]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launch, REPO, serve } from './lib';
import { generatedFile } from './user-path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface W {
  __atlas: {
    store: {
      getState(): {
        dataset: { columns: { n: number }; span: { start: number; end: number } };
        setWindow(a: number, b: number): void;
      };
    };
    idle(): Promise<void>;
  };
}

/** The functions with the most samples in `p`, by their own time. */
function topSelf(p: Profile, k = 25): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = `${f?.functionName || '(anon)'} ${f?.url.split('/').pop()}:${f?.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 300_000);
  const format = process.argv[3] === 'geojson' ? 'geojson' : 'csv';
  const dist = mkdtempSync(join(tmpdir(), 'atlas-export-'));
  await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  const file = generatedFile(n, 'acled-csv');
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
      timeout: 120_000,
    });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add data' }).click();
    await (await chooser).setFiles(file);
    await page.waitForFunction((k) => (window as unknown as W).__atlas.store.getState().dataset.columns.n >= k, n, {
      timeout: 600_000,
      polling: 200,
    });
    await page.evaluate(async () => {
      const a = (window as unknown as W).__atlas;
      const s = a.store.getState();
      s.setWindow(s.dataset.span.start, s.dataset.span.end);
      await a.idle();
    });
    await page.waitForTimeout(4000); // the search index's background pass
    await page.locator('#export-button').click();
    await page.locator('#export-dialog[open]').waitFor();
    await page.locator(`#export-format-${format}`).check();
    await page.waitForFunction(() => /\d/.test(document.getElementById('export-data-count')?.textContent ?? ''));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const t = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.locator('#export-go').click(),
    ]);
    const ms = Date.now() - t;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    console.log(
      `export of ${n} rows as ${format}: the download came ${ms} ms after the click (${download.suggestedFilename()})`,
    );
    writeFileSync(join(tmpdir(), `atlas-export-${n}.cpuprofile`), JSON.stringify(profile));
    console.log('--- page, self');
    for (const l of topSelf(profile)) console.log(l);
  } finally {
    await browser.close();
    await server.server.close();
  }
}
void main();
