import { afterAll, beforeAll, it } from 'vitest';
import { closeBrowser, openApp, startServer, stopServer } from '../harness';
beforeAll(async () => { await startServer(); });
afterAll(async () => { await closeBrowser(); await stopServer(); });
it('readme shot', async () => {
  const app = await openApp('#t=2024-11-25..2024-11-25&mode=window&view=48.6,33.2,5.05', { viewport: { width: 1280, height: 800 } });
  await app.page.screenshot({ path: 'docs/screenshot.png' });
  console.log(app.errors.join('\n'));
  await app.close();
});
