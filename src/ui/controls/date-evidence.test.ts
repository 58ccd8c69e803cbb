// The quotes cited only to date a report are told apart from those that report the event: the bundled North Korea → Kursk link, and notes that quote nothing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dateOnlySources } from './date-evidence';
import type { AtlasCollection } from '../../core/schema/schema';

const links = (JSON.parse(readFileSync('data/links.geojson', 'utf8')) as AtlasCollection).features;

describe('dateOnlySources', () => {
  it('finds the round-up’s other news that dates the troops link, and keeps the quotes that report the troops', () => {
    const p = links.find((f) => f.properties.id === 'link-north-korea-troops-kursk')?.properties;
    if (!p) throw new Error('no troops link in data/links.geojson');
    const dated = dateOnlySources(p);
    const quotes = p.sources.map((s) => s.quote ?? '');
    expect([...dated].map((i) => quotes[i])).toEqual([
      'won 22.94% of votes in Sunday’s poll',
      'a parliamentary election scheduled on 1 December',
      'which will be held on 8 December',
      'as the country heads into the third winter at war',
    ]);
    // "have been deployed" is quoted in the note too, but its quote reports the event.
    expect(dated.has(0)).toBe(false);
  });

  it('marks nothing when the note quotes nothing, or a quote shares the event’s words', () => {
    const sources = [{ seed: 'a.txt', quote: 'a drone hit a port in Odesa on Monday night' }];
    expect(
      dateOnlySources({
        title: 'Drone strike on Odesa',
        summary: 'A drone hit the port.',
        sources,
        date_note: 'Monday is 25 November.',
      }).size,
    ).toBe(0);
    expect(
      dateOnlySources({
        title: 'Drone strike on Odesa',
        summary: 'A drone hit the port.',
        sources,
        date_note: "The report's 'Monday night'.",
      }).size,
    ).toBe(0);
  });
});
