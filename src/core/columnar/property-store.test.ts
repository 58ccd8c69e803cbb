// Tests the compact property store: objects rebuilt by row equal what went in, and repeated values share one entry.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PropertyStoreBuilder } from './property-store-builder';

function roundTrip(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const b = new PropertyStoreBuilder(rows.length);
  rows.forEach((r, i) => {
    b.add(i, r);
  });
  const store = b.build();
  return rows.map((_, i) => store.row(i));
}

describe('property store', () => {
  it('rebuilds every row as it went in: strings, numbers, booleans, null, arrays, nested records', () => {
    const rows = [
      {
        id: 'a',
        layer: 'strike',
        injured: 3,
        approximate: true,
        end: null,
        sources: [{ seed: 'x.txt', quote: 'q' }],
        original: { id: 'a', notes: 'n' },
      },
      { id: 'b', layer: 'strike', killed: 0, sources: [{ seed: 'x.txt', quote: 'q' }], original: { id: 'b' } },
      { id: 'c', layer: 'facility', figure_qualifiers: { troops: 'about' }, original: 'not an object' },
    ];
    expect(roundTrip(rows)).toEqual(rows);
  });

  it('keeps a "__proto__" key from JSON as data', () => {
    const rows = [JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Record<string, unknown>];
    const back = roundTrip(rows)[0];
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(JSON.stringify(back)).toBe(JSON.stringify(rows[0]));
  });

  it('hands out fresh objects on every read', () => {
    const b = new PropertyStoreBuilder(1);
    b.add(0, { sources: [{ seed: 's' }] });
    const store = b.build();
    const one = store.row(0).sources as { seed: string }[];
    one[0].seed = 'changed';
    expect(store.row(0)).toEqual({ sources: [{ seed: 's' }] });
  });

  it('stores a list of one record as that record (its strings shared with other keys), and still any other list', () => {
    const notes = 'On 25 November 2024, a drone hit a house in Kharkiv (a long quote).';
    const rows = [
      { summary: notes, sources: [{ name: 'Outlet', quote: notes }] },
      { summary: 'other', sources: [{ name: 'A' }, { name: 'B', quote: 'two sources' }] },
      { summary: 'third', sources: [] },
      { summary: 'fourth', sources: [{}] },
    ];
    const b = new PropertyStoreBuilder(rows.length);
    rows.forEach((r, i) => {
      b.add(i, r);
    });
    const store = b.build();
    expect(rows.map((_, i) => store.row(i))).toEqual(rows);
    expect(store.get(0, 'sources')).toEqual([{ name: 'Outlet', quote: notes }]);
    expect(store.distinct('sources')?.plain(0)).toBe(false);
    expect(store.distinct('sources')?.plain(1)).toBe(true);
  });

  it('widens its codes past 255 and 65535 distinct values', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({ n: i, same: 'x' }));
    const b = new PropertyStoreBuilder(rows.length);
    rows.forEach((r, i) => {
      b.add(i, r);
    });
    const store = b.build();
    expect(store.get(69_999, 'n')).toBe(69_999);
    expect(store.get(300, 'n')).toBe(300);
    expect(store.get(5, 'same')).toBe('x');
    expect(store.numbers('n')[12345]).toBe(12345);
  });

  it('reads one key, a missing key, and a numeric column with NaN where absent', () => {
    const b = new PropertyStoreBuilder(3);
    b.add(0, { injured: 5 });
    b.add(2, { injured: 'many' });
    const store = b.build();
    expect(store.get(0, 'injured')).toBe(5);
    expect(store.get(1, 'injured')).toBeUndefined();
    expect(store.get(0, 'nope')).toBeUndefined();
    expect(Array.from(store.numbers('injured'))).toEqual([5, NaN, NaN]);
    expect(store.row(1)).toEqual({});
  });

  it('flags a derived key and keeps a projection of the row as its shape only, rebuilding both', () => {
    const ids = ['a', 'b', 'c'];
    const rows = [
      { id: 'a', title: 'T', sources: [{ seed: 's' }], original: { title: 'T', id: 'a', sources: [{ seed: 's' }] } },
      { id: 'x', title: 'U', original: { title: 'different' } },
      { id: 'c', title: 'V', original: { title: 'V', extra: 1 } },
    ];
    const b = new PropertyStoreBuilder(3, 0, { derived: { id: (r) => ids[r] }, projections: ['original'] });
    rows.forEach((r, i) => {
      b.add(i, r);
    });
    const store = b.build();
    expect(rows.map((_, i) => store.row(i))).toEqual(rows);
    expect(store.get(0, 'id')).toBe('a');
    expect(store.get(1, 'id')).toBe('x'); // not the derived value: stored
    expect(store.get(0, 'original')).toEqual(rows[0].original);
    expect(Object.keys(store.row(0).original as object)).toEqual(['title', 'id', 'sources']);
    const r0 = store.row(0);
    expect((r0.original as { sources: unknown }).sources).not.toBe(r0.sources); // no shared objects
  });

  it('round-trips arbitrary JSON records (property test)', () => {
    const record = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (rows) => {
        const clean = rows.map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
        expect(roundTrip(clean)).toEqual(clean);
      }),
      { numRuns: 200 },
    );
  });
});

describe('property store: keys of distinct values', () => {
  it('appends the values of a key that are nearly all distinct without a lookup, and still reads every row right', () => {
    // 2,000 rows: `note` distinct but for repeats after the first 512 (kept twice, read the same), `kind` of two values.
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      note: i < 600 || i % 3 ? `note ${i} of a long enough text` : 'the same repeated note',
      kind: i % 2 ? 'a' : 'b',
      n: i % 7 === 0 ? i : 7,
    }));
    const b = new PropertyStoreBuilder(rows.length);
    for (let i = 0; i < rows.length; i++) b.add(i, rows[i]);
    const store = b.build();
    expect(rows.map((_, i) => store.row(i))).toEqual(rows);
    const note = store.distinct('note');
    const kind = store.distinct('kind');
    // The distinct key has an entry a row (the repeats too); the repeated one stays a dictionary of two.
    expect(note?.values.length).toBe(rows.length);
    expect(kind?.values).toEqual(['b', 'a']);
  });
});

describe('property store built a key at a time (addColumn)', () => {
  it('is the store add() builds row by row, when keys come in add()’s first-seen order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              id: fc.constantFrom('a', 'b', 'c'),
              n: fc.integer({ min: 0, max: 400 }),
              t: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
              sources: fc.constantFrom([{ name: 's', quote: 'q' }], [], [{ name: 'x' }, { name: 'y' }]),
              original: fc.constantFrom({ id: 'a' }, 'text'),
            },
            { requiredKeys: ['id'] },
          ),
          { minLength: 1, maxLength: 600 },
        ),
        (rows) => {
          const opts = { derived: { id: () => 'a' }, projections: ['original'] };
          const byRow = new PropertyStoreBuilder(rows.length, 0, opts);
          rows.forEach((r, i) => {
            byRow.add(i, r);
          });
          const keys: string[] = [];
          for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
          const byKey = new PropertyStoreBuilder(rows.length, 0, opts);
          for (const k of keys)
            byKey.addColumn(
              k,
              (i) => (rows[i] as Record<string, unknown>)[k],
              (i) => rows[i],
            );
          expect(byKey.build()).toEqual(byRow.build());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a key added twice', () => {
    const b = new PropertyStoreBuilder(1);
    b.addColumn('k', () => 1);
    expect(() => b.addColumn('k', () => 2)).toThrow(/added twice/);
  });
});
