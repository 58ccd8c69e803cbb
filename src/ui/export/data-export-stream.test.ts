// Tests for the streamed data export: the same bytes as the whole-string export at any chunk size, progress, cancel, and rows in view without Items.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE, feature } from '../../../tests/support/features';
import { allItems } from '../../../tests/support/dataset-rows';
import { toCsv } from './csv';
import { toGeojson, type ExportMeta } from './geojson-export';
import { itemsToExport } from './selection';
import { rowsInView, streamExport } from './data-export-stream';
import { isAbortError } from './tasks';

const meta: ExportMeta = {
  window: { from: '2024-01-01', to: '2024-12-31' },
  mode: 'window',
  layers: ['strikes'],
  in_view: false,
};
// Text that chunk cuts must not break: quotes, commas, newlines, formulas, multi-byte UTF-8 (a surrogate pair), and a property only a later row has.
const tricky = [
  feature('strike-q', 'strike', '2024-02-01', '2024-02-01', {
    title: 'He said "no", then left\r\nnext line',
    summary: '=HYPERLINK("x")',
  }),
  feature('strike-u', 'strike', '2024-02-02', '2024-02-02', {
    title: 'Київ — Одеса 🚀',
    place: 'Zaporizhzhia’s “edge”',
  }),
  feature('strike-x', 'strike', '2024-02-03', '2024-02-03', {
    title: 'Late key',
    ...({ late_key: 'only here' } as object),
  }),
];
// Two copies: the export reads `ds`, where no Item is made (so every row comes from the columns); the expected features come from the other.
const ds = buildDataset([...SAMPLE, ...tricky]);
const rows = Uint32Array.from({ length: ds.columns.n }, (_, i) => i);
const features = allItems(buildDataset([...SAMPLE, ...tricky])).map((it) => it.feature);

describe('streamExport', () => {
  for (const chunkChars of [1, 7, 100, 1 << 20]) {
    it(`writes the same CSV and GeoJSON as the whole-string export with ${chunkChars}-character chunks`, async () => {
      const csv = await streamExport(ds, rows, 'csv', meta, { chunkChars, sliceMs: 0, pause: async () => undefined });
      // (Blob.text() would drop the BOM: decode keeping it.)
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.blob.arrayBuffer())).toBe(toCsv(features));
      expect(csv.count).toBe(features.length);
      expect(csv.blob.type).toBe('text/csv;charset=utf-8');
      const geo = await streamExport(ds, rows, 'geojson', meta, {
        chunkChars,
        sliceMs: 0,
        pause: async () => undefined,
      });
      expect(await geo.blob.text()).toBe(toGeojson(features, meta));
      expect((JSON.parse(await geo.blob.text()) as { features: unknown[] }).features).toEqual(features);
      // Small chunks really are many Blob parts; the default is one part for this little data.
      if (chunkChars < 100) expect(csv.chunks).toBeGreaterThan(features.length);
      if (chunkChars === 1 << 20) expect(csv.chunks).toBe(1);
      // Bytes, not just characters: UTF-8 of the same text.
      expect(new Uint8Array(await csv.blob.arrayBuffer())).toEqual(new TextEncoder().encode(toCsv(features)));
    });
  }

  it('reports rising progress between slices and stops with an AbortError when cancelled', async () => {
    const seen: number[] = [];
    await streamExport(ds, rows, 'csv', meta, {
      sliceMs: 0,
      pause: async () => undefined,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.length).toBeGreaterThan(features.length);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const abort = new AbortController();
    let pauses = 0;
    const run = streamExport(ds, rows, 'geojson', meta, {
      sliceMs: 0,
      signal: abort.signal,
      pause: async () => void (++pauses === 3 && abort.abort()),
    });
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(pauses).toBe(3);
  });

  it('exports only the rows given, in their order', async () => {
    const some = Uint32Array.of(1, 3);
    const text = await (await streamExport(ds, some, 'geojson', meta, { pause: async () => undefined })).blob.text();
    expect(
      (JSON.parse(text) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id),
    ).toEqual([features[1].properties.id, features[3].properties.id]);
  });
});

describe('streamExport and Items', () => {
  it('writes a row the page has made an Item for from that Item (what the list and details show), without making others', async () => {
    const d = buildDataset([...SAMPLE, ...tricky]);
    const shown = d.itemAt(2);
    shown.feature.properties.title = 'Shown, "edited" here';
    const text = await (await streamExport(d, rows, 'geojson', meta, { pause: async () => undefined })).blob.text();
    const back = (JSON.parse(text) as { features: { properties: { title: string } }[] }).features;
    expect(back[2].properties.title).toBe('Shown, "edited" here');
    expect(d.itemIfMade?.(3)).toBeUndefined();
  });
});

describe('rowsInView', () => {
  it('keeps the rows whose geometry meets the view, as itemsToExport does with Items', () => {
    for (const box of [
      [35, 49, 37, 51],
      [31, 51, 32, 52],
      [29, 49, 31, 51],
      [-10, -10, -9, -9],
    ] as [number, number, number, number][]) {
      const want = itemsToExport(allItems(ds), box).map((it) => it.index);
      expect([...rowsInView(ds, rows, box)]).toEqual(want);
    }
    expect(rowsInView(ds, rows, null)).toBe(rows);
  });
});
