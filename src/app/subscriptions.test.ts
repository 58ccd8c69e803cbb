// Subscribers say what they read through subscribeWithSelector (a selector, compared by zustand), never by hand-comparing the whole state with the previous one.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

describe('store subscribers', () => {
  it('reads every module of src/', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(200);
  });
  it('no module subscribes with a (state, previous state) listener that compares fields by hand', () => {
    const byHand = Object.entries(sources)
      .filter(([, text]) => /\.subscribe\(\s*\(\s*\w+\s*,\s*\w+\s*\)\s*=>/.test(String(text)))
      .map(([path]) => path);
    expect(byHand).toEqual([]);
  });
});
