// The word index later keystrokes are answered from: the same rows as a full pass for every term without a space, lists and bit sets alike, and nothing kept for text of distinct tokens.
import { describe, expect, it } from 'vitest';
import { rowsHolding as full, searchIndexOf as indexOf } from '../../../tests/support/search-text';
import { hasLetterSets, partialLetterRows, rowsFromLetterSets } from './term-letters';
import { drain, hasTermPositions, termRowsSliced } from './term-rows';
import { hasWordIndex, partialWordRows, rowsFromWords, wordIndexSliced, wordSearchable } from './term-words';

/** A small deterministic random source (the same rows every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VOCAB = [
  'kharkiv',
  'kherson',
  'khmelnytskyi',
  'odesa,',
  'air/drone',
  'strike',
  '(synthetic).',
  'odésa',
  'kyiv',
  '2024-11-25',
  'a',
  'the',
];
const SEPS = [' ', ' ', ' ', '\t', '\u0000', '\n', '  '];

/** 300 rows of words from VOCAB (the first in every row: a bit set), a few rare ones, some rows empty. */
function rows(): string[] {
  const r = rng(7);
  return Array.from({ length: 300 }, (_, i) => {
    if (i % 41 === 0) return '';
    const words = ['the'];
    const k = 1 + Math.floor(r() * 8);
    for (let j = 0; j < k; j++) words.push(r() < 0.05 ? `rare${i}x${j}` : VOCAB[Math.floor(r() * VOCAB.length)]);
    return words.map((w, j) => (j ? SEPS[Math.floor(r() * SEPS.length)] : '') + w).join('');
  });
}

describe('the word index', () => {
  it('gives every term without a space the rows a full pass finds, built in slices', () => {
    const index = indexOf(rows());
    expect(rowsFromWords(index, 'kh')).toBeNull();
    const gen = wordIndexSliced(index, { rows: 16 });
    let yields = 0;
    let step = gen.next();
    for (; !step.done; step = gen.next()) yields++;
    expect(step.value).toBe(true);
    expect(yields).toBeGreaterThan(18); // the pass over the text in 19 slices, then the rows filled
    expect(hasWordIndex(index)).toBe(true);
    // The same pass made the letter sets (a first key's look-up).
    expect(hasLetterSets(index)).toBe(true);
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '\u0001') continue;
      expect([...(rowsFromLetterSets(index, ch) ?? [])], JSON.stringify(ch)).toEqual(full(index, ch));
    }
    const terms = new Set<string>();
    for (const w of [...VOCAB, 'rare40x1', 'rare77x0'])
      for (let a = 0; a < w.length; a++) for (let b = a + 1; b <= w.length; b++) terms.add(w.slice(a, b));
    for (const t of [...terms, 'zzq', 'kharkivk', 'the', 'he', 'rare']) {
      expect(rowsFromWords(index, t), t).not.toBeNull();
      expect([...(rowsFromWords(index, t) as Uint8Array)], `"${t}"`).toEqual(full(index, t));
    }
    // "the" is in every non-empty row (a bit set), "rare40x1" in one (a list of rows).
    expect((rowsFromWords(index, 'the') as Uint8Array).reduce((a, v) => a + v, 0)).toBe(300 - 8);
  });

  it('answers no term with a space, tab or line end in it: those are searched in the text', () => {
    const index = indexOf(rows());
    drain(wordIndexSliced(index));
    for (const t of ['the kharkiv', 'a\tkyiv', ' ', 'kyiv\n'])
      expect([wordSearchable(t), rowsFromWords(index, t)], JSON.stringify(t)).toEqual([false, null]);
    expect(wordSearchable('air/drone')).toBe(true);
    expect([...drain(termRowsSliced(index, 'the kharkiv'))]).toEqual(full(index, 'the kharkiv'));
  });

  it('is what termRowsSliced returns for a longer term once built, with no scan', () => {
    const index = indexOf(rows());
    drain(wordIndexSliced(index));
    // A scan would yield once per slice of characters; the look-up never yields.
    const gen = termRowsSliced(index, 'khe', { chars: 8 });
    const first = gen.next();
    expect(first.done).toBe(true);
    expect([...(first.value as Uint8Array)]).toEqual(full(index, 'khe'));
  });

  it('keeps nothing for text whose words are mostly distinct (ids, coordinates): a search of them is no quicker', () => {
    const index = indexOf(
      Array.from({ length: 200 }, (_, i) => `syn${i},2022-01-01,48.${i * 7919},36.${i * 104729} the`),
    );
    expect(drain(wordIndexSliced(index))).toBe(false);
    expect(hasWordIndex(index)).toBe(false);
    expect(hasLetterSets(index)).toBe(true);
    expect(rowsFromWords(index, 'syn1')).toBeNull();
    expect([...drain(termRowsSliced(index, 'syn1'))]).toEqual(full(index, 'syn1'));
  });

  it('while it is being made, a one-letter term is looked up in the rows read so far and scanned in the rest', () => {
    const index = indexOf(rows());
    const gen = wordIndexSliced(index, { rows: 64 });
    gen.next();
    gen.next(); // two slices read: rows [0, 128)
    expect(hasLetterSets(index)).toBe(false);
    const part = new Uint8Array(300);
    expect(partialLetterRows(index, 'k', part)).toBe(128);
    expect([...part].slice(0, 128)).toEqual(full(index, 'k').slice(0, 128));
    expect([...part].slice(128).every((v) => v === 0)).toBe(true);
    expect(partialLetterRows(index, 'kh', new Uint8Array(300))).toBe(-1);
    expect([...drain(termRowsSliced(index, 'k'))]).toEqual(full(index, 'k'));
    drain(gen);
    expect(partialLetterRows(index, 'k', new Uint8Array(300))).toBe(-1);
  });

  it('while it is being made, a longer term is looked up in the words read so far and scanned in the rest', () => {
    const index = indexOf(rows());
    expect(partialWordRows(index, 'kh', new Uint8Array(300))).toBe(-1); // no pass running
    const gen = wordIndexSliced(index, { rows: 64 });
    gen.next();
    gen.next(); // rows [0, 128) read
    // Common words (bit sets from their ninth row on), rare ones (lists), a word in no row read yet, none.
    for (const t of ['kh', 'kharkiv', 'he', 'the', 'rare40x', 'rare2', 'rare1', 'zzq', 'é']) {
      const part = new Uint8Array(300);
      expect(partialWordRows(index, t, part), t).toBe(128);
      expect([...part].slice(0, 128), t).toEqual(full(index, t).slice(0, 128));
      expect(
        [...part].slice(128).every((v) => v === 0),
        t,
      ).toBe(true);
    }
    expect(partialWordRows(index, 'the kharkiv', new Uint8Array(300))).toBe(-1); // a separator: scanned
    // A search meanwhile gives every row, and keeps no positions (they were not all found).
    const kh = termRowsSliced(index, 'kh', { chars: 64 });
    let scanned = 0;
    let step = kh.next();
    for (; !step.done; step = kh.next()) scanned++;
    expect([...step.value]).toEqual(full(index, 'kh'));
    expect(hasTermPositions(index, 'kh')).toBe(false);
    // It scanned only the rows not read (a scan of all of them takes more slices of 64 characters).
    const whole = termRowsSliced(indexOf(rows()), 'kh', { chars: 64 });
    let all = 0;
    for (let s = whole.next(); !s.done; s = whole.next()) all++;
    expect(scanned).toBeLessThan(all * 0.75);
    expect([...drain(termRowsSliced(index, 'kha'))]).toEqual(full(index, 'kha'));
    // Through the second phase (every row read) and after it.
    gen.next();
    gen.next();
    gen.next();
    const done = new Uint8Array(300);
    expect(partialWordRows(index, 'khe', done)).toBe(300);
    expect([...done]).toEqual(full(index, 'khe'));
    drain(gen);
    expect(partialWordRows(index, 'khe', new Uint8Array(300))).toBe(-1);
  });

  it('keeps nothing when the index would take more than its share of the text (many common words a row)', () => {
    const text = rows();
    const index = indexOf(text);
    expect(drain(wordIndexSliced(index, { maxShare: 0.001 }))).toBe(false);
    expect([hasWordIndex(index), hasLetterSets(index)]).toEqual([false, true]);
    expect([...drain(termRowsSliced(index, 'kha'))]).toEqual(full(index, 'kha'));
    const again = indexOf(text);
    expect(drain(wordIndexSliced(again))).toBe(true);
  });
});
