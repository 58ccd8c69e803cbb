// Sliced term search and its cancellation: the same rows as one full pass at any slice size, nothing kept when dropped, the worker's rows taken as found.
import { describe, expect, it } from 'vitest';
import { rowsHolding as full } from '../../../tests/support/search-text';
import { rowSearchText, SearchIndexBuilder, type SearchIndex } from '../columnar/search-index';
import { cachedTermRows, drain, rowsWithTerm, termRowsSliced } from '../columnar/term-rows';
import { prepareTerms, runSliced, searchAhead, setRemoteSearch } from './search-run';

const words = ['kharkiv', 'kherson', 'kyiv', 'odesa', 'sumy', 'khmelnytskyi', 'lviv', 'mykolaiv', 'dnipro'];

function makeIndex(n: number, seed0 = 3): SearchIndex {
  let seed = seed0;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const b = new SearchIndexBuilder(n);
  for (let i = 0; i < n; i++)
    b.add(
      rowSearchText({
        title: `Event ${i} near ${words[rand(words.length)]}`,
        place: words[rand(words.length)],
        summary: rand(30) ? 'shelling' : 'Kharkiv region',
        sources: [],
      }),
    );
  return b.build();
}

describe('sliced term search', () => {
  it('finds the same rows as one full pass, whatever the slice, with a match at a slice cut', () => {
    for (const chars of [1, 5, 37, 1000, 1 << 22]) {
      const index = makeIndex(800);
      for (const t of ['k', 'kh', 'kharkiv', 'kharkiv r', 'event 79', 'event 799', 'zz', 'v']) {
        let yields = 0;
        const gen = termRowsSliced(index, t, { chars, rows: 13, positions: 5 });
        let step = gen.next();
        while (!step.done) {
          yields++;
          step = gen.next();
        }
        expect([...step.value], `${t} @${chars}`).toEqual(full(index, t));
        // Small slices yield between them (terms narrowed from a kept one check rows in slices of 13, positions of 5).
        if (chars <= 37) expect(yields, `${t} @${chars}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps what it found for the next keystroke, and rowsWithTerm reads it', () => {
    const index = makeIndex(300);
    const rows = drain(termRowsSliced(index, 'odesa', { chars: 64 }));
    expect(cachedTermRows(index, 'odesa')).toBe(rows);
    expect(rowsWithTerm(index, 'odesa')).toBe(rows);
  });

  it('stops at the next slice when aborted, keeping nothing', async () => {
    const index = makeIndex(2000);
    const controller = new AbortController();
    let pauses = 0;
    const run = runSliced(termRowsSliced(index, 'kherson', { chars: 100 }), {
      signal: controller.signal,
      budgetMs: 0,
      pause: async () => {
        if (++pauses === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(pauses).toBe(3);
    expect(cachedTermRows(index, 'kherson')).toBeNull();
  });

  it('yields to other tasks between slices when the budget runs out', async () => {
    const index = makeIndex(1000);
    let clock = 0;
    let pauses = 0;
    const rows = await runSliced(termRowsSliced(index, 'lviv', { chars: 200 }), {
      budgetMs: 2,
      now: () => clock++,
      pause: async () => {
        pauses++;
      },
    });
    expect([...rows]).toEqual(full(index, 'lviv'));
    expect(pauses).toBeGreaterThan(0);
  });
});

describe('prepareTerms', () => {
  it('takes the remote search’s rows as found: the filter change then reads them without a scan', async () => {
    const index = makeIndex(400);
    const fromWorker = new Uint8Array(400);
    fromWorker[7] = 1; // not what a scan would find: shows the rows came from the remote
    let asked: readonly string[] = [];
    setRemoteSearch(index, async (terms) => {
      asked = terms;
      return terms.map(() => fromWorker);
    });
    await prepareTerms(index, ['sumy']);
    expect(asked).toEqual(['sumy']);
    expect(rowsWithTerm(index, 'sumy')).toBe(fromWorker);
    // Already kept: not asked again.
    asked = [];
    await prepareTerms(index, ['sumy']);
    expect(asked).toEqual([]);
  });

  it('finds the rows itself when the remote no longer holds the index or fails', async () => {
    const index = makeIndex(400);
    setRemoteSearch(index, async () => null);
    await prepareTerms(index, ['dnipro']);
    expect([...(cachedTermRows(index, 'dnipro') ?? [])]).toEqual(full(index, 'dnipro'));
    const other = makeIndex(400, 9);
    setRemoteSearch(other, async () => {
      throw new Error('worker gone');
    });
    await prepareTerms(other, ['kyiv']);
    expect([...(cachedTermRows(other, 'kyiv') ?? [])]).toEqual(full(other, 'kyiv'));
  });

  it('rejects when a newer keystroke aborts it, and keeps the remote’s late answer out', async () => {
    const index = makeIndex(400);
    let answer: (rows: Uint8Array[]) => void = () => {};
    setRemoteSearch(index, () => new Promise((resolve) => (answer = resolve)));
    const controller = new AbortController();
    const p = prepareTerms(index, ['mykolaiv'], { signal: controller.signal });
    controller.abort();
    answer([new Uint8Array(400)]);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(cachedTermRows(index, 'mykolaiv')).toBeNull();
  });
});

describe('searchAhead', () => {
  it('asks the worker to find a burst key’s terms unless all are kept; nothing for an index searched here', async () => {
    const index = makeIndex(400);
    searchAhead(index, ['odesa']); // no remote registered: nothing to ask, nothing thrown
    const asked: string[][] = [];
    setRemoteSearch(
      index,
      async (terms) => terms.map(() => new Uint8Array(400)),
      (terms) => asked.push([...terms]),
    );
    searchAhead(index, ['odesa', 'port']);
    searchAhead(index, []);
    expect(asked).toEqual([['odesa', 'port']]);
    await prepareTerms(index, ['odesa', 'port']);
    searchAhead(index, ['odesa', 'port']);
    searchAhead(index, ['odesa', 'kyiv']);
    expect(asked).toEqual([
      ['odesa', 'port'],
      ['odesa', 'kyiv'],
    ]);
  });
});
