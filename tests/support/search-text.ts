// A text index made from rows of text, and the rows a full pass finds a term in: what the search tests compare with.
import { markRowsWith, SearchIndexBuilder, type SearchIndex } from '../../src/core/columnar/search-index';

/** The text index of these rows (each already folded), in order. */
export function searchIndexOf(rows: readonly string[]): SearchIndex {
  const b = new SearchIndexBuilder(rows.length);
  for (const r of rows) b.add(r);
  return b.build();
}

/** 1 for each row whose text holds `term`, by a full pass over the index (markRowsWith). */
export function rowsHolding(index: SearchIndex, term: string): number[] {
  const out = new Uint8Array(index.starts.length - 1);
  markRowsWith(index, term, out);
  return [...out];
}
