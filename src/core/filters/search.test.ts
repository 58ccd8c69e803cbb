// Tests search folding, query terms, match ranges in the original text and snippets.
import { describe, expect, it } from 'vitest';
import { fold } from '../columnar/fold';
import { matchRanges, matchSnippet, queryTerms } from './search';
import { feature } from '../../../tests/support/features';

describe('search', () => {
  it('folds case, accents, curly quotes and dashes, keeping a map to the original', () => {
    const f = fold('Chișinău – Korea’s');
    expect(f.text).toBe("chisinau - korea's");
    expect(f.map.length).toBe(f.text.length);
    expect(f.map[f.text.indexOf('korea')]).toBe('Chișinău – Korea’s'.indexOf('Korea'));
  });

  it('splits a query into folded words and quoted phrases, without repeats', () => {
    expect(queryTerms('  KN-23  kn-23 "Ryongsong Machine" ')).toEqual(['kn-23', 'ryongsong machine']);
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('"unclosed phrase')).toEqual(['"unclosed', 'phrase']);
  });

  it('finds every match in the original text, merged', () => {
    const text = 'Missile attack on Kharkiv; Kharkiv’s missile';
    expect(matchRanges(text, ['kharkiv', 'missile'])).toEqual([
      [0, 7],
      [18, 25],
      [27, 34],
      [37, 44],
    ]);
    expect(matchRanges('Kharkiv', ['khar', 'arkiv'])).toEqual([[0, 7]]);
    expect(matchRanges('Zaporizhzhia', [])).toEqual([]);
    const s = 'Chișinău';
    const [r] = matchRanges(s, ['chisinau']);
    expect(s.slice(...r)).toBe('Chișinău');
  });

  it('shows where a term outside the title was found', () => {
    const p = feature('f', 'facility', '2024-10-01', null, {
      title: 'February 11 plant',
      summary:
        'A long summary that says nothing much at the start but then names the Hwasong-11 class of missiles it makes.',
      sources: [{ seed: 's.txt', quote: 'known as the KN-23 in the West' }],
    }).properties;
    expect(matchSnippet(p, ['plant'])).toBeNull();
    const inQuote = matchSnippet(p, ['kn-23']);
    expect(inQuote?.field).toBe('quote');
    expect(inQuote?.ranges.map((r) => inQuote.text.slice(...r))).toEqual(['KN-23']);
    const inSummary = matchSnippet(p, ['hwasong'], 40);
    expect(inSummary?.field).toBe('summary');
    expect(inSummary?.text.startsWith('…')).toBe(true);
    expect(inSummary?.ranges.map((r) => inSummary.text.slice(...r))).toEqual(['Hwasong']);
  });
});
