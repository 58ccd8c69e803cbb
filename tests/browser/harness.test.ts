// Self-test of the harness against a fixture page, so harness faults are told apart from app faults.
import { expect, it } from 'vitest';
import { join } from 'node:path';
import {
  browserSuite,
  capture,
  colourDistance,
  crop,
  expectNoErrors,
  expectNoForeignRequests,
  isMostlyUniform,
  openApp,
  samplePixels,
} from './harness.ts';

browserSuite('browser harness', { staticDir: join(import.meta.dirname, 'fixtures/harness') }, () => {
  it('reads WebGL pixels from a screenshot and tells blank from drawn', async () => {
    const app = await openApp('', { viewport: { width: 400, height: 300 } });
    try {
      const [left, right, below] = await samplePixels(app.page, [
        [100, 100],
        [300, 100],
        [200, 250],
      ]);
      expect(colourDistance(left, [255, 0, 0, 255])).toBeLessThan(8);
      expect(colourDistance(right, [0, 0, 255, 255])).toBeLessThan(8);
      expect(colourDistance(below, [255, 255, 255, 255])).toBeLessThan(8);
      const png = await capture(app.page);
      expect(isMostlyUniform(png)).toBe(false);
      expect(isMostlyUniform(crop(png, { x: 0, y: 0, width: 200, height: 200 }))).toBe(true);
      expectNoErrors(app.errors);
      expectNoForeignRequests(app.requests);
      expect(app.requests.some((url) => url.endsWith('/index.html'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('records foreign requests (and blocks them), errors, uncaught exceptions and warnings', async () => {
    const app = await openApp('#foreign,error,throw,warn,worker');
    try {
      await app.page.waitForTimeout(500);
      expect(() => expectNoForeignRequests(app.requests)).toThrow(/example\.com/);
      expect(app.requests, "a Web Worker's request is recorded too").toContain('http://example.org/from-worker');
      expect(app.errors.some((e) => e.includes('fixture console error'))).toBe(true);
      expect(app.errors.some((e) => e.includes('fixture uncaught'))).toBe(true);
      expect(() => expectNoErrors(app.errors)).toThrow(/error\(s\)/);
      expect(app.warnings).toContain('fixture warning');
    } finally {
      await app.close();
    }
  });
});
