// A block's search text (search-index.ts) built once per distinct row text: rows whose title, place, summary and sources are the same share one folded string.
import type { AtlasProperties } from '../schema/schema';
import { foldText, rowSearchText, type SearchIndex, SearchIndexBuilder } from '../columnar/search-index';

type SearchFields = Pick<AtlasProperties, 'title' | 'place' | 'summary' | 'sources'>;

/** A field's codes by row (equal values, equal codes; 0 = none) and how many codes there are, + 1. */
export interface FieldCodes {
  codes: Uint32Array;
  size: number;
}

/**
 * The search index rowSearchText gives for each row r of `fieldsOf(r)`, the same text. With the
 * codes of the four fields (`coded`, in the order title, place, summary, sources), a row whose
 * codes were seen before reuses that row's string (no fields read, folded or joined again: a
 * block of 150,000 generated rows has a few thousand distinct texts); else each row is built.
 */
export function blockSearchIndex(
  n: number,
  fieldsOf: (r: number) => SearchFields,
  coded: readonly (FieldCodes | undefined)[] | null,
): SearchIndex {
  const search = new SearchIndexBuilder(n);
  const folded = new Map<string, string>();
  const fold = (s: string): string => {
    let f = folded.get(s);
    if (f === undefined) {
      if (folded.size > 20_000) folded.clear();
      f = foldText(s);
      folded.set(s, f);
    }
    return f;
  };
  const fields = coded?.length === 4 && coded.every((c) => c !== undefined) ? (coded as FieldCodes[]) : null;
  const [t, p, s, q] = fields ?? [];
  if (!fields || t.size * p.size * s.size * q.size > Number.MAX_SAFE_INTEGER) {
    for (let r = 0; r < n; r++) search.add(rowSearchText(fieldsOf(r), fold));
    return search.build();
  }
  // As SearchIndexBuilder builds it, with each distinct text kept with its end mark (one part a row to join).
  const texts = new Map<number, string>();
  const parts = new Array<string>(n);
  const starts = new Uint32Array(n + 1);
  let at = 0;
  for (let r = 0; r < n; r++) {
    const key = t.codes[r] + t.size * (p.codes[r] + p.size * (s.codes[r] + s.size * q.codes[r]));
    let text = texts.get(key);
    if (text === undefined) {
      text = `${rowSearchText(fieldsOf(r), fold)}\u0001`;
      texts.set(key, text);
    }
    starts[r] = at;
    parts[r] = text;
    at += text.length;
  }
  starts[n] = at;
  return { text: parts.join(''), starts };
}
