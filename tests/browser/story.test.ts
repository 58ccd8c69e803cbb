// Browser tests of links and the guided story: arcs time-sliced, facility links highlighted, steps by link and by keyboard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SELECTION_COLOR } from '../../src/core/config';
import type { AtlasCollection } from '../../src/core/schema/schema';
import type { Story, StoryStep } from '../../src/ui/story/story';
import {
  browserSuite,
  colourDistance,
  eventually,
  getState,
  hashParams,
  idle,
  project,
  REPO_ROOT,
  sampleSpots,
  screenshot,
  waitForAtlasReady,
  withApp,
} from './harness';
import { normaliseText } from './atlas-data';
import { bundledDataset, drawnBetween } from './expected';
import { days, isoWindow } from '../support/days';
import { expectFitted } from './story-fit';

const story = JSON.parse(readFileSync(join(REPO_ROOT, 'data/story.json'), 'utf8')) as Story;
const links = (JSON.parse(readFileSync(join(REPO_ROOT, 'data/links.geojson'), 'utf8')) as AtlasCollection).features;
const WIDE = 'view=56,79,1.6';

function lineOf(id: string): [[number, number], [number, number]] {
  const f = links.find((l) => l.properties.id === id);
  if (f?.geometry.type !== 'LineString') throw new Error(`no link line ${id}`);
  const [a, b] = f.geometry.coordinates;
  return [
    [a[0], a[1]],
    [b[0], b[1]],
  ];
}

/** Whether the link's arc is drawn (picked) anywhere around its projected ends. */
async function arcDrawn(page: Page, id: string): Promise<boolean> {
  const [a, b] = lineOf(id);
  return drawnBetween(page, id, await project(page, ...a), await project(page, ...b));
}

async function goToWindow(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate((t) => (location.hash = `#t=${t}`), `${from}..${to}`);
  await eventually(async () => (await getState(page)).window).toEqual(days(from, to));
  await idle(page);
}

/** Waits until the page shows step `k` with the state it declares: window, mode, layers, selection, view, bar, details, hash. */
async function expectStep(page: Page, k: number): Promise<void> {
  const step: StoryStep = story.steps[k - 1];
  const layers = bundledDataset()
    .layers.map((l) => l.key)
    .filter((key) => step.layers.includes(key));
  await eventually(async () => (await page.locator('#story-position').textContent()) ?? '').toBe(
    `Step ${k} of ${story.steps.length}`,
  );
  expect(normaliseText((await page.locator('#story-step-title').textContent()) ?? '')).toBe(normaliseText(step.title));
  expect((await page.locator('#story-body').textContent()) ?? '').toBe(step.body);
  await eventually(async () => isoWindow((await getState(page)).window)).toEqual(step.window);
  const s = await getState(page);
  expect({ mode: s.mode, layers: s.layers, selected: s.selected }, `step ${k}`).toEqual({
    mode: step.mode ?? 'window',
    layers,
    selected: step.selected,
  });
  await idle(page);
  if (step.fit) await expectFitted(page, step.fit, step.view.zoom, `step ${k}`);
  else
    await eventually(async () => {
      const v = (await getState(page)).view;
      return (
        Math.abs(v.lat - step.view.lat) < 0.05 &&
        Math.abs(v.lon - step.view.lon) < 0.05 &&
        Math.abs(v.zoom - step.view.zoom) < 0.05
      );
    }).toBe(true);
  const selectedTitle = bundledDataset().find(step.selected ?? '')?.feature.properties.title;
  if (selectedTitle)
    await eventually(async () => normaliseText((await page.locator('#details h2').textContent()) ?? '')).toBe(
      normaliseText(selectedTitle),
    );
  await eventually(async () => {
    const h = await hashParams(page);
    return [h.story, h.step, h.sel, h.t];
  }).toEqual(['1', String(k), step.selected ?? undefined, `${step.window.from}..${step.window.to}`]);
}

browserSuite('links and the guided story in Chromium', () => {
  it('draws the North Korea → Kursk and Hamhung → Russia links only while their dates overlap the window', async () => {
    const kursk = 'link-north-korea-troops-kursk';
    const plant = 'link-february-11-plant-kn23-russia';
    await withApp(
      `#t=2024-11-25..2024-11-25&mode=window&layers=facilities,deployments,links&${WIDE}`,
      async ({ page }) => {
        expect(await arcDrawn(page, kursk), `${kursk} drawn on 25 Nov 2024`).toBe(true);
        expect(await arcDrawn(page, plant), `${plant} drawn on 25 Nov 2024`).toBe(true);
        await screenshot(page, 'links-2024-11-25');
        // Before the report that attests them: not drawn (the plant itself is, from early October).
        await goToWindow(page, '2024-10-01', '2024-11-24');
        expect(await arcDrawn(page, kursk), `${kursk} drawn before 25 Nov 2024`).toBe(false);
        expect(await arcDrawn(page, plant), `${plant} drawn before 25 Nov 2024`).toBe(false);
        // (At this zoom the treaty's arc from Pyongyang passes close by, so look at every object drawn around the point.)
        const hamhung = await project(page, ...lineOf(plant)[0]);
        const around = await page.evaluate(
          ([x, y]) =>
            (
              window as unknown as { __atlas: { pickRect(x: number, y: number, w: number, h: number): string[] } }
            ).__atlas.pickRect(x - 3, y - 3, 6, 6),
          hamhung,
        );
        expect(around).toContain('facility-february-11-plant-hamhung');
        await goToWindow(page, '2021-08-09', '2021-08-13');
        expect(await arcDrawn(page, kursk)).toBe(false);
        expect(await arcDrawn(page, 'link-russia-china-drills-ningxia-2021'), 'the 2021 link is drawn in 2021').toBe(
          true,
        );
        // The window reaching the day again brings it back.
        await goToWindow(page, '2024-11-20', '2024-11-25');
        expect(await arcDrawn(page, kursk)).toBe(true);
      },
    );
  });

  it('highlights a facility’s links and what they point at, and shows a link’s ends as buttons', async () => {
    const plant = 'facility-february-11-plant-hamhung';
    const link = 'link-february-11-plant-kn23-russia';
    await withApp(`#t=2024-11-25..2024-11-25&layers=facilities,links&${WIDE}&sel=${plant}`, async ({ page }) => {
      // The end the plant's link points at (Moscow, standing for Russia) gets a ring in the selection colour.
      const moscow = await project(page, ...lineOf(link)[1]);
      const ring = await sampleSpots(
        page,
        [
          [moscow[0] - 12, moscow[1]],
          [moscow[0], moscow[1] - 12],
          [moscow[0], moscow[1] + 12],
        ],
        1,
      );
      const near = ring.filter((c) => colourDistance(c, SELECTION_COLOR) < 90).length;
      expect(near, `ring pixels ${JSON.stringify(ring)}`).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'links-facility-selected');
      await page.locator(`#details .details-links button[data-select-id="${link}"]`).click();
      await eventually(async () => (await getState(page)).selected).toBe(link);
      await eventually(() => page.locator('#details .link-end-from').textContent()).toBe(
        bundledDataset().find(plant)?.feature.properties.title,
      );
      expect(await page.locator('#details .link-end-to').textContent()).toBe('Moscow');
      expect(await page.locator('#details .details-link-assertion').textContent()).toMatch(/denied/);
      await page.locator('#details .link-end-from').click();
      await eventually(async () => (await getState(page)).selected).toBe(plant);
    });
  });

  it('opens a step from a link (#story=1&step=3) with the state it declares, also after a reload', async () => {
    await withApp('#story=1&step=3', async ({ page }) => {
      await expectStep(page, 3);
      // The troops link's quotes: three report the troops; the round-up's other news that dates it apart.
      expect(await page.locator('#details ol.details-sources:not(.details-sources-dating) li').count()).toBe(3);
      expect(
        await page.locator('#details ol.details-sources-dating li .details-source-quote').allTextContents(),
      ).toContain('won 22.94% of votes in Sunday’s poll');
      await screenshot(page, 'story-step-3');
      await page.reload({ waitUntil: 'load' });
      await waitForAtlasReady(page);
      await expectStep(page, 3);
    });
  });

  it('opens the same step in the embed (embed.html#story=1&step=5)', async () => {
    await withApp(
      '#story=1&step=5',
      async ({ page }) => {
        const step = story.steps[4];
        await eventually(async () => (await page.locator('#story-position').textContent()) ?? '').toBe(
          `Step 5 of ${story.steps.length}`,
        );
        expect((await page.locator('#story-body').textContent()) ?? '').toBe(step.body);
        await eventually(async () => isoWindow((await getState(page)).window)).toEqual(step.window);
        expect((await getState(page)).selected).toBe(step.selected);
        // The key folds away under the story card (both sit on the map's left side).
        expect(await page.locator('#embed-legend').getAttribute('open')).toBeNull();
        await idle(page);
        await screenshot(page, 'embed-story-step-5');
      },
      { path: 'embed.html' },
    );
  });

  it('on a phone (375 × 667) the card leaves the map room, keeps its buttons in sight, and nothing widens the page', async () => {
    for (const path of ['index.html', 'embed.html']) {
      await withApp(
        '#story=1&step=4',
        async ({ page }) => {
          await eventually(async () => (await page.locator('#story-position').textContent()) ?? '').toBe(
            `Step 4 of ${story.steps.length}`,
          );
          await idle(page);
          const r = await page.evaluate(() => {
            const box = (sel: string) => {
              const b = document.querySelector(sel)?.getBoundingClientRect();
              return b ? { top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height } : null;
            };
            return {
              map: box('#map'),
              bar: box('.story-bar'),
              next: box('#story-next'),
              pageWidth: document.documentElement.scrollWidth,
              rem: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
            };
          });
          const { map, bar, next } = r;
          if (!map || !bar || !next) throw new Error(`${path}: no map, card or Next button: ${JSON.stringify(r)}`);
          // Nothing is wider than the phone (the app's toolbar scrolls sideways instead).
          expect(r.pageWidth, path).toBeLessThanOrEqual(375);
          // The card takes at most half the map, or the 12.5 rem its title, a few lines and its buttons need.
          expect(bar.height, path).toBeLessThanOrEqual(Math.max(map.height / 2, 12.5 * r.rem) + 1);
          // Its Next button is whole, inside the card and the map.
          expect(next.bottom, path).toBeLessThanOrEqual(Math.min(bar.bottom, map.bottom));
          expect(next.right, path).toBeLessThanOrEqual(Math.min(bar.right, 375));
          await screenshot(page, `story-phone-step-4-${path.replace('.html', '')}`);
        },
        { path, viewport: { width: 375, height: 667 } },
      );
    }
  });

  it('moves at once, with no glide or flight, under prefers-reduced-motion', async () => {
    await withApp('#story=1&step=4', async ({ page }) => {
      await expectStep(page, 4);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('#story-bar').focus();
      await page.keyboard.press('ArrowLeft');
      // Read in the next frame: the window and view are already the step's, the map is not moving.
      const now = await page.evaluate(
        () =>
          new Promise<{ window: unknown; view: unknown }>((done) =>
            requestAnimationFrame(() => {
              const s = (
                window as unknown as {
                  __atlas: { store: { getState(): { window: unknown; camera: { view(): unknown } } } };
                }
              ).__atlas.store.getState();
              done({ window: s.window, view: s.camera.view() });
            }),
          ),
      );
      expect(now.window).toEqual(days(story.steps[2].window.from, story.steps[2].window.to));
      await expectStep(page, 3);
      // The view was already the one it settles at (a fitted step's): no glide, no flight.
      expect(now.view).toEqual((await getState(page)).view);
    });
  });

  it('walks the whole story by keyboard: arrows step, each step sets its state; Escape closes', async () => {
    await withApp('', async ({ page }) => {
      expect(await page.locator('#story-bar').count()).toBe(0);
      await page.locator('#story-button').click();
      await expectStep(page, 1);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('story-bar');
      expect(await page.locator('#story-prev').isDisabled()).toBe(true);
      for (let k = 2; k <= story.steps.length; k++) {
        await page.keyboard.press('ArrowRight');
        await expectStep(page, k);
        const step = story.steps[k - 1];
        if (k === 2 || step.selected === 'strike-kharkiv-2024-11-25') await screenshot(page, `story-step-${k}`);
      }
      expect(await page.locator('#story-next').isDisabled()).toBe(true);
      await page.keyboard.press('ArrowRight'); // past the end: stays
      await expectStep(page, story.steps.length);
      await page.keyboard.press('ArrowLeft');
      await expectStep(page, story.steps.length - 1);
      await page.keyboard.press('Home');
      await expectStep(page, 1);
      await page.keyboard.press('Escape');
      await eventually(() => page.locator('#story-bar').count()).toBe(0);
      await eventually(async () => (await hashParams(page)).story).toBeUndefined();
      expect((await getState(page)).selected, 'closing keeps what the step showed').toBe(story.steps[0].selected);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('story-button');
    });
  });
});
