import { describe, expect, it } from 'vitest';
import { LruCache } from './lru';

describe('LruCache', () => {
  it('evicts the least recently used past the cost bound, never the entry just added', () => {
    const c = new LruCache<string, number>(10);
    c.set('a', 1, 4);
    c.set('b', 2, 4);
    expect(c.get('a')).toBe(1); // a is now the most recent
    expect(c.set('c', 3, 4)).toEqual(['b']);
    expect(c.keys()).toEqual(['a', 'c']);
    expect(c.cost).toBe(8);
    expect(c.set('huge', 4, 50)).toEqual(['a', 'c']);
    expect(c.keys()).toEqual(['huge']);
  });

  it('bounds the entry count, and replacing an entry updates its cost', () => {
    const c = new LruCache<number, string>(Infinity, 2);
    c.set(1, 'x', 1);
    c.set(2, 'y', 1);
    c.set(2, 'y2', 5);
    expect(c.cost).toBe(6);
    expect(c.set(3, 'z', 1)).toEqual([1]);
    expect(c.get(1)).toBeUndefined();
    expect(c.size).toBe(2);
  });
});
