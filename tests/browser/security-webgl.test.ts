// Lost WebGL, forced with WEBGL_lose_context on the map's and deck.gl's canvases: the map comes back, or says so with a Reload button; no WebGL at all still leaves the list and details.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONTEXT_LOST_MESSAGE } from '../../src/ui/map/context-loss';
import {
  browserSuite,
  eventually,
  expectCleanPage,
  getState,
  idle,
  pick,
  project,
  screenshot,
  waitForAtlasReady,
  withApp,
} from './harness';
import { openPage } from './embed-harness';
import { day } from '../support/days';

const KHARKIV_ID = 'strike-kharkiv-2024-11-25';
const KHARKIV: [number, number] = [36.2304, 49.9935];
const HASH = `#t=2024-11-25..2024-11-25&view=49.2,34.5,5.5`;
let atlas = '';

type LossWindow = Window & { __lose?: { ext: WEBGL_lose_context; canvas: HTMLCanvasElement }[] };

/** Takes each WebGL canvas of the map (MapLibre's and deck.gl's) with its WEBGL_lose_context. */
async function grabCanvases(page: Page): Promise<number> {
  return page.evaluate(() => {
    const found = Array.from(document.querySelectorAll<HTMLCanvasElement>('#map canvas')).flatMap((canvas) => {
      // getContext with the type the canvas already has gives its context; never a new one here.
      const gl = canvas.getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_lose_context');
      return ext ? [{ ext, canvas }] : [];
    });
    (window as LossWindow).__lose = found;
    return found.length;
  });
}

async function loseAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const c of (window as LossWindow).__lose ?? []) c.ext.loseContext();
  });
}

async function restoreAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const c of (window as LossWindow).__lose ?? []) c.ext.restoreContext();
  });
}

const notice = (page: Page) => page.locator('#map .context-lost');

browserSuite('lost WebGL', (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
  });

  it('both canvases lose their context: a clear notice; restored, the map and its layers draw and pick again', async () => {
    await withApp(HASH, async ({ page, errors }) => {
      expect(await grabCanvases(page)).toBe(2);
      expect(await pick(page, ...(await project(page, ...KHARKIV)))).toBe(KHARKIV_ID);
      await loseAll(page);
      await eventually(() => notice(page).isVisible()).toBe(true);
      expect(await notice(page).getAttribute('role')).toBe('alert');
      expect(await notice(page).textContent()).toContain(CONTEXT_LOST_MESSAGE);
      expect(await page.locator('#map .context-lost button').textContent()).toBe('Reload the map');
      expect(await page.locator('#map canvas[data-context-lost]').count()).toBe(2);
      // While it is gone the app keeps working: the slider, the list, the details; picking finds nothing.
      await page.locator('#time-slider').focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowRight');
      expect(await pick(page, ...(await project(page, ...KHARKIV)))).toBeNull();
      await page.locator(`#event-list li[data-feature-id="${KHARKIV_ID}"] button`).click();
      await eventually(() => page.locator('#details h2').textContent()).toMatch(/Kharkiv/);
      await screenshot(page, 'security-webgl-lost');
      expect(errors).toEqual([]);

      await restoreAll(page);
      await eventually(() => notice(page).isVisible()).toBe(false);
      expect(await page.locator('#map canvas[data-context-lost]').count()).toBe(0);
      await idle(page);
      // deck.gl's overlay was made again on a fresh canvas: it draws and picks; so does the base map.
      await eventually(async () => pick(page, ...(await project(page, ...KHARKIV))), 20_000).toBe(KHARKIV_ID);
      await page.evaluate(() =>
        (
          window as unknown as { __atlas: { store: { getState(): { setWindow(a: number, b: number): void } } } }
        ).__atlas.store
          .getState()
          .setWindow(19_900, 20_052),
      );
      await idle(page);
      expect((await getState(page)).window.to).toBe(day('2024-11-25'));
      await screenshot(page, 'security-webgl-restored');
    });
  });

  it('lost for good: the Reload button reloads the page at the same state', async () => {
    await withApp(HASH, async ({ page }) => {
      expect(await grabCanvases(page)).toBe(2);
      await loseAll(page);
      await eventually(() => notice(page).isVisible()).toBe(true);
      const before = await getState(page);
      await Promise.all([page.waitForEvent('load'), page.locator('#map .context-lost button').click()]);
      await waitForAtlasReady(page);
      expect(await notice(page).isVisible()).toBe(false);
      expect((await getState(page)).window).toEqual(before.window);
      expect(await pick(page, ...(await project(page, ...KHARKIV)))).toBe(KHARKIV_ID);
    });
  });

  it('no WebGL at all: the app says so, and the event list and details still work', async () => {
    const noWebgl = `(() => { const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return /webgl/i.test(String(type)) ? null : get.call(this, type, ...rest); }; })();`;
    const app = await openPage(`${atlas}index.html${HASH}`, {
      initScript: noWebgl,
      viewport: { width: 1280, height: 800 },
    });
    try {
      await expect(app.page.locator('#map .fatal').textContent()).resolves.toMatch(/WebGL/);
      expect(await app.page.locator('#map .fatal').getAttribute('role')).toBe('alert');
      await app.page.locator(`#event-list li[data-feature-id="${KHARKIV_ID}"] button`).click();
      await eventually(() => app.page.locator('#details h2').textContent()).toMatch(/Kharkiv/);
      expect(await app.page.locator('.details-source-quote').count()).toBeGreaterThan(0);
      const listed = await app.page.locator('#event-list li[data-feature-id]').count();
      await app.page.locator('#legend input[name=layer]').first().uncheck();
      await eventually(() => app.page.locator('#event-list li[data-feature-id]').count()).toBeLessThan(listed);
      await screenshot(app.page, 'security-webgl-none');
      expectCleanPage(app);
    } finally {
      await app.close();
    }
  });
});
