// Stores merged by a row map equal the store built from the same rows: dictionaries, nested and wrapped records, derived and projected keys, replaced values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PropertyStoreBuilder } from './property-store-builder';
import { gatherStores } from './property-store-gather';
import { PropertyStore } from './property-store';
import { StringPacker, StringTable } from './packed-strings';

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

describe('sparse columns', () => {
  // 200 rows of an import without the bundled keys, and two bundled rows that have them.
  const bulk = Array.from({ length: 200 }, (_, i) => ({
    id: `i${i}`,
    title: `T${i % 3}`,
    original: { event_id: `e${i}` },
  }));
  const rare = [
    { id: 'b0', title: 'T0', from: 'Kyiv', figure_qualifiers: { killed: 'about' }, original: { id: 'b0' } },
    { id: 'b1', title: 'B', to: 'Odesa', killed: 4, sources: [{ name: 'S', quote: 'q' }] },
  ];
  const ids = [...bulk.map((r) => r.id), ...rare.map((r) => r.id)];
  // Out rows: the rare rows at 57 and 150, the bulk around them.
  const part: number[] = [];
  const local: number[] = [];
  for (let r = 0, b = 0; r < ids.length; r++) {
    if (r === 57 || r === 150) {
      part.push(1);
      local.push(r === 57 ? 0 : 1);
    } else {
      part.push(0);
      local.push(b++);
    }
  }
  const idOf = (r: number) => (part[r] ? rare[local[r]].id : bulk[local[r]].id);
  const merged = gatherStores(
    [
      store(
        bulk,
        bulk.map((r) => r.id),
      ),
      store(
        rare,
        rare.map((r) => r.id),
      ),
    ],
    part,
    local,
    ids.length,
    { id: idOf },
  );
  const expected = (r: number) => (part[r] ? rare[local[r]] : bulk[local[r]]);
  const col = (key: string) => merged.storedColumns.find((c) => c.key === key);

  it('keeps a key few rows have as those rows alone, and reads every row as before', () => {
    for (const key of ['from', 'to', 'killed', 'figure_qualifiers', 'sources'])
      expect(Array.from(col(key)?.rowsAt ?? []), key).toEqual(
        key === 'from' || key === 'figure_qualifiers' ? [57] : [150],
      );
    expect(col('from')?.codes.length).toBe(1);
    expect(col('figure_qualifiers')?.nested?.storedColumns[0].rowsAt).toEqual(Uint32Array.of(57));
    // Keys most rows have stay one entry a row.
    expect(col('title')?.rowsAt ?? null).toBeNull();
    expect(col('original')?.rowsAt ?? null).toBeNull();
    for (let r = 0; r < ids.length; r++) expect(merged.row(r), `row ${r}`).toEqual(expected(r));
    expect(merged.get(57, 'from')).toBe('Kyiv');
    expect(merged.get(58, 'from')).toBeUndefined();
    expect(merged.get(150, 'sources')).toEqual([{ name: 'S', quote: 'q' }]);
    const killed = merged.numbers('killed');
    expect(killed[150]).toBe(4);
    expect(Number.isNaN(killed[149])).toBe(true);
    const d = merged.distinct('to');
    expect(d?.codes.length).toBe(ids.length);
    expect(d?.values[(d?.codes[150] ?? 0) - 1]).toBe('Odesa');
    expect(d?.codes[149]).toBe(0);
  });

  it('costs a few bytes a row for the rare keys instead of one each', () => {
    const dense = store(
      ids.map((_, r) => expected(r)),
      ids,
    );
    expect(merged.typedBytes()).toBeLessThan(dense.typedBytes() - 6 * ids.length);
  });

  it('stays sparse and reads the same after a packet round trip and a second gather', () => {
    const transfer: ArrayBuffer[] = [];
    const packer = new StringPacker();
    const packet = merged.toPacket(transfer, packer);
    const back = PropertyStore.fromPacket(structuredClone(packet), new StringTable(packer.pack([])), { id: idOf });
    expect(back.storedColumns.find((c) => c.key === 'to')?.rowsAt).toEqual(Uint32Array.of(150));
    const again = gatherStores(
      [back],
      Array.from(ids, () => 0),
      Array.from(ids, (_, r) => ids.length - 1 - r),
      ids.length,
      {
        id: (r) => idOf(ids.length - 1 - r),
      },
    );
    for (let r = 0; r < ids.length; r++) {
      expect(back.row(r)).toEqual(expected(r));
      expect(again.row(r)).toEqual(expected(ids.length - 1 - r));
    }
    expect(again.storedColumns.find((c) => c.key === 'to')?.rowsAt).toEqual(Uint32Array.of(ids.length - 1 - 150));
  });
});
