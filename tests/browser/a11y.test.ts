// axe-core over the full app (index.html) once it has drawn: no violation of any impact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, expectCleanPage, openApp, requireBrowser, startServer, stopServer } from './harness';
import { axeViolations } from './axe';

const haveBrowser = requireBrowser();

describe.skipIf(!haveBrowser)('accessibility of the app page (axe-core)', () => {
  beforeAll(async () => {
    await startServer();
  }, 60_000);
  afterAll(async () => {
    await closeBrowser();
    await stopServer();
  });

  it('index.html has no axe violation', async () => {
    const app = await openApp('', { viewport: { width: 1280, height: 720 } });
    try {
      expect(await axeViolations(app.page)).toEqual([]);
      expectCleanPage(app);
    } finally {
      await app.close();
    }
  }, 120_000);
});
