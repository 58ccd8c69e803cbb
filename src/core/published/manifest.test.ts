import { describe, expect, it } from 'vitest';
import {
  checkManifest,
  encodeRowGroup,
  rowGroupsFor,
  windowCounts,
  windowWeaponCounts,
  type PublishedFile,
  type RowGroupEntry,
} from './manifest';

const g = (
  startMin: number,
  startMax: number,
  endMax: number,
  bbox: [number, number, number, number] = [30, 45, 40, 52],
): RowGroupEntry => ({ rows: 100, startMin, startMax, endMax, bbox, offset: 0, length: 1 });
const file = (part: PublishedFile['part'], rowGroups: RowGroupEntry[]): PublishedFile => ({
  path: `p-${part}.parquet`,
  bytes: 10,
  footer: { offset: 0, length: 8 },
  part,
  rowGroups,
});

describe('rowGroupsFor', () => {
  const short = file('short', [g(0, 9, 15), g(10, 19, 20), g(20, 29, 35, [20, 44, 25, 46]), g(30, 39, 40)]);
  const long = file('long', [g(0, 50, 2_147_483_647), g(5, 8, 100), g(60, 70, 200)]);
  const m = { files: [short, long] };

  it('takes the short groups a window overlaps, reaching back for ranged events that end in it', () => {
    // Window 16..18: group 0 starts before it but its events end as late as day 15 (not reached), group 1 holds it.
    expect(rowGroupsFor({ files: [short] }, { from: 16, to: 18 }, null)).toEqual([{ file: 0, group: 1 }]);
    // Window 12..12: group 0's ranged events reach day 15; group 1 starts on day 10.
    expect(rowGroupsFor({ files: [short] }, { from: 12, to: 12 }, null).map((r) => r.group)).toEqual([0, 1]);
  });

  it('skips groups whose bbox misses the view', () => {
    expect(rowGroupsFor({ files: [short] }, { from: 21, to: 35 }, [30, 45, 40, 52]).map((r) => r.group)).toEqual([3]);
    expect(rowGroupsFor({ files: [short] }, { from: 21, to: 35 }, null).map((r) => r.group)).toEqual([2, 3]);
  });

  it('keeps open-ended and long events in every window they reach', () => {
    expect(rowGroupsFor(m, { from: 90, to: 95 }, null).map((r) => `${r.file}:${r.group}`)).toEqual([
      '1:0',
      '1:1',
      '1:2',
    ]);
    expect(rowGroupsFor(m, { from: 101, to: 102 }, null).map((r) => `${r.file}:${r.group}`)).toEqual(['1:0', '1:2']);
    expect(rowGroupsFor(m, { from: 300, to: 301 }, null)).toEqual([{ file: 1, group: 0 }]);
    expect(rowGroupsFor(m, { from: 65, to: 65 }, null).map((r) => `${r.file}:${r.group}`)).toEqual([
      '1:0',
      '1:1',
      '1:2',
    ]);
  });

  it('gives nothing before the data starts', () => {
    expect(rowGroupsFor({ files: [short] }, { from: -10, to: -1 }, null)).toEqual([]);
  });
});

describe('checkManifest', () => {
  const valid = () => ({
    format: 'conflict-atlas-published',
    version: 1,
    name: 'x',
    rows: 200,
    span: { start: 0, end: 40 },
    layers: [{ key: 'a', label: 'A', kind: 'strike', group: 'f', count: 200 }],
    columns: ['id'],
    files: [
      {
        path: 'part-short-0000.parquet',
        bytes: 10,
        footer: { offset: 2, length: 8 },
        part: 'short',
        groups: [encodeRowGroup(g(0, 9, 15))],
      },
    ],
    daily: { start: 0, counts: [[1, 2, 3]] },
    overview: {
      cellDeg: 1,
      belowZoom: 5.5,
      rows: 3,
      file: {
        path: 'overview.parquet',
        bytes: 10,
        footer: { offset: 2, length: 8 },
        part: 'overview',
        groups: [encodeRowGroup(g(0, 9, 9))],
      },
    },
    inputs: [],
  });

  it('checks the daily weapon counts when there are any', () => {
    const v = valid() as unknown as { daily: { weapons?: unknown }; layers: unknown[] };
    v.daily.weapons = v.layers.map(() => ({ drone: 'many' }));
    expect(checkManifest(v)).toMatchObject({ ok: false, message: expect.stringMatching(/daily\.weapons/) });
    v.daily.weapons = v.layers.map(() => ({ drone: [1] }));
    expect(checkManifest(v).ok).toBe(true);
  });

  it('decodes the compact row groups', () => {
    const r = checkManifest(valid());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.manifest.files[0].rowGroups[0]).toEqual(g(0, 9, 15));
  });

  it('says what is wrong and where', () => {
    expect(checkManifest({ ...valid(), format: 'geojson' })).toEqual({
      ok: false,
      message: 'dataset.json: format: expected "conflict-atlas-published", got "geojson"',
    });
    expect(checkManifest({ ...valid(), version: 9 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/version: this atlas reads version 1, the file is version 9/),
    });
    const outside = valid();
    outside.files[0].path = '../../etc/passwd';
    expect(checkManifest(outside)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/files\[0\]\.path: expected a relative path/),
    });
    const absolute = valid();
    absolute.files[0].path = 'https://evil.example/x.parquet';
    expect(checkManifest(absolute).ok).toBe(false);
    const short = valid();
    short.files[0].groups = [[1, 2, 3]];
    expect(checkManifest(short)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/files\[0\]\.groups\[0\]: expected 10 numbers/),
    });
    expect(checkManifest([])).toMatchObject({ ok: false });
  });
});

describe('windowCounts', () => {
  it('sums each layer over the window, inside the days the manifest has', () => {
    const m = {
      daily: {
        start: 10,
        counts: [
          [1, 2, 3, 4],
          [0, 0, 5, 0],
        ],
      },
    };
    expect(windowCounts(m, { from: 11, to: 12 })).toEqual([5, 5]);
    expect(windowCounts(m, { from: 0, to: 100 })).toEqual([10, 5]);
    expect(windowCounts(m, { from: 20, to: 30 })).toEqual([0, 0]);
  });
});

describe('windowWeaponCounts', () => {
  const m: { daily: { start: number; counts: number[][]; weapons: Record<string, number[]>[] } } = {
    daily: {
      start: 10,
      counts: [
        [1, 2, 3, 4],
        [0, 0, 5, 0],
        [9, 9, 9, 9],
      ],
      weapons: [{ drone: [1, 0, 2, 4], missile: [0, 2, 1, 0] }, { 'not a weapon': [0, 0, 5, 0] }, {}],
    },
  };
  it('sums strikes per weapon over the window on the layers shown (an unknown weapon as unknown)', () => {
    expect(windowWeaponCounts(m, { from: 11, to: 12 }, [true, true, true])).toEqual({
      missile: 3,
      drone: 2,
      mixed: 0,
      cyber: 0,
      unknown: 5,
    });
    expect(windowWeaponCounts(m, { from: 0, to: 100 }, [true, false, true])).toMatchObject({
      drone: 7,
      missile: 3,
      unknown: 0,
    });
    expect(windowWeaponCounts(m, { from: 20, to: 30 }, [true, true, true])?.drone).toBe(0);
  });
  it('is null for a dataset published without them', () => {
    expect(windowWeaponCounts({ daily: { start: 0, counts: [] } }, { from: 0, to: 1 }, [])).toBeNull();
  });
});
