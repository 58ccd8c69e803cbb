// Tests the property store's whole-column ways in (addCodedColumn, addDerivedColumn, addColumn's copy of a repeated value): the same store as value by value.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PropertyStoreBuilder } from './property-store-builder';

/** Codes naming each row's value as a Map would tell them apart (0: no value). */
function codesOf(values: readonly unknown[]): Uint32Array {
  const index = new Map<unknown, number>();
  return Uint32Array.from(values, (v) => {
    if (v === undefined) return 0;
    let c = index.get(v);
    if (c === undefined) {
      c = index.size + 1;
      index.set(v, c);
    }
    return c;
  });
}

function byValue(key: string, values: readonly unknown[]): PropertyStoreBuilder {
  const b = new PropertyStoreBuilder(values.length);
  b.addColumn(key, (r) => values[r]);
  return b;
}

function byCodes(key: string, values: readonly unknown[]): PropertyStoreBuilder {
  const b = new PropertyStoreBuilder(values.length);
  b.addCodedColumn(key, codesOf(values), (r) => values[r]);
  return b;
}

describe('a property store column from codes', () => {
  it('is the column added value by value: few values, holes, -0 beside 0, long strings', () => {
    const long = 'a note long enough to be kept once';
    const values = [undefined, 'x', 'x', 'y', undefined, 0, -0, 0, long, `${long}`, 'x', null, null, true, 3.5];
    expect(byCodes('k', values).build()).toEqual(byValue('k', values).build());
    const back = byCodes('k', values).build();
    expect(Object.is(back.row(6).k, 0)).toBe(true); // 0 seen first: -0 reads as the same entry, as by value
  });

  it('switches to appending as value by value does when nearly every value is new, repeats kept twice', () => {
    // 600 distinct values, then repeats of earlier ones (kept again after the switch), then a run.
    const values = [
      ...Array.from({ length: 600 }, (_, i) => `v${i}`),
      ...Array.from({ length: 300 }, (_, i) => `v${i % 50}`),
      ...Array.from({ length: 40 }, () => 'same'),
    ];
    const coded = byCodes('k', values).build();
    expect(coded).toEqual(byValue('k', values).build());
    expect(coded.storedColumns[0].values.length).toBeGreaterThan(600);
  });

  it('widens its codes past 255 distinct values as value by value does', () => {
    const values = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? i : i % 300));
    const coded = byCodes('k', values).build();
    expect(coded).toEqual(byValue('k', values).build());
    expect(coded.storedColumns[0].codes).toBeInstanceOf(Uint16Array);
  });

  it('matches value by value for any column of primitives (property test)', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0, -0, 0.5),
      fc.string({ maxLength: 3 }),
      fc.string({ minLength: 13, maxLength: 15 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 1500 }), (values) => {
        expect(byCodes('k', values).build()).toEqual(byValue('k', values).build());
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a derived key, and a key added twice', () => {
    const b = new PropertyStoreBuilder(2, 0, { derived: { id: (r) => `r${r}` } });
    expect(() => b.addCodedColumn('id', Uint32Array.of(1, 2), (r) => `r${r}`)).toThrow(/fresh and plain/);
    b.addCodedColumn('k', Uint32Array.of(1, 1), () => 'a');
    expect(() => b.addCodedColumn('k', Uint32Array.of(1, 1), () => 'a')).toThrow(/added twice/);
  });
});

describe('a derived column flagged whole', () => {
  it('is the column added value by value when every row is what the function gives', () => {
    const ids = ['a', 'b', 'c'];
    const opts = { derived: { id: (r: number) => ids[r] } };
    const whole = new PropertyStoreBuilder(3, 0, opts);
    whole.addDerivedColumn('id');
    const each = new PropertyStoreBuilder(3, 0, opts);
    each.addColumn('id', (r) => ids[r]);
    expect(whole.build()).toEqual(each.build());
    expect(() => new PropertyStoreBuilder(1).addDerivedColumn('x')).toThrow(/not derived/);
  });
});

describe('addColumn with a value repeated from the row before', () => {
  it('makes the store that fresh copies of each value make (records, lists of one record, arrays)', () => {
    // The same object on consecutive rows (as sources parsed once per text are), and equal fresh ones.
    const one = [{ name: 'Synthetic', quote: 'Not real.' }];
    const other = [{ name: 'Other', quote: 'q', extra: { deep: [1, 2] } }];
    const list = ['a', 'b'];
    const record = { a: 1, b: { c: 'x' } };
    const shared = [one, one, one, undefined, one, other, other, list, list, record, record, one, 'text', 'text'];
    const fresh = shared.map((v) => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as unknown)));
    const a = byValue('k', shared).build();
    const b = byValue('k', fresh).build();
    expect(a).toEqual(b);
    for (let r = 0; r < shared.length; r++) expect(a.row(r)).toEqual(b.row(r));
  });

  it('…for any run of repeated JSON values (property test)', () => {
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), {
        maxLength: 1,
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(json, fc.integer({ min: 1, max: 4 })), { maxLength: 40 }),
        (runs: [unknown, number][]) => {
          // Each value (as JSON reads it back: no -0, own "__proto__" keys) repeated as one object `times` times in a row.
          const shared = runs.flatMap(([v, times]) => {
            const once = JSON.parse(JSON.stringify(v)) as unknown;
            return Array.from({ length: times }, () => once);
          });
          const fresh = shared.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
          expect(byValue('k', shared).build()).toEqual(byValue('k', fresh).build());
        },
      ),
      { numRuns: 80 },
    );
  });
});
