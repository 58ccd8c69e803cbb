import { describe, expect, it } from 'vitest';
import { aheadDays, blockFor, covers, nextBlock } from './blocks';
import { rowGroupsFor, type PublishedFile } from './manifest';

const box: [number, number, number, number] = [30, 45, 40, 52];

describe('blocks of rows for a published view', () => {
  it('loads the window alone when still, and days ahead of it while playing', () => {
    expect(blockFor({ from: 100, to: 106 }, false, 7)).toEqual({ from: 100, to: 106 });
    expect(blockFor({ from: 100, to: 106 }, true, 7)).toEqual({ from: 100, to: 113 });
    expect(aheadDays(1)).toBe(7);
    expect(aheadDays(7)).toBe(7);
    expect(aheadDays(30)).toBe(28);
  });

  it('covers a window inside its days and a view inside its box, nothing else', () => {
    const b = { from: 100, to: 113, bbox: box };
    expect(covers(b, { from: 100, to: 106 }, [31, 46, 39, 51])).toBe(true);
    expect(covers(b, { from: 107, to: 113 }, [31, 46, 39, 51])).toBe(true);
    expect(covers(b, { from: 108, to: 114 }, [31, 46, 39, 51])).toBe(false);
    expect(covers(b, { from: 99, to: 105 }, [31, 46, 39, 51])).toBe(false);
    expect(covers(b, { from: 100, to: 106 }, [29, 46, 39, 51])).toBe(false);
    expect(covers(b, { from: 100, to: 106 }, [31, 46, 39, 53])).toBe(false);
    expect(covers(null, { from: 100, to: 106 }, box)).toBe(false);
  });

  it('prepares the block where a stepping window first leaves the loaded one', () => {
    const next = nextBlock({ from: 100, to: 113 }, 7, 7);
    expect(next).toEqual({ from: 108, to: 121 });
    // The first window that leaves [100, 113] is [108, 114]: inside the next block.
    expect(covers({ ...next, bbox: box }, { from: 108, to: 114 }, box)).toBe(true);
  });

  it('a window inside a block needs a subset of the block’s row groups (so the block’s rows hold it)', () => {
    const g = (startMin: number, startMax: number, endMax: number): number[] => [
      10,
      startMin,
      startMax,
      endMax,
      ...box,
      0,
      1,
    ];
    const decode = (a: number[]) => ({
      rows: a[0],
      startMin: a[1],
      startMax: a[2],
      endMax: a[3],
      bbox: [a[4], a[5], a[6], a[7]] as [number, number, number, number],
      offset: a[8],
      length: a[9],
    });
    const files: PublishedFile[] = [
      {
        path: 's',
        bytes: 1,
        footer: { offset: 0, length: 1 },
        part: 'short',
        rowGroups: [g(90, 99, 99), g(100, 104, 104), g(105, 110, 110), g(111, 120, 120), g(121, 130, 130)].map(decode),
      },
      {
        path: 'r',
        bytes: 1,
        footer: { offset: 0, length: 1 },
        part: 'ranged',
        rowGroups: [g(40, 95, 101), g(96, 109, 150), g(110, 140, 170)].map(decode),
      },
    ];
    const block = rowGroupsFor({ files }, { from: 100, to: 113 }, null).map((r) => `${r.file}:${r.group}`);
    for (let from = 100; from + 6 <= 113; from++) {
      for (const r of rowGroupsFor({ files }, { from, to: from + 6 }, null))
        expect(block).toContain(`${r.file}:${r.group}`);
    }
  });
});
