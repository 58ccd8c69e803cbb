// The worker keeps imports as columns, validated straight into builders: the page gets the same columns as from feature objects, and no features are kept.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerData } from './worker-data';
import { mergeImports } from './merge';
import { importTextSync, type ImportResult } from './import';
import { buildColumns, featureAt, type EventColumns } from '../columnar/columns';
import { CHUNK_ROWS } from './import-rows';
import { unpackColumns } from '../columnar/columns-packet';
import { rowsWithTerm } from '../columnar/term-rows';
import { textElsewhere } from '../columnar/remote-text';
import { serialize } from 'node:v8';
import { SAMPLE } from '../../../tests/support/features';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../../tests/fixtures/import', name), 'utf8');

/** An ACLED file of n rows (more than a chunk), one of them reusing a bundled id. */
function acled(n: number): string {
  const head =
    'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities';
  const rows = Array.from({ length: n }, (_, i) => {
    const id = i === 7 ? SAMPLE[0].properties.id : `UKR${i}`;
    const day = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    return `${id},${day},2024,${1 + (i % 3)},Explosions/Remote violence,${i % 2 ? 'Air/drone strike' : 'Shelling/artillery/missile attack'},Military Forces of Russia (2000-),Ukraine,Kharkiv,Kharkiv,${(49 + (i % 100) / 100).toFixed(4)},${(36 + (i % 50) / 100).toFixed(4)},${1 + (i % 3)},Outlet,"On that day, ${i % 5 ? 'a drone' : 'a missile'} hit the city (row ${i}).",${i % 4}`;
  });
  return `${[head, ...rows].join('\n')}\n`;
}

const FILES: [string, string][] = [
  ['big.csv', acled(CHUNK_ROWS * 2 + 123)],
  ['atlas-schema.geojson', fixture('atlas-schema.geojson')],
  ['null-geometry.geojson', fixture('accept/null-geometry.geojson')],
  ['undated-sites.geojson', fixture('accept/undated-sites.geojson')],
  ['acled-sample.csv', fixture('acled-sample.csv')],
];

/** Every column, and every row rebuilt, as plain values to compare. */
function snapshot(c: EventColumns) {
  return {
    n: c.n,
    ids: [...c.ids],
    numbers: [c.start, c.end, c.layer, c.kind, c.lon, c.lat, c.weapon, c.magnitude, c.placePrecisionKm, c.idMember].map(
      (a) => Array.from(a as ArrayLike<number>, (v) => (Number.isNaN(v) ? 'NaN' : v)),
    ),
    rowsOfLayer: c.rowsOfLayer.map((r) => Array.from(r)),
    features: Array.from({ length: c.n }, (_, r) => featureAt(c, r)),
    search: [c.search.text, Array.from(c.search.starts)],
  };
}

describe('WorkerData: imports kept as columns', () => {
  const data = new WorkerData();
  const results: ImportResult[] = FILES.map(([name, text], id) => {
    const session = data.session(id, name, undefined, text.length);
    for (let k = 0; k < text.length; k += 1 << 16) session.push(text.slice(k, k + (1 << 16)));
    return data.finish(id, session);
  });

  it('keeps no feature objects: the results carry counts and layers only', () => {
    expect(results.map((r) => [r.features.length, r.loaded > 0])).toEqual(FILES.map(() => [0, true]));
    expect(results[0].loaded).toBe(CHUNK_ROWS * 2 + 123);
  });

  it('keeps its own search index, whole after the packet is transferred to the page, which gets no copy of its text', () => {
    const imports = FILES.map((_, id) => ({ key: `f${id + 1}`, id }));
    const built = data.build(SAMPLE, imports, true);
    // As postMessage(m, transfer) does: the packet's buffers are detached here.
    const page = unpackColumns(structuredClone(built.packet, { transfer: built.transfer }));
    expect(built.search.starts.length).toBe(page.n + 1);
    expect([...built.search.starts]).toEqual([...page.search.starts]);
    // The text stays here (the worker answers searches): the page holds only the row offsets.
    expect(built.search.text.length).toBeGreaterThan(CHUNK_ROWS * 2 * 50);
    expect(page.search.text).toBe('');
    expect(textElsewhere(page.search)).toBe(true);
    expect(built.packet.strings.text?.includes('on that day, a drone hit the city (row 1)')).toBe(false);
    // A row's notes (its summary, its source's quote, its original.notes) and its original record
    // stay here too (held-text.ts): the page reads them back by row.
    const text = built.packet.strings.text ?? '';
    expect(text).not.toContain('On that day, a drone hit the city (row 1234).');
    expect(text).not.toContain('49.1200');
    expect(text).toContain('Air/drone strike in Kharkiv');
    expect(rowsWithTerm(built.search, 'kharkiv').reduce((a, b) => a + b, 0)).toBeGreaterThan(CHUNK_ROWS * 2);
  });

  it('builds the same columns, layers and conflicts as the features would', async () => {
    const imports = FILES.map((_, id) => ({ key: `f${id + 1}`, id }));
    const built = data.build(SAMPLE, imports, true);
    const reference = FILES.map(([name, text]) => importTextSync(text, name));
    expect(results.map((r) => [r.loaded, r.rejected, r.issues.length])).toEqual(
      reference.map((r) => [r.loaded, r.rejected, r.issues.length]),
    );
    const merged = mergeImports(
      SAMPLE,
      reference.map((result, k) => ({ key: `f${k + 1}`, result })),
      true,
    );
    const expected = buildColumns(
      merged.features,
      merged.layers.map((l) => l.key),
    );
    expect(built.layers).toEqual(merged.layers);
    expect([...built.conflicts.entries()]).toEqual([...merged.conflicts.entries()]);
    expect(built.conflicts.get('f1')?.[0]?.reason).toMatch(
      /already used by a feature of the bundled data; this feature \(the 8th loaded\) is not shown/,
    );
    const page = unpackColumns(built.packet);
    // The imports' rows are held: before their text is read they have no notes or original record.
    const held = page.held as NonNullable<EventColumns['held']>;
    const row = page.rowOfId.get('UKR1') as number;
    expect(held.missing(row)).toBe(true);
    expect(featureAt(page, row).properties.summary).toBeUndefined();
    expect(page.props.get(row, 'title')).toBe('Air/drone strike in Kharkiv');
    // Read back from the worker's rows (as the data client does), every row is what the features give.
    held.reader = async (rows) => built.held(rows);
    await held.read(
      Uint32Array.from({ length: page.n }, (_, r) => r),
      true,
    );
    expect(held.missing(row)).toBe(false);
    // The search text is the worker's (above); the rest is what the features give.
    expect({ ...snapshot(page), search: [built.search.text, Array.from(page.search.starts)] }).toEqual(
      snapshot(expected),
    );
  });

  it('sends Latin-1 text one byte a character even when the file has a wider character', () => {
    // One "’" in a note: the decoded text around it is two bytes a character, and V8 keeps every
    // field cut from it so; joined, one such field made the whole packet text two-byte.
    const text = acled(300)
      .replace('(row 5).', '(row 5, Kyiv’s).')
      .replace(/,Kharkiv,Kharkiv,49\.0500,/, ',Kharkiv,Kyiv’s market,49.0500,');
    const d = new WorkerData();
    const session = d.session(1, 'wide.csv', undefined, text.length);
    session.push(new TextDecoder().decode(new TextEncoder().encode(text)));
    expect(d.finish(1, session).loaded).toBe(300);
    const { packet } = d.build([], [{ key: 'f1', id: 1 }], false);
    const joined = packet.strings.text ?? '';
    expect(joined).toContain('Air/drone strike in Kharkiv');
    expect(serialize(joined).length).toBeLessThan(joined.length + 16);
    expect(packet.strings.wide?.text).toContain('Kyiv’s market');
    const page = unpackColumns(packet);
    expect(page.props.get(page.rowOfId.get('UKR5') as number, 'title')).toBe('Air/drone strike in Kyiv’s market');
  });

  it('gives back a held row’s notes, quote and original record as they were read, wide characters included', async () => {
    const text = acled(300).replace('(row 5).', '(row 5, Kyiv’s).');
    const d = new WorkerData();
    const session = d.session(1, 'wide.csv', undefined, text.length);
    session.push(text);
    d.finish(1, session);
    const built = d.build([], [{ key: 'f1', id: 1 }], false);
    const page = unpackColumns(built.packet);
    const held = page.held as NonNullable<EventColumns['held']>;
    held.reader = async (rows) => built.held(rows);
    const row = page.rowOfId.get('UKR5') as number;
    const values = (await held.read([row], false)).get(row);
    const note = 'On that day, a missile hit the city (row 5, Kyiv’s).';
    expect(values?.summary).toBe(note);
    expect(values?.sources).toEqual([{ name: 'Outlet', quote: note }]);
    const original = values?.original as Record<string, string> | undefined;
    expect(original?.notes).toBe(note);
    expect(original?.latitude).toBe('49.0500');
    // Not kept (an export's read), so the row's text is still to be read for the page's Items.
    expect(held.missing(row)).toBe(true);
    const f = featureAt(page, row, values);
    expect(Object.keys(f.properties).indexOf('summary')).toBe(Object.keys(f.properties).indexOf('title') + 1);
    expect(f.properties.summary).toBe(note);
  });

  it('forgets an import, and builds without the bundled data', () => {
    data.forget(0);
    const built = data.build(
      SAMPLE,
      [
        { key: 'f1', id: 0 },
        { key: 'f3', id: 2 },
      ],
      false,
    );
    expect([...unpackColumns(built.packet).ids]).toEqual(['placed', 'unplaced', 'no-member']);
  });

  it('keeps no rows of a file found unreadable after some features were written', () => {
    const d = new WorkerData();
    const text = fixture('accept/null-geometry.geojson').replace(/\]\}\s*$/, '');
    const session = d.session(9, 'cut.geojson', undefined, text.length);
    session.push(text);
    const r = d.finish(9, session);
    expect(r.fatal).toMatch(/Truncated JSON/);
    expect(d.build([], [{ key: 'f1', id: 9 }], false).packet.n).toBe(0);
  });
});
