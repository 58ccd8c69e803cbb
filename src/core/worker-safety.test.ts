// The core tier is pure and worker-safe: no module in src/core/ touches the DOM, node or the process (docs/architecture.md).
import { describe, expect, it } from 'vitest';

describe('the core tier is worker-safe', () => {
  const sources = import.meta.glob(['./**/*.ts', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
  it('covers every core module', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(60);
  });
  it.each(Object.entries(sources))('%s uses no DOM or node API', (_, text) => {
    expect(String(text)).not.toMatch(
      /from 'node:|require\(|\bdocument\.[a-z]|\bwindow\.[a-z]|\bprocess\.|\blocalStorage\b|\bHTMLElement\b/,
    );
  });
});
