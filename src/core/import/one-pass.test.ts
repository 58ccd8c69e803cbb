// The GeoJSON import in one pass: each feature written into its chunk's columns as it comes, the same columns and report as the features path on mixed shapes.
import { describe, expect, it } from 'vitest';
import { WorkerData } from './worker-data';
import { mergeImports } from './merge';
import { importTextSync } from './import';
import { ImportRowsBuilder, CHUNK_ROWS } from './import-rows';
import { ResultBuilder } from './builder';
import { importFeature } from './geojson-import';
import { buildColumns, featureAt, type EventColumns } from '../columnar/columns';
import { unpackColumns } from '../columnar/columns-packet';
import { checkSources, IMPORT } from '../schema/feature-schema';
import type { ImportedFeature } from './types';

/** A feature of our schema, its shape varied by i: optional keys present or not, in another order, bad values here and there. */
function feature(i: number): Record<string, unknown> {
  const day = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const props: Record<string, unknown> = {
    id: `ev-${i}`,
    layer: i % 11 === 0 ? 'facility' : 'strike',
    title: `Strike ${i % 40} on Kharkiv`,
    summary: i % 3 ? 'A drone hit the city.' : `Row ${i}: a missile.`,
    start: day,
    end: i % 11 === 0 && i % 2 ? null : day,
    date_precision: 'day',
    place: 'Kharkiv',
    place_precision_km: i % 5,
    weapon: i % 11 === 0 ? undefined : ['drone', 'missile', 'mixed'][i % 3],
    sources: [{ name: 'Outlet', quote: 'A drone hit the city.' }],
  };
  if (i % 4 === 1) props.injured = i % 7;
  if (i % 6 === 2) props.killed = 2;
  // A shape change mid-chunk: keys in another order, a citation with a url, one with its keys out of order.
  if (i % 97 === 5) props.sources = [{ url: 'https://example.org/a', name: 'Outlet' }];
  if (i % 89 === 7) props.sources = [{ name: 'Two', quote: 'q' }, { name: 'Three' }];
  if (i % 83 === 3) {
    const { sources, ...rest } = props;
    Object.assign(props, { sources });
    for (const k of Object.keys(rest)) delete props[k];
    Object.assign(props, rest);
  }
  // Unknown properties (kept under original), nested deeper than the quick look's 8 levels, and past the 64 allowed.
  if (i % 71 === 9) props.extra = { note: 'kept' };
  if (i % 1013 === 11) props.deep = JSON.parse(`${'['.repeat(12)}1${']'.repeat(12)}`);
  if (i === 1500) props.deeper = JSON.parse(`${'['.repeat(70)}1${']'.repeat(70)}`);
  // Bad values mid-run.
  if (i === 700) props.start = '2024-02-30';
  if (i === 701) props.injured = -1;
  if (i === 702) props.weapon = 'catapult';
  if (i === 703) props.sources = [{ name: 5 }];
  if (i === 704) props.title = 'x'.repeat(600);
  if (i === 705) props.extra = { a: { b: 'y'.repeat(100_001) } };
  if (i === 706) props.id = 'ev-3';
  if (i === 2000) (props.sources as unknown[]).push('not a citation');
  const geometry =
    i % 53 === 4
      ? {
          type: 'LineString',
          coordinates: [
            [36.2, 49.9],
            [36.3, 50.0],
          ],
        }
      : i % 61 === 8
        ? null
        : { type: 'Point', coordinates: [36 + (i % 100) / 100, 49 + (i % 50) / 100] };
  const f: Record<string, unknown> = { type: 'Feature', geometry, properties: props };
  if (i % 29 === 6) f.id = `ev-${i}`;
  if (i % 31 === 7) f.bbox = [36, 49, 37, 50];
  return f;
}

function mixedFile(n: number): string {
  const features = Array.from({ length: n }, (_, i) => JSON.stringify(feature(i)));
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

function snapshot(c: EventColumns) {
  return {
    n: c.n,
    ids: [...c.ids],
    numbers: [c.start, c.end, c.layer, c.kind, c.lon, c.lat, c.weapon, c.magnitude, c.placePrecisionKm, c.idMember].map(
      (a) => Array.from(a as ArrayLike<number>, (v) => (Number.isNaN(v) ? 'NaN' : v)),
    ),
    rowsOfLayer: c.rowsOfLayer.map((r) => Array.from(r)),
    features: Array.from({ length: c.n }, (_, r) => featureAt(c, r)),
  };
}

describe('GeoJSON import in one pass', () => {
  const n = CHUNK_ROWS * 2 + 321;
  const text = mixedFile(n);

  it('gives the same report and columns as the features path, on mixed shapes with bad values mid-run', {
    timeout: 60_000,
  }, async () => {
    const data = new WorkerData();
    const session = data.session(1, 'mixed.geojson', undefined, text.length);
    for (let k = 0; k < text.length; k += 1 << 16) session.push(text.slice(k, k + (1 << 16)));
    const result = data.finish(1, session);
    const reference = importTextSync(text, 'mixed.geojson');
    // Every message in its place: file, feature index, field, id.
    expect(result.issues).toEqual(reference.issues);
    expect([result.loaded, result.rejected]).toEqual([reference.loaded, reference.rejected]);
    expect(result.issues.map((i) => [i.index, i.field])).toEqual(
      expect.arrayContaining([
        [700, 'start'],
        [701, 'injured'],
        [702, 'weapon'],
        [703, 'sources[0].name'],
        [704, 'title'],
        [705, 'extra.a.b'],
        [706, 'id'],
        [1500, 'properties'],
        [2000, 'sources[1]'],
      ]),
    );
    expect(result.issues.filter((i) => i.index === 1500).map((i) => i.reason)).toEqual([
      'properties are nested more than 64 levels deep',
    ]);
    const built = data.build([], [{ key: 'f1', id: 1 }], false);
    const merged = mergeImports([], [{ key: 'f1', result: reference }], false);
    const expected = buildColumns(
      merged.features,
      merged.layers.map((l) => l.key),
    );
    const page = unpackColumns(built.packet);
    const held = page.held as NonNullable<EventColumns['held']>;
    held.reader = async (rows) => built.held(rows);
    await held.read(
      Uint32Array.from({ length: page.n }, (_, r) => r),
      true,
    );
    expect(snapshot(page)).toEqual(snapshot(expected));
  });

  it('writes each feature into the columns when it is accepted: none is held until its chunk is full', () => {
    const rows = new ImportRowsBuilder();
    let given: ImportedFeature | null = null;
    const b = new ResultBuilder('one.geojson', 'geojson', (f, bytes) => {
      given = f;
      rows.add(f, bytes);
    });
    importFeature(feature(1), 0, b, undefined, { shapePositions: 0 });
    // What the objects become once the sink has returned can't change the row already written.
    const p = (given as unknown as ImportedFeature).properties;
    p.title = 'changed';
    (p.sources as { name?: string }[])[0].name = 'changed';
    const [chunk] = rows.rows().chunks;
    expect(chunk.columns.n).toBe(1);
    expect(chunk.columns.props.get(0, 'title')).toBe('Strike 1 on Kharkiv');
    expect(chunk.columns.props.get(0, 'sources')).toEqual([{ name: 'Outlet', quote: 'A drone hit the city.' }]);
  });

  it('keeps a chunk’s rows in the file’s order, each with its place among the loaded features', () => {
    const rows = new ImportRowsBuilder();
    const b = new ResultBuilder('order.geojson', 'geojson', rows.add);
    // Later days first: a chunk sorted by day would put them last.
    for (let i = 0; i < 10; i++) {
      const f = feature(i) as { properties: Record<string, unknown> };
      f.properties.start = f.properties.end = `2024-01-${String(20 - i).padStart(2, '0')}`;
      importFeature(f, i, b, undefined, { shapePositions: 0 });
    }
    const [chunk] = rows.rows().chunks;
    expect([...chunk.columns.ids]).toEqual(Array.from({ length: 10 }, (_, i) => `ev-${i}`));
    expect(Array.from(chunk.loadedIndex)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});

describe('checkSources', () => {
  const check = (v: unknown) => checkSources(v, IMPORT, () => undefined);

  it('returns a list of citations that are their own checked copies as it is', () => {
    const list = [
      { name: 'A', quote: 'q' },
      { seed: 's', url: 'https://a.example/' },
    ];
    expect(check(list)).toBe(list);
  });

  it('returns checked copies when a citation has other members, another order or a value that is not a string', () => {
    for (const list of [
      [{ name: 'A', quote: 'q', page: 3 }],
      [{ quote: 'q', name: 'A' }],
      [{ name: 'A' }, { name: 'B', extra: 'x' }],
    ]) {
      const out = check(list);
      expect(out).not.toBe(list);
      expect(out).toEqual(
        list.map((s) =>
          Object.fromEntries(
            ['seed', 'name', 'url', 'quote'].flatMap((k) => (k in s ? [[k, (s as Record<string, unknown>)[k]]] : [])),
          ),
        ),
      );
    }
  });
});
