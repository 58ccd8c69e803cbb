// Browser tests of the built app: offline loading, a drawn map, strikes in and out of the time window, details, links.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASEMAP, WEAPON_COLORS } from '../../src/core/config';
import type { Weapon } from '../../src/core/schema/schema';
import { addDays, dataSpan, humanDay, normaliseText, novemberStrikes, type StrikeFixture } from './atlas-data';
import {
  browserSuite,
  capture,
  colourDistance,
  crop,
  eventually,
  getState,
  hashParams,
  idle,
  isMostlyUniform,
  pick,
  project,
  type Rgba,
  sampleSpots,
  screenshot,
  waitForAtlasReady,
  withApp,
} from './harness';
import { days } from '../support/days';

/** Frames Kharkiv, Odesa and Mykolaiv with room between them (lat,lon,zoom). */
const STRIKES_VIEW = '48.3,33.6,5.6';
/**
 * Strike symbols are at least 5 px in radius, and the base map draws a city's dot and name on top
 * of the symbol's centre: sample the symbol 3 px around its centre (median of 9 pixels).
 */
const SYMBOL_SPREAD = 3;
const NOV_25 = '2024-11-25';

function hexColour(hex: string): Rgba {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

async function listedIds(page: Page): Promise<string[]> {
  return page.$$eval('#event-list li[data-feature-id]', (items) =>
    items.map((li) => li.getAttribute('data-feature-id') ?? ''),
  );
}

/** The number `#event-count` announces ("3 events in window"; "No events …" counts as 0). */
async function announcedCount(page: Page): Promise<number> {
  const text = (await page.locator('#event-count').textContent()) ?? '';
  const match = /\d+/.exec(text.replace(/,/g, ''));
  if (match) return Number(match[0]);
  if (/\bno\b/i.test(text)) return 0;
  throw new Error(`#event-count says "${text}", which has no count`);
}

/** Throws unless the point is on the map itself, not under a panel laid over it. */
async function expectOnMap(page: Page, what: string, [x, y]: [number, number]): Promise<void> {
  const onMap = await page.evaluate(
    ([px, py]) => {
      const el = document.elementFromPoint(px, py);
      return el ? el.closest('#map') !== null : false;
    },
    [x, y],
  );
  expect(
    onMap,
    `${what} projects to (${x.toFixed(0)}, ${y.toFixed(0)}), which is not on #map (covered or off screen)`,
  ).toBe(true);
}

async function setLayerBox(page: Page, layer: string, on: boolean): Promise<void> {
  await page.locator(`input[type=checkbox][name=layer][value=${layer}]`).setChecked(on);
  await eventually(async () => (await getState(page)).layers.includes(layer)).toBe(on);
  await idle(page);
}

/** Changes the hash the way a person editing the URL would (a `hashchange`), then waits for the window. */
async function goToWindow(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate((t) => (location.hash = `#t=${t}`), `${from}..${to}`);
  await eventually(async () => (await getState(page)).window).toEqual(days(from, to));
  await idle(page);
}

async function expectDetailsOf(page: Page, strike: StrikeFixture): Promise<void> {
  await eventually(async () => normaliseText((await page.locator('#details h2').textContent()) ?? '')).toBe(
    normaliseText(strike.title),
  );
  const quotes = await page.locator('#details .details-source .details-source-quote').allTextContents();
  expect(
    quotes.map(normaliseText).some((q) => q.includes(normaliseText(strike.quote))),
    `quotes shown: ${quotes.join(' | ')}`,
  ).toBe(true);
  const seeds = await page.locator('#details .details-source .details-source-seed').allTextContents();
  expect(
    seeds.some((s) => s.includes(strike.seed)),
    `seeds shown: ${seeds.join(' | ')}`,
  ).toBe(true);
}

browserSuite('Conflict Atlas in Chromium', () => {
  let strikes: ReturnType<typeof novemberStrikes>; // read from data/strikes.geojson in beforeAll
  const all = (): StrikeFixture[] => [strikes.kharkiv, strikes.odesa, strikes.mykolaiv];

  beforeAll(async () => {
    strikes = novemberStrikes();
  });

  it('loads with every request on 127.0.0.1 and no errors', async () => {
    await withApp('', async (app) => {
      expect(app.requests.length).toBeGreaterThan(0);
      expect(await app.page.locator('#map canvas').count(), 'canvases in #map').toBeGreaterThan(0);
      // The data layers' canvas (deck.gl's, beside MapLibre's) draws without MSAA, as MapLibre's does
      // (map-view.ts: each redraw costs less; points smooth their own edges).
      const attributes = await app.page.evaluate(() =>
        [...document.querySelectorAll('#map canvas')].map((c) => ({
          maplibre: c.classList.contains('maplibregl-canvas'),
          antialias: (c as HTMLCanvasElement).getContext('webgl2')?.getContextAttributes()?.antialias ?? null,
        })),
      );
      expect(attributes, 'one MapLibre canvas and one deck.gl canvas, neither multisampled').toEqual([
        { maplibre: true, antialias: false },
        { maplibre: false, antialias: false },
      ]);
      await screenshot(app.page, 'default-view');
    });
  });

  it('draws a map that is not blank: land and sea differ', async () => {
    // All layers off, so only the base map is sampled.
    await withApp('#layers=&view=47,33,5', async (app) => {
      const { page } = app;
      const box = await page.locator('#map').boundingBox();
      if (!box) throw new Error('#map has no box');
      const scale = await page.evaluate(() => window.devicePixelRatio);
      expect(isMostlyUniform(crop(await capture(page), box, scale)), 'the map area is one flat colour').toBe(false);
      const land = await project(page, 31.5, 49.5); // central Ukraine
      const sea = await project(page, 34.5, 43.5); // the middle of the Black Sea
      await expectOnMap(page, 'the land sample', land);
      await expectOnMap(page, 'the sea sample', sea);
      const [landColour, seaColour] = await sampleSpots(page, [land, sea], 3);
      expect(colourDistance(landColour, seaColour), `land ${landColour} vs sea ${seaColour}`).toBeGreaterThan(15);
      // Ukraine, the country the map is about, is drawn a shade lighter than its neighbours (focusLand).
      expect(
        colourDistance(landColour, hexColour(BASEMAP.focusLand ?? BASEMAP.land)),
        `land ${landColour}`,
      ).toBeLessThan(16);
      expect(colourDistance(seaColour, hexColour(BASEMAP.sea)), `sea ${seaColour}`).toBeLessThan(16);
    });
  });

  it('shows the 2024-11-25 strikes in the list and on the map, and none of them in 2021', async () => {
    await withApp(`#t=${NOV_25}..${NOV_25}&mode=window&layers=strikes&view=${STRIKES_VIEW}`, async (app) => {
      const { page } = app;
      const ids = await listedIds(page);
      for (const s of all()) expect(ids, `${s.id} in #event-list`).toContain(s.id);
      expect(await announcedCount(page)).toBe(ids.length);
      for (const s of all()) {
        const button = page.locator(`#event-list li[data-feature-id="${s.id}"] button`);
        expect(normaliseText((await button.textContent()) ?? '')).toContain(normaliseText(s.title));
      }

      const points: [number, number][] = [];
      for (const s of all()) {
        const point = await project(page, s.lon, s.lat);
        await expectOnMap(page, s.id, point);
        points.push(point);
        expect(await pick(page, ...point), `deck picks ${s.id} at its point`).toBe(s.id);
      }
      const drawn = await sampleSpots(page, points, SYMBOL_SPREAD);
      await setLayerBox(page, 'strikes', false);
      const base = await sampleSpots(page, points, SYMBOL_SPREAD);
      all().forEach((s, i) => {
        const weapon = WEAPON_COLORS[s.weapon as Weapon] ?? WEAPON_COLORS.unknown;
        const detail = `${s.id}: drawn ${drawn[i]}, base map ${base[i]}, ${s.weapon} colour ${weapon}`;
        expect(colourDistance(drawn[i], base[i]), detail).toBeGreaterThan(40);
        expect(colourDistance(drawn[i], weapon), `${detail}: not drawn in its weapon colour`).toBeLessThan(32);
      });
      for (const [i, s] of all().entries())
        expect(await pick(page, ...points[i]), `${s.id} with strikes off`).not.toBe(s.id);
      await setLayerBox(page, 'strikes', true);

      // Into 2021: the strikes leave the list and the map.
      const span = dataSpan();
      const from2021 = span.start > '2021-01-01' ? span.start : '2021-01-01';
      expect(from2021 <= '2021-12-31', `the data (${span.start}..${span.end}) should reach into 2021`).toBe(true);
      await goToWindow(page, from2021, '2021-12-31');
      const later = await listedIds(page);
      for (const s of all()) expect(later, `${s.id} in the 2021 list`).not.toContain(s.id);
      expect(await announcedCount(page)).toBe(later.length);
      const gone = await sampleSpots(page, points, SYMBOL_SPREAD);
      for (const [i, s] of all().entries()) {
        expect(await pick(page, ...points[i]), `${s.id} picked in 2021`).not.toBe(s.id);
        expect(colourDistance(gone[i], base[i]), `${s.id} in 2021: ${gone[i]} vs base map ${base[i]}`).toBeLessThan(24);
      }
      await setLayerBox(page, 'facilities', true);
      await setLayerBox(page, 'deployments', true);
      await screenshot(page, '2021-view');
    });
  });

  it('selects a strike from the map and from the list, and shows its source quote', async () => {
    const { kharkiv, odesa } = strikes;
    await withApp(`#t=${NOV_25}..${NOV_25}&mode=window&layers=strikes&view=${STRIKES_VIEW}`, async (app) => {
      const { page } = app;
      const point = await project(page, odesa.lon, odesa.lat);
      await expectOnMap(page, odesa.id, point);
      await page.mouse.click(...point);
      await eventually(async () => (await getState(page)).selected).toBe(odesa.id);
      await expectDetailsOf(page, odesa);
      await eventually(async () => (await hashParams(page)).sel).toBe(odesa.id);

      await page.locator(`#event-list li[data-feature-id="${kharkiv.id}"] button`).click();
      await eventually(async () => (await getState(page)).selected).toBe(kharkiv.id);
      await expectDetailsOf(page, kharkiv);
      await eventually(async () => (await hashParams(page)).sel).toBe(kharkiv.id);
      await idle(page); // the fly-to has finished
      await expectOnMap(page, `${kharkiv.id} after the fly-to`, await project(page, kharkiv.lon, kharkiv.lat));
      await setLayerBox(page, 'facilities', true);
      await setLayerBox(page, 'deployments', true);
      await screenshot(page, '2024-11-25-kharkiv-selected');
    });
  });

  it('restores the window and the selection from a link, also after a reload', async () => {
    const { kharkiv } = strikes;
    await withApp(`#t=${NOV_25}..${NOV_25}&sel=${kharkiv.id}`, async (app) => {
      const { page } = app;
      const expectRestored = async (): Promise<void> => {
        expect(await getState(page)).toMatchObject({ window: days(NOV_25), selected: kharkiv.id });
        await eventually(async () => (await page.locator('#time-window-label').textContent()) ?? '').toContain(
          humanDay(NOV_25),
        );
        expect((await page.locator('#time-window-label').textContent()) ?? '').not.toContain(
          humanDay(addDays(NOV_25, 1)),
        );
        await expectDetailsOf(page, kharkiv);
        await eventually(() => hashParams(page)).toMatchObject({ t: `${NOV_25}..${NOV_25}`, sel: kharkiv.id });
      };
      await expectRestored();
      await page.reload({ waitUntil: 'load' });
      await waitForAtlasReady(page);
      await expectRestored();
    });
  });
});
