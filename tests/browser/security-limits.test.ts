// Hostile sizes dropped on the app: JSON nested 100k deep, a 10-million-character string, a million-point polygon, a 210 MB file — clear messages, a page that keeps ticking.
import { expect, it } from 'vitest';
import { MAX_LONG_TEXT } from '../../src/core/schema/limits';
import { browserSuite, eventually, screenshot, withApp } from './harness';

/** Counts animation frames, and the longest gap between two, from the moment it is started. */
const HEARTBEAT = `(() => {
  const beat = { frames: 0, maxGap: 0, last: 0, running: false, bigParses: 0 };
  Object.defineProperty(window, '__beat', { value: beat });
  const parse = JSON.parse;
  JSON.parse = function (text, ...rest) {
    if (typeof text === 'string' && text.length > 1e6) beat.bigParses++;
    return parse.call(this, text, ...rest);
  };
  const tick = (now) => {
    if (beat.running) {
      if (beat.last) beat.maxGap = Math.max(beat.maxGap, now - beat.last);
      beat.frames++;
      beat.last = now;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Beat {
  frames: number;
  maxGap: number;
  bigParses: number;
}

browserSuite('hostile sizes', () => {
  it('each gets a clear message, the good features still load, and the page keeps drawing frames meanwhile', async () => {
    await withApp(
      '#t=2024-11-25..2024-11-25',
      async ({ page }) => {
        // The files are made in the page first (that work is the test's, not the app's), then dropped at once.
        const beat = await page.evaluate(async () => {
          const ok = (id: string) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [36.2, 49.9] },
            properties: {
              id,
              layer: 'strike',
              title: `Fine ${id}`,
              start: '2024-11-25',
              end: '2024-11-25',
              sources: [{ name: 'Outlet' }],
            },
          });
          const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
          const deepMember = JSON.stringify({
            type: 'FeatureCollection',
            features: [{ ...ok('deep-member'), junk: 0 }, ok('deep-ok')],
          }).replace('"junk":0', `"junk":${deep}`);
          const big = 'A'.repeat(10_000_000);
          const huge = JSON.stringify({
            type: 'FeatureCollection',
            features: [ok('huge-ok'), ok('huge-fine')],
          }).replace('"Fine huge-ok"', `"${big}"`);
          const ring = `[${'[30,50],'.repeat(999_998)}[30.5,50.5],[30,50]]`;
          const polygon = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[${ring}]},"properties":${JSON.stringify(ok('million').properties)}},${JSON.stringify(ok('polygon-ok'))}]}`;
          // 2 million tiny rows (12 MB): too many rows to hold, whatever the bytes (checked on the first MB).
          const oversized = new File(['lat,lon,date\n', '1,2,3\n'.repeat(2_000_000)], 'oversized.csv');
          const files = [
            new File([deep], 'deep.geojson'),
            new File([deepMember], 'deep-member.geojson'),
            new File([huge], 'huge-string.geojson'),
            new File([polygon], 'million-points.geojson'),
            oversized,
          ];
          const b = (window as unknown as { __beat: Beat & { running: boolean; last: number } }).__beat;
          b.running = true;
          const dt = new DataTransfer();
          for (const f of files) dt.items.add(f);
          const map = document.getElementById('map') as HTMLElement;
          for (const type of ['dragenter', 'dragover', 'drop'])
            map.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
          // Until every file has its result (three loaded with reports, two refused outright).
          await new Promise<void>((done) => {
            const check = (): void => {
              const doneNow =
                document.querySelectorAll('#imports .import-pending').length === 0 &&
                document.querySelectorAll('#imports .import-file, #imports .import-failed').length === 5;
              if (doneNow) done();
              else setTimeout(check, 20);
            };
            check();
          });
          b.running = false;
          return { frames: b.frames, maxGap: b.maxGap, bigParses: b.bigParses };
        });
        console.info(`hostile sizes: ${beat.frames} frames while importing, longest gap ${Math.round(beat.maxGap)} ms`);
        // The page kept drawing while the worker parsed (frames ticked), and never parsed the files itself.
        expect(beat.frames).toBeGreaterThan(2);
        expect(beat.bigParses).toBe(0);

        const failed = await page.$$eval('#imports .import-failed p', (ps) => ps.map((p) => p.textContent ?? ''));
        expect(failed).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^deep\.geojson: The JSON is an array, not a GeoJSON object/),
            expect.stringMatching(
              /^oversized\.csv: The file is 11\.4 MB, about [12],[0-9,]+ rows \(estimated from its first records\); loaded, they would need about [0-9.]+ GB of memory, more than the 3\.0 GB this page allows for one file\. Split it/,
            ),
          ]),
        );
        await page.locator('#imports .import-report summary').first().waitFor();
        for (const s of await page.locator('#imports .import-report summary').all()) await s.click();
        const rows = await page.$$eval('#imports .import-file', (r) =>
          r.map((x) => ({
            name: x.querySelector('.import-name')?.textContent ?? '',
            counts: x.querySelector('.import-counts')?.textContent ?? '',
            issues: Array.from(x.querySelectorAll('.import-issue'), (i) => i.textContent ?? ''),
          })),
        );
        const row = (name: string) => rows.find((r) => r.name === name);
        expect(row('deep-member.geojson')?.counts).toBe('GeoJSON: 1 loaded, 1 rejected');
        expect(row('deep-member.geojson')?.issues.join('\n')).toMatch(
          /feature 0 \(deep-member\), field feature: the feature has foreign members .* nested more than 64 levels deep/,
        );
        expect(row('huge-string.geojson')?.counts).toBe('GeoJSON: 1 loaded, 1 rejected');
        expect(row('huge-string.geojson')?.issues.join('\n')).toMatch(
          /feature 0 \(huge-ok\): field title: the text is 10,000,000 characters long; at most 500 are allowed; the feature is not loaded/,
        );
        expect(row('million-points.geojson')?.counts).toBe('GeoJSON: 1 loaded, 1 rejected');
        expect(row('million-points.geojson')?.issues.join('\n')).toMatch(
          /feature 0 \(million\), field geometry: the Polygon has more than 50,000 positions \(vertices\)/,
        );
        // The good features are on the list; no text on the page is anywhere near the hostile sizes.
        await eventually(() =>
          page.$$eval('#event-list li[data-feature-id]', (l) => l.map((x) => x.getAttribute('data-feature-id'))),
        ).toEqual(expect.arrayContaining(['deep-ok', 'huge-fine', 'polygon-ok']));
        const longest = await page.evaluate(() => {
          let max = 0;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) max = Math.max(max, n.textContent?.length ?? 0);
          return max;
        });
        expect(longest).toBeLessThan(MAX_LONG_TEXT);
        await screenshot(page, 'security-limits');
      },
      { viewport: { width: 1280, height: 900 }, initScript: HEARTBEAT },
    );
  });
});
