// Tests a block's search text made once per distinct row text: the same index, and the same answers, as row by row.
import { describe, expect, it } from 'vitest';
import { markRowsWith, rowSearchText, SearchIndexBuilder } from '../columnar/search-index';
import { blockSearchIndex, type FieldCodes } from './block-search';
import type { AtlasProperties } from '../schema/schema';

type Fields = Pick<AtlasProperties, 'title' | 'place' | 'summary' | 'sources'>;

const codes = (values: readonly unknown[]): FieldCodes => {
  const index = new Map<string, number>();
  const c = Uint32Array.from(values, (v) => {
    if (v === undefined) return 0;
    const key = JSON.stringify(v);
    let x = index.get(key);
    if (x === undefined) {
      x = index.size + 1;
      index.set(key, x);
    }
    return x;
  });
  return { codes: c, size: index.size + 1 };
};

describe("a block's search text", () => {
  const places = ['Kharkiv', 'Odesa', 'Kyïv', undefined];
  const rows: Fields[] = Array.from({ length: 900 }, (_, i) => ({
    title: i % 5 === 0 ? `Strike near ${places[i % 3]}` : 'Shelling',
    place: places[i % 4] as string,
    summary: i % 7 === 0 ? 'Not a real event.' : '',
    sources: (i % 3 === 0
      ? [{ name: 'S', quote: 'Not a real event.' }]
      : i % 3 === 1
        ? [{ name: 'T', quote: 'Quoted “here”' }]
        : []) as Fields['sources'],
  }));
  const byRow = (): { text: string; starts: Uint32Array } => {
    const b = new SearchIndexBuilder(rows.length);
    for (const r of rows) b.add(rowSearchText(r));
    return b.build();
  };
  const fieldCodes = (['title', 'place', 'summary', 'sources'] as const).map((k) => codes(rows.map((r) => r[k])));

  it('is the index row by row makes, with codes for the four fields or without', () => {
    const want = byRow();
    expect(blockSearchIndex(rows.length, (r) => rows[r], fieldCodes)).toEqual(want);
    expect(blockSearchIndex(rows.length, (r) => rows[r], null)).toEqual(want);
    expect(
      blockSearchIndex(rows.length, (r) => rows[r], [fieldCodes[0], undefined, fieldCodes[2], fieldCodes[3]]),
    ).toEqual(want);
  });

  it('answers the same searches', () => {
    const index = blockSearchIndex(rows.length, (r) => rows[r], fieldCodes);
    for (const term of ['kharkiv', 'kyiv', 'real event', 'quoted "here"', 'shelling\u0000', 'nowhere']) {
      const a = new Uint8Array(rows.length);
      const b = new Uint8Array(rows.length);
      markRowsWith(index, term, a);
      markRowsWith(byRow(), term, b);
      expect(a).toEqual(b);
    }
  });
});
