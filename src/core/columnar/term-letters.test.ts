// The letter sets a first keystroke is answered from (made by the word index's pass): the same rows as a full pass for every ASCII letter, across bit-word and slice edges, and nothing for other characters.
import { describe, expect, it } from 'vitest';
import { rowsHolding as full, searchIndexOf as indexOf } from '../../../tests/support/search-text';
import { hasLetterSets, rowsFromLetterSets } from './term-letters';
import { wordIndexSliced } from './term-words';
import { drain, termRowsSliced } from './term-rows';

/** 70 rows (more than two 32-bit words) of varied text, some empty. */
const rows = Array.from({ length: 70 }, (_, i) =>
  i % 9 === 0
    ? ''
    : `row ${i} ${'abcdefghijklmnopqrstuvwxyz'.slice(i % 26, (i % 26) + 3)}\u0000${i % 7 === 0 ? 'odésa' : 'kyiv'}`,
);

describe('letter sets', () => {
  it('gives every ASCII character the rows a full pass finds, built in slices that cut words of 32 rows', () => {
    const index = indexOf(rows);
    expect(rowsFromLetterSets(index, 'a')).toBeNull();
    // Made by the word index's pass over the text (term-words.ts), 5 rows a slice.
    const gen = wordIndexSliced(index, { rows: 5 });
    let yields = 0;
    while (!gen.next().done) yields++;
    expect(yields).toBeGreaterThanOrEqual(13);
    expect(hasLetterSets(index)).toBe(true);
    for (let c = 1; c < 128; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '\u0001') continue;
      expect([...(rowsFromLetterSets(index, ch) ?? [])], `"${ch}"`).toEqual([...full(index, ch)]);
    }
    expect([...(rowsFromLetterSets(index, 'q') ?? [])].some((v) => v === 1)).toBe(true);
    expect((rowsFromLetterSets(index, '~') ?? []).every((v) => v === 0)).toBe(true);
  });

  it('answers only one ASCII character; other terms are searched as before', () => {
    const index = indexOf(rows);
    drain(wordIndexSliced(index));
    expect(rowsFromLetterSets(index, 'ky')).toBeNull();
    expect(rowsFromLetterSets(index, 'é')).toBeNull();
    expect([...drain(termRowsSliced(index, 'é'))]).toEqual([...full(index, 'é')]);
    expect([...drain(termRowsSliced(index, 'k'))]).toEqual([...full(index, 'k')]);
  });

  it('is what termRowsSliced returns for a one-letter term once built, with no scan', () => {
    const index = indexOf(rows);
    drain(wordIndexSliced(index));
    // A scan of this index would yield once per slice of characters; the look-up never yields.
    const gen = termRowsSliced(index, 'o', { chars: 4 });
    const first = gen.next();
    expect(first.done).toBe(true);
    expect([...(first.value as Uint8Array)]).toEqual([...full(index, 'o')]);
  });
});
