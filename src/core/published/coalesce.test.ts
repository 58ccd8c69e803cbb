import { describe, expect, it } from 'vitest';
import type { FileMetaData } from 'hyparquet';
import { groupSpan, joinSpans, spanHolding } from './coalesce';

describe('joinSpans', () => {
  it('joins row groups that touch into one range, and keeps a gap a gap (no byte fetched that no group holds)', () => {
    expect(
      joinSpans([
        { start: 200, end: 300 },
        { start: 4, end: 100 },
        { start: 100, end: 200 },
        { start: 350, end: 400 },
      ]),
    ).toEqual([
      { start: 4, end: 300 },
      { start: 350, end: 400 },
    ]);
  });

  it('keeps a joined range within the limit', () => {
    const spans = [0, 1, 2, 3].map((i) => ({ start: i * 10, end: i * 10 + 10 }));
    expect(joinSpans(spans, 20)).toEqual([
      { start: 0, end: 20 },
      { start: 20, end: 40 },
    ]);
    expect(joinSpans([{ start: 0, end: 50 }], 20)).toEqual([{ start: 0, end: 50 }]);
  });

  it('finds the joined range a slice lies in', () => {
    const joined = [
      { start: 4, end: 300 },
      { start: 350, end: 400 },
    ];
    expect(spanHolding(joined, 100, 200)).toBe(0);
    expect(spanHolding(joined, 350, 400)).toBe(1);
    expect(spanHolding(joined, 290, 360)).toBe(-1);
  });
});

describe('groupSpan', () => {
  const chunk = (name: string, offset: number, size: number, dict?: number) => ({
    file_offset: 0n,
    meta_data: {
      path_in_schema: [name],
      data_page_offset: BigInt(offset),
      dictionary_page_offset: dict === undefined ? undefined : BigInt(dict),
      total_compressed_size: BigInt(size),
    },
  });
  const md = {
    row_groups: [{ columns: [chunk('a', 10, 5, 4), chunk('b', 15, 10), chunk('c', 25, 100)] }],
  } as unknown as FileMetaData;

  it('spans the chunks of the columns read, dictionary pages included', () => {
    expect(groupSpan(md, 0, ['a', 'b'])).toEqual({ start: 4, end: 25 });
    expect(groupSpan(md, 0, ['a', 'b', 'c'])).toEqual({ start: 4, end: 125 });
    expect(groupSpan(md, 0, ['zzz'])).toBeNull();
  });
});
