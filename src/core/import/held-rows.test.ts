// A CSV import read from a file keeps each row's byte range, not its original record: read back from the file, every row is what the features give (a BOM, wide characters, CRLF and quoted line breaks included).
import { describe, expect, it } from 'vitest';
import { WorkerData } from './worker-data';
import { importTextSync } from './import';
import { mergeImports } from './merge';
import { buildColumns, featureAt } from '../columnar/columns';
import { unpackColumns } from '../columnar/columns-packet';
import { Utf8Chunks } from './stream/utf8-chunks';
import { SAMPLE } from '../../../tests/support/features';

/** An ACLED file of n rows with CRLF line ends, a quoted line break, quotes and wide characters in the notes. */
function acled(n: number, wide = true): string {
  const head =
    'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities';
  const rows = Array.from({ length: n }, (_, i) => {
    const day = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const note =
      i % 3
        ? `A drone hit the city (row ${i}), said ""someone"".\r\nSecond line.`
        : wide
          ? `Київ’s note 🚀 ${i}`
          : `Kyiv note ${i}`;
    return `UKR${i},${day},2024,${1 + (i % 3)},Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Ukraine,Kharkiv,Kharkiv,${(49 + (i % 100) / 100).toFixed(4)},36.2000,1,Outlet,"${note}",${i % 4}`;
  });
  return `\ufeff${[head, ...rows].join('\r\n')}\r\n`;
}

/** Imports the file's bytes as the worker does: decoded in chunks, the BOM dropped and counted. */
function importFile(data: WorkerData, id: number, name: string, bytes: Uint8Array, blob: Blob) {
  const session = data.session(id, name, undefined, bytes.length, { blob, startByte: 3 });
  const utf8 = new Utf8Chunks();
  for (let k = 0; k < bytes.length; k += 4093) session.push(utf8.decode(bytes.subarray(k, k + 4093)));
  session.push(utf8.end());
  return data.finish(id, session);
}

describe('held rows: original records read back from the file', () => {
  const text = acled(9000);
  const bytes = new TextEncoder().encode(text);

  it('gives every row its original record from the file, as the features give it, keeping none in memory', async () => {
    const data = new WorkerData();
    expect(importFile(data, 1, 'f.csv', bytes, new Blob([bytes])).loaded).toBe(9000);
    // The worker's rows keep no original record: the file has it.
    const kept = (
      data as unknown as { kept: Map<number, { rows: { chunks: { columns: { props: { keys: string[] } } }[] } }> }
    ).kept;
    for (const chunk of kept.get(1)?.rows.chunks ?? []) expect(chunk.columns.props.keys).not.toContain('original');
    expect(kept.get(1)?.rows.chunks.length).toBeGreaterThan(2);
    const built = data.build(SAMPLE, [{ key: 'f1', id: 1 }], true);
    const page = unpackColumns(built.packet);
    const all = Array.from({ length: page.n }, (_, r) => r);
    const got = await built.held(all);
    const reference = importTextSync(text, 'f.csv');
    const merged = mergeImports(SAMPLE, [{ key: 'f1', result: reference }], true);
    const expected = buildColumns(
      merged.features,
      merged.layers.map((l) => l.key),
    );
    const features = all.map((r) => featureAt(page, r, got[r] ?? undefined));
    expect(features).toEqual(all.map((r) => featureAt(expected, r)));
    // The original record comes last, where the import put it.
    const row = page.rowOfId.get('UKR1') as number;
    expect(Object.keys(features[row].properties).at(-1)).toBe('original');
    expect((features[row].properties as unknown as { original: Record<string, string> }).original.notes).toBe(
      'A drone hit the city (row 1), said "someone".\r\nSecond line.',
    );
  }, 20_000); // reads every row back from its file: seconds on a loaded 2-core machine

  it('reads a stretch of ASCII text once and cuts its records (the same records)', async () => {
    const ascii = acled(5000, false);
    const data = new WorkerData();
    const asciiBytes = new TextEncoder().encode(ascii);
    importFile(data, 1, 'a.csv', asciiBytes, new Blob([asciiBytes]));
    const built = data.build([], [{ key: 'f1', id: 1 }], false);
    const page = unpackColumns(built.packet);
    const all = Array.from({ length: page.n }, (_, r) => r);
    const got = await built.held(all);
    const reference = importTextSync(ascii, 'a.csv');
    const originals = new Map(reference.features.map((f) => [f.properties.id, f.properties.original]));
    for (const r of all) expect(got[r]?.original).toEqual(originals.get(page.ids.get(r)));
    // Keys alone: nothing read, every key there, and the original record's member names (the CSV
    // export's header gives each a column), one object for the file's rows.
    const keys = await built.held(all.slice(0, 3), true);
    const names = Object.fromEntries(Object.keys(originals.get(page.ids.get(all[0])) as object).map((k) => [k, null]));
    expect(keys[0]).toEqual({ summary: null, sources: null, original: names });
    expect(keys[1]?.original).toBe(keys[0]?.original);
  });

  it('says so when the file no longer holds the rows it had', async () => {
    const data = new WorkerData();
    const other = new TextEncoder().encode(text.replace(/UKR1,/g, 'UKR1,x,'));
    importFile(data, 1, 'f.csv', bytes, new Blob([other]));
    const built = data.build([], [{ key: 'f1', id: 1 }], false);
    const page = unpackColumns(built.packet);
    await expect(built.held(Array.from({ length: page.n }, (_, r) => r))).rejects.toThrow(
      /changed since it was loaded/,
    );
    importFile(data, 2, 'g.csv', bytes, new Blob([bytes.subarray(0, 1000)]));
    const short = data.build([], [{ key: 'f2', id: 2 }], false);
    await expect(short.held([short.packet.n - 1])).rejects.toThrow(/shorter than when it was loaded/);
  });
});
