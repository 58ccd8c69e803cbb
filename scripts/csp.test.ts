// Tests the security headers: the policy is at least as strict as promised, which paths get which frame-ancestors, the docs quote it exactly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, devContentSecurityPolicy, pageKindOf, securityHeaders } from './csp';

/** The policy the issue asks for, at the least. */
const REQUIRED =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors *";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v] as [string, string[]]),
  );
}

describe('Content-Security-Policy', () => {
  it.each(['app', 'embed'] as const)('the %s policy allows no more than the required one', (kind) => {
    const want = directives(REQUIRED);
    const got = directives(contentSecurityPolicy(kind));
    for (const [name, sources] of got) {
      const allowed = want.get(name) ?? want.get('default-src') ?? [];
      if (name === 'object-src' || name === 'base-uri' || name === 'form-action')
        expect(sources, name).toEqual(["'none'"]);
      else if (name === 'frame-ancestors') expect(sources).toEqual(kind === 'embed' ? ['*'] : ["'self'"]);
      else
        expect(
          sources.every((s) => allowed.includes(s)),
          `${name} ${sources.join(' ')}`,
        ).toBe(true);
    }
    for (const name of want.keys()) expect(got.has(name), name).toBe(true);
    expect(contentSecurityPolicy(kind)).not.toMatch(/unsafe-|\bhttps?:|\*\.|nonce-|sha256-/);
  });

  it('only the app page itself refuses other sites’ frames; the embed, files and everything else may be framed', () => {
    expect(['/', '/index.html', '/index.html?x=1', '/?a#b', '/index'].map(pageKindOf)).toEqual([
      'app',
      'app',
      'app',
      'app',
      'app',
    ]);
    expect(
      ['/embed.html', '/embed.html?theme=dark', '/embed', '/favicon.svg', '/assets/main.js', '/x/index.html'].map(
        pageKindOf,
      ),
    ).toEqual(Array(6).fill('embed'));
    expect(securityHeaders('/')).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(Object.keys(securityHeaders('/embed.html'))).not.toContain('X-Frame-Options');
  });

  it('the dev server’s policy differs only by allowing vite’s injected styles', () => {
    expect(devContentSecurityPolicy()).toBe(
      contentSecurityPolicy('embed').replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    );
    expect(devContentSecurityPolicy()).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('docs/security.md quotes both policies exactly, so a deployment copies the tested one', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../docs/security.md'), 'utf8');
    expect(doc).toContain(contentSecurityPolicy('app'));
    expect(doc).toContain(contentSecurityPolicy('embed'));
  });
});
