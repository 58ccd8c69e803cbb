// Tests the page's side of an index whose text stays in the data worker: no scan here, a provisional mask until the worker's rows are pinned, then the same mask as with the text.
import { afterEach, describe, expect, it } from 'vitest';
import { buildColumns } from './columns';
import { packColumns, unpackColumns } from './columns-packet';
import { BUNDLED_LAYERS, datasetFromColumns, buildDataset } from './dataset';
import { columnarPassMask } from './filter-mask';
import {
  isProvisional,
  knownTermRows,
  pinTermRows,
  provisionalReady,
  setMissingTermsListener,
  textElsewhere,
} from './remote-text';
import { rowsWithTerm } from './term-rows';
import { pinRemoteTerms, prepareTerms, setRemoteSearch } from '../filters/search-run';
import { SAMPLE } from '../../../tests/support/features';

/** The worker's columns (with the text) and the page's dataset made from a packet without it. */
function pair() {
  const keys = BUNDLED_LAYERS.map((l) => l.key);
  const worker = buildColumns(SAMPLE, keys);
  const workerIndex = { text: worker.search.text, starts: worker.search.starts.slice() };
  const { packet, transfer } = packColumns(buildColumns(SAMPLE, keys), { searchText: false });
  const page = datasetFromColumns(unpackColumns(structuredClone(packet, { transfer })), BUNDLED_LAYERS);
  return { workerIndex, page, reference: buildDataset(SAMPLE) };
}

afterEach(() => setMissingTermsListener(null));

describe('an index whose text is in the worker', () => {
  it('crosses without its text, and is marked so', () => {
    const { page, workerIndex } = pair();
    expect(page.columns.search.text).toBe('');
    expect([...page.columns.search.starts]).toEqual([...workerIndex.starts]);
    expect(textElsewhere(page.columns.search)).toBe(true);
    expect(textElsewhere(buildDataset(SAMPLE).columns.search)).toBe(false);
  });

  it('gives a provisional mask (no row) and asks for the missing terms, then the true mask once they are pinned', () => {
    const { page, workerIndex, reference } = pair();
    const asked: string[][] = [];
    setMissingTermsListener((_index, terms) => asked.push(terms));
    const first = columnarPassMask(page, null, null, ['strike', 'title']);
    expect([...first].every((v) => v === 0)).toBe(true);
    expect(isProvisional(first)).toBe(true);
    expect(asked).toEqual([['strike', 'title']]);
    expect(provisionalReady(first)).toBe(false);
    pinTermRows(page.columns.search, new Map(['strike', 'title'].map((t) => [t, rowsWithTerm(workerIndex, t)])));
    expect(provisionalReady(first)).toBe(true);
    const again = columnarPassMask(page, null, null, ['strike', 'title']);
    expect(isProvisional(again)).toBe(false);
    const want = columnarPassMask(reference, null, null, ['strike', 'title']);
    expect([...again]).toEqual([...want]);
    expect(want.some((v) => v === 1)).toBe(true);
  });

  it('is never scanned on the page, even when the worker cannot answer', async () => {
    const { page } = pair();
    setRemoteSearch(page.columns.search, async () => null);
    await prepareTerms(page.columns.search, ['odesa']);
    expect(knownTermRows(page.columns.search, 'odesa')).toBeNull();
    expect(await pinRemoteTerms(page.columns.search, ['odesa'])).toBe(false);
  });
});
