// What the importer accepts beyond strict files: undated features (a timeless layer), bare geometries, null geometries — through to the dataset and exports.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTextSync, ImportSession, type ImportResult } from '../../core/import/import';
import { mergeImports } from '../../core/import/merge';
import { buildDataset } from '../../core/columnar/dataset';
import { OPEN_DAY, TIMELESS_DAY } from '../../core/columnar/columns';
import { windowView } from '../../core/columnar/window-query';
import { parseIsoDay } from '../../core/time/days';
import { toCsv, parseCsv } from '../export/csv';
import { toGeojson } from '../export/geojson-export';
import { describeDates } from '../controls/format';
import type { AtlasFeature } from '../../core/schema/schema';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../../tests/fixtures/import/accept', name), 'utf8');

/** The same file through the streaming session, in 5-character chunks. */
function streamed(text: string, name: string): ImportResult {
  const s = new ImportSession(name);
  for (let k = 0; k < text.length; k += 5) s.push(text.slice(k, k + 5));
  return s.end();
}
const summary = (r: ImportResult) => ({
  loaded: r.loaded,
  rejected: r.rejected,
  issues: r.issues.map((i) => `${i.severity} ${i.index ?? '-'} ${i.reason}`).sort(),
});

/** The dataset the page gets: one bundled strike on 2024-03-10 and the import. */
function datasetWith(result: ImportResult) {
  const bundled: AtlasFeature = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [30, 50] },
    properties: {
      id: 'b1',
      layer: 'strike',
      title: 'B',
      summary: '',
      start: '2024-03-10',
      end: '2024-03-10',
      date_precision: 'day',
      date_note: '',
      place: '',
      place_precision_km: 0,
      weapon: 'drone',
      sources: [{ name: 'x' }],
    },
  };
  const merged = mergeImports([bundled], [{ key: 'f1', result }]);
  return buildDataset(merged.features, merged.layers);
}
const day = (iso: string): number => parseIsoDay(iso) as number;

describe('undated features: a timeless layer shown at every time', () => {
  const r = importTextSync(fixture('undated-sites.geojson'), 'undated-sites.geojson');

  it('loads the dated-less features with a notice, and still reports the broken coordinate', () => {
    expect([r.loaded, r.rejected]).toEqual([2, 1]);
    expect(r.issues.find((i) => i.index === undefined)).toMatchObject({
      severity: 'warning',
      field: 'start',
      reason:
        'No date field found: none of the properties ("name", "kind") holds dates, so the 2 features are loaded undated, in a layer shown at every time of the slider; map a start date field to place them in time.',
    });
    expect(r.issues.find((i) => i.index === 2)).toMatchObject({
      severity: 'error',
      reason: expect.stringContaining('coordinate 1 is the string "46.9"'),
    });
    expect(r.features.map((f) => f.properties)).toEqual([
      expect.objectContaining({
        id: 'depot-1',
        title: 'Fuel depot',
        category: 'depot',
        timeless: true,
        start: '',
        end: '',
      }),
      expect.objectContaining({ id: 'depot-2', title: 'Port silo', timeless: true }),
    ]);
    expect(r.layers).toEqual([expect.objectContaining({ label: 'depot (undated)', count: 2 })]);
    expect(summary(streamed(fixture('undated-sites.geojson'), 'undated-sites.geojson'))).toEqual(summary(r));
  });

  it('is in every window of the dataset and takes no part in its span', () => {
    const ds = datasetWith(r);
    expect(ds.span).toEqual({ start: day('2024-03-10'), end: day('2024-03-10') });
    const undated = ds.layers.findIndex((l) => l.label === 'depot (undated)');
    expect(undated).toBeGreaterThanOrEqual(0);
    const rows = ds.columns.rowsOfLayer[undated];
    expect(Array.from(rows, (row) => [ds.columns.start[row], ds.columns.end[row]])).toEqual([
      [TIMELESS_DAY, OPEN_DAY],
      [TIMELESS_DAY, OPEN_DAY],
    ]);
    const keys = ds.layers.map((l) => l.key);
    for (const win of [
      { from: day('1990-01-01'), to: day('1990-01-02') },
      { from: day('2024-03-10'), to: day('2024-03-10') },
      { from: day('2090-05-01'), to: day('2090-06-01') },
    ])
      expect(windowView(ds, win, keys).perLayer[undated]).toBe(2);
    const it0 = ds.find('depot-1');
    expect(it0 && describeDates(it0.feature.properties)).toBe('no date given (shown at every time)');
  });

  it('comes back undated when its GeoJSON export is imported again (timeless: true, in our schema)', () => {
    const ds = datasetWith(r);
    const rows = [ds.find('depot-1'), ds.find('depot-2')].map((it) => (it as NonNullable<typeof it>).feature);
    const again = importTextSync(
      toGeojson(rows, { window: { from: '', to: '' }, mode: 'window', layers: [], in_view: false }),
      'export.geojson',
    );
    expect([again.mode, again.loaded, again.rejected]).toEqual(['schema', 2, 0]);
    expect(
      again.features.map((f) => [f.properties.id, f.properties.timeless, f.properties.start, f.properties.end]),
    ).toEqual([
      ['depot-1', true, '', ''],
      ['depot-2', true, '', ''],
    ]);
    const bad = importTextSync(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: null,
            properties: {
              id: 'x',
              layer: 'strike',
              title: 'X',
              timeless: true,
              start: '2024-01-01',
              end: '',
              sources: [],
            },
          },
        ],
      }),
      'x.geojson',
    );
    expect(bad.issues.map((i) => i.reason)).toContain(
      'field start: the string "2024-01-01" on an undated feature (timeless: true): leave it empty, or drop timeless',
    );
  });

  it('generic CSV without a date column loads undated too', () => {
    const csv = importTextSync('lat,lon,name\n50.45,30.52,A\n49.99,36.23,B\n', 'sites.csv');
    expect([csv.loaded, csv.rejected]).toEqual([2, 0]);
    expect(csv.issues.map((i) => i.reason)).toEqual([
      expect.stringMatching(/^No date column found: .* so the 2 features are loaded undated/),
    ]);
    expect(csv.features.every((f) => f.properties.timeless === true)).toBe(true);
  });
});

describe('bare geometries load as one feature', () => {
  it('a bare Polygon: one undated feature, its bad bbox a warning', () => {
    const r = importTextSync(fixture('bare-polygon.geojson'), 'bare-polygon.geojson');
    expect([r.fatal, r.loaded, r.rejected]).toEqual([undefined, 1, 0]);
    expect(r.features[0]).toMatchObject({
      id: 'bare-polygon.geojson#0',
      geometry: { type: 'Polygon' },
      properties: { timeless: true },
    });
    const reasons = r.issues.map((i) => `${i.severity}: ${i.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'warning: The file is a bare Polygon geometry, not a Feature: it is loaded as one feature (feature 0), with no properties',
        'warning: the geometry: "bbox" holds the string "51" at position 3, expected a number; it is ignored',
      ]),
    );
    expect(r.issues.some((i) => i.severity === 'error')).toBe(false);
    expect(summary(streamed(fixture('bare-polygon.geojson'), 'bare-polygon.geojson'))).toEqual(summary(r));
  });

  it('a bare GeometryCollection is split into its parts, one feature each', () => {
    const r = importTextSync(fixture('bare-geometry-collection.geojson'), 'gc.geojson');
    expect([r.loaded, r.rejected]).toEqual([2, 0]);
    expect(r.features.map((f) => [f.properties.id, f.geometry?.type])).toEqual([
      ['gc.geojson#0#1', 'Point'],
      ['gc.geojson#0#2', 'LineString'],
    ]);
  });
});

describe('null geometries: kept, reported as not placed on the map', () => {
  const r = importTextSync(fixture('null-geometry.geojson'), 'null-geometry.geojson');

  it('loads all three, warning about the two without a place', () => {
    expect([r.loaded, r.rejected]).toEqual([3, 0]);
    expect(r.features.map((f) => [f.properties.id, f.geometry])).toEqual([
      ['placed', { type: 'Point', coordinates: [30.52, 50.45] }],
      ['unplaced', null],
      ['no-member', null],
    ]);
    expect(r.issues.map((i) => [i.index, i.severity, i.field])).toEqual([
      [1, 'warning', 'geometry'],
      [2, 'warning', 'geometry'],
    ]);
    expect(r.issues.every((i) => i.reason.includes('not placed on the map'))).toBe(true);
    expect(summary(streamed(fixture('null-geometry.geojson'), 'null-geometry.geojson'))).toEqual(summary(r));
  });

  it('the dataset keeps them (no position), in the window, and both exports carry them', () => {
    const ds = datasetWith(r);
    const item = ds.find('unplaced');
    expect(item?.feature.geometry).toBeNull();
    expect(item?.anchor.every(Number.isNaN)).toBe(true);
    const keys = ds.layers.map((l) => l.key);
    const rows = windowView(ds, { from: day('2024-03-01'), to: day('2024-03-03') }, keys).rows();
    expect(Array.from(rows, (row) => ds.columns.ids.get(row))).toEqual(['placed', 'unplaced', 'no-member']);
    const features = Array.from(rows, (row) => ds.itemAt(row).feature);
    const geo = JSON.parse(
      toGeojson(features, {
        window: { from: '2024-03-01', to: '2024-03-03' },
        mode: 'window',
        layers: keys,
        in_view: false,
      }),
    ) as { features: AtlasFeature[] };
    expect(geo.features.map((f) => f.geometry)).toEqual([{ type: 'Point', coordinates: [30.52, 50.45] }, null, null]);
    const table = parseCsv(toCsv(features).replace(/^\ufeff/, ''));
    const [header, ...body] = table.filter((row) => row.length > 1);
    const at = (name: string) => header.indexOf(name);
    expect(body.map((row) => [row[at('id')], row[at('lon')], row[at('lat')], row[at('wkt')]])).toEqual([
      ['placed', '30.52', '50.45', ''],
      ['unplaced', '', '', ''],
      ['no-member', '', '', ''],
    ]);
  });

  it('a CSV row with both coordinates empty is kept the same way; one empty coordinate is still an error', () => {
    const csv = importTextSync(
      'lat,lon,date,name\n50.45,30.52,2024-03-01,Placed\n,,2024-03-02,Nowhere\n,30.5,2024-03-03,Half\n',
      'rows.csv',
    );
    expect([csv.loaded, csv.rejected]).toEqual([2, 1]);
    expect(csv.features.map((f) => [f.properties.title, f.geometry])).toEqual([
      ['Placed', { type: 'Point', coordinates: [30.52, 50.45] }],
      ['Nowhere', null],
    ]);
    expect(csv.issues.map((i) => [i.line, i.severity, i.reason.slice(0, 40)])).toEqual([
      [3, 'warning', 'not placed on the map: both coordinates '],
      [4, 'error', 'field lat: missing (empty), so the row c'],
    ]);
  });
});
