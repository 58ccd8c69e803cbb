// nestedDeeperThan: the import's depth limit on properties and members, at and past the limit, in arrays and records alike.
import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from './values';

/** `depth` levels of arrays and records, alternating, around a number; siblings beside each level. */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let d = 0; d < depth; d++) v = d % 2 ? [0, 'x', v] : { a: null, b: v, c: 'y' };
  return v;
}

describe('nestedDeeperThan', () => {
  it('counts every array and record on the deepest path, the value itself as one', () => {
    expect(nestedDeeperThan(5, 0)).toBe(false);
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({}, 1)).toBe(false);
    for (const depth of [1, 2, 3, 63, 64, 65, 200]) {
      expect(nestedDeeperThan(nested(depth), 64), `depth ${depth}`).toBe(depth > 64);
      expect(nestedDeeperThan(nested(depth), depth - 1), `depth ${depth}`).toBe(true);
      expect(nestedDeeperThan(nested(depth), depth), `depth ${depth}`).toBe(false);
    }
  });

  it('finds the deep branch beside shallow ones, and ignores what is inherited', () => {
    const wide = { list: Array.from({ length: 50 }, (_, k) => (k === 37 ? nested(70) : { k })) };
    expect(nestedDeeperThan(wide, 64)).toBe(true);
    expect(nestedDeeperThan({ list: [{ k: 1 }, [2, [3]]] }, 4)).toBe(false);
    expect(nestedDeeperThan({ list: [{ k: 1 }, [2, [3]]] }, 3)).toBe(true);
    const proto = { deep: nested(100) };
    expect(nestedDeeperThan(Object.create(proto) as object, 64)).toBe(false);
  });
});
