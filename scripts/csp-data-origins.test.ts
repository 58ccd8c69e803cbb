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
    for (const bad of [
      '*',
      'https://*.example.org',
      'https://data.example.org/path',
      "'unsafe-eval'",
      'data:',
      'javascript:alert(1)',
    ]) {
      expect(() => dataOrigins(bad), bad).toThrow(/ATLAS_DATA_ORIGINS/);
    }
  });
});

describe('a malformed ATLAS_DATA_ORIGINS at start (npm start: vite preview)', () => {
  const startWith = async (value: string): Promise<{ url: string; close(): Promise<void> }> => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join, resolve } = await import('node:path');
    const { preview } = await import('vite');
    const dist = mkdtempSync(join(tmpdir(), 'atlas-origins-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
    const before = process.env.ATLAS_DATA_ORIGINS;
    process.env.ATLAS_DATA_ORIGINS = value;
    try {
      const server = await preview({
        configFile: resolve(import.meta.dirname, '../vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: dist },
        preview: { port: 0, strictPort: false },
      });
      const address = server.httpServer.address() as { port: number };
      return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
    } finally {
      if (before === undefined) delete process.env.ATLAS_DATA_ORIGINS;
      else process.env.ATLAS_DATA_ORIGINS = before;
    }
  };

  it('stops the server with one message saying which entry is wrong, instead of failing every response', async () => {
    await expect(startWith('https://data.example.org https://cdn.example.net/path')).rejects.toThrow(
      /ATLAS_DATA_ORIGINS \(the server's environment variable\): entry 2 of 2, "https:\/\/cdn\.example\.net\/path": not an origin like https:\/\/data\.example\.org .*docs\/hosting\.md/,
    );
  });

  it('with good origins, serves every response with them in connect-src', async () => {
    const s = await startWith('https://data.example.org');
    try {
      for (const path of ['', 'index.html', 'missing.js']) {
        const res = await fetch(s.url + path);
        expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://data.example.org;");
      }
    } finally {
      await s.close();
    }
  });
});
