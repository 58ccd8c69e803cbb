import { afterAll, beforeAll, it } from 'vitest';
import { closeBrowser, openApp, screenshot, startServer, stopServer, idle } from '../harness';
beforeAll(async () => { await startServer(); });
afterAll(async () => { await closeBrowser(); await stopServer(); });
it('shots', async () => {
  const app = await openApp('#t=2024-11-25..2024-11-25&view=47.2,33.5,7');
  const { page } = app;
  await screenshot(page, 'dev-south');
  for (const [name, v] of [['dev-ukraine', { lat: 48.6, lon: 31.5, zoom: 5.3 }], ['dev-eurasia', { lat: 50, lon: 70, zoom: 2.3 }]] as const) {
    await page.evaluate((v) => (window as any).__atlas.store.getState().moveView(v), v);
    await page.waitForTimeout(500); await idle(page);
    await screenshot(page, name);
  }
  console.log(JSON.stringify(await page.evaluate(() => [(window as any).__atlas.basemapAt(34.1, 44.95), (window as any).__atlas.labelBoxes().length])));
  console.log(app.errors.join('\n'));
  await app.close();
});
