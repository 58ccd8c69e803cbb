// Browser test: a generated 100,000-row ACLED CSV picked in the real "Add data" file chooser streams in without freezing the page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGenerated } from '../../scripts/gen-write';
import { parseCsv } from '../../src/ui/export/csv';
import { browserSuite, eventually, idle, screenshot, withApp } from './harness';

const N = 100_000;

/** In the page: the longest gap between animation frames while running. */
const FRAMES = `(() => {
  const m = { running: false, last: 0, maxGap: 0, frames: 0 };
  const tick = (t) => { if (!m.running) return; if (m.last) m.maxGap = Math.max(m.maxGap, t - m.last); m.last = t; m.frames++; requestAnimationFrame(tick); };
  window.__ds = () => window.__atlas.store.getState().dataset;
  window.__gaps = { start() { Object.assign(m, { running: true, last: 0, maxGap: 0, frames: 0 }); requestAnimationFrame(tick); }, stop() { m.running = false; return { maxGap: m.maxGap, frames: m.frames }; } };
})();`;

type Gaps = { __gaps: { start(): void; stop(): { maxGap: number; frames: number } } };
type Ds = { columns: { n: number }; layers: { key: string }[] };
/** In the page (the init script defines it): the store's dataset. */
declare const __ds: () => Ds;

browserSuite('a 100,000-row file through the file chooser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-scale-import-'));
  const file = join(dir, 'acled-100k.csv');
  beforeAll(async () => {
    writeGenerated({ n: N, seed: 7, out: file, format: 'acled' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('cancels, then loads every row, keeps drawing frames, and searches the rows', async () => {
    await withApp(
      '#t=2024-11-20..2024-11-26',
      async ({ page }) => {
        const bundledRows = await page.evaluate(() => __ds().columns.n);
        // Cancelling stops the worker's read at the next chunk, and says so.
        const first = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Add data' }).click();
        await (await first).setFiles(file);
        await page.locator('#imports .import-pending button[data-action=cancel]').click();
        await eventually(() => page.locator('#imports .import-failed').first().textContent(), 60_000).toMatch(
          /acled-100k\.csv: import cancelled/,
        );
        expect(await page.evaluate(() => __ds().columns.n)).toBe(bundledRows);
        await page.evaluate(() => (window as unknown as Gaps).__gaps.start());
        const picked = Date.now();
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Add data' }).click();
        await (await chooser).setFiles(file);
        await eventually(() => page.locator('#imports .import-counts').first().textContent(), 120_000).toMatch(
          /ACLED CSV: 100000 loaded, 0 rejected/,
        );
        await eventually(() => page.evaluate(() => __ds().columns.n), 120_000).toBe(bundledRows + N);
        await idle(page);
        const gaps = await page.evaluate(() => (window as unknown as Gaps).__gaps.stop());
        const took = Date.now() - picked;
        console.info(
          `100k import through the file chooser: ${took} ms, ${gaps.frames} frames, longest gap ${Math.round(gaps.maxGap)} ms`,
        );
        // Frames kept coming while the worker read the file: no single stall takes half of the
        // import (a ratio, not milliseconds, so that a loaded 2-core machine does not decide it; 0.7–2 s
        // gaps were seen here under load, and the 100 ms target is measured by `npm run bench`). Before
        // streaming, the page froze in one piece for over half of the import (15–22 s of 27–41 s at 300k).
        // Since the page-side work (map data prepared a layer per task, one outline per unit), the
        // longest gap is ~0.1-0.2 of the import (0.4-0.9 s of 4.5-6 s here); before it, the first
        // frames with the data took ~0.37 of it on a quiet machine (2.6 s of 7 s).
        expect(gaps.frames).toBeGreaterThan(10);
        expect(gaps.maxGap).toBeLessThan(took / 3);
        expect(
          await page.evaluate(() => __ds().layers.filter((l) => /^f\d+-/.test(l.key)).length),
        ).toBeGreaterThanOrEqual(5);

        // Search the million-row path's index: the count shown is the rows of the window that match.
        await page.evaluate(() => (window as unknown as Gaps).__gaps.start());
        await page.locator('#filter-search').fill('kharkiv');
        await eventually(() => page.locator('#filter-search-count').textContent(), 60_000).toMatch(/^\d+ match/);
        const shown = Number(/^(\d+)/.exec((await page.locator('#filter-search-count').textContent()) ?? '')?.[1]);
        // Checked by brute force over every row (Items made here, in the test, not by the app): at
        // least the rows that lie inside the window and mention it, at most those within a week of it.
        const brute = await page.evaluate(async () => {
          type Full = Ds & {
            columns: { start: Int32Array; end: Int32Array };
            itemAt(r: number): {
              feature: { properties: { title: string; place: string; summary: string; sources: { quote?: string }[] } };
            };
            ensureText?(rows: number[]): Promise<void>;
          };
          const ds = __ds() as Full;
          const from = Date.UTC(2024, 10, 20) / 864e5;
          const to = Date.UTC(2024, 10, 26) / 864e5;
          // The rows' notes and quotes are the data worker's (held-text.ts): their Items made, then filled in.
          const near: number[] = [];
          for (let r = 0; r < ds.columns.n; r++)
            if (ds.columns.start[r] <= to + 7 && ds.columns.end[r] >= from - 7) {
              ds.itemAt(r);
              near.push(r);
            }
          await ds.ensureText?.(near);
          const count = (slack: number): number => {
            let k = 0;
            for (const r of near) {
              if (ds.columns.start[r] > to + slack || ds.columns.end[r] < from - slack) continue;
              const p = ds.itemAt(r).feature.properties;
              if (
                [p.title, p.place, p.summary, ...p.sources.map((s) => s.quote ?? '')].some((t) =>
                  t.toLowerCase().includes('kharkiv'),
                )
              )
                k++;
            }
            return k;
          };
          return { inside: count(0), near: count(7) };
        });
        expect(shown).toBeGreaterThan(0);
        expect(shown).toBeGreaterThanOrEqual(brute.inside);
        expect(shown).toBeLessThanOrEqual(brute.near);
        const typing = await page.evaluate(() => (window as unknown as Gaps).__gaps.stop());
        expect(typing.maxGap).toBeLessThan(3000);
        await idle(page);
        await screenshot(page, 'import-100k-acled');

        // Export a quarter's window of the 100k rows as CSV through the dialog: streamed from the
        // columns in chunks (several Blob parts at this size), the count shown and downloaded equal
        // to the rows of the window counted by brute force over the columns.
        await page.locator('#filter-search').fill('');
        await eventually(
          () =>
            page.evaluate(
              () =>
                (
                  window as unknown as { __atlas: { store: { getState(): { filters: { q: string } } } } }
                ).__atlas.store.getState().filters.q,
            ),
          30_000,
        ).toBe('');
        const want = await page.evaluate(() => {
          (
            window as unknown as { __atlas: { store: { getState(): { setWindow(a: number, b: number): void } } } }
          ).__atlas.store
            .getState()
            .setWindow(Date.UTC(2024, 8, 1) / 864e5, Date.UTC(2024, 10, 30) / 864e5);
          const c = (__ds() as Ds & { columns: { start: Int32Array; end: Int32Array } }).columns;
          const [from, to] = [Date.UTC(2024, 8, 1) / 864e5, Date.UTC(2024, 10, 30) / 864e5];
          let k = 0;
          for (let r = 0; r < c.n; r++) if (c.start[r] <= to && c.end[r] >= from) k++;
          return k;
        });
        expect(want).toBeGreaterThan(5000);
        await page.locator('#export-button').click();
        await page.locator('#export-dialog[open]').waitFor();
        await page.locator('#export-format-csv').check();
        await eventually(() => page.locator('#export-data-count').textContent(), 30_000).toContain(
          `${want} features in the time window`,
        );
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 120_000 }),
          page.locator('#export-go').click(),
        ]);
        const csvFile = join(dir, 'export.csv');
        await download.saveAs(csvFile);
        const [header, ...rows] = parseCsv(readFileSync(csvFile, 'utf8'));
        expect(header.slice(0, 3)).toEqual(['id', 'layer', 'title']);
        expect(rows).toHaveLength(want);
        expect(new Set(rows.map((r) => r[0])).size).toBe(want);
        await page.keyboard.press('Escape');
      },
      { initScript: FRAMES },
    );
  });
});
