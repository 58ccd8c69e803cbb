// Tests that a query set at once (not typed) on a dataset whose search text is in the data worker is answered from there: a provisional mask, then the store's mask with the worker's rows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildColumns } from '../../core/columnar/columns';
import { packColumns, unpackColumns } from '../../core/columnar/columns-packet';
import { BUNDLED_LAYERS, buildDataset, datasetFromColumns } from '../../core/columnar/dataset';
import { columnarPassMask } from '../../core/columnar/filter-mask';
import { isProvisional, knownTermRows } from '../../core/columnar/remote-text';
import { rowsWithTerm } from '../../core/columnar/term-rows';
import { setRemoteSearch } from '../../core/filters/search-run';
import { createAtlasStore } from '../../app/store';
import { filterMask } from '../../app/derived';
import { prepareQueryFor, watchRemoteTerms } from './remote-query';
import { SAMPLE } from '../../../tests/support/features';

/** The worker's index (with the text) and the page's dataset made from a packet without it, answered by a fake worker. */
function pair() {
  const keys = BUNDLED_LAYERS.map((l) => l.key);
  const worker = buildColumns(SAMPLE, keys).search;
  const { packet, transfer } = packColumns(buildColumns(SAMPLE, keys), { searchText: false });
  const page = datasetFromColumns(unpackColumns(structuredClone(packet, { transfer })), BUNDLED_LAYERS);
  const remote = vi.fn(async (terms: readonly string[]) => terms.map((t) => rowsWithTerm(worker, t)));
  setRemoteSearch(page.columns.search, remote);
  return { page, remote, reference: buildDataset(SAMPLE) };
}

let stop: (() => void) | null = null;
afterEach(() => stop?.());

describe('a query not typed, on data whose text is in the worker', () => {
  it("is answered by the worker for a query set at once, and the store's mask is computed again with its rows", async () => {
    const { page, remote, reference } = pair();
    const store = createAtlasStore();
    store.getState().setDataset(page);
    stop = watchRemoteTerms(store);
    store.getState().setFilters({ q: 'strike-a' });
    const s0 = store.getState();
    const provisional = filterMask(s0.dataset as never, s0.filters);
    expect(isProvisional(provisional)).toBe(true);
    await vi.waitFor(() => expect(knownTermRows(page.columns.search, 'strike-a')).not.toBeNull());
    const s1 = store.getState();
    const mask = filterMask(s1.dataset as never, s1.filters) as Uint8Array;
    expect(isProvisional(mask)).toBe(false);
    expect([...mask]).toEqual([...columnarPassMask(reference, null, null, ['strike-a'])]);
    expect(remote).toHaveBeenCalledTimes(1);
  });

  it('is answered before a new dataset goes into the store under it (prepareQueryFor)', async () => {
    const { page, remote, reference } = pair();
    await prepareQueryFor(page, 'strike-b');
    expect(remote).toHaveBeenCalledTimes(1);
    const mask = columnarPassMask(page, null, null, ['strike-b']);
    expect(isProvisional(mask)).toBe(false);
    expect([...mask]).toEqual([...columnarPassMask(reference, null, null, ['strike-b'])]);
  });
});
