// Table-driven test over the malformed corpus: each case gives its exact issues and the good features still load.
import { describe, expect, it } from 'vitest';
import { importTextSync } from './import';
import { MALFORMED_CASES } from '../../../tests/fixtures/malformed/malformed-corpus';

describe('malformed corpus', () => {
  it('has at least 40 cases with unique names', () => {
    expect(MALFORMED_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MALFORMED_CASES.map((c) => c.name)).size).toBe(MALFORMED_CASES.length);
  });

  for (const c of MALFORMED_CASES) {
    it(c.name, () => {
      const r = importTextSync(c.text, c.fileName);
      if (c.format) expect(r.format).toBe(c.format);
      if (c.fatal) expect(r.fatal).toContain(c.fatal);
      else expect(r.fatal).toBeUndefined();
      for (const e of c.expect) {
        const { reason, ...exact } = e;
        const match = r.issues.find(
          (i) =>
            i.reason.includes(reason) &&
            Object.entries(exact).every(([k, v]) => (i as unknown as Record<string, unknown>)[k] === v),
        );
        expect(
          match,
          `no issue like ${JSON.stringify(e)} in\n${r.issues.map((i) => JSON.stringify(i)).join('\n')}`,
        ).toBeDefined();
      }
      // Errors only where the case expects them: the good features have none.
      const expectedPlaces = new Set(c.expect.map((e) => `${e.index}|${e.line}`));
      for (const i of r.issues.filter((x) => x.severity === 'error'))
        expect(expectedPlaces.has(`${i.index}|${i.line}`), `unexpected error ${JSON.stringify(i)}`).toBe(true);
      expect(r.loaded).toBe(c.loaded);
      expect(r.rejected).toBe(c.rejected);
      expect(r.features.length).toBe(r.loaded);
      if (c.ids) expect(r.features.map((f) => f.properties.id)).toEqual(c.ids);
    });
  }
});
