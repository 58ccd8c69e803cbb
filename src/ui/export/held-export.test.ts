// The streamed export of an import whose notes and original records the data worker holds (held-text.ts): every row's text read back, the same bytes as from the features themselves.
import { describe, expect, it } from 'vitest';
import { WorkerData } from '../../core/import/worker-data';
import { importTextSync } from '../../core/import/import';
import { mergeImports } from '../../core/import/merge';
import { buildColumns, featureAt } from '../../core/columnar/columns';
import { unpackColumns } from '../../core/columnar/columns-packet';
import { datasetFromColumns } from '../../core/columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { toCsv } from './csv';
import { toGeojson, type ExportMeta } from './geojson-export';
import { streamExport } from './data-export-stream';

const meta: ExportMeta = {
  window: { from: '2024-01-01', to: '2024-12-31' },
  mode: 'window',
  layers: [],
  in_view: false,
};

/** An ACLED file of n rows: more than one block of held rows read at a time, notes with quotes, commas and a wide character. */
function acled(n: number): string {
  const head =
    'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities';
  const rows = Array.from({ length: n }, (_, i) => {
    const day = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const note = i % 7 ? `A drone hit the city (row ${i}), said ""someone"".` : `Kyiv’s note ${i}`;
    return `UKR${i},${day},2024,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Ukraine,Kharkiv,Kharkiv,${(49 + (i % 100) / 100).toFixed(4)},36.2000,1,Outlet,"${note}",${i % 4}`;
  });
  return `${[head, ...rows].join('\n')}\n`;
}

describe('export of held rows', () => {
  it('writes every row with its notes, quote and original record, as the features give them', async () => {
    const text = acled(5000);
    const data = new WorkerData();
    const session = data.session(1, 'big.csv', undefined, text.length);
    for (let k = 0; k < text.length; k += 1 << 16) session.push(text.slice(k, k + (1 << 16)));
    data.finish(1, session);
    const built = data.build(SAMPLE, [{ key: 'f1', id: 1 }], true);
    const columns = unpackColumns(built.packet);
    const ds = datasetFromColumns(columns, built.layers);
    let asked = 0;
    let keysOnly = 0;
    (columns.held as NonNullable<typeof columns.held>).reader = async (rows, keys) => {
      asked++;
      if (keys) keysOnly++;
      return built.held(rows, keys);
    };
    // An Item made before its text is read (the list drew it), then filled in.
    const shown = columns.rowOfId.get('UKR3') as number;
    expect(ds.itemAt(shown).feature.properties.summary).toBeUndefined();
    expect(ds.textMissing?.(shown)).toBe(true);
    await ds.ensureText?.([shown]);
    expect(ds.itemAt(shown).feature.properties.summary).toBe('A drone hit the city (row 3), said "someone".');
    expect(ds.textMissing?.(shown)).toBe(false);

    const reference = importTextSync(text, 'big.csv');
    const merged = mergeImports(SAMPLE, [{ key: 'f1', result: reference }], true);
    const expected = buildColumns(
      merged.features,
      merged.layers.map((l) => l.key),
    );
    const features = Array.from({ length: expected.n }, (_, r) => featureAt(expected, r));
    const rows = Uint32Array.from({ length: ds.columns.n }, (_, i) => i);
    const opts = { chunkChars: 1 << 16, sliceMs: 0, pause: async () => undefined };
    asked = 0;
    const csv = await streamExport(ds, rows, 'csv', meta, opts);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.blob.arrayBuffer())).toBe(toCsv(features));
    // Read by blocks (two passes: the header's names, then the lines), not a row at a time.
    expect(asked).toBeGreaterThan(2);
    expect(asked).toBeLessThan(10);
    // The header's pass asks for the keys alone (nothing read from the file).
    expect(keysOnly).toBe(asked / 2);
    const geo = await streamExport(ds, rows, 'geojson', meta, opts);
    // (As values: a source's keys come in the file's order here, name then quote; a store of every
    // row's sources gives them in the order first seen over all rows, the bundled data's first.)
    expect(JSON.parse(await geo.blob.text())).toEqual(JSON.parse(toGeojson(features, meta)));
  }, 20_000); // reads every row back from its file: 2–6 s on a loaded 2-core machine

  it('fails, saying why, when the worker no longer holds the rows', async () => {
    const text = acled(10);
    const data = new WorkerData();
    const session = data.session(1, 'small.csv', undefined, text.length);
    session.push(text);
    data.finish(1, session);
    const built = data.build([], [{ key: 'f1', id: 1 }], false);
    const columns = unpackColumns(built.packet);
    const ds = datasetFromColumns(columns, built.layers);
    (columns.held as NonNullable<typeof columns.held>).reader = async (rows) => Array.from(rows, () => null);
    const rows = Uint32Array.from({ length: ds.columns.n }, (_, i) => i);
    await expect(streamExport(ds, rows, 'csv', meta, { sliceMs: 0, pause: async () => undefined })).rejects.toThrow(
      /no longer holds the text/,
    );
  });
});
