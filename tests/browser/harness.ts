// Browser-test harness: a file's set-up (browserSuite), vite preview of dist/, Debian Chromium via playwright-core, pages that record errors and requests, waits, pixels.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect } from 'vitest';

export * from './pixels';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests/artifacts');
const LOCAL_HOST = '127.0.0.1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DEFAULT_VIEWPORT = { width: 1024, height: 700 };

// ---------------------------------------------------------------- browser availability

/** True when env CI is set to something other than '', '0' or 'false'. */
export function ciIsSet(): boolean {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * The CI rule: returns true when Chromium is there. Without it, throws under CI (a failure, never a
 * skip) and otherwise warns loudly and returns false, so that a file can `describe.skipIf(!ok)`.
 */
export function requireBrowser(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `${CHROMIUM_PATH} is missing (install it: apt-get install -y chromium, or run scripts/ensure-chromium.sh)`;
  if (ciIsSet()) throw new Error(`Browser tests FAILED: ${message}; CI is set, so they may not be skipped.`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPING BROWSER TESTS: ${message}\n${bar}\n`);
  return false;
}

// ---------------------------------------------------------------- a test file's set-up

export interface SuiteOptions extends StartServerOptions {
  /** Runs before the server starts (what the server needs: files, data servers, environment). */
  prepare?: () => unknown;
  /** Time for `prepare` and the server's start (default 60 s). */
  setupTimeoutMs?: number;
}

/** What `browserSuite` gives its tests: the atlas server's base URL (`http://127.0.0.1:PORT/`), once started. */
export interface Suite {
  readonly url: string;
}

/**
 * The set-up every browser test file shares, in one call: a `describe` skipped (with a loud
 * warning) where Chromium is missing (a failure under CI, see requireBrowser), the preview server
 * started before its tests (after `options.prepare`), and the shared browser and the server
 * closed after them. A file's own `beforeAll` (inside `body`) runs once the server is up; its own
 * `afterAll` runs once the browser has closed, before the server stops.
 */
export function browserSuite(name: string, body: (suite: Suite) => void): void;
export function browserSuite(name: string, options: SuiteOptions, body: (suite: Suite) => void): void;
export function browserSuite(
  name: string,
  a: SuiteOptions | ((suite: Suite) => void),
  b?: (suite: Suite) => void,
): void {
  const options = typeof a === 'function' ? {} : a;
  const body = typeof a === 'function' ? a : (b as (suite: Suite) => void);
  describe.skipIf(!requireBrowser())(name, () => {
    const suite = { url: '' };
    beforeAll(async () => {
      await options.prepare?.();
      suite.url = await startServer(options);
    }, options.setupTimeoutMs ?? 60_000);
    // vitest runs after-hooks in reverse (sequence.hooks 'stack'): the browser closes first (so a
    // file's own servers have no open connections left to wait for), the file's own afterAll next,
    // and the preview server stops last.
    afterAll(stopServer);
    body(suite);
    afterAll(closeBrowser);
  });
}

/** The embed's files: `EMBED_TEST_DIST` (a `vite build --outDir DIR` of your own, while others rebuild dist/), else dist/. */
export function embedTestDist(): StartServerOptions {
  return process.env.EMBED_TEST_DIST ? { staticDir: process.env.EMBED_TEST_DIST } : {};
}

// ---------------------------------------------------------------- server

let server: PreviewServer | null = null;
let baseUrl = '';
let distCopy = '';

export interface StartServerOptions {
  /** Serve this folder as-is (no vite config) instead of the repo's built dist/; for harness self-tests. */
  staticDir?: string;
}

/**
 * Starts `vite preview` of the built app (dist/) on 127.0.0.1 on a free port; returns the base URL.
 * It serves a private copy of dist/, so a rebuild elsewhere in a shared tree cannot pull files
 * from under a running suite.
 */
export async function startServer(options: StartServerOptions = {}): Promise<string> {
  if (server) return baseUrl;
  const previewOptions = { host: LOCAL_HOST, port: 0, strictPort: true, open: false };
  if (options.staticDir) {
    server = await preview({
      configFile: false,
      root: dirname(options.staticDir),
      logLevel: 'warn',
      build: { outDir: options.staticDir },
      preview: previewOptions,
    });
  } else {
    if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) {
      throw new Error('dist/index.html is missing: run `npm run build` first (npm run test:browser does).');
    }
    distCopy = mkdtempSync(join(tmpdir(), 'atlas-dist-'));
    cpSync(join(REPO_ROOT, 'dist'), distCopy, { recursive: true });
    server = await preview({ root: REPO_ROOT, logLevel: 'warn', build: { outDir: distCopy }, preview: previewOptions });
  }
  const address = server.httpServer.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error(`vite preview is not listening: ${String(address)}`);
  baseUrl = `http://${LOCAL_HOST}:${address.port}/`;
  return baseUrl;
}

/** Stops the preview server (safe to call when none is running). */
export async function stopServer(): Promise<void> {
  const running = server;
  server = null;
  baseUrl = '';
  if (running) await running.close();
  if (distCopy) rmSync(distCopy, { recursive: true, force: true });
  distCopy = '';
}

// ---------------------------------------------------------------- browser and pages

let context: BrowserContext | null = null;
let profileDir = '';

/** The file's one shared browser context (a persistent context on a fresh profile folder). */
export async function browserContext(): Promise<BrowserContext> {
  if (context) return context;
  profileDir = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DEFAULT_VIEWPORT,
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/** Closes the shared browser and removes its profile folder. */
export async function closeBrowser(): Promise<void> {
  const open = context;
  context = null;
  if (open) await open.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  profileDir = '';
}

export interface PageOptions {
  /** Default: the context's (1024 × 700). */
  viewport?: { width: number; height: number };
  /** Runs in every frame before the page's own scripts (a probe, or WebGL taken away), from the first load on. */
  initScript?: string;
  /** Emulated media features (default: the browser's). */
  reducedMotion?: 'reduce' | 'no-preference';
  colorScheme?: 'light' | 'dark';
}

export interface OpenAppOptions extends PageOptions {
  /** The page to open, relative to the server root; default `index.html`. */
  path?: string;
  /** Wait for `load` only; the caller waits for readiness itself. Default: wait for waitForAtlasReady. */
  noWait?: boolean;
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors, in order. */
  errors: string[];
  /** Console warnings, in order (allowed, but some tests look for them). */
  warnings: string[];
  /** Every URL the page requested (including web sockets), in order. */
  requests: string[];
  close(): Promise<void>;
}

/** True for a URL that stays on this machine: 127.0.0.1, or data:/blob:/about: URLs. */
export function isLocalUrl(url: string): boolean {
  if (/^(data|blob|about):/i.test(url)) return true;
  try {
    return new URL(url).hostname === LOCAL_HOST;
  } catch {
    return false;
  }
}

/**
 * A new page in the file's shared browser that records its errors, warnings and requests (of
 * every frame and worker) and never lets a request leave the machine; not yet navigated.
 */
export async function recordedPage(options: PageOptions = {}): Promise<AppPage> {
  const ctx = await browserContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    const where = message.location().url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}${where}`);
    else if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  // Recorded above and reported by expectNoForeignRequests; never let one leave the machine.
  await page.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  if (options.initScript) await page.addInitScript(options.initScript);
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.reducedMotion || options.colorScheme)
    await page.emulateMedia({ reducedMotion: options.reducedMotion, colorScheme: options.colorScheme });
  return { page, context: ctx, errors, warnings, requests, close: () => page.close() };
}

/** Opens a new page on the app at `hash` (with or without the leading #) and records what it does. */
export async function openApp(hash = '', options: OpenAppOptions = {}): Promise<AppPage> {
  if (!baseUrl) throw new Error('openApp: call startServer() first');
  const app = await recordedPage(options);
  const { page, errors } = app;
  const fragment = hash === '' ? '' : hash.startsWith('#') ? hash : `#${hash}`;
  await page.goto(`${baseUrl}${options.path ?? 'index.html'}${fragment}`, { waitUntil: 'load' });
  if (!options.noWait) {
    try {
      await waitForAtlasReady(page);
    } catch (error) {
      await screenshot(page, `not-ready-${expect.getState().currentTestName ?? 'page'}`).catch(() => undefined);
      await page.close();
      const seen = errors.length > 0 ? `\nPage errors:\n  ${errors.join('\n  ')}` : ' (no page errors)';
      throw new Error(`The app at #${fragment.slice(1)} never became ready: ${String(error)}${seen}`);
    }
  }
  return app;
}

/**
 * Opens the app at `hash`, runs `body`, then asserts a clean page (no errors, no foreign requests)
 * and closes it. If anything fails, a screenshot `failed-<test name>` is saved first.
 */
export async function withApp(
  hash: string,
  body: (app: AppPage) => Promise<void>,
  options: OpenAppOptions = {},
): Promise<void> {
  const app = await openApp(hash, options);
  const failedShot = `failed-${expect.getState().currentTestName ?? 'unnamed'}`;
  try {
    await body(app);
    expectCleanPage(app);
    rmSync(artifactPath(failedShot), { force: true }); // a stale one from an earlier failing run
  } catch (error) {
    await screenshot(app.page, failedShot).catch(() => undefined);
    if (app.errors.length > 0) console.error(`Page errors seen:\n  ${app.errors.join('\n  ')}`);
    throw error;
  } finally {
    await app.close();
  }
}

/** Asserts that the page logged no errors and requested nothing off 127.0.0.1; prints what it found. */
export function expectCleanPage(app: AppPage): void {
  expectNoErrors(app.errors);
  expectNoForeignRequests(app.requests);
}

/** Throws, listing them, if any page error or console error was recorded. */
export function expectNoErrors(errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`The page logged ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
  }
}

/** Throws, listing them, if any request went to a host other than 127.0.0.1. */
export function expectNoForeignRequests(requests: readonly string[]): void {
  const foreign = requests.filter((url) => !isLocalUrl(url));
  if (foreign.length > 0) {
    throw new Error(`${foreign.length} request(s) left 127.0.0.1:\n  ${foreign.join('\n  ')}`);
  }
}

// ---------------------------------------------------------------- the app's test handle

/** The part of the app's store state the tests read (the contract in the brief). */
export interface AtlasState {
  /** Day numbers (days since 1970-01-01, src/core/time/days.ts); tests/support/days.ts converts. */
  window: { from: number; to: number };
  mode: 'window' | 'cumulative';
  layers: string[];
  selected: string | null;
  playing: boolean;
  /** Read from the map's camera (the store holds no copy of it). */
  view: { lat: number; lon: number; zoom: number };
}

/** The store's state in the page: the camera is an object there, asked for the view. */
export type AtlasStoreState = Omit<AtlasState, 'view'> & { camera: { view(): AtlasState['view'] } };

/** `window.__atlas`, the app's test/debug handle. */
export interface AtlasHandle {
  store: {
    getState(): AtlasStoreState;
    setState(partial: Partial<Omit<AtlasState, 'view'>>): void;
    subscribe(listener: (state: AtlasStoreState) => void): () => void;
  };
  project(lon: number, lat: number): [number, number] | null;
  pick(x: number, y: number): string | null;
  idle(): Promise<void>;
}
type AtlasWindow = Window & { __atlas: AtlasHandle };

/**
 * `expect.poll` with a timeout that suits a slow 2-core CI machine running WebGL in software
 * (vitest's default is 1 s): `await eventually(() => getState(page)).toMatchObject({ … })`.
 */
export function eventually<T>(read: () => Promise<T> | T, timeoutMs = 10_000) {
  return expect.poll(read, { timeout: timeoutMs, interval: 100 });
}

/** Waits for `<html data-atlas-ready="1">` in a page or frame: the map has loaded and deck.gl has drawn once (or the map could not start). */
export async function waitForReadyFlag(target: Page | Frame, timeoutMs = 60_000): Promise<void> {
  await target.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
    timeout: timeoutMs,
  });
}

/** Waits until the map has loaded and deck.gl has drawn (`<html data-atlas-ready="1">`), then until idle. */
export async function waitForAtlasReady(target: Page | Frame, timeoutMs = 60_000): Promise<void> {
  await waitForReadyFlag(target, timeoutMs);
  await idle(target);
}

/** Waits for `__atlas.idle()` and then two animation frames, so the drawn frame is on screen. */
export async function idle(target: Page | Frame): Promise<void> {
  await target.evaluate(async () => {
    await (window as unknown as AtlasWindow).__atlas.idle();
    await new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
}

/** Waits until the store's dataset holds at least `rows` rows (an import's rows have reached the map's data), then until idle. */
export async function waitForRows(page: Page, rows: number, timeoutMs = 90_000): Promise<void> {
  await page.waitForFunction(
    (n) =>
      ((
        window as unknown as { __atlas: { store: { getState(): { dataset: { columns: { n: number } } | null } } } }
      ).__atlas.store.getState().dataset?.columns.n ?? 0) >= n,
    rows,
    { timeout: timeoutMs },
  );
  await idle(page);
}

/** The contract's part of the store state (copied in the page: the rest, e.g. the dataset, stays there). */
export async function getState(page: Page): Promise<AtlasState> {
  return page.evaluate(() => {
    const s = (window as unknown as AtlasWindow).__atlas.store.getState();
    const view = s.camera.view(); // the map's camera
    return { window: s.window, mode: s.mode, layers: s.layers, selected: s.selected, playing: s.playing, view };
  });
}

/** Sets part of the store's state, then waits until the map and deck are idle again. */
export async function setState(page: Page, partial: Partial<Omit<AtlasState, 'view'>>): Promise<void> {
  await page.evaluate((p) => (window as unknown as AtlasWindow).__atlas.store.setState(p), partial);
  await idle(page);
}

/** The CSS-pixel position (relative to the viewport) of a longitude/latitude. */
export async function project(page: Page, lon: number, lat: number): Promise<[number, number]> {
  const point = await page.evaluate(
    ([lo, la]) => (window as unknown as AtlasWindow).__atlas.project(lo, la),
    [lon, lat],
  );
  if (!point) throw new Error(`__atlas.project(${lon}, ${lat}) gave ${String(point)}: is the map running?`);
  return point;
}

/** The id of the feature deck.gl picks at a CSS-pixel position, or null. */
export async function pick(page: Page, x: number, y: number): Promise<string | null> {
  return page.evaluate(([px, py]) => (window as unknown as AtlasWindow).__atlas.pick(px, py), [x, y]);
}

/** The URL hash's parts, decoded: `#t=a..b&sel=x` → { t: 'a..b', sel: 'x' }. */
export async function hashParams(page: Page): Promise<Record<string, string>> {
  const hash = await page.evaluate(() => location.hash);
  const params: Record<string, string> = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    params[decodeURIComponent(key)] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
  }
  return params;
}

// ---------------------------------------------------------------- screenshots

function artifactPath(name: string): string {
  return join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
}

/** Saves a full-page screenshot as tests/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = artifactPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
