// Browser tests of analysts' own data: a file dropped on the map, a #data= link, a broken file's report.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, eventually, getState, idle, pick, project, REPO_ROOT, screenshot, withApp } from './harness';

const fixture = (name: string): string => readFileSync(join(REPO_ROOT, 'tests/fixtures/import', name), 'utf8');

/** Drops files on the map the way a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    const map = document.getElementById('map') as HTMLElement;
    for (const type of ['dragenter', 'dragover', 'drop'])
      map.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

const listIds = (page: Page): Promise<string[]> =>
  page.$$eval('#event-list li[data-feature-id]', (lis) => lis.map((li) => li.getAttribute('data-feature-id') ?? ''));

browserSuite('importing data', () => {
  it('shows the features of a dropped ACLED file in the list, the legend and on the map', async () => {
    await withApp('#t=2024-11-25..2024-11-25&view=49.2,34.5,5.5', async ({ page }) => {
      await dropFiles(page, [{ name: 'acled-sample.csv', text: fixture('acled-sample.csv') }]);
      await eventually(() => page.locator('#imports .import-counts').first().textContent(), 20_000).toMatch(
        /ACLED CSV: 10 loaded, 0 rejected/,
      );
      // The bundled data is one click away: take it off to see the import alone (the list is
      // virtualised, so only rows in view are in the DOM).
      await page.locator('#show-bundled').uncheck();
      await idle(page);
      // UKR100001 is an air/drone strike in Kharkiv on 2024-11-25, with day precision.
      await eventually(() => listIds(page)).toContain('UKR100001');
      await expect(page.locator('#legend input[name=layer][value="f1-air-drone-strike"]')).toBeTruthy();
      expect(await page.locator('#legend input[name=layer][value^="f1-"]').count()).toBeGreaterThan(2);
      expect(await page.locator('#legend input[name=layer][value="strikes"]').count()).toBe(0);
      // Drawn: deck picking finds it at its projected point, once the map has settled (the new
      // dataset's layers come in over the frames after the list shows it: dataset-swap.test.ts).
      await idle(page);
      const [x, y] = await project(page, 36.2304, 49.9935);
      expect(await pick(page, x, y)).toBe('UKR100001');
      await page.locator('#event-list li[data-feature-id="UKR100001"] button').click();
      await eventually(() => page.locator('#details h2').textContent()).toMatch(/Air\/drone strike/);
      await screenshot(page, 'import-dropped-acled');
      await page.locator('#show-bundled').check();
      await eventually(() => page.locator('#legend input[name=layer][value="strikes"]').count()).toBe(1);
    });
  });

  it('reports every bad feature of a dropped file with where and why, and still loads the good ones', async () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [36.23, 49.99] },
          properties: { id: 'ok-1', name: 'Fine', date: '2024-11-25' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [49.99, 136.23] },
          properties: { id: 'bad-1', name: 'Swapped', date: '2024-11-25' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [30.7, 46.5] },
          properties: { id: 'bad-2', name: 'No date', date: 'yesterday' },
        },
      ],
    });
    await withApp('#t=2024-11-25..2024-11-25', async ({ page }) => {
      await dropFiles(page, [{ name: 'mixed.geojson', text }]);
      await eventually(() => page.locator('#imports .import-counts').first().textContent(), 20_000).toMatch(
        /1 loaded, 2 rejected/,
      );
      await page.locator('#imports .import-report summary').click();
      const report = (await page.locator('#imports .import-issues').textContent()) ?? '';
      expect(report).toMatch(/feature 1 \(bad-1\)/);
      expect(report).toMatch(/feature 2 \(bad-2\)/);
      await page.locator('#show-bundled').uncheck();
      await eventually(() => listIds(page)).toEqual(['ok-1']);
      await screenshot(page, 'import-report');
    });
  });

  it('shows an undated file at every time, and lists a feature with no geometry without drawing it', async () => {
    await withApp('#t=2024-03-01..2024-03-03&view=48.5,33.5,5', async ({ page }) => {
      await dropFiles(page, [
        { name: 'undated-sites.geojson', text: fixture('accept/undated-sites.geojson') },
        { name: 'null-geometry.geojson', text: fixture('accept/null-geometry.geojson') },
      ]);
      await eventually(() => page.locator('#imports .import-counts').allTextContents(), 20_000).toEqual([
        expect.stringMatching(/2 loaded, 1 rejected/),
        expect.stringMatching(/3 loaded, 0 rejected/),
      ]);
      await page.locator('#show-bundled').uncheck();
      await idle(page);
      await eventually(() => listIds(page)).toEqual(
        expect.arrayContaining(['depot-1', 'depot-2', 'placed', 'unplaced', 'no-member']),
      );
      expect(await page.locator('#legend').textContent()).toMatch(/depot \(undated\)/);
      // Drawn where it is, at any time: its mark is picked in this window and in one two years earlier.
      const [x, y] = await project(page, 36.23, 49.99);
      expect(await pick(page, x, y)).toBe('depot-1');
      await page.locator('#event-list li[data-feature-id="unplaced"] button').click();
      await eventually(() => page.locator('#details h2').textContent()).toMatch(/Strike somewhere in the south/);
      await screenshot(page, 'import-undated-unplaced');
      // With the bundled data back the span reaches 2022 (the imports alone span 1–3 March 2024).
      await page.locator('#show-bundled').check();
      // The bundled rows are back once the worker has rebuilt the dataset (the cyberattacks' range covers
      // this window); a window in 2022 set before that is fitted into the imports' span alone.
      await eventually(async () => (await listIds(page)).some((id) => id.startsWith('strike-'))).toBe(true);
      await idle(page);
      await page.evaluate(() => (location.hash = '#t=2022-03-01..2022-03-02&view=48.5,33.5,5'));
      // The list before the new window already holds the undated depots: wait for the window's list.
      await eventually(async () => (await listIds(page)).includes('unplaced')).toBe(false);
      expect(await listIds(page)).toEqual(expect.arrayContaining(['depot-1', 'depot-2']));
      await idle(page);
      expect(await pick(page, x, y)).toBe('depot-1');
    });
  });

  it('gives one clear message for a file that is not data at all', async () => {
    await withApp('', async ({ page }) => {
      await dropFiles(page, [{ name: 'page.geojson', text: '<!doctype html><html><body>Not found</body></html>' }]);
      await eventually(() => page.locator('#imports .import-failed').first().textContent(), 20_000).toMatch(
        /page\.geojson: .*HTML/i,
      );
    });
  });

  it('imports a dataset named in the link (#data=) and restores a selection inside it', async () => {
    // `sel` names a feature of the file: the store keeps it as the link's intent until the file has arrived.
    await withApp('#data=samples/ucdp-ged-sample.csv&sel=488002', async ({ page }) => {
      await eventually(() => page.locator('#imports .import-counts').first().textContent(), 20_000).toMatch(
        /UCDP GED CSV: 8 loaded/,
      );
      // The counts come first; the merged data reaches the store once its map data is prepared.
      const ids = () =>
        page.evaluate(() => {
          type Ds = { columns: { n: number }; itemAt(r: number): { id: string; layer: string } };
          const ds = (
            window as unknown as { __atlas: { store: { getState(): { dataset: Ds } } } }
          ).__atlas.store.getState().dataset;
          return Array.from({ length: ds.columns.n }, (_, r) => ds.itemAt(r))
            .filter((it) => /^f\d+-/.test(it.layer))
            .map((it) => it.id);
        });
      await eventually(async () => (await ids()).length, 20_000).toBe(8);
      await eventually(async () => (await getState(page)).selected, 10_000).toBe('488002');
      expect(await page.locator('#details').isVisible(), 'its details are open').toBe(true);
      const hash = await page.evaluate(() => location.hash);
      expect(hash).toContain('data=samples%2Fucdp-ged-sample.csv');
      expect(hash).toContain('sel=488002');
    });
  });

  it("answers a link's q= and a changed q= from the worker that holds the import's search text", async () => {
    // The page keeps no copy of the imported rows' search text (the data worker does): a query set
    // at once, not typed, is asked of the worker, first when the data arrive under it, then on a new hash.
    await withApp('#data=samples/ucdp-ged-sample.csv&t=2023-03-01..2023-03-31&q=kherson', async ({ page }) => {
      await eventually(() => page.locator('#imports .import-counts').first().textContent(), 20_000).toMatch(
        /UCDP GED CSV: 8 loaded/,
      );
      const textOnPage = () =>
        page.evaluate(() => {
          type Ds = {
            columns: { n: number; search: { text: string; starts: Uint32Array } };
            layers: { key: string }[];
          };
          const ds = (
            window as unknown as { __atlas: { store: { getState(): { dataset: Ds } } } }
          ).__atlas.store.getState().dataset;
          return {
            imported: ds.layers.some((l) => /^f\d+-/.test(l.key)),
            n: ds.columns.n,
            text: ds.columns.search.text.length,
            starts: ds.columns.search.starts.length,
          };
        });
      // The merged dataset (the bundled one before it keeps its text: no worker holds it).
      await eventually(async () => (await textOnPage()).imported, 20_000).toBe(true);
      const held = await textOnPage();
      expect(held.text, 'no copy of the search text on the page').toBe(0);
      expect(held.starts).toBe(held.n + 1);
      await eventually(() => listIds(page), 20_000).toContain('488002');
      expect(await listIds(page)).not.toContain('488001');
      await page.evaluate(() => {
        location.hash = location.hash.replace('q=kherson', 'q=lviv');
      });
      await eventually(() => listIds(page), 20_000).toContain('488001');
      expect(await listIds(page)).not.toContain('488002');
      await eventually(() => page.locator('#filter-search').inputValue()).toBe('lviv');
    });
  });
});
