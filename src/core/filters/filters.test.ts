// Tests the filters: weapon, minimum figure and search, masks, keys and counts.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../columnar/dataset';
import { feature } from '../../../tests/support/features';
import { allItems } from '../../../tests/support/dataset-rows';
import {
  NO_FILTERS,
  filterCounts,
  filtersActive,
  filtersKey,
  formatMin,
  normaliseFilters,
  parseMin,
  parseWeapons,
  passMask,
  type Filters,
} from './filters';

const dataset = buildDataset([
  feature('s-kharkiv', 'strike', '2024-11-25', '2024-11-25', {
    weapon: 'missile',
    injured: 23,
    title: 'Missile attack on Kharkiv',
    place: 'Kharkiv',
  }),
  feature('s-odesa', 'strike', '2024-11-25', '2024-11-25', {
    weapon: 'missile',
    injured: 10,
    title: 'Missile attack on Odesa',
    place: 'Odesa',
  }),
  feature('s-kyiv', 'strike', '2024-11-25', '2024-11-25', {
    weapon: 'drone',
    title: 'Drone attack on Kyiv',
    place: 'Kyiv',
    summary: 'Drones over the capital.',
  }),
  feature('s-zap', 'strike', '2024-11-25', '2024-11-25', {
    weapon: 'unknown',
    title: 'Zaporizhzhia',
    place: 'Zaporizhzhia region',
  }),
  feature('f-plant', 'facility', '2024-10-01', null, {
    title: 'February 11 plant',
    place: 'Hamhung',
    sources: [{ seed: 's.txt', quote: 'known as the KN-23 in the West' }],
  }),
  feature('d-kursk', 'deployment', '2024-11-25', null, {
    troops: 10000,
    title: 'North Korean troops',
    place: 'Kursk region',
  }),
]);
const f = (x: Partial<Filters>): Filters => normaliseFilters(x);
const passing = (x: Partial<Filters>): string[] => {
  const mask = passMask(dataset, f(x));
  return allItems(dataset)
    .filter((it) => !mask || mask[it.index])
    .map((it) => it.id)
    .sort();
};

describe('filters', () => {
  it('pass everything when none is set', () => {
    expect(filtersActive(NO_FILTERS)).toBe(false);
    expect(filtersKey(NO_FILTERS)).toBe('');
    expect(passMask(dataset, NO_FILTERS)).toBeNull();
  });

  it('filter strikes by weapon and leave other layers alone', () => {
    expect(passing({ weapons: ['missile'] })).toEqual(['d-kursk', 'f-plant', 's-kharkiv', 's-odesa']);
    expect(passing({ weapons: ['drone', 'unknown'] })).toEqual(['d-kursk', 'f-plant', 's-kyiv', 's-zap']);
    expect(passing({ weapons: [] })).toEqual(['d-kursk', 'f-plant']);
  });

  it('keep only features giving a figure at or above the minimum', () => {
    expect(passing({ min: { field: 'injured', value: 10 } })).toEqual(['s-kharkiv', 's-odesa']);
    expect(passing({ min: { field: 'injured', value: 11 } })).toEqual(['s-kharkiv']);
    expect(passing({ min: { field: 'troops', value: 5000 } })).toEqual(['d-kursk']);
  });

  it('search titles, places, summaries and quotes, every term, any case, accents and dashes folded', () => {
    expect(passing({ q: 'kharkiv' })).toEqual(['s-kharkiv']);
    expect(passing({ q: 'KN–23' })).toEqual(['f-plant']); // an en dash in the query
    expect(passing({ q: 'capital' })).toEqual(['s-kyiv']);
    expect(passing({ q: 'missile odesa' })).toEqual(['s-odesa']);
    expect(passing({ q: '"attack on k"' })).toEqual(['s-kharkiv', 's-kyiv']);
    expect(passing({ q: 'zapórizhzhia' })).toEqual(['s-zap']);
    expect(passing({ q: 'nowhere' })).toEqual([]);
  });

  it('combine filters', () => {
    expect(passing({ weapons: ['missile'], min: { field: 'injured', value: 20 }, q: 'attack' })).toEqual(['s-kharkiv']);
  });

  it('give equal keys and equal masks to equal filters (src/app/derived.ts memoises the mask by key)', () => {
    expect(filtersKey(f({ weapons: ['drone', 'missile', 'drone'] }))).toBe(
      filtersKey(f({ weapons: ['missile', 'drone'] })),
    );
    expect(filtersKey(f({ q: '  Kharkiv  ' }))).toBe(filtersKey(f({ q: 'kharkiv' })));
    expect(passMask(dataset, f({ q: 'kharkiv' }))).toEqual(passMask(dataset, f({ q: 'KHARKIV' })));
  });

  it('count per weapon and per figure, leaving out the filter being counted', () => {
    const base = allItems(dataset).map((it) => it.index);
    const c = filterCounts(dataset, base, f({ weapons: ['missile'], min: { field: 'injured', value: 15 } }));
    expect(c.total).toBe(6);
    expect(c.shown).toBe(1);
    expect(c.perWeapon).toEqual({ missile: 1, drone: 0, mixed: 0, cyber: 0, unknown: 0 });
    expect(c.perFigure.injured).toBe(2);
    expect(c.perFigure.troops).toBe(1);
    const all = filterCounts(dataset, base, NO_FILTERS);
    expect(all.shown).toBe(6);
    expect(all.perWeapon).toEqual({ missile: 2, drone: 1, mixed: 0, cyber: 0, unknown: 1 });
  });

  it('parse the URL forms', () => {
    expect(parseWeapons('missile,drone')).toEqual({ weapons: ['missile', 'drone'], bad: [] });
    expect(parseWeapons('drone,laser')).toEqual({ weapons: ['drone'], bad: ['laser'] });
    expect(parseWeapons('')).toEqual({ weapons: [], bad: [] });
    expect(parseMin('injured:10')).toEqual({ field: 'injured', value: 10 });
    expect(parseMin('troops:2.5')).toEqual({ field: 'troops', value: 2.5 });
    expect(parseMin('injured:1e-7')).toEqual({ field: 'injured', value: 1e-7 });
    for (const v of [1e-7, 2.5, 1e21, 0]) expect(parseMin(formatMin({ field: 'killed', value: v }))?.value).toBe(v);
    for (const bad of ['injured', 'injured:-1', 'injured:ten', 'wounded:3', 'injured:1e', 'injured:Infinity', ':3'])
      expect(parseMin(bad), bad).toBeNull();
  });
});
