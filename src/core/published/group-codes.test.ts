// Tests a block's codes from its row groups' distinct values: equal values, equal codes, whatever group they come from.
import { describe, expect, it } from 'vitest';
import { blockCodes, dayCodes, groupDictionary, indexCodes } from './group-codes';
import type { DecodedGroup } from './reader-protocol';

const group = (columns: DecodedGroup['columns'], rows: number): DecodedGroup => ({ rows, columns });

describe("a block's codes from its row groups", () => {
  it('codes a group column once (kept with the column) in first-seen order, NULL and NaN included', () => {
    const col = ['a', 'b', 'a', null, null, 'c'];
    const d = groupDictionary(col);
    expect(Array.from(d.codes)).toEqual([1, 2, 1, 3, 3, 4]);
    expect(d.values).toEqual(['a', 'b', null, 'c']);
    expect(groupDictionary(col)).toBe(d);
    expect(Array.from(groupDictionary(Float64Array.of(NaN, 1, NaN, -0, 0)).codes)).toEqual([1, 2, 1, 3, 3]);
  });

  it('gives rows equal codes exactly when their values (as mapped) are equal, across groups and a group without the column', () => {
    const g = [
      group({ k: ['x', 'y', null, 'x'] }, 4),
      group({ k: ['y', 'z', 'x'] }, 3),
      group({}, 2), // no such column: `missing`
    ];
    // Rows in some block order: (group, row).
    const at: [number, number][] = [
      [1, 2],
      [0, 0],
      [2, 1],
      [0, 2],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 3],
      [2, 0],
    ];
    const gk = Uint32Array.from(at, ([k]) => k);
    const gj = Uint32Array.from(at, ([, j]) => j);
    const as = (v: unknown): unknown => v ?? '';
    const { codes, size } = blockCodes(g, 'k', gk, gj, as, '');
    const values = at.map(([k, j]) => as((g[k].columns.k as (string | null)[] | undefined)?.[j] ?? null));
    for (let a = 0; a < at.length; a++)
      for (let b = 0; b < at.length; b++) expect(codes[a] === codes[b]).toBe(values[a] === values[b]);
    expect(size).toBe(new Set(values).size + 1);
    // undefined (no value) is code 0.
    const none = blockCodes(g, 'k', gk, gj, (v) => v ?? undefined, undefined);
    for (const [r, [k, j]] of at.entries())
      expect(none.codes[r] === 0).toBe(!(g[k].columns.k as unknown[] | undefined)?.[j]);
  });

  it('codes days by number, the open end as its own code, and values by index', () => {
    expect(Array.from(dayCodes(Int32Array.of(10, 12, 10, 99, 11), 99)?.codes ?? [])).toEqual([2, 4, 2, 1, 3]);
    expect(dayCodes(Int32Array.of(0, 10_000_000), null)).toBeNull();
    const layers = [{ kind: 'strike' }, { kind: 'facility' }, { kind: 'strike' }];
    expect(Array.from(indexCodes(Float64Array.of(0, 1, 2, 0), layers, (l) => l.kind).codes)).toEqual([1, 2, 1, 1]);
  });
});
