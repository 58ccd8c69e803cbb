// axe-core over the full app (index.html) once it has drawn, and with the Share dialog open; the dialog's picture for a custom view; the dark theme's story, details and Export dialog.
import { expect, it } from 'vitest';
import { browserSuite, expectCleanPage, openApp } from './harness';
import { axeViolations } from './axe';

browserSuite('accessibility of the app page (axe-core)', () => {
  it('index.html has no axe violation, nor with the Share dialog open; the dialog makes a picture of a view that has none', async () => {
    const app = await openApp('#t=2024-11-25..2024-11-25&view=49,33,5', { viewport: { width: 1280, height: 720 } });
    const { page } = app;
    try {
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#share-button');
      await page.waitForSelector('#share-dialog[open]');
      // Not a built-in view: the dialog offers to make its picture, and the code then names it.
      expect(await page.locator('#share-picture-note').textContent()).toMatch(/posters\/view-[0-9a-f]{8}\.webp/);
      expect(await page.inputValue('#share-code')).not.toContain('poster=');
      await page.check('#share-picture-want');
      await expect.poll(() => page.inputValue('#share-code')).toMatch(/poster=view-[0-9a-f]{8}/);
      await page.click('#share-picture-make');
      const download = page.locator('#share-picture-download');
      await download.waitFor({ state: 'visible', timeout: 150_000 }); // the map is drawn again at 1280 × 600 beside the live preview
      const key = /poster=(view-[0-9a-f]{8})/.exec(await page.inputValue('#share-code'))?.[1];
      expect(await download.getAttribute('download')).toBe(`${key}.webp`);
      expect(await download.textContent()).toMatch(/1280 × 600 px/);
      expect(await axeViolations(page)).toEqual([]);
      expectCleanPage(app);
    } finally {
      await app.close();
    }
  }, 240_000);

  it('the dark theme has no axe violation either: the story card, the details and the Export dialog keep their text readable', async () => {
    // The story card and the dialogs' fields and buttons were white with the dark theme's light text.
    const app = await openApp('#theme=dark&story=1&step=3&sel=strike-odesa-2024-11-25', {
      viewport: { width: 1280, height: 720 },
    });
    const { page } = app;
    try {
      await page.waitForSelector('.story-bar .story-step-title');
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#export-button');
      await page.waitForSelector('dialog[open]');
      expect(await axeViolations(page)).toEqual([]);
      expectCleanPage(app);
    } finally {
      await app.close();
    }
  }, 120_000);
});
