// Tests the published rows' (start, id) order: the same as sortedOrder's for any ids, day runs and code units.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedOrder } from '../columnar/columns';
import { dayIdOrder } from './row-order';

const same = (start: number[], ids: string[]): void => {
  const s = Int32Array.from(start);
  expect(Array.from(dayIdOrder(s, ids))).toEqual(Array.from(sortedOrder(s, (i) => ids[i])));
};

describe('rows in (start, id) order', () => {
  it('sorts each day by id as sortedOrder does: ids as published (a letter and digits), in curve order', () => {
    const n = 5000;
    const ids = Array.from({ length: n }, (_, i) => `e${(i * 7919) % 100_003}`);
    const start = Array.from({ length: n }, (_, i) => 19_000 + ((i * 31) % 9));
    same(start, ids);
  });

  it('…with shorter ids before longer ones sharing their start, NUL and high code units, surrogates, duplicates', () => {
    const ids = ['ab', 'a', 'a\u0000', 'abc', '', 'b', '\uffff', '\ud83d\ude00', '\ue000', 'a', 'ab\u0000x', 'A', 'a0'];
    same(
      ids.map(() => 20_000),
      ids,
    );
    same(
      ids.map((_, i) => 20_000 + (i % 2)),
      ids,
    );
  });

  it('…with long common prefixes (ties past the key characters compared as strings)', () => {
    const ids = Array.from(
      { length: 3000 },
      (_, i) => `ACLED-UKR-2025-${String((i * 37) % 3001).padStart(6, '0')}-x${i % 3}`,
    );
    same(
      ids.map((_, i) => 19_500 + (i % 4)),
      ids,
    );
  });

  it('matches sortedOrder for any ids and days (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.string({ maxLength: 12, unit: 'binary' })), {
          maxLength: 400,
        }),
        (rows) => {
          same(
            rows.map(([d]) => 18_000 + d),
            rows.map(([, id]) => id),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps days already in id order, and sparse days, as sortedOrder does', () => {
    same([5, 5, 5, 3], ['a', 'b', 'c', 'z']);
    same([0, 9_000_000, 0], ['b', 'a', 'a']);
    same([], []);
  });
});
