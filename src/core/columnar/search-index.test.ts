// The packed text index: a term's rows, never across fields or rows, folded like the search.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markRowsWith, rowSearchText, SearchIndexBuilder } from './search-index';
import { rowsWithTerm } from './term-rows';
import { fold } from './fold';

const row = (title: string, place = '', summary = '', quotes: string[] = []) => ({
  title,
  place,
  summary,
  sources: quotes.map((quote) => ({ name: 'S', quote })),
});

describe('search index', () => {
  const rows = [
    row('Strike in Kharkiv', 'Kharkiv'),
    row('Drone', 'Odesa', 'Port hit', ['“Port” hit']),
    row('Zaporizhzhia', 'Zaporíz̆hzhia'),
    row('ab', 'cd'),
  ];
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

  it('narrows the last term typed to the rows it found, with the same rows as a full search', () => {
    // Many rows, few holding the longer terms: the narrowing path (candidates under an eighth) runs.
    const words = ['kharkiv', 'kherson', 'kyiv', 'odesa', 'sumy', 'khmelnytskyi', 'lviv', 'mykolaiv', 'dnipro'];
    let seed = 7;
    const rand = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    const many = Array.from({ length: 3000 }, (_, i) =>
      row(
        `Event ${i} near ${words[rand(words.length)]}`,
        words[rand(words.length)],
        rand(40) ? 'shelling' : 'Kharkiv region',
      ),
    );
    const bm = new SearchIndexBuilder(many.length);
    for (const r of many) bm.add(rowSearchText(r));
    const big = bm.build();
    const full = (t: string): number[] => {
      const out = new Uint8Array(many.length);
      markRowsWith(big, t, out);
      return [...out];
    };
    for (const t of [
      'k',
      'kh',
      'kha',
      'khar',
      'kharkiv',
      'kharkiv ',
      'kharkiv r',
      'arki',
      'e',
      'ev',
      'event 1',
      'event 12',
      'zz',
    ]) {
      expect([...rowsWithTerm(big, t)], t).toEqual(full(t));
    }
    // Kept for the next keystroke: the same array.
    expect(rowsWithTerm(big, 'kharkiv')).toBe(rowsWithTerm(big, 'kharkiv'));
  });

  it('keeps the bundled data’s index text one byte a character (Latin-1), arrows folded', () => {
    // One character over U+00FF anywhere makes V8 store the whole joined index (90 M characters at
    // 1M imported rows) two bytes a character: twice the memory and a slower indexOf.
    for (const name of ['strikes', 'facilities', 'deployments', 'links']) {
      const data = JSON.parse(readFileSync(new URL(`../../../data/${name}.geojson`, import.meta.url), 'utf8')) as {
        features: { properties: Parameters<typeof rowSearchText>[0] }[];
      };
      for (const f of data.features) {
        const text = rowSearchText(f.properties);
        const wide = [...text].filter((c) => c.charCodeAt(0) > 0xff);
        expect(wide, `${name}: ${text.slice(0, 60)}`).toEqual([]);
      }
    }
    expect(fold('Hamhung → Russia…').text).toBe('hamhung > russia...');
  });
});
