// Browser tests of the embed's picture at once: the poster then the live map in the same box, phones, picture=1 without WebGL, axe.
import { beforeAll, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  embedTestDist,
  colourDistance,
  expectCleanPage,
  pixelAt,
  screenshot,
  waitForAtlasReady,
} from './harness';
import { builtFile, openPage } from './embed-harness';
import { axeViolations } from './axe';
import { mapLabel } from '../../src/ui/embed/embed-code';
import { parseHash } from '../../src/app/url-hash';

const PHONE = { width: 375, height: 667 };
let atlas = '';

const box = (page: Page, selector: string) =>
  page.$eval(selector, (n) => {
    const r = n.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

/** Share of sample points (a grid over `area`) where two screenshots have about the same colour. */
function agreement(a: PNG, b: PNG, area: { x: number; y: number; width: number; height: number }): number {
  let same = 0;
  let all = 0;
  for (let y = area.y + 10; y < area.y + area.height - 10; y += 12) {
    for (let x = area.x + 10; x < area.x + area.width - 10; x += 12) {
      all++;
      if (colourDistance(pixelAt(a, x, y), pixelAt(b, x, y)) < 40) same++;
    }
  }
  return same / all;
}

browserSuite('the embed: a picture at once, then the live map', embedTestDist(), (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
  }, 60_000);

  it('on a phone: shows the picture before the map code arrives, swaps in the live map in the same box, gives the map ≥ 60% of the first screen, and passes axe', async () => {
    const app = await openPage(`${atlas}embed.html`, { viewport: PHONE, waitReady: false });
    const { page } = app;
    try {
      // The page was opened without holding anything back: hold the live map's chunk on a reload.
      const live = builtFile('src/entries/embed.ts');
      let release: () => void = () => undefined;
      const held = new Promise<void>((done) => (release = done));
      await page.route(
        (u) => u.pathname.endsWith(live),
        async (route) => {
          await held;
          await route.continue();
        },
      );
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.atlasPicture === '1', undefined, {
        timeout: 30_000,
      });
      // The map's code has not run: no canvas yet, and the picture fills the map's box.
      expect(await page.locator('canvas').count()).toBe(0);
      const img = page.locator('#embed-poster img');
      // The first load wrote the settled state into the hash: the default view's picture still matches it,
      // and the alt text is the embed code's label for that state (the live map's code, which syncs the hash, is held).
      const hash = await page.evaluate(() => location.hash);
      expect(await img.getAttribute('alt')).toBe(mapLabel(parseHash(hash).state, null));
      expect(await img.evaluate((n) => (n as HTMLImageElement).currentSrc)).toMatch(/posters\/default-480w@1x\.webp$/);
      const mapBefore = await box(page, '#map');
      const eventsBefore = await box(page, '#embed-events');
      const posterBox = await box(page, '#embed-poster');
      expect(posterBox).toEqual(mapBefore);
      const picture = PNG.sync.read(await page.screenshot());
      await screenshot(page, 'embed-picture-phone-poster');

      release();
      await waitForAtlasReady(page);
      await page.waitForFunction(() => !document.getElementById('embed-poster'), undefined, { timeout: 10_000 });
      // No layout jump: the map's box is where the picture was.
      expect(await box(page, '#map')).toEqual(mapBefore);
      // …nor under it: the slider's place was kept while the picture showed.
      expect(Math.abs((await box(page, '#embed-events')).y - eventsBefore.y)).toBeLessThanOrEqual(2);
      const map = PNG.sync.read(await page.screenshot());
      await screenshot(page, 'embed-picture-phone-live');
      // Same view: most of the map's pixels agree between the picture and the live map.
      expect(
        agreement(picture, map, { x: 0, y: mapBefore.y, width: mapBefore.width, height: mapBefore.height }),
      ).toBeGreaterThan(0.85);

      // Phones: the map's share of the first screen (375 × 667).
      const r = await box(page, '#map');
      const visible =
        Math.max(0, Math.min(r.y + r.height, PHONE.height) - Math.max(r.y, 0)) * Math.min(r.width, PHONE.width);
      expect(visible / (PHONE.width * PHONE.height)).toBeGreaterThanOrEqual(0.6);

      expect(await axeViolations(page)).toEqual([]);
      expectCleanPage(app);
    } catch (error) {
      await screenshot(page, 'failed-embed-picture-phone').catch(() => undefined);
      throw error;
    } finally {
      await app.close();
    }
  }, 180_000);

  it('picture=1: the picture, the key and the event list, with no map code and no WebGL at all; passes axe', async () => {
    // Count every WebGL context the page asks for.
    const initScript = `(() => { window.__webgl = 0; const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { if (String(type).startsWith('webgl')) window.__webgl++; return get.call(this, type, ...rest); }; })();`;
    const app = await openPage(`${atlas}embed.html?picture=1`, {
      viewport: { width: 1280, height: 720 },
      initScript,
    });
    const { page } = app;
    try {
      await page.waitForFunction(() => document.documentElement.dataset.atlasPicture === '1', undefined, {
        timeout: 30_000,
      });
      expect(await page.evaluate(() => (window as unknown as { __webgl: number }).__webgl)).toBe(0);
      expect(await page.locator('canvas').count()).toBe(0);
      const live = builtFile('src/entries/embed.ts');
      expect(app.requests.filter((u) => u.endsWith(live) || /maplibre-gl-worker/.test(u))).toEqual([]);
      expect(await page.locator('#embed-poster img').evaluate((n) => (n as HTMLImageElement).currentSrc)).toMatch(
        /posters\/default-1600w@1x\.webp$/,
      );
      // The list holds the window's events, and the window's dates stand in for the slider.
      expect(await page.locator('#embed-events .event-button').count()).toBeGreaterThan(0);
      expect(await page.locator('#embed-events').evaluate((n) => (n as HTMLDetailsElement).open)).toBe(true);
      expect(await page.locator('#embed-caption').isVisible()).toBe(true);
      expect(await page.locator('#time').isVisible()).toBe(false);
      await screenshot(page, 'embed-picture-only-wide');
      // Choosing an event shows its details and sources, as with the map.
      await page.locator('#embed-events .event-button').first().click();
      await expect.poll(() => page.locator('#embed-details .details').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expectCleanPage(app);
    } catch (error) {
      await screenshot(page, 'failed-embed-picture-only').catch(() => undefined);
      throw error;
    } finally {
      await app.close();
    }
  }, 120_000);
});
