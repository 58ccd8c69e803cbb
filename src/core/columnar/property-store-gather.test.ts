// Stores merged by a row map equal the store built from the same rows: dictionaries, nested and wrapped records, derived and projected keys, replaced values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PropertyStoreBuilder } from './property-store-builder';
import { gatherStores } from './property-store-gather';

function store(rows: Record<string, unknown>[], ids?: string[]) {
  const b = new PropertyStoreBuilder(
    rows.length,
    0,
    ids ? { derived: { id: (r) => ids[r] }, projections: ['original'] } : {},
  );
  rows.forEach((r, i) => {
    b.add(i, r);
  });
  return b.build();
}

describe('gatherStores', () => {
  it('interleaves two stores row by row, as one store of the same rows', () => {
    const a = [
      { id: 'a1', title: 'A', layer_key: 'x', sources: [{ name: 'S', quote: 'q' }], original: { title: 'A' } },
      { id: 'a2', title: 'B', layer_key: 'x', sources: [{ name: 'S' }, { name: 'T' }], original: { other: 1 } },
    ];
    const b = [{ id: 'b1', title: 'A', killed: 3, figure_qualifiers: { killed: 'about' } }];
    const idsA = ['a1', 'a2'];
    const idsB = ['b1'];
    const merged = gatherStores(
      [store(a, idsA), store(b, idsB)],
      [0, 1, 0],
      [1, 0, 0],
      3,
      { id: (r) => ['a2', 'b1', 'a1'][r] },
      { layer_key: () => 'renamed' },
    );
    expect([0, 1, 2].map((r) => merged.row(r))).toEqual([
      { ...a[1], layer_key: 'renamed' },
      b[0],
      { ...a[0], layer_key: 'renamed' },
    ]);
  });

  it('round-trips arbitrary records split across stores (property test)', () => {
    const record = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'sources', 'nested'),
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(fc.record({ name: fc.string() }), { maxLength: 2 }),
        fc.record({ x: fc.string(), y: fc.integer() }),
      ),
    );
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 30 }),
        fc.array(record, { minLength: 1, maxLength: 30 }),
        (xs, ys) => {
          const rows = [...xs, ...ys];
          const part = rows.map((_, i) => (i < xs.length ? 0 : 1));
          const local = rows.map((_, i) => (i < xs.length ? i : i - xs.length));
          // Reverse the order, to interleave nothing by accident.
          const merged = gatherStores(
            [store(xs), store(ys)],
            part.slice().reverse(),
            local.slice().reverse(),
            rows.length,
          );
          const back = rows.map((_, r) => merged.row(rows.length - 1 - r));
          expect(JSON.parse(JSON.stringify(back))).toEqual(
            JSON.parse(JSON.stringify(rows)).map((r: Record<string, unknown>) => expect.objectContaining(r)),
          );
          for (let r = 0; r < rows.length; r++)
            expect(Object.keys(back[r]).sort()).toEqual(Object.keys(rows[r]).sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
