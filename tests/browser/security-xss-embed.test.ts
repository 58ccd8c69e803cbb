// XSS in the embed and its code: hostile title=, hostile data in the embed's views and story, every payload through the share dialog's code.
import { beforeAll, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../fixtures/xss/payloads';
import { dayOf, geojsonId, hostileGeoJson, hostileLinks, hostileStory } from '../fixtures/xss/hostile-data';
import { cleanTitle } from '../../src/ui/embed/flags';
import { embedCode } from '../../src/ui/embed/embed-code';
import {
  type AppPage,
  browserContext,
  browserSuite,
  eventually,
  expectCleanPage,
  screenshot,
  withApp,
} from './harness';
import { openPage, frameWith } from './embed-harness';
import { armContext, expectNoAttack, findings } from './security-harness';
import { days } from '../support/days';

const DEFAULT_HEADING = 'Strikes, facilities and troop deployments over time';
let atlas = '';
let dialogs: string[] = [];

async function withPage(url: string, body: (app: AppPage) => Promise<void>, waitReady = true): Promise<void> {
  const app = await openPage(url, { waitReady, viewport: { width: 1100, height: 800 } });
  try {
    await body(app);
    expectCleanPage(app);
    expectNoAttack(await findings(app.page, dialogs));
  } catch (error) {
    await screenshot(app.page, `failed-security-embed-${expect.getState().currentTestName ?? 'test'}`).catch(
      () => undefined,
    );
    throw error;
  } finally {
    await app.close();
  }
}

browserSuite('XSS: the embed', (suite) => {
  beforeAll(async () => {
    atlas = suite.url;
    const ctx = await browserContext();
    ({ dialogs } = await armContext(ctx));
    // The embed shows only the bundled data: here the bundled strikes, links and story are hostile.
    await ctx.route(/\/assets\/strikes-[^/]*\.geojson$/, (r) =>
      r.fulfill({ contentType: 'application/geo+json', body: hostileGeoJson() }),
    );
    await ctx.route(/\/assets\/links-[^/]*\.geojson$/, (r) =>
      r.fulfill({ contentType: 'application/geo+json', body: hostileLinks() }),
    );
    await ctx.route(/\/assets\/story-[^/]*\.json$/, (r) =>
      r.fulfill({ contentType: 'application/json', body: hostileStory() }),
    );
  });

  it('title= is shown as text in the heading and the page title, for every kind of payload', async () => {
    for (const p of XSS_PAYLOADS.filter((_, i) => i % 7 === 0)) {
      const expected = cleanTitle(p.text) ?? DEFAULT_HEADING;
      await withPage(
        `${atlas}embed.html?plain=1&title=${encodeURIComponent(p.text)}#t=${dayOf(0)}..${dayOf(0)}`,
        async ({ page }) => {
          await eventually(() => page.locator('#embed-title').textContent(), 20_000).toBe(expected);
          expect(await page.locator('#embed-title *').count()).toBe(0);
          expect(await page.title()).toBe(`${expected} — Conflict Atlas`);
        },
        false,
      );
    }
  });

  it('hostile bundled data: the embed’s list, details, key and story show it as text; source links are http(s) with noopener', async () => {
    const i = 21;
    await withPage(
      `${atlas}embed.html?title=${encodeURIComponent(XSS_PAYLOADS[0].text)}#t=${dayOf(i)}..${dayOf(i)}&story=1&step=${i + 1}`,
      async ({ page }) => {
        await page.locator('#embed-events > summary').click();
        const got = await page.evaluate(() => ({
          titles: Array.from(document.querySelectorAll('#event-list .event-title'), (n) => n.textContent ?? ''),
          key: Array.from(
            document.querySelectorAll('#embed-legend .legend-name, #embed-legend .legend-group'),
            (n) => n.textContent ?? '',
          ),
          story: [
            document.getElementById('story-step-title')?.textContent,
            document.getElementById('story-body')?.textContent,
          ],
        }));
        expect(got.story).toEqual([XSS_PAYLOADS[i].text, `Body: ${XSS_PAYLOADS[i].text}`]);
        // The story's step set the window and cleared the selection: select from the list, as a reader would.
        await page.evaluate(() => document.getElementById('event-list')?.scrollIntoView());
        await page.locator(`#event-list li[data-feature-id="${geojsonId(i)}"] button`).click();
        await eventually(() => page.locator('#details h2').textContent()).toBe(XSS_PAYLOADS[i].text);
        const links = await page.$$eval('#details a, .embed-feature-link a', (as) =>
          as.map((a) => ({ href: a.getAttribute('href') ?? '', rel: (a as HTMLAnchorElement).rel })),
        );
        for (const a of links) {
          expect(a.href, JSON.stringify(a)).toMatch(/^(https?:\/\/|\.\/index\.html#)/);
          expect(a.rel).toMatch(/noopener/);
        }
        expect(got.titles).toEqual(expect.arrayContaining([XSS_PAYLOADS[i].text, `Link ${XSS_PAYLOADS[i].text}`]));
        expect(got.key).toEqual(expect.arrayContaining(['Strikes']));
        await screenshot(page, 'security-xss-embed');
      },
    );
  });

  it('every payload as the share dialog’s title gives code with exactly one iframe and one script, the title as text', async () => {
    let share = '';
    await withApp(
      `#t=${dayOf(0)}..${dayOf(3)}`,
      async ({ page }) => {
        // Through the dialog, as a person types it: the preview frame loads the embed with it too.
        await page.locator('#share-button').click();
        await page.locator('dialog#share-dialog[open]').waitFor();
        await page.locator('#share-title').fill(XSS_PAYLOADS[6].text);
        await eventually(() => page.locator('#share-code').inputValue()).toContain(
          new URLSearchParams({ title: cleanTitle(XSS_PAYLOADS[6].text) ?? '' }).toString().slice(0, 20),
        );
        share = await page.locator('#share-code').inputValue();
        const preview = await frameWith(page, 'title=');
        await eventually(() => preview.locator('#embed-title').textContent(), 20_000).toBe(
          cleanTitle(XSS_PAYLOADS[6].text),
        );
        expectNoAttack(await findings(page, dialogs));
        await page.keyboard.press('Escape');

        // Every payload, through the same code generator, parsed as the newsroom's page would parse it
        // (in a blank page: parsed here, the snippet's style attribute would meet our own policy).
        const codes = XSS_PAYLOADS.map((p) =>
          embedCode({
            base: atlas,
            state: { t: days(dayOf(0), dayOf(3)) },
            flags: { title: p.text, id: 'map-1' },
            width: null,
            height: 500,
          }),
        );
        const blank = await (await browserContext()).newPage();
        const parsed = await blank.evaluate(
          (list) =>
            list.map((c) => {
              const doc = new DOMParser().parseFromString(
                `<!doctype html><body>${c.snippet}\n${c.link}</body>`,
                'text/html',
              );
              const all = Array.from(doc.body.querySelectorAll('*'));
              const iframe = doc.querySelector('iframe');
              const a = doc.querySelector('a');
              return {
                tags: all.map((e) => e.tagName).join(','),
                handlers: all.flatMap((e) =>
                  Array.from(e.attributes)
                    .filter((x) => /^on/i.test(x.name))
                    .map((x) => x.name),
                ),
                title: iframe?.getAttribute('title'),
                src: iframe?.getAttribute('src'),
                sandbox: iframe?.getAttribute('sandbox'),
                script: doc.querySelector('script')?.getAttribute('src'),
                href: a?.getAttribute('href'),
              };
            }),
          codes,
        );
        expectNoAttack(await findings(blank, dialogs));
        await blank.close();
        parsed.forEach((r, k) => {
          const c = codes[k];
          const name = XSS_PAYLOADS[k].name;
          expect(r.tags, name).toBe('IFRAME,SCRIPT,A');
          expect(r.handlers, name).toEqual([]);
          expect([r.title, r.src, r.script, r.href], name).toEqual([c.title, c.embedUrl, c.scriptUrl, c.appUrl]);
          expect(r.sandbox, name).not.toMatch(/allow-top-navigation/);
          expect(new URL(r.src ?? '').origin, name).toBe(new URL(atlas).origin);
        });
      },
      { viewport: { width: 1280, height: 900 } },
    );
    expect(share).toContain('data-conflict-atlas="');
  });
});
