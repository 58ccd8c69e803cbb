// Browser tests of the embed: host page on another origin, auto-height, forged messages, flags, static, autoplay, fallbacks, the dialog's code.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { BASEMAP, BASEMAP_DARK } from '../../src/core/config';
import { embedCode } from '../../src/ui/embed/embed-code';
import { formatIsoDay, parseIsoDay } from '../../src/core/time/days';
import { dataSpan } from './atlas-data';
import { join } from 'node:path';
import {
  type AppPage,
  ARTIFACTS_DIR,
  browserSuite,
  embedTestDist,
  colourDistance,
  expectCleanPage,
  getState,
  idle,
  project,
  type Rgba,
  sampleSpots,
  screenshot,
} from './harness';
import {
  contentHeight,
  frameReady,
  frameWith,
  iframeHeight,
  openPage,
  overflowsHorizontally,
  startHostServer,
  type HostServer,
} from './embed-harness';
import { days } from '../support/days';

const NOV_25 = 't=2024-11-25..2024-11-25';
const KHARKIV = 'strike-kharkiv-2024-11-25';
/** Frames the Black Sea, so a sea pixel can be sampled at both sizes. */
const SEA_VIEW = 'view=45,34,5';
// West of 34° E: at 375 px the attribution (Natural Earth, GSHHG, GeoNames) covers the map's bottom right.
const SEA: [number, number] = [33.0, 43.6];
const HOSTILE_TITLE = `<img src=x onerror="window.__pwned=1">Kharkiv "strikes" & more`;
const SIZES = { wide: { width: 1280, height: 720 }, narrow: { width: 375, height: 640 } } as const;

let atlas = '';
let host: HostServer;

const hex = (h: string): Rgba => {
  const n = Number.parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
};

async function withPage(
  url: string,
  body: (app: AppPage) => Promise<void>,
  options: Parameters<typeof openPage>[1] = {},
): Promise<void> {
  const app = await openPage(url, options);
  try {
    await body(app);
    expectCleanPage(app);
  } catch (error) {
    await screenshot(app.page, `failed-embed-${expect.getState().currentTestName ?? 'test'}`).catch(() => undefined);
    throw error;
  } finally {
    await app.close();
  }
}

const embedUrl = (query: string, hash: string): string => `${atlas}embed.html${query}#${hash}`;

/** Waits until the iframe is as tall as its content (within a pixel). */
async function expectSized(page: Page, selector: string, frame: Frame): Promise<number> {
  await expect
    .poll(async () => Math.abs((await iframeHeight(page, selector)) - (await contentHeight(frame))), {
      timeout: 15_000,
    })
    .toBeLessThanOrEqual(1);
  return iframeHeight(page, selector);
}

function article(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A news article</title>
<style>body{font:16px/1.5 serif;max-width:720px;margin:0 auto;padding:1rem}</style>
<script>window.__messages=[];addEventListener('message',function(e){__messages.push({data:e.data,origin:e.origin})});</script>
</head><body><h1>An article with maps</h1><p>Text before the maps.</p>${body}<p>Text after the maps.</p></body></html>`;
}

browserSuite('Conflict Atlas embed in Chromium', embedTestDist(), (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
    host = await startHostServer();
    host.setPage('/forger.html', `<!doctype html><title>forger</title><p>third party</p>`);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('sizes two atlases on a page of another origin to their content, and ignores forged resize messages', async () => {
    const a = embedCode({
      base: atlas,
      state: { t: days('2024-11-25'), sel: KHARKIV },
      flags: { id: 'map-a', theme: 'light' },
      width: null,
      height: 400,
    });
    const b = embedCode({
      base: atlas,
      state: { t: days('2024-11-01', '2024-11-30'), mode: 'cumulative' },
      flags: { id: 'map-b', theme: 'dark', controls: false, plain: true },
      width: 600,
      height: 900,
    });
    // A frame marked as an atlas whose src is on the atlas origin, later navigated to another origin.
    const decoy = `<iframe id="decoy" data-conflict-atlas="decoy" src="${atlas}favicon.svg" height="150" style="border:0"></iframe>`;
    const third = `<iframe id="third" src="${host.origin}/forger.html" height="80"></iframe>`;
    host.setPage('/article.html', article(`${a.snippet}<p>Between the maps.</p>${b.snippet}${decoy}${third}`));
    expect(host.origin).not.toBe(new URL(atlas).origin);

    await withPage(
      `${host.origin}/article.html`,
      async ({ page }) => {
        // Chromium does not render a cross-origin frame out of view (nor would a reader's browser):
        // each map draws once it is scrolled to, but both report their heights at once.
        const frameA = await frameWith(page, 'id=map-a');
        const frameB = await frameWith(page, 'id=map-b');
        await frameReady(frameA);
        const heightA = await expectSized(page, 'iframe[data-conflict-atlas="map-a"]', frameA);
        await page.locator('iframe[data-conflict-atlas="map-b"]').scrollIntoViewIfNeeded();
        await frameReady(frameB);
        const heightB = await expectSized(page, 'iframe[data-conflict-atlas="map-b"]', frameB);
        await page
          .locator('iframe[data-conflict-atlas="map-b"]')
          .screenshot({ path: join(ARTIFACTS_DIR, 'embed-host-second-atlas.png') });
        await page.locator('iframe[data-conflict-atlas="map-a"]').scrollIntoViewIfNeeded();
        expect(heightA, 'the selected feature’s details make the first embed taller').toBeGreaterThan(heightB + 100);
        expect(heightA).not.toBe(400);
        expect(heightB).not.toBe(900);
        const ids = await page.evaluate(() =>
          (window as unknown as { __messages: { data: { id?: string } }[] }).__messages.map((m) => m.data.id),
        );
        expect(ids).toEqual(expect.arrayContaining(['map-a', 'map-b']));

        // Content grows (the events list opens): the iframe follows.
        await frameA.locator('#embed-events > summary').click();
        const grown = await expectSized(page, 'iframe[data-conflict-atlas="map-a"]', frameA);
        expect(grown).toBeGreaterThan(heightA);

        // Forged: from the host window itself, from a third frame, and from the decoy after it left the atlas origin.
        const decoyFrame = await (await page.$('#decoy'))?.contentFrame();
        const thirdFrame = await (await page.$('#third'))?.contentFrame();
        if (!decoyFrame || !thirdFrame) throw new Error('the decoy and third frames are missing');
        await decoyFrame.goto(`${host.origin}/forger.html`);
        expect(await page.$eval('#decoy', (f) => f.getAttribute('src'))).toBe(`${atlas}favicon.svg`);
        const forge = (id: string) => ({ type: 'conflict-atlas:resize', id, height: 3333 });
        await page.evaluate((msg) => window.postMessage(msg, '*'), forge('map-a'));
        await thirdFrame.evaluate((msg) => parent.postMessage(msg, '*'), forge('map-b'));
        await decoyFrame.evaluate((msg) => parent.postMessage(msg, '*'), forge('decoy'));
        await page.waitForTimeout(400);
        expect(await iframeHeight(page, 'iframe[data-conflict-atlas="map-a"]')).toBe(grown);
        expect(await iframeHeight(page, 'iframe[data-conflict-atlas="map-b"]')).toBe(heightB);
        expect(await iframeHeight(page, '#decoy')).toBe(150);
        const seen = await page.evaluate(
          () =>
            (window as unknown as { __messages: { data: { height?: number } }[] }).__messages.filter(
              (m) => m.data.height === 3333,
            ).length,
        );
        expect(seen, 'the forged messages did arrive').toBe(3);
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'embed-host-two-atlases');
      },
      { viewport: SIZES.wide, waitReady: false },
    );
  });

  interface Shown {
    theme: string | undefined;
    slider: boolean;
    caption: string | null;
    header: string | null;
    footer: boolean;
    markup: number;
  }

  /** What the embed shows now, and that the sea has the theme's colour. */
  async function shown(page: Page, dark: boolean): Promise<Shown> {
    const [sea] = await sampleSpots(page, [await project(page, ...SEA)]);
    expect(
      colourDistance(sea, hex(dark ? BASEMAP_DARK.sea : BASEMAP.sea)),
      `sea pixel ${sea.join(',')}`,
    ).toBeLessThanOrEqual(12);
    return page.evaluate(() => {
      const visible = (sel: string): boolean => {
        const n = document.querySelector<HTMLElement>(sel);
        return !!n && n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden';
      };
      return {
        theme: document.documentElement.dataset.theme,
        slider: visible('#time-slider'),
        caption: visible('#embed-caption') ? (document.getElementById('embed-caption')?.textContent ?? '') : null,
        header: visible('#embed-header') ? (document.getElementById('embed-title')?.textContent ?? '') : null,
        footer: visible('#embed-footer'),
        markup: document.querySelectorAll('#embed-title *').length + document.images.length,
      };
    });
  }

  /** Drags on the map and the slider, scrolls with Ctrl, and presses keys. */
  async function pokeEverything(page: Page): Promise<void> {
    const map = await page.locator('#map').boundingBox();
    if (!map) throw new Error('no #map box');
    const [cx, cy] = [map.x + map.width / 2, map.y + map.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 160, cy + 90, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    const track = await page.locator('#time-slider').boundingBox();
    if (track) {
      await page.mouse.move(track.x + track.width - 4, track.y + track.height / 2);
      await page.mouse.down();
      await page.mouse.move(track.x + track.width * 0.3, track.y + track.height / 2, { steps: 6 });
      await page.mouse.up();
    }
    // Arrows on the slider (focused by the drag, if it took focus), then Tab onwards and more keys.
    for (const key of ['ArrowLeft', 'Shift+ArrowLeft', 'Tab', 'Tab', 'Tab', 'ArrowLeft', 'ArrowUp', '+', 'PageDown'])
      await page.keyboard.press(key);
    await page.waitForTimeout(400);
    await idle(page);
  }

  it('default flags: auto theme, slider, header and footer; fits 320 to 1600 px; the map and the slider respond', async () => {
    await withPage(
      embedUrl('', `t=2024-11-01..2024-11-20&${SEA_VIEW}`),
      async ({ page }) => {
        // Loaded narrow: the key starts collapsed, the slider's targets are finger-sized.
        expect(await page.$eval('#embed-legend', (d) => (d as HTMLDetailsElement).open)).toBe(false);
        expect((await page.locator('#time-slider').boundingBox())?.height).toBeGreaterThanOrEqual(44);
        const play = await page.locator('#play-toggle').boundingBox();
        expect(Math.min(play?.width ?? 0, play?.height ?? 0)).toBeGreaterThanOrEqual(40);
        for (const width of [320, 375, 600, 900, 1280, 1600]) {
          await page.setViewportSize({ width, height: 700 });
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          expect(await overflowsHorizontally(page), `at ${width} px`).toEqual([]);
        }
        for (const size of ['narrow', 'wide'] as const) {
          await page.setViewportSize(SIZES[size]);
          await idle(page);
          expect(await shown(page, false)).toEqual({
            theme: 'light',
            slider: true,
            caption: null,
            header: 'Strikes, facilities and troop deployments over time',
            footer: true,
            markup: 0,
          });
          await screenshot(page, `embed-light-${SIZES[size].width}x${SIZES[size].height}`);
        }
        expect(await page.locator('#embed-export').count(), 'no export without export=1').toBe(0);
        // theme=auto (the default) follows the reader's colour scheme as it changes, base map included.
        await page.emulateMedia({ colorScheme: 'dark' });
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
        await idle(page);
        expect((await shown(page, true)).theme).toBe('dark');
        await page.emulateMedia({ colorScheme: 'light' });
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
        await idle(page);
        // The control case for static=1: here a drag, a Ctrl+wheel and keys do move things.
        const before = await getState(page);
        await pokeEverything(page);
        const after = await getState(page);
        expect(after.view, 'an interactive map moves').not.toEqual(before.view);
        expect(after.window, 'an interactive slider moves').not.toEqual(before.window);
      },
      { viewport: SIZES.narrow },
    );
  });

  it('theme=dark, controls=0, plain=1, export=1 and title= change what is shown (the title stays text)', async () => {
    const query = `?theme=dark&controls=0&plain=1&export=1&title=${encodeURIComponent(HOSTILE_TITLE)}`;
    await withPage(
      embedUrl(query, `${NOV_25}&${SEA_VIEW}`),
      async ({ page }) => {
        for (const size of ['wide', 'narrow'] as const) {
          await page.setViewportSize(SIZES[size]);
          await idle(page);
          expect(await overflowsHorizontally(page)).toEqual([]);
          // plain=1 drops the default heading and the footer; an explicit title is still shown.
          expect(await shown(page, true)).toEqual({
            theme: 'dark',
            slider: false,
            caption: '25 Nov 2024',
            header: HOSTILE_TITLE,
            footer: false,
            markup: 0,
          });
          await screenshot(page, `embed-dark-controls0-plain-title-${SIZES[size].width}x${SIZES[size].height}`);
        }
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.title()).toBe(`${HOSTILE_TITLE} — Conflict Atlas`);
        // export=1: an Export button whose dialog loads on demand.
        await page.locator('#embed-export').click();
        await page.locator('dialog[open]').waitFor();
        await screenshot(page, 'embed-export-dialog-375x640');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
      },
      { viewport: SIZES.wide },
    );
  });

  it('static=1 ignores drags, wheels and keys', async () => {
    await withPage(
      embedUrl('?static=1&plain=1&theme=light', `t=2024-11-01..2024-11-20&${SEA_VIEW}`),
      async ({ page }) => {
        const before = await getState(page);
        await pokeEverything(page);
        expect(await getState(page)).toEqual(before);
        expect(await page.evaluate(() => !!document.activeElement?.closest('#map, #time'))).toBe(false);
        expect(await page.locator('.atlas-ctrl-zoom-in').isVisible()).toBe(false);
        expect(await page.locator('input[name=layer]').first().isDisabled()).toBe(true);
        expect(await shown(page, false)).toMatchObject({
          caption: '1 Nov 2024 – 20 Nov 2024',
          header: null,
          footer: false,
        });
        await screenshot(page, 'embed-static-plain-1280x720');
      },
      { viewport: SIZES.wide },
    );
  });

  it('autoplay=1 advances the window and stops at the end; never under reduced motion', async () => {
    const end = dataSpan().end;
    const endDay = parseIsoDay(end) as number;
    // At the default speed (a week a second) this plays for about three seconds.
    const start = `t=${formatIsoDay(endDay - 27)}..${formatIsoDay(endDay - 21)}`;
    await withPage(embedUrl('?autoplay=1', start), async ({ page }) => {
      await expect
        .poll(
          async () => {
            const s = await getState(page);
            return s.playing && s.window.from > endDay - 26;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await expect
        .poll(async () => getState(page), { timeout: 20_000 })
        .toMatchObject({ playing: false, window: { to: endDay } });
    });
    await withPage(
      embedUrl('?autoplay=1', start),
      async ({ page }) => {
        await page.waitForTimeout(1500);
        expect(await getState(page)).toMatchObject({ playing: false, window: { from: endDay - 27 } });
      },
      { reducedMotion: 'reduce' },
    );
  });

  it('without WebGL says so, and the event list still works', async () => {
    const noWebgl = `(() => { const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return /webgl/i.test(String(type)) ? null : get.call(this, type, ...rest); }; })();`;
    await withPage(
      embedUrl('?theme=light', NOV_25),
      async ({ page }) => {
        await expect(page.locator('.fatal').textContent()).resolves.toMatch(/WebGL/);
        expect(await page.$eval('#embed-events', (d) => (d as HTMLDetailsElement).open)).toBe(true);
        await page.locator(`#event-list li[data-feature-id="${KHARKIV}"] button`).click();
        await expect.poll(() => page.locator('#details h2').textContent()).toMatch(/Kharkiv/);
        await expect.poll(() => page.locator('.details-source-quote').count()).toBeGreaterThan(0);
        await screenshot(page, 'embed-no-webgl-375x640');
      },
      { initScript: noWebgl, viewport: SIZES.narrow },
    );
  });

  it('the Share / Embed dialog writes code that works pasted into a blank page', async () => {
    let snippet = '';
    await withPage(
      `${atlas}index.html#${NOV_25}&sel=${KHARKIV}`,
      async ({ page }) => {
        await page.locator('#share-button').click();
        const dialog = page.locator('dialog#share-dialog[open]');
        await dialog.waitFor();
        expect(
          await page.evaluate(
            () =>
              document.getElementById(document.querySelector('dialog')?.getAttribute('aria-labelledby') ?? '')
                ?.textContent,
          ),
        ).toMatch(/Share or embed/);
        expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
        await page.locator('#share-title').fill(HOSTILE_TITLE);
        await page.locator('#share-theme').selectOption('dark');
        await expect.poll(() => page.locator('#share-code').inputValue()).toMatch(/theme=dark/);
        snippet = await page.locator('#share-code').inputValue();
        expect(snippet).toContain('data-conflict-atlas=');
        expect(snippet).not.toContain('<img');
        await page.locator('#share-copy-code').click();
        await expect.poll(() => page.locator('#share-status').textContent()).toMatch(/embed code/);
        const preview = await frameWith(page, 'theme=dark');
        await frameReady(preview);
        // The preview follows its frame's height, up to a cap.
        await expect
          .poll(async () =>
            Math.abs((await iframeHeight(page, '#share-preview')) - Math.min(1200, await contentHeight(preview))),
          )
          .toBeLessThanOrEqual(1);
        await screenshot(page, 'embed-share-dialog');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('#share-dialog').count()).toBe(0);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('share-button');
      },
      { viewport: SIZES.wide },
    );

    host.setPage(
      '/pasted.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body>\n${snippet}\n</body></html>`,
    );
    await withPage(
      `${host.origin}/pasted.html`,
      async ({ page }) => {
        const frame = await frameWith(page, 'embed.html');
        await frameReady(frame);
        await expectSized(page, 'iframe[data-conflict-atlas]', frame);
        expect(await frame.locator('#embed-title').textContent()).toBe(HOSTILE_TITLE);
        expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
        expect((await getStateIn(frame)).selected).toBe(KHARKIV);
        const attrs = await page.$eval('iframe', (f) => ({
          title: f.title,
          sandbox: f.getAttribute('sandbox'),
          loading: f.getAttribute('loading'),
          images: document.images.length,
        }));
        expect(attrs).toEqual({
          title: `${HOSTILE_TITLE} (interactive map)`,
          sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
          loading: 'lazy',
          images: 0,
        });
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        await screenshot(page, 'embed-pasted-blank-page');
      },
      { viewport: SIZES.wide, waitReady: false },
    );
  });
});

async function getStateIn(frame: Frame): Promise<{ selected: string | null }> {
  return frame.evaluate(() => ({
    selected: (
      window as unknown as { __atlas: { store: { getState(): { selected: string | null } } } }
    ).__atlas.store.getState().selected,
  }));
}
