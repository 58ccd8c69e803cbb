// Browser tests: the embed's deck.gl-drawn map (no MapLibre) matches its poster (drawn by the app's MapLibre map) — no shift, same colours.
import { expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { browserSuite, embedTestDist, expectCleanPage, recordedPage, screenshot, waitForAtlasReady } from './harness';
import { builtFile } from './embed-harness';
import { BASEMAP, BASEMAP_DARK, type BasemapPalette } from '../../src/core/config';
import { rgba } from '../../src/ui/map/deck-basemap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../src/ui/story/story';
import { expectFitted } from './story-fit';
import { REPO_ROOT } from './harness';

type Box = { x: number; y: number; width: number; height: number };
type Rgb = [number, number, number];

/** The base map's colours a pixel can be (a fill, a line, or a name's text). */
function classes(p: BasemapPalette): Record<string, Rgb> {
  const c = (hex: string): Rgb => rgba(hex).slice(0, 3) as Rgb;
  return {
    sea: c(p.sea),
    land: c(p.land),
    ukraine: c(p.focusLand ?? p.land),
    border: c(p.border),
    label: p.label.slice(0, 3) as Rgb,
  };
}

function px(png: PNG, x: number, y: number): Rgb {
  const i = (y * png.width + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

/** The class whose colour the pixel has (within `tol` a channel), or null (anti-aliasing, data, other lines). */
function classOf(rgb: Rgb, cls: Record<string, Rgb>, tol = 6): string | null {
  for (const [name, c] of Object.entries(cls))
    if (Math.abs(rgb[0] - c[0]) <= tol && Math.abs(rgb[1] - c[1]) <= tol && Math.abs(rgb[2] - c[2]) <= tol) return name;
  return null;
}

/**
 * For each class: how many pixels of the map box the live map draws in it, and the share of those
 * where the poster, shifted by (dx, dy), has the same class within `near` px (lines and text are
 * antialiased differently by the two renderers; fills must agree exactly).
 */
function classAgreement(
  live: PNG,
  poster: PNG,
  box: Box,
  cls: Record<string, Rgb>,
  dx = 0,
  dy = 0,
  masks: readonly Box[] = [],
): Record<string, { count: number; agree: number }> {
  const masked = (x: number, y: number): boolean =>
    masks.some((m) => x >= m.x - 2 && x <= m.x + m.width + 2 && y >= m.y - 2 && y <= m.y + m.height + 2);
  const out: Record<string, { count: number; agree: number }> = {};
  for (const k of Object.keys(cls)) out[k] = { count: 0, agree: 0 };
  for (let y = box.y + 4; y < box.y + box.height - 4; y += 1) {
    for (let x = box.x + 4; x < box.x + box.width - 4; x += 1) {
      const k = classOf(px(live, x, y), cls);
      if (!k || masked(x, y)) continue;
      const line = k === 'border' || k === 'label';
      // A fill is compared inside it only (2 px from any edge): the poster is a lossy WebP, whose edges ring.
      if (
        !line &&
        [-2, 2].some((o) => classOf(px(live, x + o, y), cls) !== k || classOf(px(live, x, y + o), cls) !== k)
      )
        continue;
      const near = line ? 1 : 0;
      let same = false;
      for (let oy = -near; oy <= near && !same; oy++)
        for (let ox = -near; ox <= near && !same; ox++)
          same = classOf(px(poster, x + ox + dx, y + oy + dy), cls, 10) === k;
      out[k].count++;
      if (same) out[k].agree++;
    }
  }
  return out;
}

const share = (r: { count: number; agree: number }): number => (r.count ? r.agree / r.count : 0);

/** Opens embed.html at `url` with its live map's code held back: the poster's screenshot, then the live map's. */
async function posterThenLive(
  url: string,
  viewport: { width: number; height: number },
  name: string,
): Promise<{
  poster: PNG;
  live: PNG;
  box: Box;
  masks: Box[];
  page: Page;
  close: () => Promise<void>;
  check: () => void;
}> {
  const app = await recordedPage({ viewport });
  const { page } = app;
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
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.atlasPicture === '1', undefined, {
    timeout: 30_000,
  });
  const box = await page.$eval('#map', (n) => {
    const r = n.getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.floor(r.width), height: Math.floor(r.height) };
  });
  const poster = PNG.sync.read(await page.screenshot());
  await screenshot(page, `${name}-poster`);
  const masks = await overMap(page);
  release();
  await waitForAtlasReady(page);
  await page.waitForFunction(() => !document.getElementById('embed-poster'), undefined, { timeout: 10_000 });
  const shot = PNG.sync.read(await page.screenshot());
  await screenshot(page, `${name}-live`);
  masks.push(...(await overMap(page)));
  return { poster, live: shot, box, masks, page, close: () => app.close(), check: () => expectCleanPage(app) };
}

/** What the page puts over the map (the key, the caption, the map's controls, a story card): not the map's pixels. */
function overMap(page: Page): Promise<Box[]> {
  return page.$$eval(
    '.embed-legend, .embed-caption, .atlas-ctrl, .story-bar, [data-map-obstacle], .deck-tooltip',
    (nodes) =>
      nodes
        .map((n) => n.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
  );
}

/** Mean |difference| a channel (0–255) between the live map and the poster moved by (dx, dy), over the map outside `masks`. */
function meanDiff(live: PNG, poster: PNG, box: Box, masks: readonly Box[], dx: number, dy: number): number {
  let sum = 0;
  let n = 0;
  for (let y = box.y + 4; y < box.y + box.height - 4; y++) {
    for (let x = box.x + 4; x < box.x + box.width - 4; x++) {
      if (masks.some((m) => x >= m.x - 2 && x <= m.x + m.width + 2 && y >= m.y - 2 && y <= m.y + m.height + 2))
        continue;
      const a = px(live, x, y);
      const b = px(poster, x + dx, y + dy);
      sum += Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
      n += 3;
    }
  }
  return sum / n;
}

/**
 * How much of a line colour is drawn over a background colour (each pixel's share of the way from
 * `bg` to `fg`, for pixels on that segment of colours): a line's width × length, antialiasing included.
 */
function ink(png: PNG, box: Box, masks: readonly Box[], bg: Rgb, fg: Rgb): number {
  const d = [fg[0] - bg[0], fg[1] - bg[1], fg[2] - bg[2]];
  const dd = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
  let total = 0;
  for (let y = box.y + 4; y < box.y + box.height - 4; y++) {
    for (let x = box.x + 4; x < box.x + box.width - 4; x++) {
      if (masks.some((m) => x >= m.x - 2 && x <= m.x + m.width + 2 && y >= m.y - 2 && y <= m.y + m.height + 2))
        continue;
      const p = px(png, x, y);
      const t = ((p[0] - bg[0]) * d[0] + (p[1] - bg[1]) * d[1] + (p[2] - bg[2]) * d[2]) / dd;
      if (t <= 0.05 || t > 1.05) continue;
      const off = Math.hypot(p[0] - bg[0] - t * d[0], p[1] - bg[1] - t * d[1], p[2] - bg[2] - t * d[2]);
      if (off < 10) total += Math.min(1, t);
    }
  }
  return total;
}

/**
 * The live map is its poster: the fills in the same colours where they are drawn, lines about as
 * heavy (borders and rivers over the land), and no shift — moved by a pixel or two either way, the
 * poster agrees less with the live map than where it is.
 */
function expectSameMap(
  poster: PNG,
  live: PNG,
  box: Box,
  masks: Box[],
  opts: { lines: readonly ('borders' | 'rivers')[]; maxMeanDiff: number },
): void {
  const cls = classes(BASEMAP);
  const here = classAgreement(live, poster, box, cls, 0, 0, masks);
  const area = box.width * box.height;
  // (Ukraine's own land shows only where no data layer covers it: at the default view the whole of it is
  // under the window's regions, so its colour is checked where it is drawn, not required.)
  for (const k of ['sea', 'land'] as const)
    expect(here[k].count / area, `${k}: share of the map`).toBeGreaterThan(0.03);
  for (const k of ['sea', 'land', 'ukraine'] as const)
    if (here[k].count > 500) expect(share(here[k]), `${k}: same colour in the poster`).toBeGreaterThan(0.9);
  const land = cls.land;
  const lineColours = { borders: cls.border, rivers: rgba(BASEMAP.river).slice(0, 3) as Rgb };
  for (const name of opts.lines) {
    const colour = lineColours[name];
    const ratio = ink(live, box, masks, land, colour) / ink(poster, box, masks, land, colour);
    expect(ratio, `${name}: ink, live / poster`).toBeGreaterThan(0.75);
    expect(ratio, `${name}: ink, live / poster`).toBeLessThan(1.33);
  }
  const at = meanDiff(live, poster, box, masks, 0, 0);
  expect(at, 'mean difference a channel').toBeLessThan(opts.maxMeanDiff);
  for (const [dx, dy] of [
    [2, 0],
    [-2, 0],
    [0, 2],
    [0, -2],
    [1, 1],
  ])
    expect(meanDiff(live, poster, box, masks, dx, dy), `poster moved by ${dx},${dy}`).toBeGreaterThan(at * 1.15);
}

const story = JSON.parse(readFileSync(join(REPO_ROOT, 'data/story.json'), 'utf8')) as Story;

browserSuite("the embed's deck.gl map against its poster", embedTestDist(), (suite) => {
  it('wide: the live map is the poster (no shift, same colours); a story step’s bounds fitted beside the card', async () => {
    const r = await posterThenLive(`${suite.url}embed.html`, { width: 1280, height: 720 }, 'embed-deck-default-1280');
    try {
      expectSameMap(r.poster, r.live, r.box, r.masks, { lines: ['borders', 'rivers'], maxMeanDiff: 6 });
      // No MapLibre on this page: deck.gl's canvas is the map's only one.
      expect(await r.page.locator('#map canvas').count()).toBe(1);
      expect(await r.page.locator('.maplibregl-map').count()).toBe(0);
      // Step 3 of the story (the treaty: Kyiv and Kursk to Hamhung): its bounds fitted beside the card,
      // as the app's MapLibre map fits them (story.test.ts), by deck.gl's camera with the same padding.
      await r.page.evaluate(() => (location.hash = '#story=1&step=3'));
      await r.page.locator('.story-bar').waitFor();
      const step3 = story.steps[2];
      if (!step3.fit) throw new Error('story step 3 has no fit bounds');
      await expectFitted(r.page, step3.fit, step3.view.zoom, 'embed step 3');
      await waitForAtlasReady(r.page);
      await screenshot(r.page, 'embed-deck-story3-1280-live');
      r.check();
    } finally {
      await r.close();
    }
  }, 180_000);

  it('on a phone (375 px) the live map is the poster too; theme=dark draws the dark palette', async () => {
    const r = await posterThenLive(`${suite.url}embed.html`, { width: 375, height: 667 }, 'embed-deck-phone');
    try {
      // On a phone the borders are few, mostly under the data's outlines, and the names placed for the
      // poster's wider class (480 px) differ: their ink would be the names'; the rivers' is compared. That
      // class's picture is also centred half a pixel off in a 375-px box ((480 − 375) / 2): a mean
      // difference of ~10 a channel, the same with the MapLibre embed (main: 11.1 against 11.1 here).
      expectSameMap(r.poster, r.live, r.box, r.masks, { lines: ['rivers'], maxMeanDiff: 13 });
      // The dark theme (no poster: the pictures are light): the base map's fills in the dark palette.
      await r.page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => r.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await waitForAtlasReady(r.page);
      const dark = PNG.sync.read(await r.page.screenshot());
      await screenshot(r.page, 'embed-deck-phone-dark');
      const counts = classAgreement(dark, dark, r.box, classes(BASEMAP_DARK));
      for (const k of ['sea', 'land'] as const)
        expect(counts[k].count / (r.box.width * r.box.height), `dark ${k}`).toBeGreaterThan(0.03);
      // …and none of the light palette's fills is left.
      const light = classAgreement(dark, dark, r.box, classes(BASEMAP));
      expect(light.sea.count + light.land.count + light.ukraine.count).toBe(0);
      r.check();
    } finally {
      await r.close();
    }
  }, 120_000);
});
