// Browser tests at scale: 10k generated events imported — counts equal brute force while the window steps, a virtualised list, no GPU re-uploads; and a 10k smoke run of the benchmark.
import { expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, eventually, idle, REPO_ROOT, screenshot, withApp } from './harness';
import { generateFeatures } from '../../src/core/synth/generate';
import { parseIsoDay } from '../../src/core/time/days';
import type { AtlasFeature } from '../../src/core/schema/schema';
import { buildBenchPages, generated, launch, runSize, serve } from '../../bench/lib';

const N = 10_000;
const generatedFeatures: AtlasFeature[] = [...generateFeatures({ n: N, seed: 1 })];
const bundled: AtlasFeature[] = ['strikes', 'facilities', 'deployments', 'links'].flatMap(
  (name) =>
    (JSON.parse(readFileSync(join(REPO_ROOT, `data/${name}.geojson`), 'utf8')) as { features: AtlasFeature[] })
      .features,
);
const day = (s: string): number => parseIsoDay(s) as number;

/** Every feature overlapping [from, to], in the app's order (start day, then id): what the list must hold. */
function bruteForce(from: number, to: number): string[] {
  return [...bundled, ...generatedFeatures]
    .map((f) => ({
      id: f.properties.id,
      start: day(f.properties.start),
      end: f.properties.end === null ? Infinity : day(f.properties.end),
    }))
    .filter((f) => f.start <= to && f.end >= from)
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))
    .map((f) => f.id);
}

type AtlasWindow = Window & {
  __atlas: {
    store: { getState(): { dataset: { columns: { n: number } } | null; setWindow(a: number, b: number): void } };
  };
};
type GlCounts = { vaoCreated: number; vaoDeleted: number; programs: number; uploads: number[] };

/** Counts WebGL vertex arrays, programs and buffer uploads (bytes) in every context of the page. */
function countGl(): void {
  const c: GlCounts = { vaoCreated: 0, vaoDeleted: 0, programs: 0, uploads: [] };
  (window as unknown as { __gl: GlCounts }).__gl = c;
  const P = WebGL2RenderingContext.prototype;
  const wrap = <K extends keyof WebGL2RenderingContext>(name: K, count: (args: unknown[]) => void): void => {
    const original = P[name] as unknown as (...a: unknown[]) => unknown;
    Object.defineProperty(P, name, {
      value(this: WebGL2RenderingContext, ...args: unknown[]) {
        count(args);
        return original.apply(this, args);
      },
    });
  };
  wrap('createVertexArray', () => c.vaoCreated++);
  wrap('deleteVertexArray', () => c.vaoDeleted++);
  wrap('createProgram', () => c.programs++);
  const bytes = (a: unknown): number => (ArrayBuffer.isView(a) ? a.byteLength : typeof a === 'number' ? a : 0);
  wrap('bufferData', (a) => c.uploads.push(bytes(a[1])));
  wrap('bufferSubData', (a) => c.uploads.push(bytes(a[2])));
}

async function dropGenerated(page: Page): Promise<void> {
  const text = JSON.stringify({ type: 'FeatureCollection', features: generatedFeatures });
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'generated-10k.geojson'));
    const map = document.getElementById('map') as HTMLElement;
    for (const type of ['dragenter', 'dragover', 'drop'])
      map.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await eventually(
    () => page.evaluate(() => (window as unknown as AtlasWindow).__atlas.store.getState().dataset?.columns.n ?? 0),
    60_000,
  ).toBe(N + bundled.length);
  await idle(page);
}

async function setWindow(page: Page, from: number, to: number): Promise<void> {
  await page.evaluate(
    ([a, b]) => (window as unknown as AtlasWindow).__atlas.store.getState().setWindow(a, b),
    [from, to],
  );
  await idle(page);
}

/** The number `#event-count` starts with ("1,234 events in window"). */
const shownCount = async (page: Page): Promise<number> =>
  Number((/^[\d,]+/.exec((await page.locator('#event-count').textContent()) ?? '')?.[0] ?? '0').replace(/,/g, ''));
const rows = (page: Page) =>
  page.$$eval('#event-list li[data-feature-id]', (lis) =>
    lis.map((li) => ({
      id: li.getAttribute('data-feature-id') ?? '',
      pos: Number(li.getAttribute('aria-posinset')),
      size: Number(li.getAttribute('aria-setsize')),
    })),
  );

browserSuite('a large dataset in Chromium', () => {
  it('counts what brute force counts as the window steps, keeps the list virtualised, and uploads nothing per step', async () => {
    await withApp('#view=48.6,33.5,5', async ({ page }) => {
      await page.evaluate(countGl);
      await dropGenerated(page);
      // Step a two-week window across the four years: the live count equals brute force each time.
      for (const start of ['2022-02-01', '2022-09-15', '2023-06-01', '2024-03-10', '2025-07-20']) {
        const from = day(start);
        await setWindow(page, from, from + 13);
        const expected = bruteForce(from, from + 13);
        await eventually(() => shownCount(page)).toBe(expected.length);
        const listed = await rows(page);
        expect(listed.map((r) => r.id)).toEqual(expected.slice(0, listed.length));
      }
      // A half-year window: ~1,300 events, only the rows in view are in the DOM, numbered within the whole.
      const from = day('2023-01-01');
      const to = day('2023-06-30');
      await setWindow(page, from, to);
      const expected = bruteForce(from, to);
      await eventually(() => shownCount(page)).toBe(expected.length);
      // The list is virtualised: with hexagons drawn the key above it is taller and the list starts
      // below the fold, so it has no rows in the DOM until it is scrolled to, as a person would.
      await page.evaluate(() => document.getElementById('event-list')?.scrollIntoView({ block: 'start' }));
      await eventually(async () => (await rows(page))[0]?.id).toBe(expected[0]);
      const top = await rows(page);
      expect(expected.length).toBeGreaterThan(1000);
      expect(top.length).toBeLessThan(100);
      expect(top[0]).toEqual({ id: expected[0], pos: 1, size: expected.length });
      // Scroll the side panel to the list's middle: other rows, at their place in the whole.
      await page.evaluate(() => {
        const list = document.getElementById('event-list') as HTMLElement;
        const side = document.getElementById('side') as HTMLElement;
        side.scrollTop = list.offsetTop + list.scrollHeight / 2 - side.clientHeight / 2;
      });
      await eventually(async () => (await rows(page))[0]?.pos ?? 0).toBeGreaterThan(400);
      const middle = await rows(page);
      expect(middle.length).toBeLessThan(100);
      for (const r of middle) expect(r.id, `row ${r.pos}`).toBe(expected[r.pos - 1]);
      await screenshot(page, 'scale-10k-half-year');

      // Moving the window: no new program, no vertex arrays piling up, no attribute re-upload — on the
      // dots' path (a quarter of this import piles up enough for Auto to draw hexagons).
      await page.evaluate(() =>
        (window as unknown as { __atlas: { store: { getState(): { setAgg(a: string): void } } } }).__atlas.store
          .getState()
          .setAgg('dots'),
      );
      await setWindow(page, day('2023-02-01'), day('2023-04-30'));
      const before = await page.evaluate(() => structuredClone((window as unknown as { __gl: GlCounts }).__gl));
      for (let k = 0; k < 20; k++) await setWindow(page, day('2023-02-01') + 7 * k, day('2023-04-30') + 7 * k);
      const after = await page.evaluate(() => (window as unknown as { __gl: GlCounts }).__gl);
      const live = (c: GlCounts): number => c.vaoCreated - c.vaoDeleted;
      expect(after.vaoCreated - before.vaoCreated).toBeGreaterThan(10); // each new offset is a new vertex array…
      expect(after.uploads.length).toBeGreaterThan(before.uploads.length); // …and the counters do see uploads (uniforms)
      expect(after.programs - before.programs).toBe(0);
      expect(live(after) - live(before)).toBeLessThanOrEqual(2);
      // The window holds ~600 strikes: re-uploading their positions alone would be ~5 kB in one call.
      const big = after.uploads.slice(before.uploads.length).filter((b) => b >= 4096);
      expect(big).toEqual([]);
    });
  });

  it('runs the benchmark at 10k events (smoke run: a few frames of each method)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-smoke-'));
    const browser = await launch();
    try {
      await buildBenchPages(dir);
      const file = generated(N);
      const server = await serve(dir, [file]);
      try {
        const r = await runSize(
          browser.context,
          server.url,
          file,
          N,
          4,
          ['ours', 'naive', 'dfe', 'floor'],
          () => undefined,
        );
        expect(r.countCheck.index).toBe(r.countCheck.brute);
        expect(r.strikes).toBeGreaterThan(9000);
        expect(r.meanVisible).toBeGreaterThan(20);
        for (const m of ['ours', 'naive', 'dfe', 'floor'] as const) {
          expect(r.frames[m].n).toBe(4);
          expect(Number.isFinite(r.frames[m].mean) && r.frames[m].mean > 0).toBe(true);
        }
        expect(r.heap.withLayersMB).toBeGreaterThan(0);
      } finally {
        await server.server.close();
      }
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
