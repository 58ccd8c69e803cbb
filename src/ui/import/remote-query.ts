// Queries the page must answer at once on a dataset whose search text is in the data worker (a link's q=, a story step, a dataset changing under a query): the missing terms fetched from there, then the mask computed again.
import type { AtlasStore } from '../../app/store';
import type { Dataset } from '../../core/columnar/dataset';
import { setMissingTermsListener } from '../../core/columnar/remote-text';
import type { SearchIndex } from '../../core/columnar/search-index';
import { queryTerms } from '../../core/filters/search';
import { pinRemoteTerms } from '../../core/filters/search-run';

/**
 * Typing asks the worker before it sets the query (filter-panel.ts); anything else that sets a
 * query, or a new dataset under one, gets a provisional mask (no row passes) while the missing
 * terms are fetched, then the same filters are set again so every view computes the mask with
 * them. One fetch at a time per (index, terms).
 */
export function watchRemoteTerms(store: AtlasStore): () => void {
  let inFlight: { index: SearchIndex; key: string } | null = null;
  setMissingTermsListener((index, terms) => {
    const key = terms.join('\u0001');
    if (inFlight && inFlight.index === index && inFlight.key === key) return;
    const me = { index, key };
    inFlight = me;
    void pinRemoteTerms(index, terms).then((ok) => {
      if (inFlight === me) inFlight = null;
      const s = store.getState();
      if (ok && s.dataset?.columns.search === index) s.setFilters({ q: s.filters.q });
    });
  });
  return () => setMissingTermsListener(null);
}

/** Before a dataset from the worker goes into the store: the current query's terms fetched, so the first mask is already right. */
export async function prepareQueryFor(dataset: Dataset, q: string): Promise<void> {
  const terms = queryTerms(q);
  if (terms.length) await pinRemoteTerms(dataset.columns.search, terms);
}
