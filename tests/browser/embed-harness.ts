// Browser-test helpers for the embed: a host-page server on another origin, pages that record errors and requests, frames.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { browserContext, isLocalUrl, waitForAtlasReady, type AppPage } from './harness';

/**
 * A tiny HTTP server on 127.0.0.1 (another port, so another origin than the atlas) serving
 * pages the test sets: the "news site" that embeds the atlas.
 */
export interface HostServer {
  origin: string;
  setPage(path: string, html: string): void;
  close(): Promise<void>;
}

export async function startHostServer(): Promise<HostServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html = pages.get(path);
    res.writeHead(html === undefined ? 404 : 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setPage: (path, html) => pages.set(path, html),
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}

export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
  /** Runs in every frame before the page's scripts (e.g. to take WebGL away). */
  initScript?: string;
  /** Wait for the atlas in the top frame to be ready (embed.html or index.html). Default true. */
  waitReady?: boolean;
}

/** Opens any URL in the shared context, recording errors, warnings and requests of every frame. */
export async function openPage(url: string, options: OpenPageOptions = {}): Promise<AppPage> {
  const ctx = await browserContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()} (${message.location().url})`);
    else if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.route(
    (u) => !isLocalUrl(u.href),
    (route) => route.abort('blockedbyclient'),
  );
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.setViewportSize(options.viewport ?? { width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: options.reducedMotion ?? 'no-preference', colorScheme: 'light' });
  await page.goto(url, { waitUntil: 'load' });
  if (options.waitReady ?? true) await waitForAtlasReady(page);
  return { page, context: ctx, errors, warnings, requests, close: () => page.close() };
}

/** The frame of `page` whose URL contains `part` (waits for it to appear). */
export async function frameWith(page: Page, part: string, timeoutMs = 30_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(part));
    if (frame) return frame;
    if (Date.now() > end)
      throw new Error(
        `no frame with "${part}" in its URL (frames: ${page
          .frames()
          .map((f) => f.url())
          .join(', ')})`,
      );
    await page.waitForTimeout(100);
  }
}

/** Waits until an atlas in a frame has drawn and is idle. */
export async function frameReady(frame: Frame, timeoutMs = 60_000): Promise<void> {
  await frame.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
    timeout: timeoutMs,
  });
  await frame.evaluate(async () => {
    const atlas = (window as unknown as { __atlas: { idle(): Promise<void> } }).__atlas;
    await atlas.idle();
  });
}

/** The height the embed's content wants (its root's box), in CSS pixels. */
export async function contentHeight(frame: Frame | Page): Promise<number> {
  return frame.evaluate(() =>
    Math.ceil((document.getElementById('embed-root') as HTMLElement).getBoundingClientRect().height),
  );
}

/** The iframe's own height on the host page. */
export async function iframeHeight(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (f) => (f as HTMLElement).getBoundingClientRect().height);
}

/**
 * Empty when the page does not scroll sideways; otherwise the document's overflow and the elements
 * that reach past the right edge (clipped overflow, e.g. inside the map, does not count).
 */
export async function overflowsHorizontally(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (scroll <= width) return [];
    const out = [`document scrollWidth ${scroll} > ${width}`];
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('#embed-root *'))) {
      const r = node.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5)
        out.push(
          `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${String(node.className)} right=${r.right.toFixed(1)}`,
        );
    }
    return out.slice(0, 10);
  });
}
