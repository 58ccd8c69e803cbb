// Browser test of density at volume: 20k ACLED-shaped events over the whole span as dots, hexagons and heatmap; a hexagon narrows the list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  type AppPage,
  browserSuite,
  eventually,
  expectCleanPage,
  idle,
  openApp,
  project,
  screenshot,
  waitForRows,
} from './harness';
import { generateAcledLines } from '../../src/core/synth/acled-csv';
import { exportPngIn } from './export-helpers';

const N = 20_000;

/** Share of the map's pixels that are near-black (every channel < 60): the "dark mass" of issue 12 was ~12%. */
async function darkShare(page: Page): Promise<number> {
  const box = await page.locator('#map').boundingBox();
  if (!box) throw new Error('no #map');
  const png = PNG.sync.read(await page.screenshot({ clip: box }));
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] < 60 && png.data[i + 1] < 60 && png.data[i + 2] < 60) dark++;
  return dark / (png.width * png.height);
}

const setAgg = async (page: Page, agg: string): Promise<void> => {
  await page.locator('#agg-select').selectOption(agg);
  await idle(page);
};
const countText = (page: Page): Promise<string> => page.locator('#event-count').innerText();

browserSuite('density at volume', () => {
  let app: AppPage;
  beforeAll(async () => {
    app = await openApp('#view=48.6,33.5,5.2', { viewport: { width: 1280, height: 800 } });
    const page = app.page;
    // A person's path: Add data, pick the file in the file chooser.
    const csv = [...generateAcledLines({ n: N, seed: 1 })].join('\n');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-button').click();
    await (await chooser).setFiles({ name: 'acled-20k.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page
      .locator('#imports .import-counts', { hasText: /loaded/ })
      .first()
      .waitFor({ timeout: 90_000 });
    const counts = await page.locator('#imports .import-counts').first().textContent();
    if (!/ACLED CSV: 20,?000 loaded, 0 rejected/.test(counts ?? '')) throw new Error(`import: ${counts}`);
    // The import's counts may show before the merged dataset is in the store: wait for its rows.
    await waitForRows(page, N);
    await page.locator('#show-bundled').uncheck();
    await idle(page);
    // The whole span.
    await page.evaluate(() => {
      const a = (
        window as unknown as {
          __atlas: {
            store: {
              getState(): { dataset: { span: { start: number; end: number } }; setWindow(a: number, b: number): void };
            };
          };
        }
      ).__atlas;
      const { span } = a.store.getState().dataset;
      a.store.getState().setWindow(span.start, span.end);
    });
    await idle(page);
  }, 180_000);
  afterAll(async () => {
    if (app) {
      expectCleanPage(app);
      await app.close();
    }
  });

  it('shows hexagons by default at this volume, with the scale explained, and dots, hexagons and heatmap that are never a dark mass', async () => {
    const page = app.page;
    await eventually(() => page.locator('#legend .density-caption').innerText()).toMatch(
      /Events per hexagon of \d+ km/,
    );
    expect(await page.locator('#legend .density-legend').getAttribute('data-drawn')).toBe('hexagons');
    expect(await page.locator('#legend .density-note').innerText()).toMatch(/busiest hexagon: [\d,]+ events/);
    expect(await page.locator('#agg-select').inputValue()).toBe('auto');
    await screenshot(page, 'density-20k-hexagons');
    const hexDark = await darkShare(page);

    await setAgg(page, 'dots');
    expect(await page.locator('#legend .density-legend').getAttribute('data-drawn')).toBe('dots');
    expect(await page.evaluate(() => location.hash)).toContain('agg=dots');
    await screenshot(page, 'density-20k-dots');
    const dotsDark = await darkShare(page);

    await setAgg(page, 'heatmap');
    await eventually(() => page.locator('#legend .density-caption').innerText()).toMatch(/Density of events/);
    await screenshot(page, 'density-20k-heatmap');
    const heatDark = await darkShare(page);
    expect({ hexDark, dotsDark, heatDark }).toEqual({
      hexDark: expect.any(Number),
      dotsDark: expect.any(Number),
      heatDark: expect.any(Number),
    });
    for (const share of [hexDark, dotsDark, heatDark]) expect(share).toBeLessThan(0.01);
    // The categories have their own colours in the legend (the five main ACLED ones at least).
    const swatches = await page.$$eval('#legend .legend-layer .legend-symbol-strike', (els) =>
      els.map((e) => (e as HTMLElement).style.backgroundColor),
    );
    expect(new Set(swatches).size).toBeGreaterThanOrEqual(6);
    // Eight categories, six colours: the two smallest share grey, and the legend says which.
    expect(await page.textContent('#legend .legend-other')).toMatch(/^Grey: (Riots, Protests|Protests, Riots)\./);
    await setAgg(page, 'hexagons');
    // The PNG export draws the same layer: hexagons, with the scale and the category colours in its legend.
    const { png } = await exportPngIn(page, 'density-20k-hexagons-export.png', { width: 800, height: 500, scale: 1 });
    expect(png.width).toBe(800);
  });

  it('narrows the event list to a hexagon clicked on the map, and back with the chip; the same from the keyboard', async () => {
    const page = app.page;
    const whole = await countText(page);
    expect(whole).toMatch(/20,000 events in window/);
    // Pokrovsk, the generator's busiest front-line cluster.
    const [x, y] = await project(page, 37.18, 48.28);
    await page.mouse.move(x, y);
    const tip = await eventually(() => page.locator('.deck-tooltip').innerText()).toMatch(
      /([\d,]+) events? in this hexagon \(\d+ km across\)/,
    );
    void tip;
    const tooltip = await page.locator('.deck-tooltip').innerText();
    const n = (tooltip.match(/([\d,]+) events? in this hexagon/) as RegExpMatchArray)[1];
    expect(tooltip).toMatch(/Shelling\/artillery\/missile attack: [\d,]+ \(\d+%\)/);
    await page.mouse.click(x, y);
    await eventually(() => countText(page)).toBe(`${n} events in this hexagon, of 20,000 in the window`);
    await expect(page.locator('#area-chip')).toBeTruthy();
    expect(await page.locator('#area-chip').isVisible()).toBe(true);
    expect(await page.locator('#area-chip').innerText()).toMatch(/Only: Hexagon near .+ \(\d+ km\)/);
    await screenshot(page, 'density-20k-narrowed');
    // The chip undoes it.
    await page.locator('#area-chip button').click();
    await eventually(() => countText(page)).toBe(whole);
    expect(await page.locator('#area-chip').isVisible()).toBe(false);

    // Keyboard: the busiest hexagons are buttons in the legend; Enter on one narrows the list the same way.
    await page.locator('#legend .density-busiest-heading').click();
    const first = page.locator('#legend .density-cell').first();
    await eventually(() => first.count()).toBe(1);
    const label = await first.locator('.density-cell-count').innerText();
    const count = (label.match(/^([\d,]+)/) as RegExpMatchArray)[1];
    await first.focus();
    await page.keyboard.press('Enter');
    await eventually(() => countText(page)).toBe(`${count} events in this hexagon, of 20,000 in the window`);
    await page.locator('#area-chip button').focus();
    await page.keyboard.press('Enter');
    await eventually(() => countText(page)).toBe(whole);
  });
});
