// Browser tests of exports: PNG size, content, legend and the Kharkiv strike; the dialog; GeoJSON, CSV; cancelling; the snapshot CLI.
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { FACILITY_COLOR, WEAPON_COLORS, WEAPON_LABELS } from '../../src/core/config';
import { WEAPONS } from '../../src/core/schema/schema';
import { parseCsv } from '../../src/ui/export/csv';
import { allFeatures, novemberStrikes } from './atlas-data';
import {
  ARTIFACTS_DIR,
  browserSuite,
  colourDistance,
  isMostlyUniform,
  REPO_ROOT,
  screenshot,
  withApp,
} from './harness';
import {
  centreOf,
  exportDataIn,
  exportPngIn,
  insideRect,
  mercatorPixel,
  saveArtifact,
  spotColour,
} from './export-helpers';

const run = promisify(execFile);
const NOV_25 = '2024-11-25';
/** Kharkiv well inside the image, away from the captions' corners. */
const VIEW = { lat: 48.8, lon: 34.5, zoom: 5.6 };
const HASH = `#t=${NOV_25}..${NOV_25}&view=${VIEW.lat},${VIEW.lon},${VIEW.zoom}`;

/** Ids of the bundled features whose [start, end] overlaps the day (end null = still active), from data/ on disk. */
function idsOn(day: string): string[] {
  return allFeatures()
    .filter((f) => f.properties.start <= day && (f.properties.end === null || f.properties.end >= day))
    .map((f) => f.properties.id)
    .sort();
}

/** The number the event list announces ("11 events in window"). */
async function announcedCount(page: Page): Promise<number> {
  const text = (await page.locator('#event-count').textContent()) ?? '';
  const m = /\d+/.exec(text.replace(/,/g, ''));
  if (!m) throw new Error(`#event-count says "${text}"`);
  return Number(m[0]);
}

async function openDialog(page: Page): Promise<void> {
  await page.locator('#export-button').click();
  await page.locator('#export-dialog[open]').waitFor();
}

browserSuite('Exports in Chromium', () => {
  it('renders a PNG of exactly the requested size, not blank, legend in place, the Kharkiv strike in missile red', async () => {
    const { kharkiv } = novemberStrikes();
    await withApp(HASH, async ({ page }) => {
      const { png, meta } = await exportPngIn(
        page,
        'export-640x400@2x.png',
        { width: 640, height: 400, scale: 2, legendPosition: 'bottom-left' },
        [[kharkiv.lon, kharkiv.lat]],
      );
      expect([png.width, png.height]).toEqual([1280, 800]);
      expect([meta.width, meta.height, meta.scale]).toEqual([1280, 800, 2]);
      expect(meta.fileName).toBe(`conflict-atlas_${NOV_25}_${NOV_25}.png`);
      expect(isMostlyUniform(png), 'the image is one flat colour').toBe(false);

      // The legend: in the bottom-left corner, each swatch drawn in its layer's or weapon's colour.
      const legend = meta.boxes.legend;
      if (!legend) throw new Error('no legend in the layout');
      expect(legend.x).toBeLessThan(png.width / 4);
      expect(legend.y + legend.height).toBeGreaterThan(png.height / 2);
      const labels = meta.boxes.swatches.map((s) => s.text);
      for (const w of WEAPONS) {
        const sw = meta.boxes.swatches.find((s) => s.text === WEAPON_LABELS[w]);
        if (!sw) throw new Error(`no legend swatch for ${w} among ${labels.join(' | ')}`);
        const [x, y] = centreOf(sw.rect);
        const got = spotColour(png, x, y, 1);
        expect(colourDistance(got, WEAPON_COLORS[w]), `${w} swatch at (${x}, ${y}) is ${got}`).toBeLessThan(12);
      }
      const facility = meta.boxes.swatches.find((s) => s.text.startsWith('Facilities'));
      if (!facility) throw new Error(`no facility swatch among ${labels.join(' | ')}`);
      const [fx, fy] = centreOf(facility.rect);
      expect(colourDistance(spotColour(png, fx, fy, 1), FACILITY_COLOR)).toBeLessThan(12);
      // Between the swatch column and the text the panel is white: the panel is drawn there too.
      const panel = spotColour(png, legend.x + legend.width - 4, legend.y + 4, 1);
      expect(colourDistance(panel, [255, 255, 255, 255]), `legend panel ${panel}`).toBeLessThan(12);

      // Kharkiv: where the export's own map puts it, and where Web Mercator maths puts it.
      const [px, py] = meta.probes[0];
      const [mx, my] = mercatorPixel(kharkiv.lon, kharkiv.lat, VIEW, meta.zoom, 640, meta.boxes.map.height / 2, 2);
      expect(Math.abs(px - mx), `probe x ${px} vs maths ${mx}`).toBeLessThan(1.5);
      expect(Math.abs(py - my), `probe y ${py} vs maths ${my}`).toBeLessThan(1.5);
      for (const box of [
        meta.boxes.legend,
        meta.boxes.title,
        meta.boxes.attribution,
        meta.boxes.scaleBar,
        meta.boxes.sources,
      ]) {
        expect(insideRect([px, py], box), `Kharkiv (${px}, ${py}) is under a caption ${JSON.stringify(box)}`).toBe(
          false,
        );
      }
      // The place's dot and name are drawn over the symbol's centre: take the median around it.
      const colour = spotColour(png, px, py, 6);
      expect(
        colourDistance(colour, WEAPON_COLORS.missile),
        `Kharkiv pixel (${px.toFixed(0)}, ${py.toFixed(0)}) is ${colour}`,
      ).toBeLessThan(32);
    });
  });

  it('exports through the dialog: custom size, the WebGL clamp message, a download, Escape returns focus', async () => {
    await withApp(HASH, async ({ page }) => {
      await openDialog(page);
      const dialog = page.locator('#export-dialog');
      expect(await dialog.getAttribute('aria-labelledby')).toBe('export-heading');
      expect(await page.locator('#export-heading').textContent()).toBe('Export');
      expect(await page.evaluate(() => document.activeElement?.closest('#export-dialog') !== null)).toBe(true);
      await page.locator('#export-aspect').selectOption('custom');
      await page.locator('#export-width').fill('500');
      await page.locator('#export-height').fill('300');
      await page.locator('#export-scale').selectOption('custom');
      await page.locator('#export-custom-scale').fill('40');
      const maxSide = await page.evaluate(async () =>
        (
          await (window as unknown as { __atlas: { exports(): Promise<{ maxSide(): number }> } }).__atlas.exports()
        ).maxSide(),
      );
      await expect.poll(() => page.locator('#export-clamp').textContent()).toContain(`WebGL limit of ${maxSide} px`);
      await page.locator('#export-scale').selectOption('1');
      await expect.poll(() => page.locator('#export-size').textContent()).toContain('500 × 300 px');
      expect(await page.locator('#export-clamp').textContent()).toBe('');
      await screenshot(page, 'export-dialog');
      expect(await page.locator('#export-file-name').textContent()).toBe(`conflict-atlas_${NOV_25}_${NOV_25}.png`);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 90_000 }),
        page.locator('#export-go').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`conflict-atlas_${NOV_25}_${NOV_25}.png`);
      const file = join(ARTIFACTS_DIR, 'export-dialog-500x300.png');
      await download.saveAs(file);
      const png = PNG.sync.read(readFileSync(file));
      expect([png.width, png.height]).toEqual([500, 300]);
      expect(isMostlyUniform(png)).toBe(false);
      await expect.poll(() => page.locator('#export-status').textContent()).toContain('Saved');
      expect(await page.locator('[data-atlas-export]').count(), 'the off-screen map is removed').toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#export-dialog').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-button');
    });
  });

  it('a GeoJSON export, loaded back, equals the visible features', async () => {
    const byId = new Map(allFeatures().map((f) => [f.properties.id, f]));
    await withApp(HASH, async ({ page }) => {
      const ids = idsOn(NOV_25);
      expect(ids.length).toBeGreaterThan(0);
      expect(await announcedCount(page), 'the event list shows the same features').toBe(ids.length);
      await openDialog(page);
      await page.locator('#export-format-geojson').check();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-go').click()]);
      expect(download.suggestedFilename()).toBe(`conflict-atlas_${NOV_25}_${NOV_25}.geojson`);
      const file = join(ARTIFACTS_DIR, 'export.geojson');
      await download.saveAs(file);
      const back = JSON.parse(readFileSync(file, 'utf8')) as {
        type: string;
        features: { properties: { id: string } }[];
        conflict_atlas: { window: unknown };
      };
      expect(back.type).toBe('FeatureCollection');
      expect(back.conflict_atlas.window).toEqual({ from: NOV_25, to: NOV_25 });
      expect(back.features.map((f) => f.properties.id).sort()).toEqual(ids);
      for (const f of back.features) expect(f, f.properties.id).toEqual(byId.get(f.properties.id));
      await page.keyboard.press('Escape');
    });
  });

  it('a CSV export has a header and one row per feature, with quotes, commas and newlines escaped', async () => {
    const { kharkiv } = novemberStrikes();
    const nasty = 'Missile attack on "Kharkiv", at night\nsecond line';
    await withApp(HASH, async ({ page }) => {
      const ids = idsOn(NOV_25);
      expect(await announcedCount(page)).toBe(ids.length);
      // Give one feature awkward text, in this page only.
      await page.evaluate(
        ([id, title]) => {
          const ds = (
            window as unknown as {
              __atlas: {
                store: {
                  getState(): {
                    dataset: { find(id: string): { feature: { properties: Record<string, unknown> } } | undefined };
                  };
                };
              };
            }
          ).__atlas.store.getState().dataset;
          const p = ds.find(id)?.feature.properties;
          if (!p) throw new Error(`${id} not in the dataset`);
          p.title = title;
          p.summary = '=HYPERLINK("https://example.invalid")';
        },
        [kharkiv.id, nasty] as const,
      );
      const r = await exportDataIn(page, 'csv');
      saveArtifact('export.csv', r.text);
      expect(r.fileName).toBe(`conflict-atlas_${NOV_25}_${NOV_25}.csv`);
      expect(r.text).toContain('"Missile attack on ""Kharkiv"", at night\nsecond line"');
      const [header, ...rows] = parseCsv(r.text);
      expect(header.slice(0, 3)).toEqual(['id', 'layer', 'title']);
      for (const c of ['start', 'end', 'lon', 'lat', 'wkt', 'sources']) expect(header).toContain(c);
      expect(rows).toHaveLength(ids.length);
      expect(rows.map((x) => x[0]).sort()).toEqual(ids);
      expect(r.count).toBe(ids.length);
      expect(rows.every((row) => row.length === header.length)).toBe(true);
      const col = (name: string): number => header.indexOf(name);
      const row = rows.find((x) => x[col('id')] === kharkiv.id);
      if (!row) throw new Error('no Kharkiv row');
      expect(row[col('title')]).toBe(nasty);
      expect(row[col('summary')]).toBe(`'=HYPERLINK("https://example.invalid")`);
      expect([Number(row[col('lon')]), Number(row[col('lat')])]).toEqual([kharkiv.lon, kharkiv.lat]);
      expect(row[col('sources')]).toContain(kharkiv.seed);
      for (const x of rows.filter((x) => x[col('lon')] === ''))
        expect(x[col('wkt')]).toMatch(/^(MULTI)?(POLYGON|LINESTRING|POINT)|^GEOMETRYCOLLECTION/);
    });
  });

  it('shows progress while exporting, keeps the page responsive, and cancels', async () => {
    await withApp(HASH, async ({ page }) => {
      await openDialog(page);
      await page.locator('#export-aspect').selectOption('custom');
      await page.locator('#export-width').fill('1600');
      await page.locator('#export-height').fill('1000');
      await page.locator('#export-scale').selectOption('2');
      let downloaded = false;
      page.on('download', () => {
        downloaded = true;
      });
      await page.locator('#export-go').click();
      await page.locator('.export-progress').waitFor({ state: 'visible' });
      const t0 = Date.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - t0, 'the page answered slowly while exporting').toBeLessThan(2000);
      expect(await page.locator('.export-cancel').textContent()).toBe('Cancel export');
      await page.locator('.export-cancel').click();
      await expect
        .poll(() => page.locator('#export-status').textContent(), { timeout: 30_000 })
        .toBe('Export cancelled.');
      await expect.poll(() => page.locator('[data-atlas-export]').count()).toBe(0);
      await page.waitForTimeout(500);
      expect(downloaded).toBe(false);
      expect(await page.locator('.export-cancel').textContent()).toBe('Close');
      await page.locator('.export-cancel').click();
      await expect.poll(() => page.locator('#export-dialog').count()).toBe(0);
    });
  });

  it('the snapshot CLI writes a 3840×2160 PNG and a CSV', async () => {
    const dir = join(ARTIFACTS_DIR, 'cli');
    rmSync(dir, { recursive: true, force: true });
    const cli = ['scripts/run-ts.mjs', 'scripts/snapshot.ts', '--hash', '#t=2024-11-25..2024-11-25&view=49,33,5'];
    const pngPath = join(dir, 'map.png');
    const a = await run('node', [...cli, '--width', '1920', '--height', '1080', '--scale', '2', '--out', pngPath], {
      cwd: REPO_ROOT,
      timeout: 280_000,
    });
    expect(a.stdout).toContain(pngPath);
    const png = PNG.sync.read(readFileSync(pngPath));
    expect([png.width, png.height]).toEqual([3840, 2160]);
    expect(isMostlyUniform(png)).toBe(false);
    const b = await run('node', [...cli, '--format', 'csv', '--out-dir', dir, '--no-build'], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
    const csvPath = join(dir, `conflict-atlas_${NOV_25}_${NOV_25}.csv`);
    expect(b.stdout).toContain(csvPath);
    const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
    expect(header[0]).toBe('id');
    const ids = rows.map((r) => r[0]);
    const { kharkiv, odesa } = novemberStrikes();
    expect(ids).toEqual(expect.arrayContaining([kharkiv.id, odesa.id]));
  }, 420_000);
});
