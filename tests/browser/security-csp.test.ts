// Strict CSP: the preview server sends it, and every feature of the app and the embed (framed by another origin) works under it with no violation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentSecurityPolicy, OTHER_SECURITY_HEADERS } from '../../scripts/csp';
import { embedCode } from '../../src/ui/embed/embed-code';
import {
  browserContext,
  browserSuite,
  eventually,
  getState,
  idle,
  project,
  REPO_ROOT,
  screenshot,
  withApp,
} from './harness';
import { frameReady, frameWith, openPage, startHostServer, type HostServer } from './embed-harness';
import { armContext, dropFiles, expectNoAttack, findings, injectionsOnlyFrom } from './security-harness';
import { exportDataIn, exportPngIn } from './export-helpers';
import { days } from '../support/days';

const NOV_25 = 't=2024-11-25..2024-11-25';
const KHARKIV: [number, number] = [36.2304, 49.9935];
let atlas = '';
let host: HostServer;
let dialogs: string[] = [];

/** CSP messages the console shows (the page's and its workers'), collected beside the tripwire's events. */
function cspConsole(page: Page): string[] {
  const seen: string[] = [];
  const note = (text: string): void => {
    if (/Content Security Policy|Refused to/i.test(text)) seen.push(text);
  };
  page.on('console', (m) => note(m.text()));
  page.on('worker', (w) => w.on('console', (m) => note(`worker ${w.url()}: ${m.text()}`)));
  return seen;
}

browserSuite('strict Content-Security-Policy', (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
    host = await startHostServer();
    ({ dialogs } = await armContext(await browserContext()));
  });
  afterAll(async () => {
    await host?.close();
  });

  it('the preview server sends the policy with every response: the app framed only by itself, the embed by anyone', async () => {
    const expectHeaders = async (path: string, kind: 'app' | 'embed'): Promise<void> => {
      const res = await fetch(`${atlas}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(contentSecurityPolicy(kind));
      for (const [name, value] of Object.entries(OTHER_SECURITY_HEADERS))
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
      expect(res.headers.get('x-frame-options'), path).toBeNull();
    };
    await expectHeaders('', 'app');
    await expectHeaders('index.html', 'app');
    await expectHeaders('embed.html?theme=dark&title=x', 'embed');
    await expectHeaders('embed.js', 'embed');
    const html = await (await fetch(`${atlas}index.html`)).text();
    const worker = /assets\/[^"']+\.js/.exec(html)?.[0] ?? '';
    await expectHeaders(worker, 'embed');
    expect(contentSecurityPolicy('app')).toMatch(
      /^default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;.* connect-src 'self'; worker-src 'self' blob:;.* frame-ancestors 'self'$/,
    );
    expect(contentSecurityPolicy('embed')).toMatch(/frame-ancestors \*$/);
    expect(contentSecurityPolicy('app')).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe/);
    // An unknown path is a 404, not the app under another name (it would take the embed's frame-ancestors).
    expect((await fetch(`${atlas}x/embed.html`)).status).toBe(404);
  });

  it('controls: the tripwire does see a violation, an injected element and a canary when there is one', async () => {
    const app = await openPage(`${atlas}index.html#${NOV_25}`, { waitReady: false });
    try {
      await app.page.evaluate(() => {
        const d = document.createElement('div');
        d.setAttribute('style', 'color: red');
        document.body.append(d);
        document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned = 1">');
      });
      await app.page.evaluate(() => ((window as unknown as Record<string, number>).__pwned = 2));
      await eventually(async () => {
        const f = (await findings(app.page, dialogs)).frames[0];
        return [
          f.violations.some((v) => v.startsWith('style-src-attr')),
          f.injected.some((i) => i.startsWith('<img')),
          f.canary,
        ];
      }).toEqual([true, true, ['2']]);
    } finally {
      await app.close();
    }
  });

  it('the app: map, slider, play, list, details, legend, filters, import worker, exports, share dialog, story — no violation', async () => {
    await withApp(
      `#${NOV_25}&view=49.2,34.5,5.5`,
      async ({ page }) => {
        const consoleCsp = cspConsole(page);
        // The map: drag, zoom, hover (tooltip), click a strike (details).
        const [x, y] = await project(page, ...KHARKIV);
        await page.mouse.move(x, y, { steps: 3 });
        await eventually(() => page.locator('.deck-tooltip').isVisible()).toBe(true);
        await page.mouse.click(x, y);
        await eventually(() => page.locator('#details h2').isVisible()).toBe(true);
        const box = await page.locator('#map').boundingBox();
        if (!box) throw new Error('no #map');
        await page.mouse.move(box.x + 200, box.y + 200);
        await page.mouse.down();
        await page.mouse.move(box.x + 260, box.y + 240, { steps: 5 });
        await page.mouse.up();
        await page.locator('.maplibregl-ctrl-zoom-in').click();
        await idle(page);
        // The slider by keyboard, and play / pause.
        await page.locator('#time-slider').focus();
        for (const key of ['ArrowLeft', 'Shift+ArrowLeft', 'Home', 'End']) await page.keyboard.press(key);
        await page.locator('#play-toggle').click();
        await page.keyboard.press('Home');
        await eventually(async () => (await getState(page)).playing).toBe(true);
        await page.locator('#play-toggle').click();
        await page.evaluate((t) => (location.hash = t), `#${NOV_25}`);
        // The list and the legend.
        await page.locator('#event-list li button').first().click();
        await page.locator('#legend input[name=layer]').first().uncheck();
        await page.locator('#legend input[name=layer]').first().check();
        // Filters and search.
        await page.locator('#filter-search').fill('Kharkiv');
        await eventually(() => page.locator('#event-list mark').count()).toBeGreaterThan(0);
        await page.locator('.filter-weapons input[value=drone]').uncheck();
        await page.locator('#filter-clear').click();
        // An import, in its worker.
        await dropFiles(page, [
          { name: 'acled.csv', text: readFileSync(join(REPO_ROOT, 'tests/fixtures/import/acled-sample.csv'), 'utf8') },
        ]);
        await eventually(() => page.locator('#imports .import-counts').first().textContent(), 20_000).toMatch(
          /10 loaded/,
        );
        // Exports: the dialog (PNG through its button, a download), the data exports.
        await page.locator('#export-button').click();
        await page.locator('dialog#export-dialog[open]').waitFor();
        await page.locator('#export-aspect').selectOption('custom');
        await page.locator('#export-width').fill('400');
        await page.locator('#export-height').fill('300');
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 90_000 }),
          page.locator('#export-go').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.png$/);
        await page.keyboard.press('Escape');
        await exportPngIn(page, 'security-csp-export.png', { width: 500, height: 300, scale: 1 });
        expect((await exportDataIn(page, 'csv')).count).toBeGreaterThan(0);
        expect((await exportDataIn(page, 'geojson')).count).toBeGreaterThan(0);
        // The share dialog, with its live preview of the embed.
        await page.locator('#share-button').click();
        await page.locator('dialog#share-dialog[open]').waitFor();
        await frameReady(await frameWith(page, 'embed.html'));
        await page.locator('#share-copy-link').click();
        await page.keyboard.press('Escape');
        // The story, a step on.
        await page.locator('#story-button').click();
        await page.locator('#story-bar').waitFor();
        await page.locator('#story-next').click();
        await eventually(() => page.locator('#story-position').textContent()).toMatch(/^Step 2 of/);
        await idle(page);
        await screenshot(page, 'security-csp-app');
        expect(consoleCsp).toEqual([]);
        expectNoAttack(await findings(page, dialogs));
      },
      { viewport: { width: 1280, height: 860 } },
    );
  });

  it('the embed on another origin’s page, with export=1 and the host script: no violation', async () => {
    const code = embedCode({
      base: atlas,
      state: { t: days('2024-11-20', '2024-11-25'), sel: 'strike-kharkiv-2024-11-25' },
      flags: { id: 'csp', export: true, theme: 'dark' },
      width: null,
      height: 500,
    });
    host.setPage(
      '/csp.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>article</title></head><body><h1>Article</h1>${code.snippet}</body></html>`,
    );
    const app = await openPage(`${host.origin}/csp.html`, { waitReady: false, viewport: { width: 1100, height: 900 } });
    try {
      const consoleCsp = cspConsole(app.page);
      const frame = await frameWith(app.page, 'embed.html');
      await frameReady(frame);
      await frame.locator('#time-slider').focus();
      await app.page.keyboard.press('ArrowLeft');
      await frame.locator('#embed-events > summary').click();
      await frame.locator('#embed-export').click();
      await frame.locator('dialog[open]').waitFor();
      await app.page.keyboard.press('Escape');
      await eventually(() =>
        app.page.$eval('iframe[data-conflict-atlas]', (f) => (f as HTMLElement).style.height),
      ).not.toBe('');
      await screenshot(app.page, 'security-csp-embed-on-host');
      expect(consoleCsp).toEqual([]);
      expectNoAttack(injectionsOnlyFrom(await findings(app.page, dialogs), new URL(atlas).origin));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
