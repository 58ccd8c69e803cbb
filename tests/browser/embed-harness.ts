// Browser-test helpers for the embed: a host-page server on another origin, pages that record errors and requests, frames.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import {
  recordedPage,
  REPO_ROOT,
  waitForAtlasReady,
  waitForReadyFlag,
  type AppPage,
  type PageOptions,
} from './harness';

/** The built file of a source module (the live map's chunk), from dist's manifest. */
export function builtFile(src: string): string {
  const manifest = JSON.parse(
    readFileSync(join(process.env.EMBED_TEST_DIST ?? join(REPO_ROOT, 'dist'), '.vite/manifest.json'), 'utf8'),
  ) as Record<string, { file: string }>;
  const entry = manifest[src];
  if (!entry) throw new Error(`${src} is not in the build's manifest`);
  return entry.file;
}

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

export interface OpenPageOptions extends PageOptions {
  /** Wait for the atlas in the top frame to be ready (embed.html or index.html). Default true. */
  waitReady?: boolean;
}

/** Opens any URL in the shared context (1280 × 720, light, motion allowed unless told), recording errors, warnings and requests of every frame. */
export async function openPage(url: string, options: OpenPageOptions = {}): Promise<AppPage> {
  const app = await recordedPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'no-preference',
    colorScheme: 'light',
    ...options,
  });
  await app.page.goto(url, { waitUntil: 'load' });
  if (options.waitReady ?? true) await waitForAtlasReady(app.page);
  return app;
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
  await waitForReadyFlag(frame, timeoutMs);
  // No animation frames awaited (as idle() does): a frame out of view may get none.
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
