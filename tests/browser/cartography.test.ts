// Browser test of the cartography at three views on one page: borders, oblasts, the Dnipro, names that never collide, regions as regions, themes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import { BASEMAP, BASEMAP_DARK, DEPLOYMENT_TEXT } from '../../src/core/config';
import {
  type AppPage,
  browserSuite,
  capture,
  colourDistance,
  hashParams,
  idle,
  openApp,
  pick,
  pixelAt,
  project,
  type Rgba,
  screenshot,
} from './harness';

interface LabelBox {
  text: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
type CartoWindow = Window & {
  __atlas: {
    basemapAt(
      lon: number,
      lat: number,
    ): { country: string | null; admin1: string | null; admin1Code: string | null } | null;
    labelBoxes(): LabelBox[];
    store: { getState(): { camera: { moveTo(v: { lat: number; lon: number; zoom: number }): void } } };
  };
};

/** The three views an editor checks (lat, lon, zoom), on 25 November 2024. */
const VIEWS = {
  south: { lat: 47.0, lon: 33.6, zoom: 7 },
  ukraine: { lat: 48.4, lon: 31.3, zoom: 4.75 },
  eurasia: { lat: 52, lon: 76, zoom: 1.9 },
} as const;
const DAY = '2024-11-25';

async function moveTo(page: Page, v: { lat: number; lon: number; zoom: number }): Promise<void> {
  await page.evaluate((view) => (window as unknown as CartoWindow).__atlas.store.getState().camera.moveTo(view), v);
  await idle(page);
}
const labelBoxes = (page: Page): Promise<LabelBox[]> =>
  page.evaluate(() => (window as unknown as CartoWindow).__atlas.labelBoxes());
const basemapAt = (page: Page, lon: number, lat: number) =>
  page.evaluate(([a, b]) => (window as unknown as CartoWindow).__atlas.basemapAt(a, b), [lon, lat]);

/** Asserts that no two drawn names intersect, and that none lies under a control or off the map. */
async function expectNoCollisions(page: Page, boxes: LabelBox[]): Promise<void> {
  const hit = (a: LabelBox, b: { x: number; y: number; w: number; h: number }): boolean =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const names = boxes.filter((b) => b.kind !== 'dot');
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      expect(hit(names[i], names[j]), `"${names[i].text}" overlaps "${names[j].text}"`).toBe(false);
  // No name of any kind, nor the data's own area labels, is written over a place's dot (but its own).
  const dots = boxes.filter((b) => b.kind === 'dot');
  expect(dots.length, 'the places’ dots are among the boxes').toBeGreaterThan(0);
  for (const a of names)
    for (const d of dots)
      if (d.text !== `dot of ${a.text}`) expect(hit(a, d), `"${a.text}" is over the ${d.text}`).toBe(false);
  const controls = await page.$$eval('.maplibregl-ctrl', (els) =>
    els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ x: r.left, y: r.top, w: r.width, h: r.height })),
  );
  const map = await page.$eval('#map', (e) => e.getBoundingClientRect().toJSON() as DOMRect);
  expect(controls.length).toBeGreaterThan(2);
  for (const b of names) {
    if (b.kind === 'area') continue; // the data's own labels stand at their features, which may reach past the view
    for (const c of controls) expect(hit(b, c), `"${b.text}" is under a map control`).toBe(false);
    expect(
      b.x >= map.left && b.y >= map.top && b.x + b.w <= map.right && b.y + b.h <= map.bottom,
      `"${b.text}" leaves the map`,
    ).toBe(true);
  }
}

/** True when the box holds pixels of the label colour (the name is really drawn where its box says). */
function inked(png: PNG, b: LabelBox, colour: readonly number[]): boolean {
  let n = 0;
  for (let y = Math.ceil(b.y); y < b.y + b.h; y++)
    for (let x = Math.ceil(b.x); x < b.x + b.w; x++) if (colourDistance(pixelAt(png, x, y), colour) < 90) n++;
  return n >= 6;
}

browserSuite('cartography', () => {
  let app: AppPage;
  let page: Page;
  beforeAll(async () => {
    app = await openApp(`#t=${DAY}..${DAY}&mode=window&view=${VIEWS.south.lat},${VIEWS.south.lon},${VIEWS.south.zoom}`);
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('draws Ukraine within its recognised borders, from the data the map draws', async () => {
    expect(await basemapAt(page, 34.1, 44.95)).toMatchObject({ country: 'UKR', admin1: 'Crimea' }); // Simferopol
    expect(await basemapAt(page, 33.52, 44.6)).toMatchObject({ country: 'UKR', admin1: 'Sevastopol' });
    expect(await basemapAt(page, 36.19, 51.73)).toMatchObject({ country: 'RUS', admin1: 'Kursk' });
    expect(await basemapAt(page, 31.99, 46.97)).toMatchObject({ country: 'UKR', admin1: 'Mykolaiv' });
  });

  it('southern Ukraine at zoom 7: oblasts and the Dnipro named, standard spellings, no collisions', async () => {
    await screenshot(page, 'carto-south-z7');
    const boxes = await labelBoxes(page);
    const texts = boxes.map((b) => b.text);
    for (const name of ['Mykolaiv', 'Kherson', 'Zaporizhzhia', 'Nikopol', 'Enerhodar'])
      expect(texts, name).toContain(name);
    expect(boxes.filter((b) => b.kind === 'water').map((b) => b.text)).toContain('Dnipro');
    expect(boxes.filter((b) => b.kind === 'region').length).toBeGreaterThanOrEqual(1);
    expect(
      texts.some((t) => /Odessa|Zaporizhia|Mykolayiv|Kiev\b|’|'/.test(t)),
      texts.join(', '),
    ).toBe(false);
    await expectNoCollisions(page, boxes);
    const png = await capture(page);
    for (const b of boxes.filter((x) => x.kind === 'place').slice(0, 6))
      expect(inked(png, b, BASEMAP.label), `"${b.text}" is drawn in its box`).toBe(true);
  });

  it('all of Ukraine: every oblast drawn as a unit, region strikes as their regions, not discs', async () => {
    await moveTo(page, VIEWS.ukraine);
    await screenshot(page, 'carto-ukraine');
    const boxes = await labelBoxes(page);
    await expectNoCollisions(page, boxes);
    // The country's name too, though the nationwide strike's mark stands on its label point.
    expect(boxes.filter((b) => b.kind === 'country').map((b) => b.text)).toContain('UKRAINE');
    const regions = boxes.filter((b) => b.kind === 'region').map((b) => b.text);
    for (const o of ['Kharkiv', 'Poltava', 'Mykolaiv', 'Zaporizhzhia', 'Vinnytsia', 'Crimea'])
      expect(regions, o).toContain(o);
    for (const c of ['Kyiv', 'Kharkiv', 'Odesa', 'Dnipro', 'Lviv'])
      expect(
        boxes.filter((b) => b.kind === 'place' || b.kind === 'capital').map((b) => b.text),
        c,
      ).toContain(c);
    // The Mykolaiv region strike is Mykolaiv oblast: picked inside the oblast far from its mark, not beyond it in Odesa oblast
    // (where its old 160 km disc reached).
    const inside = await project(page, 31.0, 47.75);
    const beyond = await project(page, 30.0, 47.0);
    expect(await basemapAt(page, 31.0, 47.75)).toMatchObject({ admin1: 'Mykolaiv' });
    expect(await pick(page, ...inside)).toBe('strike-mykolaiv-region-2024-11-25');
    expect(await pick(page, ...beyond)).not.toBe('strike-mykolaiv-region-2024-11-25');
    // The nationwide drone wave is the country's outline: in Lviv oblast it is there, across the border in Poland it is not.
    expect(await pick(page, ...(await project(page, 24.4, 49.6)))).toBe('strike-ukraine-drone-wave-2024-11-25');
    expect(await pick(page, ...(await project(page, 22.0, 50.8)))).not.toBe('strike-ukraine-drone-wave-2024-11-25');
  });

  it('Europe to Korea: capitals and countries, no collisions', async () => {
    await moveTo(page, VIEWS.eurasia);
    await screenshot(page, 'carto-eurasia');
    const boxes = await labelBoxes(page);
    await expectNoCollisions(page, boxes);
    const texts = boxes.map((b) => b.text);
    for (const c of ['Kyiv', 'Moscow', 'Pyongyang', 'Seoul', 'Beijing', 'Astana', 'RUSSIA', 'CHINA', 'NORTH KOREA'])
      expect(texts, c).toContain(c);
    // Capitals as newsrooms spell them now (the gazetteer has Kazakhstan's 2019–2022 name).
    expect(texts.filter((t) => /Nur-Sultan|Ulan Bator/.test(t))).toEqual([]);
  });

  it('the whole span over Kursk: the deployments on one place get labels that do not collide, each drawn, and names keep clear', async () => {
    await page.evaluate(() => (location.hash = '#t=2021-08-09..2025-07-18&mode=window&view=51.3,36.6,6'));
    await idle(page);
    await expect
      .poll(async () => (await labelBoxes(page)).filter((b) => b.kind === 'area').length)
      .toBeGreaterThanOrEqual(3);
    await screenshot(page, 'carto-kursk-whole-span');
    const boxes = await labelBoxes(page);
    const areas = boxes.filter((b) => b.kind === 'area');
    expect(areas.map((b) => b.text)).toEqual(expect.arrayContaining(['>10,000 troops', 'Kursk region, Russia']));
    await expectNoCollisions(page, boxes);
    const png = await capture(page);
    for (const b of areas) expect(inked(png, b, DEPLOYMENT_TEXT), `"${b.text}" is drawn in its box`).toBe(true);
    // Zoomed out as the story's third step is (a dot on every row near Kursk): still apart, and off every dot.
    await moveTo(page, { lat: 56, lon: 79, zoom: 1.6 });
    const far = await labelBoxes(page);
    expect(far.filter((b) => b.kind === 'area').length).toBeGreaterThanOrEqual(2);
    await expectNoCollisions(page, far);
    await page.evaluate((d) => (location.hash = `#t=${d}..${d}&mode=window`), DAY);
    await idle(page);
  });

  it('the dark theme: the toggle recolours the map and the link keeps it', async () => {
    await moveTo(page, VIEWS.ukraine);
    const sea = await project(page, 31.0, 45.8); // the Black Sea between Odesa and Crimea
    const before = pixelAt(await capture(page), Math.round(sea[0]), Math.round(sea[1]));
    await page.click('#theme-toggle');
    await idle(page);
    await expect.poll(async () => (await hashParams(page)).theme).toBe('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const png = await capture(page);
    const after = pixelAt(png, Math.round(sea[0]), Math.round(sea[1]));
    const hex = (h: string): Rgba => [
      parseInt(h.slice(1, 3), 16),
      parseInt(h.slice(3, 5), 16),
      parseInt(h.slice(5, 7), 16),
      255,
    ];
    expect(colourDistance(before, hex(BASEMAP.sea)), `light sea ${before.join()}`).toBeLessThan(30);
    expect(colourDistance(after, hex(BASEMAP_DARK.sea))).toBeLessThan(30);
    const boxes = await labelBoxes(page);
    await expectNoCollisions(page, boxes);
    for (const b of boxes.filter((x) => x.kind === 'place').slice(0, 4))
      expect(inked(png, b, BASEMAP_DARK.label), `"${b.text}" is drawn in the dark theme`).toBe(true);
    await screenshot(page, 'carto-ukraine-dark');
    expect(app.errors).toEqual([]);
  });
});
