// The packed text index: a term's rows, never across fields or rows, folded like the search.
import { describe, expect, it } from 'vitest';
import { markRowsWith, rowSearchText, SearchIndexBuilder } from './search-index';
import { fold } from '../filters/search';

const row = (title: string, place = '', summary = '', quotes: string[] = []) => ({ title, place, summary, sources: quotes.map((quote) => ({ name: 'S', quote })) });

describe('search index', () => {
  const rows = [row('Strike in Kharkiv', 'Kharkiv'), row('Drone', 'Odesa', 'Port hit', ['“Port” hit']), row('Zaporizhzhia', 'Zaporíz̆hzhia'), row('ab', 'cd')];
  const b = new SearchIndexBuilder(rows.length);
  for (const r of rows) b.add(rowSearchText(r));
  const index = b.build();
  const hits = (term: string): number[] => {
    const out = new Uint8Array(rows.length);
    markRowsWith(index, fold(term).text, out);
    return [...out].flatMap((v, i) => (v ? [i] : []));
  };

  it('finds each row holding a term once, in any field, case- and accent-insensitively', () => {
    expect(hits('KHARKIV')).toEqual([0]);
    expect(hits('"port"')).toEqual([1]);
    expect(hits('zaporiz')).toEqual([2]);
    expect(hits('i')).toEqual([0, 1, 2]);
  });

  it('never matches across fields or rows', () => {
    expect(hits('abcd')).toEqual([]);
    expect(hits('kharkivdrone')).toEqual([]);
  });

  it('folds as search.ts does', () => {
    for (const r of rows) expect(rowSearchText(r).split('\u0000')[0]).toBe(fold(r.title).text);
  });
});
