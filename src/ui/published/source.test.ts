// PublishedSource while playing: the next block asked for ahead, and the one after read into the worker's cache even when play waits.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAtlasStore } from '../../app/store';
import { buildDataset } from '../../core/columnar/dataset';
import { packColumns, type ColumnsPacket } from '../../core/columnar/columns-packet';
import { layerDefsOf } from '../../core/published/published-dataset';
import type { PublishedFile, PublishedManifest, RowGroupEntry, RowGroupRef } from '../../core/published/manifest';

/** Every build the source asks the worker for, answered by the test. */
const reader = vi.hoisted(() => ({
  builds: [] as { refs: RowGroupRef[]; warm: boolean; resolve: (p: ColumnsPacket | null) => void }[],
}));

vi.mock('./reader-client', async (orig) => ({
  ...(await orig<typeof import('./reader-client')>()),
  ReaderClient: class {
    build(refs: RowGroupRef[], warm: boolean): Promise<ColumnsPacket | null> {
      return new Promise((resolve) => reader.builds.push({ refs, warm, resolve }));
    }
    fetchGroups(): Promise<never[]> {
      return Promise.resolve([]);
    }
    destroy(): void {}
  },
}));
// The map's data for a block is another module's concern (layer-prepare.test.ts): done at once here.
vi.mock('../layers/layer-prepare', () => ({ prepareAhead: async () => {} }));

const { PublishedSource } = await import('./source');

/** A row group a ten-day run of days, anywhere on the globe. */
const group = (day: number): RowGroupEntry => ({
  rows: 10,
  startMin: day,
  startMax: day + 9,
  endMax: day + 9,
  bbox: [-180, -90, 180, 90],
  offset: 0,
  length: 1,
});
const file = (part: PublishedFile['part'], rowGroups: RowGroupEntry[]): PublishedFile => ({
  path: `${part}.parquet`,
  bytes: 10,
  footer: { offset: 0, length: 8 },
  part,
  rowGroups,
});
const manifest: PublishedManifest = {
  format: 'conflict-atlas-published',
  version: 1,
  name: 'test',
  rows: 400,
  span: { start: 0, end: 399 },
  layers: [{ key: 'a', label: 'A', kind: 'strike', group: 'f', count: 400 }],
  columns: ['id'],
  files: [
    file(
      'short',
      Array.from({ length: 40 }, (_, i) => group(i * 10)),
    ),
  ],
  daily: { start: 0, counts: [new Array(400).fill(1)] },
  // Rows at every zoom: no overview.
  overview: { file: file('overview', [group(0)]), cellDeg: 1, belowZoom: 0, rows: 1 },
  inputs: [],
} as PublishedManifest;

const emptyPacket = (): ColumnsPacket => packColumns(buildDataset([], layerDefsOf(manifest)).columns).packet;
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};
const days = (b: { refs: RowGroupRef[] }): number[] => b.refs.map((r) => r.group);

/** A store and a source over the test manifest, in an 800 × 600 map. */
const opened = () => {
  const store = createAtlasStore();
  const source = new PublishedSource(store, 'https://example.org/d/dataset.json', manifest, 100, () => ({
    width: 800,
    height: 600,
  }));
  return { store, source };
};

afterEach(() => {
  reader.builds.length = 0;
});

describe('PublishedSource while playing', () => {
  it('reads the block after the next one ahead even when the window reached the next block before its rows', async () => {
    const { store, source } = opened();
    const first = source.start({ t: { from: 100, to: 106 } });
    expect(reader.builds.map((b) => b.warm)).toEqual([false]);
    reader.builds[0].resolve(emptyPacket());
    await first;
    await settle();

    // Playing at a week a second: the next block (the window's days to 7 days past the loaded block) asked for ahead.
    store.getState().setPlaying(true);
    await settle();
    expect(reader.builds.map((b) => b.warm)).toEqual([false, false]);
    const next = reader.builds[1];
    expect(days(next)).toEqual([10, 11]); // days 101…114

    // The window steps out of the loaded block before the next block's columns arrived: play waits for them.
    store.getState().setWindow(101, 107);
    await settle();
    expect(reader.builds).toHaveLength(2); // taken over, not asked for again
    next.resolve(emptyPacket());
    await settle();

    // …and the block after that is read into the worker's cache meanwhile.
    const warm = reader.builds.filter((b) => b.warm);
    expect(warm).toHaveLength(1);
    expect(days(warm[0])).toEqual([10, 11, 12]); // days 109…122
    source.destroy();
  });

  it('reads the block after the next one ahead as soon as the next block arrives, before the window gets there', async () => {
    const { store, source } = opened();
    const first = source.start({ t: { from: 100, to: 106 } });
    reader.builds[0].resolve(emptyPacket());
    await first;
    store.getState().setPlaying(true);
    await settle();
    reader.builds[1].resolve(emptyPacket());
    await settle();
    expect(reader.builds.map((b) => b.warm)).toEqual([false, false, true]);
    // The window then moves into the next block: it takes those columns (no new build for it), and asks
    // for the columns of the block after, the row groups just read into the worker's cache.
    store.getState().setWindow(101, 107);
    await settle();
    expect(reader.builds.map((b) => b.warm)).toEqual([false, false, true, false]);
    expect(days(reader.builds[3])).toEqual(days(reader.builds[2]));
    source.destroy();
  });
});
