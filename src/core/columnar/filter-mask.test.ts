// Tests the columnar filter mask against the item-by-item filters (weapon, minimum figure, search).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDataset } from './dataset';
import { feature } from '../../../tests/support/features';
import type { Item } from './dataset';
import type { Filters } from '../filters/filters';
import { blobMatches, queryTerms, searchBlob } from '../filters/search';

/** The reference test, one Item at a time (what the columns must agree with). */
function passesFields(it: Item, f: Pick<Filters, 'weapons' | 'min'>): boolean {
  const p = it.feature.properties;
  if (f.weapons !== null && it.kind === 'strike' && !f.weapons.includes(p.weapon ?? 'unknown')) return false;
  if (f.min !== null) {
    const v = p[f.min.field];
    if (typeof v !== 'number' || v < f.min.value) return false;
  }
  return true;
}
import { WEAPONS, type Weapon } from '../schema/schema';
import { columnarPassMask } from './filter-mask';
import { allItems } from '../../../tests/support/dataset-rows';

const WORDS = ['Kharkiv', 'Odesa', 'Kyïv', 'drone', 'Missile', '“KN-23”', 'plant', 'Sudzha'];

describe('columnarPassMask', () => {
  it('equals the item-by-item filters on random data and filters', () => {
    const row = fc.record({
      kind: fc.constantFrom('strike', 'strike', 'facility', 'deployment') as fc.Arbitrary<
        'strike' | 'facility' | 'deployment'
      >,
      weapon: fc.option(fc.constantFrom(...WEAPONS), { nil: undefined }),
      injured: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      place: fc.constantFrom(...WORDS),
      quote: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
    });
    const filters = fc.record({
      weapons: fc.option(fc.subarray([...WEAPONS]), { nil: null }),
      min: fc.option(fc.record({ field: fc.constant('injured' as const), value: fc.integer({ min: 0, max: 20 }) }), {
        nil: null,
      }),
      q: fc
        .array(fc.constantFrom('kharkiv', 'kyiv', 'DRONE', '"kn-23"', 'plant odesa', 'x'), { maxLength: 2 })
        .map((w) => w.join(' ')),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), filters, (rows, f) => {
        const ds = buildDataset(
          rows.map((r, i) =>
            feature(`f${i}`, r.kind, '2024-01-01', r.kind === 'strike' ? '2024-01-01' : null, {
              weapon: r.kind === 'strike' ? r.weapon : undefined,
              injured: r.injured,
              title: r.title,
              place: r.place,
              sources: r.quote ? [{ seed: 's.txt', quote: r.quote }, { name: 'n' }] : [{ name: 'n' }],
            }),
          ),
        );
        const terms = queryTerms(f.q);
        const mask = columnarPassMask(ds, f.weapons as Weapon[] | null, f.min, terms);
        const expected = allItems(ds).map((it) =>
          passesFields(it, f) && blobMatches(searchBlob(it.feature.properties), terms) ? 1 : 0,
        );
        expect(Array.from(mask)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
