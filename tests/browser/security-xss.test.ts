// XSS, tested by attack: 70+ payloads in every text field, loaded through every path, read back through every view of the app.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { XSS_PAYLOADS, type Payload } from '../fixtures/xss/payloads';
import {
  dayOf,
  geojsonId,
  hostileAcled,
  hostileGenericGeoJson,
  hostileGeoJson,
  hostileLinks,
  hostileStory,
  hostileUcdp,
  positionOf,
  sourceUrlOf,
} from '../fixtures/xss/hostile-data';
import { parseCsv } from '../../src/ui/export/csv';
import { parseIsoDay } from '../../src/core/time/days';
import { browserContext, browserSuite, eventually, idle, project, screenshot, withApp } from './harness';
import { armContext, dropFiles, expectNoAttack, findings } from './security-harness';
import { exportDataIn, exportPngIn } from './export-helpers';

const N = XSS_PAYLOADS.length;
const LAST = dayOf(N - 1);
const ALL_DAYS = `t=${dayOf(0)}..${LAST}`;
/** Dropped files' names are hostile too. */
const FILES = {
  geojson: `${XSS_PAYLOADS[6].text}.geojson`,
  acled: `"><svg onload=window.__pwned=1>acled.csv`,
  ucdp: '\u202Evsc.ucdp-ged',
};
const FILES_UCDP = `${FILES.ucdp}.csv`;
const DATA_PATH = 'xss/hostile-generic.geojson';

type AtlasWindow = Window & {
  __atlas: {
    store: {
      getState(): {
        setWindow(a: number, b: number): void;
        select(id: string | null): void;
        setLayerVisible(k: string, v: boolean): void;
        camera: { moveTo(v: { lat: number; lon: number; zoom: number }): void };
        openStory(): void;
        setStoryStep(k: number): void;
        setFilters(f: { q?: string }): void;
        dataset: { layers: { key: string }[] } | null;
      };
    };
  };
};

let dialogs: string[] = [];

/** Everything the app shows for one payload's day: list rows, and each row's details once selected. */
interface DayView {
  titles: string[];
  layers: string[];
  details: {
    id: string;
    h2: string;
    text: string;
    links: { href: string | null; rel: string; target: string; text: string }[];
  }[];
}

async function viewDay(page: Page, day: number): Promise<DayView> {
  return page.evaluate(async (d) => {
    const s = (window as unknown as AtlasWindow).__atlas.store;
    s.getState().setWindow(d, d);
    const frame = (): Promise<unknown> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    // The list draws only the rows in view (it is virtualised): scroll through it, row by row.
    const rows = new Map<string, { title: string; layer: string }>();
    document.getElementById('event-list')?.scrollIntoView();
    for (let guard = 0, idle = 0; guard < 60 && idle < 4; guard++) {
      await frame();
      const lis = Array.from(document.querySelectorAll<HTMLElement>('#event-list li[data-feature-id]'));
      const before = rows.size;
      for (const li of lis)
        rows.set(li.getAttribute('data-feature-id') ?? '', {
          title: li.querySelector('.event-title')?.textContent ?? '',
          layer: li.querySelector('.event-layer')?.textContent ?? '',
        });
      if (rows.size >= Number(lis[0]?.getAttribute('aria-setsize') ?? 0)) break;
      idle = rows.size === before ? idle + 1 : 0;
      lis[lis.length - 1]?.scrollIntoView();
    }
    const details = [];
    for (const id of rows.keys()) {
      s.getState().select(id);
      const panel = document.getElementById('details') as HTMLElement;
      // An import's notes come from the data worker (held-text.ts): wait for them when not read yet.
      for (let k = 0; k < 100 && panel.querySelector('.details-pending'); k++) await frame();
      details.push({
        id,
        h2: panel.querySelector('h2')?.textContent ?? '',
        text: panel.textContent ?? '',
        links: Array.from(panel.querySelectorAll('a'), (a) => ({
          href: a.getAttribute('href'),
          rel: a.rel,
          target: a.target,
          text: a.textContent ?? '',
        })),
      });
    }
    s.getState().select(null);
    return { titles: [...rows.values()].map((r) => r.title), layers: [...rows.values()].map((r) => r.layer), details };
  }, day);
}

/** The text as the CSV loader trims it (cells are trimmed before use). */
const trimmed = (p: Payload): string => p.text.trim();

browserSuite('XSS: hostile data in the app', (suite) => {
  beforeAll(async () => {
    const base = suite.url;
    const ctx = await browserContext();
    ({ dialogs } = await armContext(ctx));
    // #data= loads a same-origin file: served here (never shipped in dist/).
    await ctx.route(`${base}${DATA_PATH}`, (r) =>
      r.fulfill({ contentType: 'application/geo+json', body: hostileGenericGeoJson() }),
    );
    // The bundled links and story are replaced with hostile ones (the story bar and link details show their text).
    await ctx.route(/\/assets\/links-[^/]*\.geojson$/, (r) =>
      r.fulfill({ contentType: 'application/geo+json', body: hostileLinks() }),
    );
    await ctx.route(/\/assets\/story-[^/]*\.json$/, (r) =>
      r.fulfill({ contentType: 'application/json', body: hostileStory() }),
    );
  });

  it('dropped GeoJSON, ACLED and UCDP files and a #data= link: every payload shown as text in the list, details, legend, panels, tooltips and exports', async () => {
    await withApp(
      `#${ALL_DAYS}&data=${encodeURIComponent(DATA_PATH)}`,
      async ({ page }) => {
        await dropFiles(page, [
          { name: FILES.geojson, text: hostileGeoJson() },
          { name: FILES.acled, text: hostileAcled() },
          { name: FILES_UCDP, text: hostileUcdp() },
        ]);
        await eventually(() => page.locator('#imports .import-file').count(), 30_000).toBe(4);
        const panel = await page.$$eval('#imports .import-file', (rows) =>
          rows.map((r) => ({
            name: r.querySelector('.import-name')?.textContent ?? '',
            counts: r.querySelector('.import-counts')?.textContent ?? '',
          })),
        );
        expect(panel.map((r) => r.name).sort()).toEqual(
          [FILES.geojson, FILES.acled, FILES_UCDP, 'hostile-generic.geojson'].sort(),
        );
        for (const row of panel) expect(row.counts, row.name).toMatch(new RegExp(`: ${N} loaded, 0 rejected`));
        // The legend: a layer per hostile category, grouped under the hostile file names (once the
        // merged data has reached the map: the panel says "Preparing the map…" until then).
        const legendText = () =>
          page.$$eval('#legend .legend-name, #legend .legend-group', (n) => n.map((x) => x.textContent ?? ''));
        await eventually(
          async () => (await legendText()).includes(FILES_UCDP) && (await legendText()).includes(XSS_PAYLOADS[0].text),
          30_000,
        ).toBe(true);
        const legend = await legendText();
        for (const p of XSS_PAYLOADS) {
          expect(legend, p.name).toContain(p.text);
          expect(legend, p.name).toContain(`ACLED ${trimmed(p)}`);
        }
        expect(legend).toEqual(expect.arrayContaining([FILES.geojson, FILES.acled, FILES_UCDP]));
        // A direction override in a name can't reorder the count beside it: data text is isolated.
        expect(await page.$eval('#legend .legend-name', (n) => getComputedStyle(n).unicodeBidi)).toBe('isolate');
        // The field-mapping form of the generic file: hostile property names as options.
        const options = await page.$$eval('#imports .mapping-form option', (o) => o.map((x) => x.textContent ?? ''));
        for (const p of XSS_PAYLOADS) expect(options, p.name).toContain(`field ${p.text}`);

        // Day by day: each payload's features in the list and, selected, in the details panel.
        for (let i = 0; i < N; i++) {
          const p = XSS_PAYLOADS[i];
          const view = await viewDay(page, parseIsoDay(dayOf(i)) ?? 0);
          expect(view.titles, p.name).toContain(p.text);
          expect(
            view.titles.some((t) => t.includes(`ACLED ${trimmed(p)}`)),
            `${p.name}: ACLED title`,
          ).toBe(true);
          expect(
            view.titles.some((t) => t.includes(`UCDP dyad ${trimmed(p)}`)),
            `${p.name}: UCDP title`,
          ).toBe(true);
          expect(view.titles, `${p.name}: generic title`).toContain(`Generic: ${p.text}`);
          expect(view.layers, p.name).toContain(p.text);
          const mine = view.details.find((d) => d.id === geojsonId(i));
          expect(mine?.h2, p.name).toBe(p.text);
          for (const part of [`Summary: ${p.text}`, `Second quote: ${p.text}`])
            expect(mine?.text, p.name).toContain(part);
          const url = sourceUrlOf(i);
          // A source links only to an http(s) address, and opens it without handing over the page.
          expect(mine?.links, `${p.name}: ${url}`).toEqual(
            /^https?:\/\//i.test(url) ? [{ href: url, rel: 'noopener noreferrer', target: '_blank', text: url }] : [],
          );
          const acled = view.details.find((d) => d.id === `ACLED-${i}`);
          for (const part of [`ACLED notes ${trimmed(p)}`, `ACLED source ${trimmed(p)}`])
            expect(acled?.text, p.name).toContain(part);
          expect(view.details.find((d) => d.id === `900${i}`)?.text, p.name).toContain(`UCDP office ${trimmed(p)}`);
          for (const d of view.details) for (const a of d.links) expect(a.href ?? '', d.id).toMatch(/^https?:\/\//i);
        }

        // Tooltips (deck.gl's, set as text): hover each of a few payloads' points.
        await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.store.getState().select(null));
        for (const i of [0, 6, 8, 28, 36, 64]) {
          const p = XSS_PAYLOADS[i];
          const [lon, lat] = positionOf(i);
          await page.evaluate(
            ([d, lo, la]) => {
              const s = (window as unknown as AtlasWindow).__atlas.store.getState();
              s.setWindow(d, d);
              s.camera.moveTo({ lat: la, lon: lo, zoom: 7 });
            },
            [parseIsoDay(dayOf(i)) ?? 0, lon, lat] as const,
          );
          await idle(page);
          const [x, y] = await project(page, lon, lat);
          await page.mouse.move(x - 30, y - 30);
          await page.mouse.move(x, y, { steps: 3 });
          await eventually(() => page.locator('.deck-tooltip').textContent(), 10_000).toContain(p.text);
          const tip = await page.$eval('.deck-tooltip', (t) => ({
            text: t.textContent ?? '',
            tags: Array.from(t.querySelectorAll('*'), (c) => c.tagName),
          }));
          expect(tip.text.startsWith(p.text), p.name).toBe(true);
          expect(
            tip.tags.every((t) => t === 'BR'),
            `${p.name}: ${tip.tags.join(',')}`,
          ).toBe(true);
        }
        await page.mouse.move(5, 5);

        // Exports: the CSV holds every payload as text (formulas defused), the PNG draws captions as pixels.
        await page.evaluate(([a, b]) => (window as unknown as AtlasWindow).__atlas.store.getState().setWindow(a, b), [
          parseIsoDay(dayOf(0)) ?? 0,
          parseIsoDay(LAST) ?? 0,
        ] as const);
        const csv = await exportDataIn(page, 'csv');
        const cells = new Set(parseCsv(csv.text).flat());
        for (const p of XSS_PAYLOADS) {
          const guarded = /^[=+\-@\t\r]/.test(p.text) ? `'${p.text}` : p.text;
          expect(cells.has(guarded), p.name).toBe(true);
        }
        expect(
          [...cells].some((c) => /^[=+\-@]/.test(c)),
          'no cell a spreadsheet would run',
        ).toBe(false);
        const png = await exportPngIn(page, 'security-xss-export.png', {
          width: 900,
          height: 560,
          scale: 1,
          title: XSS_PAYLOADS[0].text,
          sources: true,
          legend: true,
        });
        expect([png.png.width, png.png.height]).toEqual([900, 560]);
        expect(PNG.sync.write(png.png).length).toBeGreaterThan(10_000);
        await screenshot(page, 'security-xss-app');
        expectNoAttack(await findings(page, dialogs));
      },
      { viewport: { width: 1280, height: 900 } },
    );
  });

  it('hostile URL hash parts, search text, story and link details: warned about or shown as text, never run', async () => {
    await withApp(
      `#${ALL_DAYS}`,
      async ({ page, warnings, requests }) => {
        await dropFiles(page, [{ name: 'hostile.geojson', text: hostileGeoJson() }]);
        await eventually(() => page.locator('#imports .import-counts').first().textContent(), 30_000).toMatch(
          new RegExp(`${N} loaded`),
        );
        // Every part of the hash, hostile: parsed, warned about, ignored.
        for (const p of XSS_PAYLOADS.slice(0, 25)) {
          const v = encodeURIComponent(p.text);
          await page.evaluate((h) => {
            location.hash = h;
          }, `#t=${v}&mode=${v}&layers=${v}&view=${v}&sel=${v}&weapon=${v}&min=${v}&story=${v}&step=${v}&${v}=${v}`);
        }
        await eventually(() => warnings.filter((w) => w.startsWith('URL hash:')).length).toBeGreaterThan(100);
        // data= never fetches a script or data: URL (same-site paths and http(s) only: the fetch, if any, fails cleanly).
        for (const bad of [
          'javascript:window.__pwned=1',
          'data:application/json,{}',
          '/\\evil.example/x',
          'java\tscript:alert(1)',
        ]) {
          await page.evaluate(
            (h) => {
              location.hash = h;
            },
            `#data=${encodeURIComponent(bad)}`,
          );
          await eventually(() => warnings.some((w) => w.includes('is not an http(s) URL or a same-origin path'))).toBe(
            true,
          );
        }
        expect(requests.filter((r) => /evil\.example|^javascript:|^data:application/.test(r))).toEqual([]);
        // A hostile feature id can't be linked (sel= takes ids of letters, digits and ._:#-), but it selects from the list.
        const hostileId = geojsonId(10);
        await page.evaluate(
          (h) => {
            location.hash = h;
          },
          `#t=${dayOf(10)}..${dayOf(10)}&sel=${encodeURIComponent(hostileId)}`,
        );
        await eventually(() => warnings.some((w) => /^URL hash: sel=".*" is not a feature id; ignored$/.test(w))).toBe(
          true,
        );
        await page.evaluate(() => document.getElementById('event-list')?.scrollIntoView());
        await page.locator(`#event-list li[data-feature-id="${hostileId.replace(/["\\]/g, '\\$&')}"] button`).click();
        await eventually(() => page.locator('#details h2').textContent()).toBe(XSS_PAYLOADS[10].text);

        // Search: typed, and from the link (q=); matches are marked with <mark> around text only.
        for (const p of XSS_PAYLOADS.filter((_, i) => i % 6 === 0)) {
          await page.evaluate(([a, b]) => (window as unknown as AtlasWindow).__atlas.store.getState().setWindow(a, b), [
            parseIsoDay(dayOf(0)) ?? 0,
            parseIsoDay(LAST) ?? 0,
          ] as const);
          await page.locator('#filter-search').fill(p.text.slice(0, 200));
          await eventually(() =>
            page.evaluate(() => document.querySelectorAll('#event-list mark').length),
          ).toBeGreaterThan(0);
          const marks = await page.$$eval('#event-list mark', (m) =>
            m.map((x) => ({ children: x.children.length, text: x.textContent ?? '' })),
          );
          expect(
            marks.every((m) => m.children === 0),
            p.name,
          ).toBe(true);
        }
        await page.evaluate(
          (q) => {
            location.hash = `#${q}`;
          },
          `${ALL_DAYS}&q=${encodeURIComponent(XSS_PAYLOADS[7].text)}`,
        );
        await eventually(() => page.locator('#filter-search').inputValue()).toBe(XSS_PAYLOADS[7].text);
        await page.locator('#filter-clear').click();

        // The story (replaced with a hostile one): every step's title, body and quote as text.
        await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.store.getState().openStory());
        await page.locator('#story-bar').waitFor();
        const steps = await page.evaluate((n) => {
          const s = (window as unknown as AtlasWindow).__atlas.store.getState();
          const out: { title: string; body: string; quote: string }[] = [];
          for (let k = 1; k <= n; k++) {
            s.setStoryStep(k);
            out.push({
              title: document.getElementById('story-step-title')?.textContent ?? '',
              body: document.getElementById('story-body')?.textContent ?? '',
              quote: document.querySelector('.story-quote')?.textContent ?? '',
            });
          }
          return out;
        }, N);
        await eventually(() => page.locator('#story-step-title').textContent()).toBe(XSS_PAYLOADS[N - 1].text);
        steps.forEach((st, i) => {
          expect(st, XSS_PAYLOADS[i].name).toEqual({
            title: XSS_PAYLOADS[i].text,
            body: `Body: ${XSS_PAYLOADS[i].text}`,
            quote: `Quote: ${XSS_PAYLOADS[i].text}`,
          });
        });
        await screenshot(page, 'security-xss-story');
        await page.locator('#story-close').click();

        // Links (replaced with hostile ones): ends, firmness note and sources in the details panel.
        for (const i of [0, 8, 30, 66]) {
          const p = XSS_PAYLOADS[i];
          await page.evaluate(
            ([d, id]) => {
              const s = (window as unknown as AtlasWindow).__atlas.store.getState();
              s.setWindow(d as number, d as number);
              s.select(id as string);
            },
            [parseIsoDay(dayOf(i)) ?? 0, `link-hostile-${i}`] as const,
          );
          const ends = await page.$$eval('#details .link-end', (b) => b.map((x) => x.textContent ?? ''));
          expect(ends, p.name).toEqual([`From ${p.text}`, `To ${p.text}`]);
          expect(await page.locator('#details h2').textContent()).toBe(`Link ${p.text}`);
          expect(await page.locator('#details .details-link-assertion').textContent()).toContain(p.text);
        }
        expectNoAttack(await findings(page, dialogs));
      },
      { viewport: { width: 1280, height: 900 } },
    );
  });
});
