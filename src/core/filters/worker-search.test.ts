// The data worker's searches: a burst's keys found ahead and kept, so the search asked for when the typing pauses finds its rows without scanning again; an ahead search of other terms stops.
import { describe, expect, it } from 'vitest';
import { markRowsWith, SearchIndexBuilder, type SearchIndex } from '../columnar/search-index';
import { hasFollowers, termRowsSliced } from '../columnar/term-rows';
import { hasWordIndex } from '../columnar/term-words';
import { backgroundTask, WorkerSearch } from './worker-search';

function indexOf(n: number): SearchIndex {
  const b = new SearchIndexBuilder(n);
  const places = ['odesa port', 'kharkiv centre', 'mykolaiv region', 'kyiv', 'odessa street'];
  for (let i = 0; i < n; i++) b.add(`strike ${i} near ${places[i % places.length]}\u0000summary ${i % 97}`);
  return b.build();
}

const expected = (index: SearchIndex, term: string): number[] => {
  const out = new Uint8Array(index.starts.length - 1);
  markRowsWith(index, term, out);
  return [...out];
};

/** A WorkerSearch whose term searches are counted: how many slices of work each term's search took. */
function counted(index: SearchIndex) {
  const answers = new Map<number, Uint8Array[] | null>();
  const slices: Record<string, number> = {};
  const finished: string[] = [];
  const ws = new WorkerSearch(
    (qid, rows) => answers.set(qid, rows),
    function* (ix, term) {
      // Small slices so a search spans many tasks, as one over a million rows does.
      const gen = termRowsSliced(ix, term, { chars: 40_000, rows: 4_000, positions: 4_000 });
      for (;;) {
        const step = gen.next();
        if (step.done) {
          finished.push(term);
          return step.value;
        }
        slices[term] = (slices[term] ?? 0) + 1;
        yield;
      }
    },
    0,
  );
  ws.setIndex(1, index);
  return { ws, answers, slices, finished };
}

const until = async (ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ok()).toBe(true);
};

describe('WorkerSearch', () => {
  it('answers a search with each term’s rows, as a full pass finds them', async () => {
    const index = indexOf(20_000);
    const { ws, answers } = counted(index);
    await ws.search(1, 1, ['odesa', 'port']);
    const rows = answers.get(1);
    expect(rows?.map((r) => [...r])).toEqual([expected(index, 'odesa'), expected(index, 'port')]);
    // A build it does not hold is answered null, not searched.
    await ws.search(7, 2, ['odesa']);
    expect(answers.get(2)).toBeNull();
  });

  it('a search of the terms being found ahead waits for that search instead of scanning again', async () => {
    const index = indexOf(20_000);
    const { ws, answers, slices, finished } = counted(index);
    ws.ahead(1, 1, ['mykolaiv']);
    // Asked for while the ahead search is part-way.
    await new Promise((r) => setTimeout(r, 0));
    expect(finished).toEqual([]);
    await ws.search(1, 2, ['mykolaiv']);
    expect(answers.get(2)?.map((r) => [...r])).toEqual([expected(index, 'mykolaiv')]);
    // Scanned once (the ahead search), then a look-up of what it kept (no slice at all).
    expect(finished).toEqual(['mykolaiv', 'mykolaiv']);
    const once = counted(indexOf(20_000));
    await once.ws.search(1, 1, ['mykolaiv']);
    expect(slices.mykolaiv).toBe(once.slices.mykolaiv);
    // Nothing is answered for the ahead search itself.
    expect(answers.has(1)).toBe(false);
  });

  it('a burst’s keys narrow one from another: the last key found ahead is a look-up when asked for', async () => {
    const index = indexOf(20_000);
    const { ws, answers, finished } = counted(index);
    let qid = 0;
    for (const t of ['od', 'ode', 'odes', 'odesa']) {
      ws.ahead(1, ++qid, [t]);
      await until(() => finished.includes(t));
    }
    const before = finished.length;
    await ws.search(1, ++qid, ['odesa']);
    expect(finished.length).toBe(before + 1);
    expect(answers.get(qid)?.map((r) => [...r])).toEqual([expected(index, 'odesa')]);
  });

  it('an ahead search stops when a newer one of other terms comes, and the newer one is found', async () => {
    const index = indexOf(40_000);
    const { ws, finished } = counted(index);
    ws.ahead(1, 1, ['kharkiv']);
    ws.ahead(1, 2, ['kyiv']);
    await until(() => finished.includes('kyiv'));
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).not.toContain('kharkiv');
  });

  it('a cancelled search is answered null', async () => {
    const index = indexOf(40_000);
    const { ws, answers } = counted(index);
    const pending = ws.search(1, 1, ['region']);
    ws.cancel(1);
    await pending;
    expect(answers.get(1)).toBeNull();
  });

  it('once the background jobs have built the word index, each later key is a look-up, and no followers are grouped', async () => {
    const index = indexOf(20_000);
    const { ws, answers, slices } = counted(index);
    // Not made till the page says the build is drawn (it would share the cores with the landing frames).
    await new Promise((r) => setTimeout(r, 30));
    expect(hasWordIndex(index)).toBe(false);
    ws.startIndex(0); // an older build: nothing
    await new Promise((r) => setTimeout(r, 30));
    expect(hasWordIndex(index)).toBe(false);
    ws.startIndex(1);
    await until(() => hasWordIndex(index));
    await ws.search(1, 1, ['k']);
    await ws.search(1, 2, ['kh']);
    await ws.search(1, 3, ['khar']);
    expect(answers.get(3)?.map((r) => [...r])).toEqual([expected(index, 'khar')]);
    expect(answers.get(2)?.map((r) => [...r])).toEqual([expected(index, 'kh')]);
    expect(slices).toEqual({});
    await new Promise((r) => setTimeout(r, 20));
    expect(hasFollowers(index, 'k')).toBe(false);
  });

  it('makes the word index after a while when the page never says the build is drawn', async () => {
    const index = indexOf(2_000);
    const ws = new WorkerSearch(() => undefined, undefined, 0);
    ws.setIndex(1, index, 20);
    expect(hasWordIndex(index)).toBe(false);
    await until(() => hasWordIndex(index));
  });
});

describe('backgroundTask', () => {
  it('posts a background-priority task where the scheduler offers one, else waits for a timeout', async () => {
    const asked: string[] = [];
    const g = globalThis as { scheduler?: unknown };
    const before = g.scheduler;
    g.scheduler = {
      postTask: (f: () => void, opts: { priority: string }) => {
        asked.push(opts.priority);
        return Promise.resolve().then(f);
      },
    };
    try {
      await backgroundTask();
      expect(asked).toEqual(['background']);
    } finally {
      g.scheduler = before;
    }
    if (!before) {
      await backgroundTask(); // no scheduler (node): a timeout
      expect(asked).toEqual(['background']);
    }
  });
});
