import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, dataOrigins } from './csp';

describe('data origins in connect-src (published datasets, docs/hosting.md)', () => {
  it('adds the configured origins to connect-src only', () => {
    const csp = contentSecurityPolicy('app', dataOrigins('https://data.example.org, http://127.0.0.1:8787'));
    expect(csp).toContain("connect-src 'self' https://data.example.org http://127.0.0.1:8787;");
    expect(csp).toContain("script-src 'self';");
    expect(contentSecurityPolicy('embed', [])).toContain("connect-src 'self';");
  });

  it('refuses anything that is not a plain origin, so a typo cannot widen the policy', () => {
    expect(dataOrigins('')).toEqual([]);
    for (const bad of ['*', 'https://*.example.org', 'https://data.example.org/path', "'unsafe-eval'", 'data:', 'javascript:alert(1)']) {
      expect(() => dataOrigins(bad), bad).toThrow(/ATLAS_DATA_ORIGINS/);
    }
  });
});
