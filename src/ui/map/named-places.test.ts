// namedPlaces: the gazetteer's names a dataset's `place` texts use as whole words (the labels tried first).
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import type { Place } from '../../core/bundled/load-bundled';
import { namedPlaces } from './label-controller';

const place = (name: string): Place => ({ name, lon: 30, lat: 50, country: 'UA', rank: 2 });
const GAZETTEER = ['Kharkiv', 'Kyiv', 'Sumy', 'Izium', 'Odesa', 'Lviv'].map(place);

describe('namedPlaces', () => {
  it('finds names used as whole words, not inside another word, in any of the texts', () => {
    const texts = ['Kharkiv region', 'near Izium (Kharkivska oblast)', 'Odesa, port', 'Lvivska', 'Kyivan'];
    const ds = buildDataset(texts.map((t, i) => feature(`p${i}`, 'strike', '2024-11-01', '2024-11-01', { place: t })));
    expect([...namedPlaces(ds, GAZETTEER)].sort()).toEqual(['Izium', 'Kharkiv', 'Odesa']);
    // The same answer again (the word patterns are kept between calls).
    expect([...namedPlaces(ds, GAZETTEER)].sort()).toEqual(['Izium', 'Kharkiv', 'Odesa']);
  });

  it('takes a letter of any script as part of the word', () => {
    const ds = buildDataset([feature('p', 'strike', '2024-11-01', '2024-11-01', { place: 'Sumyé; Kyiv—centre' })]);
    expect([...namedPlaces(ds, GAZETTEER)]).toEqual(['Kyiv']);
  });
});
