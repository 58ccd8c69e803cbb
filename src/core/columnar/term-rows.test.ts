// Narrowing a search by what was kept of a term typed a moment ago (its positions, a letter's followers): the same rows as a full pass, for extensions, overlaps, infixes and terms too common to record.
import { describe, expect, it } from 'vitest';
import { rowsHolding as full, searchIndexOf as indexOf } from '../../../tests/support/search-text';
import {
  drain,
  followersSliced,
  hasFollowers,
  hasTermPositions,
  MAX_FOLLOWER_POSITIONS,
  MAX_POSITIONS,
  termRowsSliced,
} from './term-rows';

const rows = [
  'strike on kharkiv\u0000kharkiv',
  'shelling near kherson\u0000kherson',
  'aaaa',
  'aaa\u0000baaab',
  'kh',
  'khar kharkiv kha',
  'drone over odesa\u0000odesa',
  'kyiv\u0000k',
];

describe('term rows narrowed by kept positions', () => {
  it('keeps the positions of a longer term and finds each extension from them, as a full pass would', () => {
    const index = indexOf(rows);
    drain(termRowsSliced(index, 'kh'));
    expect(hasTermPositions(index, 'kh')).toBe(true);
    for (const t of ['kha', 'khar', 'kharkiv', 'kharkiv\u0000', 'khe', 'khx']) {
      const got = drain(termRowsSliced(index, t, { positions: 2 }));
      expect([...got], t).toEqual(full(index, t));
      expect(hasTermPositions(index, t), t).toBe(true);
    }
  });

  it('records overlapping occurrences, so "aaa" after "aa" misses none', () => {
    const index = indexOf(rows);
    drain(termRowsSliced(index, 'aa'));
    expect([...drain(termRowsSliced(index, 'aaa'))]).toEqual(full(index, 'aaa'));
    expect([...drain(termRowsSliced(index, 'aaaa'))]).toEqual(full(index, 'aaaa'));
    expect([...drain(termRowsSliced(index, 'baaab'))]).toEqual(full(index, 'baaab'));
  });

  it('narrows a term typed in front of a kept one (an infix, not a prefix)', () => {
    const index = indexOf(rows);
    drain(termRowsSliced(index, 'rkiv'));
    for (const t of ['arkiv', 'harkiv', 'kharkiv', ' kharkiv']) {
      expect([...drain(termRowsSliced(index, t))], t).toEqual(full(index, t));
    }
  });

  it('keeps no positions for a one-letter term (it is in most rows) and still narrows from its rows', () => {
    const index = indexOf(rows);
    drain(termRowsSliced(index, 'k'));
    expect(hasTermPositions(index, 'k')).toBe(false);
    expect([...drain(termRowsSliced(index, 'ky'))]).toEqual(full(index, 'ky'));
  });

  it('gives up recording past MAX_POSITIONS and keeps the rows right', () => {
    const many = 'ab '.repeat(1000);
    const n = Math.ceil(MAX_POSITIONS / 1000) + 2;
    const big: string[] = Array.from({ length: n }, (_, i) => (i === 7 ? 'abc' : many));
    const index = indexOf(big);
    const ab = drain(termRowsSliced(index, 'ab'));
    expect(hasTermPositions(index, 'ab')).toBe(false);
    expect(ab.reduce((s, v) => s + v, 0)).toBe(n);
    const abc = drain(termRowsSliced(index, 'abc'));
    expect([...abc.keys()].filter((r) => abc[r])).toEqual([7]);
  });
});

describe("a letter's followers", () => {
  it('answers its two-letter extensions from the groups, as a full pass would, and they narrow on', () => {
    const index = indexOf([...rows, 'kébab kõ', 'k1 k-2']);
    expect(drain(followersSliced(index, 'k', { chars: 7 }))).toBe(true);
    expect(hasFollowers(index, 'k')).toBe(true);
    for (const t of ['kh', 'ky', 'k1', 'k-', 'kz', 'k ', 'ké']) {
      expect([...drain(termRowsSliced(index, t))], t).toEqual(full(index, t));
    }
    expect(hasTermPositions(index, 'kh')).toBe(true);
    expect([...drain(termRowsSliced(index, 'kha'))]).toEqual(full(index, 'kha'));
  });

  it('keeps nothing for a letter more common than MAX_FOLLOWER_POSITIONS', () => {
    const index = indexOf(Array.from({ length: Math.ceil(MAX_FOLLOWER_POSITIONS / 4000) + 1 }, () => 'e'.repeat(4000)));
    expect(drain(followersSliced(index, 'e'))).toBe(false);
    expect(hasFollowers(index, 'e')).toBe(false);
  });
});
