// Browser tests of filters and search: list, count and map narrowed together, matches marked, state in the URL and after reload.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  eventually,
  getState,
  hashParams,
  idle,
  pick,
  project,
  screenshot,
  waitForAtlasReady,
  withApp,
} from './harness';
import { novemberStrikes, normaliseText } from './atlas-data';
import { announcedCount, drawnOf, expectedList, listModel } from './expected';
import { days } from '../support/days';

const DAY = '#t=2024-11-25..2024-11-25&mode=window';
const VIEW = 'view=48.3,33.6,5.6';

type Filters = { weapons: string[] | null; min: { field: string; value: number } | null; q: string };
async function filtersOf(page: Page): Promise<Filters> {
  return page.evaluate(
    () =>
      (window as unknown as { __atlas: { store: { getState(): { filters: Filters } } } }).__atlas.store.getState()
        .filters,
  );
}

/** The list and its count equal what the app's pure code gives for `hash` on the data on disk. */
async function expectListFor(page: Page, hash: string): Promise<string[]> {
  const want = expectedList(hash);
  const agrees = async (): Promise<boolean> => {
    const model = await listModel(page);
    return (
      model.length === want.length &&
      (want.length === 0 || model.some(Boolean)) &&
      model.every((id, i) => !id || id === want[i]) &&
      (await announcedCount(page)) === want.length
    );
  };
  await eventually(agrees).toBe(true);
  const model = await listModel(page);
  expect(model, 'the rows drawn, at their positions').toEqual(drawnOf(want, model));
  expect(await announcedCount(page)).toBe(want.length);
  return want;
}

/** Number of histogram bins drawn with a height. */
async function filledBins(page: Page): Promise<number> {
  return page.$$eval(
    '.time-bar-bin',
    (bins) => bins.filter((b) => !['', '0', '0px'].includes((b as HTMLElement).style.height)).length,
  );
}

browserSuite('filters and search in Chromium', () => {
  const strikes = novemberStrikes();

  it('searches titles, places, summaries and quotes, narrowing list and map together, with the match marked', async () => {
    await withApp(`${DAY}&layers=strikes&${VIEW}`, async ({ page }) => {
      const all = await expectListFor(page, `${DAY}&layers=strikes`);
      expect(all).toEqual(expect.arrayContaining([strikes.kharkiv.id, strikes.odesa.id, strikes.mykolaiv.id]));
      const binsBefore = await filledBins(page);

      await page.locator('#filter-search').fill('interior ministry');
      await eventually(async () => (await hashParams(page)).q).toBe('interior ministry');
      const found = await expectListFor(page, `${DAY}&layers=strikes&q=interior%20ministry`);
      expect(found).toEqual([strikes.odesa.id]);
      expect((await page.locator('#event-count').textContent()) ?? '').toMatch(/filtered from/);
      // The match is shown: marked in the list, inside the line that says where it was found.
      const marks = (await page.locator('#event-list mark').allTextContents()).map((m) => m.toLowerCase());
      expect(marks).toEqual(expect.arrayContaining(['interior', 'ministry']));
      expect(normaliseText((await page.locator('#event-list .event-match').first().textContent()) ?? '')).toMatch(
        /^in (summary|source quote): /,
      );
      expect(await page.locator('#filter-search-count').textContent()).toBe('1 match');

      // The map draws what the list holds: Odesa is picked, Kharkiv (filtered out) is not.
      await idle(page);
      expect(await pick(page, ...(await project(page, strikes.odesa.lon, strikes.odesa.lat)))).toBe(strikes.odesa.id);
      expect(await pick(page, ...(await project(page, strikes.kharkiv.lon, strikes.kharkiv.lat)))).not.toBe(
        strikes.kharkiv.id,
      );
      expect(await filledBins(page), 'the histogram counts only what passes').toBeLessThan(binsBefore);
      await page.locator('#event-list').scrollIntoViewIfNeeded();
      await screenshot(page, 'filters-search-interior-ministry');

      // The same state after a reload, from the URL alone.
      await page.reload({ waitUntil: 'load' });
      await waitForAtlasReady(page);
      expect(await page.locator('#filter-search').inputValue()).toBe('interior ministry');
      await expectListFor(page, `${DAY}&layers=strikes&q=interior%20ministry`);
      expect(await pick(page, ...(await project(page, strikes.kharkiv.lon, strikes.kharkiv.lat)))).not.toBe(
        strikes.kharkiv.id,
      );

      // Escape empties the box and brings everything back.
      await page.locator('#filter-search').press('Escape');
      await eventually(async () => (await filtersOf(page)).q).toBe('');
      await expectListFor(page, `${DAY}&layers=strikes`);
      expect((await hashParams(page)).q).toBeUndefined();
    });
  });

  it('filters by weapon and by a minimum figure, with counts, in the URL and after reload', async () => {
    await withApp(`${DAY}&${VIEW}`, async ({ page }) => {
      const all = await expectListFor(page, DAY);
      const missileCount = Number(await page.locator('.filter-count[data-weapon="missile"]').textContent());
      const droneCount = Number(await page.locator('.filter-count[data-weapon="drone"]').textContent());
      expect(missileCount).toBeGreaterThanOrEqual(2);
      expect(droneCount).toBeGreaterThanOrEqual(1);
      // Cyberattacks are a weapon value with their own symbol: the GRU / APT 28 attacks' range (2022-2025) covers the day.
      expect(Number(await page.locator('.filter-count[data-weapon="cyber"]').textContent())).toBeGreaterThanOrEqual(1);
      expect(await page.locator('label.filter-weapon:has(input[value=cyber]) .legend-dot-cyber svg').count()).toBe(1);

      // Drones off: the drone strikes leave the list and the map; facilities and deployments stay.
      await page.locator('input[name=weapon][value=drone]').setChecked(false);
      await eventually(async () => (await hashParams(page)).weapon).toBe('missile,mixed,cyber,unknown');
      const noDrones = await expectListFor(page, `${DAY}&weapon=missile,mixed,cyber,unknown`);
      expect(noDrones).not.toContain(strikes.mykolaiv.id);
      expect(noDrones.length).toBe(all.length - droneCount);
      await idle(page);
      expect(await pick(page, ...(await project(page, strikes.mykolaiv.lon, strikes.mykolaiv.lat)))).not.toBe(
        strikes.mykolaiv.id,
      );

      // At least 10 injured: Kharkiv (23) and Odesa (10) remain.
      await page.locator('#filter-min-field').selectOption('injured');
      await page.locator('#filter-min-value').fill('10');
      await eventually(async () => (await hashParams(page)).min).toBe('injured:10');
      const hurt = await expectListFor(page, `${DAY}&weapon=missile,mixed,cyber,unknown&min=injured:10`);
      expect(hurt.sort()).toEqual([strikes.kharkiv.id, strikes.odesa.id].sort());
      expect(await page.locator('#filter-summary').textContent()).toMatch(
        new RegExp(`^2 of ${all.length} in the window`),
      );
      await idle(page);
      expect(await pick(page, ...(await project(page, strikes.kharkiv.lon, strikes.kharkiv.lat)))).toBe(
        strikes.kharkiv.id,
      );
      expect(await filledBins(page), 'both events that pass fall in one bin').toBe(1);
      await page.locator('#filter-summary').scrollIntoViewIfNeeded();
      await screenshot(page, 'filters-missiles-injured-10');

      await page.reload({ waitUntil: 'load' });
      await waitForAtlasReady(page);
      expect(await filtersOf(page)).toEqual({
        weapons: ['missile', 'mixed', 'cyber', 'unknown'],
        min: { field: 'injured', value: 10 },
        q: '',
      });
      expect(await page.locator('input[name=weapon][value=drone]').isChecked()).toBe(false);
      expect(await page.locator('#filter-min-value').inputValue()).toBe('10');
      await expectListFor(page, `${DAY}&weapon=missile,mixed,cyber,unknown&min=injured:10`);

      await page.locator('#filter-clear').click();
      await expectListFor(page, DAY);
      const hash = await hashParams(page);
      expect([hash.weapon, hash.min, hash.q]).toEqual([undefined, undefined, undefined]);
    });
  });

  it('ignores malformed filter parts with warnings, keeping the good ones', async () => {
    await withApp(`${DAY}&weapon=laser,missile&min=wounded:3&q=Kharkiv`, async ({ page, warnings }) => {
      expect(await filtersOf(page)).toEqual({ weapons: ['missile'], min: null, q: 'Kharkiv' });
      const warned = warnings.join('\n');
      expect(warned).toContain('"laser" in weapon');
      expect(warned).toContain('min="wounded:3"');
      await expectListFor(page, `${DAY}&weapon=missile&q=Kharkiv`);
      expect((await getState(page)).window).toEqual(days('2024-11-25'));
    });
  });
});
