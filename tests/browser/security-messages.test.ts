// Messages: the embed listens to none (forged ones change nothing); the host script obeys only its own frame's window from its own origin.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { embedCode } from '../../src/ui/embed/embed-code';
import { browserContext, browserSuite, eventually, screenshot } from './harness';
import { frameReady, frameWith, iframeHeight, openPage, startHostServer, type HostServer } from './embed-harness';
import { armContext, expectNoAttack, findings, injectionsOnlyFrom } from './security-harness';
import { days } from '../support/days';

let atlas = '';
let host: HostServer;
let dialogs: string[] = [];

/** Records every 'message' listener a page adds to its window (and an onmessage), before its scripts run. */
const LISTENER_SPY = `(() => {
  const seen = [];
  Object.defineProperty(window, '__messageListeners', { value: seen });
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === window && String(type) === 'message') seen.push(new Error('message listener').stack || 'message listener');
    return add.call(this, type, ...rest);
  };
  const desc = Object.getOwnPropertyDescriptor(window, 'onmessage') || Object.getOwnPropertyDescriptor(Window.prototype, 'onmessage');
  if (desc && desc.set) Object.defineProperty(window, 'onmessage', { configurable: true, get: desc.get, set(v) { seen.push('onmessage'); desc.set.call(this, v); } });
})();`;

/** A page on the atlas origin that posts a well-formed resize message to `target` once loaded. */
function forger(target: 'parent' | 'top', id: string, height: number): string {
  return `<!doctype html><meta charset="utf-8"><title>forger</title><p>forger</p><script>${target}.postMessage({ type: 'conflict-atlas:resize', id: ${JSON.stringify(id)}, height: ${height} }, '*');</script>`;
}

async function stateOf(frame: Frame): Promise<unknown> {
  return frame.evaluate(() => {
    const s = (
      window as unknown as {
        __atlas: { store: { getState(): Record<string, unknown> & { camera: { view(): unknown } } } };
      }
    ).__atlas.store.getState();
    return {
      window: s.window,
      mode: s.mode,
      layers: s.layers,
      selected: s.selected,
      view: s.camera.view(),
      story: s.story,
      filters: s.filters,
      playing: s.playing,
    };
  });
}

browserSuite('messages between the article and the embed', (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
    host = await startHostServer();
    const ctx = await browserContext();
    ({ dialogs } = await armContext(ctx));
    await ctx.addInitScript(LISTENER_SPY);
    // Pages served as if from the atlas origin (never shipped): well-formed messages from the wrong windows.
    await ctx.route(`${atlas}forge/sandboxed.html`, (r) =>
      r.fulfill({ contentType: 'text/html', body: forger('parent', 'sandboxed', 777) }),
    );
    await ctx.route(`${atlas}forge/grandchild.html`, (r) =>
      r.fulfill({ contentType: 'text/html', body: forger('top', 'nested', 888) }),
    );
    await ctx.route(`${atlas}forge/nester.html`, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>nester</title><iframe src="${atlas}forge/grandchild.html"></iframe>`,
      }),
    );
    await ctx.route(`${atlas}forge/plain.html`, (r) =>
      r.fulfill({ contentType: 'text/html', body: forger('parent', 'a', 999) }),
    );
  });
  afterAll(async () => {
    await host?.close();
  });

  it('the host script sizes only a marked frame from its own window and origin; the embed acts on no message', async () => {
    const a = embedCode({
      base: atlas,
      state: { t: days('2024-11-20', '2024-11-25') },
      flags: { id: 'a' },
      width: null,
      height: 400,
    });
    const frames = [
      // Marked, on the atlas origin, but sandboxed without allow-same-origin: its messages come from origin "null".
      `<iframe id="sandboxed" data-conflict-atlas="sandboxed" sandbox="allow-scripts" src="${atlas}forge/sandboxed.html" height="120" style="border:0"></iframe>`,
      // Marked; the message comes from a frame inside it (another window than the iframe's own).
      `<iframe id="nested" data-conflict-atlas="nested" src="${atlas}forge/nester.html" height="130" style="border:0"></iframe>`,
      // Not marked: a frame of the atlas origin claiming to be atlas "a".
      `<iframe id="plain" src="${atlas}forge/plain.html" height="140" style="border:0"></iframe>`,
    ].join('\n');
    host.setPage(
      '/messages.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>article</title>
<script>window.__got=[];addEventListener('message',function(e){__got.push(e.data&&e.data.id)});</script></head>
<body><h1>Article</h1>${a.snippet}\n${frames}</body></html>`,
    );
    const app = await openPage(`${host.origin}/messages.html`, {
      waitReady: false,
      viewport: { width: 1100, height: 900 },
    });
    try {
      const { page } = app;
      const embed = await frameWith(page, 'embed.html');
      await frameReady(embed);
      await eventually(() => iframeHeight(page, 'iframe[data-conflict-atlas="a"]'), 15_000).not.toBe(400);
      // Every forged message did arrive at the host page...
      await eventually(() =>
        page.evaluate(() => (window as unknown as { __got: string[] }).__got.filter((id) => id !== 'a').sort()),
      ).toEqual(['nested', 'sandboxed']);
      await eventually(() =>
        page.evaluate(() => (window as unknown as { __got: string[] }).__got.filter((id) => id === 'a').length),
      ).toBeGreaterThan(1);
      const heightA = await iframeHeight(page, 'iframe[data-conflict-atlas="a"]');
      // ...and none was obeyed.
      expect(await iframeHeight(page, '#sandboxed')).toBe(120);
      expect(await iframeHeight(page, '#nested')).toBe(130);
      expect(await iframeHeight(page, '#plain')).toBe(140);
      expect(heightA).not.toBe(999);

      // The embed itself: no message listener, and forged "commands" from its parent change nothing.
      expect(
        await embed.evaluate(() => (window as unknown as { __messageListeners: string[] }).__messageListeners),
      ).toEqual([]);
      const before = await stateOf(embed);
      await page.evaluate(() => {
        const w = (document.querySelector('iframe[data-conflict-atlas="a"]') as HTMLIFrameElement)
          .contentWindow as Window;
        const forged: unknown[] = [
          '#t=2021-08-09..2021-08-13&layers=deployments',
          { type: 'conflict-atlas:state', hash: '#t=2021-08-09..2021-08-13', layers: [] },
          { type: 'conflict-atlas:select', id: 'strike-kharkiv-2024-11-25' },
          { type: 'conflict-atlas:story', step: 3 },
          { type: 'conflict-atlas:resize', id: 'a', height: 5 },
          { type: 'setState', window: { from: '2021-08-09', to: '2021-08-13' }, playing: true },
          { __proto__: { polluted: 1 }, type: 'x' },
        ];
        for (const m of forged) w.postMessage(m, '*');
      });
      await page.waitForTimeout(500); // a handler, had there been one, would have run by now
      expect(await stateOf(embed)).toEqual(before);
      expect(await embed.evaluate(() => location.hash)).not.toContain('2021-08-09');
      await screenshot(page, 'security-messages');
      expectNoAttack(injectionsOnlyFrom(await findings(page, dialogs), `${atlas}embed.html`));
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('the app listens only to its own share-dialog preview, and only while the dialog is open', async () => {
    const app = await openPage(`${atlas}index.html#t=2024-11-25..2024-11-25`, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      const { page } = app;
      const listeners = (): Promise<number> =>
        page.evaluate(() => (window as unknown as { __messageListeners: string[] }).__messageListeners.length);
      expect(await listeners()).toBe(0);
      await page.locator('#share-button').click();
      await page.locator('dialog#share-dialog[open]').waitFor();
      expect(await listeners()).toBe(1);
      const preview = await frameWith(page, 'embed.html');
      await frameReady(preview);
      // A forged resize from the app's own window (not the preview's) leaves the preview as it is.
      const h = await iframeHeight(page, '#share-preview');
      await page.evaluate(() => window.postMessage({ type: 'conflict-atlas:resize', id: 'x', height: 3000 }, '*'));
      await page.waitForTimeout(300);
      expect(await iframeHeight(page, '#share-preview')).toBe(h);
      await page.keyboard.press('Escape');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
