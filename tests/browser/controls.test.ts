// Browser tests of the time controls by keyboard and of a malformed link, in Debian's Chromium.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, dataSpan, humanDay } from './atlas-data';
import { browserSuite, eventually, getState, hashParams, withApp } from './harness';
import { day as dayNumber, days, isoWindow } from '../support/days';

/** Waits until the window is [from, to] in the store, the label, the slider's aria-valuetext and the hash. */
async function expectWindow(page: Page, from: string, to: string): Promise<void> {
  await eventually(async () => (await getState(page)).window).toEqual(days(from, to));
  const label = page.locator('#time-window-label');
  await eventually(async () => (await label.textContent()) ?? '').toContain(humanDay(from));
  expect((await label.textContent()) ?? '').toContain(humanDay(to));
  const labelText = ((await label.textContent()) ?? '').trim();
  await eventually(async () => ((await page.locator('#time-slider').getAttribute('aria-valuetext')) ?? '').trim()).toBe(
    labelText,
  );
  await eventually(async () => (await hashParams(page)).t).toBe(`${from}..${to}`);
}

async function playPressed(page: Page): Promise<string | null> {
  return page.locator('#play-toggle').getAttribute('aria-pressed');
}

browserSuite('Conflict Atlas controls in Chromium', () => {
  it('drives the time slider by keyboard: arrows, Shift+arrows, Home/End and Space to play', async () => {
    const span = dataSpan();
    // A one-day window mid-span, with room to step a week either way.
    const spanDays = (Date.parse(span.end) - Date.parse(span.start)) / 86_400_000;
    const day = addDays(span.start, Math.floor(spanDays / 2));
    expect(spanDays, `span ${span.start}..${span.end}`).toBeGreaterThan(30);
    await withApp(`#t=${day}..${day}&mode=window`, async (app) => {
      const { page } = app;
      const slider = page.locator('#time-slider');
      expect(await slider.getAttribute('role')).toBe('slider');
      expect(await slider.getAttribute('tabindex')).toBe('0');
      await slider.focus();
      await expectWindow(page, day, day);

      await page.keyboard.press('ArrowRight');
      await expectWindow(page, addDays(day, 1), addDays(day, 1));
      await page.keyboard.press('Shift+ArrowRight');
      await expectWindow(page, addDays(day, 8), addDays(day, 8));
      await page.keyboard.press('ArrowLeft');
      await expectWindow(page, addDays(day, 7), addDays(day, 7));
      await page.keyboard.press('Shift+ArrowLeft');
      await expectWindow(page, day, day);

      await page.keyboard.press('End');
      await expectWindow(page, span.end, span.end);
      await page.keyboard.press('Home');
      await expectWindow(page, span.start, span.start);

      expect(await playPressed(page)).toBe('false');
      await page.keyboard.press('Space');
      await eventually(() => playPressed(page)).toBe('true');
      expect((await getState(page)).playing).toBe(true);
      await eventually(async () => (await getState(page)).window.from > dayNumber(span.start)).toBe(true);

      expect(await page.evaluate(() => document.activeElement?.id), 'focus stays on the slider while playing').toBe(
        'time-slider',
      );
      await page.keyboard.press('Space');
      await eventually(() => playPressed(page)).toBe('false');
      expect((await getState(page)).playing).toBe(false);
      const stopped = (await getState(page)).window;
      await page.waitForTimeout(1_500);
      expect((await getState(page)).window, 'the window stays put once stopped').toEqual(stopped);
    });
  });

  it('loads a malformed link without errors, warning about what it ignored', async () => {
    await withApp('#t=garbage&view=1,2&foo=bar', async (app) => {
      const { page, warnings } = app;
      const state = await getState(page);
      expect(isoWindow(state.window).from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(isoWindow(state.window).to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(state.view.lat).not.toBe(1);
      const warned = warnings.join('\n');
      for (const part of ['garbage', '1,2', 'foo'])
        expect(warned, `a console warning naming "${part}"`).toContain(part);
      expect(await page.locator('#event-list').count()).toBe(1);
    });
  });
});
