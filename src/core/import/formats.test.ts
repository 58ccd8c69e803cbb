// The fixture exports (ACLED, UCDP GED, GeoJSON in our schema and with arbitrary properties, generic CSV) load as expected.
import { describe, expect, it } from 'vitest';
import acledText from '../../../tests/fixtures/import/acled-sample.csv?raw';
import arbitraryText from '../../../tests/fixtures/import/arbitrary-props.geojson?raw';
import schemaText from '../../../tests/fixtures/import/atlas-schema.geojson?raw';
import genericText from '../../../tests/fixtures/import/generic-points.csv?raw';
import ucdpText from '../../../tests/fixtures/import/ucdp-ged-sample.csv?raw';
import { importTextSync, type ImportResult, type ImportedFeature } from './import';

const byId = (r: ImportResult, id: string): ImportedFeature => {
  const f = r.features.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
};

describe('ACLED export', () => {
  const r = importTextSync(acledText, 'acled-sample.csv');
  it('loads every row, with no problems', () => {
    expect(r.format).toBe('acled');
    expect([r.loaded, r.rejected, r.issues]).toEqual([10, 0, []]);
  });
  it('maps an air/drone strike: id, dates, place, precision, weapon, source', () => {
    const p = byId(r, 'UKR100001').properties;
    expect(p).toMatchObject({
      layer: 'strike',
      category: 'Air/drone strike',
      title: 'Air/drone strike in Kharkiv',
      start: '2024-11-25',
      end: '2024-11-25',
      date_precision: 'day',
      place: 'Kharkiv, Ukraine',
      place_precision_km: 2,
      killed: 0,
      weapon: 'drone',
      actor: 'Military Forces of Russia (2000-)',
    });
    expect(p.sources).toEqual([
      { name: 'Ukrainska Pravda; Suspilne', quote: expect.stringContaining('Shahed drones') },
    ]);
    expect(byId(r, 'UKR100001').geometry).toEqual({ type: 'Point', coordinates: [36.2304, 49.9935] });
  });
  it('reads "DD Month YYYY" dates and time_precision 2 as ± 3 days', () => {
    expect(byId(r, 'UKR100002').properties).toMatchObject({
      start: '2024-11-22',
      end: '2024-11-28',
      date_precision: 'range',
      place_precision_km: 25,
      killed: 2,
      weapon: 'missile',
    });
  });
  it('reads time_precision 3 as the month', () => {
    expect(byId(r, 'UKR100004').properties).toMatchObject({
      start: '2024-11-01',
      end: '2024-11-30',
      date_precision: 'range',
      weapon: 'unknown',
    });
  });
  it('keeps notes with commas, quotes and a newline verbatim; drones and missiles make "mixed"', () => {
    const p = byId(r, 'UKR100003').properties;
    expect(p.summary).toBe(
      'On 28 November 2024, Russian forces launched a combined attack with missiles and drones on energy infrastructure, including a "Kinzhal" missile.\nPower was cut in parts of the city, the regional governor said.',
    );
    expect(p.weapon).toBe('mixed');
  });
  it('gives other event types their own categories, without a weapon', () => {
    expect(byId(r, 'UKR100006').properties).toMatchObject({ category: 'Battles', layer: 'strike' });
    expect(byId(r, 'UKR100006').properties.weapon).toBeUndefined();
    expect(r.layers.map((l) => l.label)).toEqual([
      'Air/drone strike',
      'Shelling/artillery/missile attack',
      'Remote explosive/landmine/IED',
      'Battles',
      'Protests',
      'Riots',
      'Strategic developments',
      'Violence against civilians',
    ]);
    expect(byId(r, 'UKR100009').properties.killed).toBeUndefined();
  });
  it('keeps the whole row under original', () => {
    expect(byId(r, 'UKR100007').properties.original).toMatchObject({
      tags: 'crowd size=around 200',
      iso: '804',
      timestamp: '1732800000',
    });
  });
});

describe('UCDP GED export', () => {
  const r = importTextSync(ucdpText, 'ucdp-ged-sample.csv');
  it('loads every row, with no problems', () => {
    expect(r.format).toBe('ucdp');
    expect([r.loaded, r.rejected, r.issues]).toEqual([8, 0, []]);
  });
  it('maps dates with times, precision, deaths and sources', () => {
    const p = byId(r, '488001').properties;
    expect(p).toMatchObject({
      category: 'State-based',
      start: '2023-03-09',
      end: '2023-03-09',
      date_precision: 'day',
      place_precision_km: 1,
      killed: 5,
      actor: 'Government of Russia (Soviet Union)',
    });
    expect(p.sources).toEqual([
      { name: 'Reuters', quote: 'Reuters,2023-03-09,"Russia fires missiles at Ukraine, killing six"' },
    ]);
    expect(p.original.deaths_civilians).toBe('5');
    expect(p.summary).toContain('civilian deaths 5');
  });
  it('maps date_prec and where_prec', () => {
    expect(byId(r, '488002').properties).toMatchObject({
      date_precision: 'range',
      place_precision_km: 25,
      date_note: expect.stringContaining('date_prec 2'),
    });
    expect(byId(r, '488003').properties.place_precision_km).toBe(100);
    expect(byId(r, '488004').properties.place_precision_km).toBe(250);
    expect(byId(r, '488005').properties).toMatchObject({
      category: 'Non-state',
      place_precision_km: 250,
      date_precision: 'day',
    });
    expect(byId(r, '488006').properties).toMatchObject({
      category: 'One-sided',
      place_precision_km: 500,
      start: '2023-06-01',
      end: '2023-07-20',
      killed: 40,
    });
    expect(byId(r, '488008').properties.place_precision_km).toBe(500);
  });
});

describe('GeoJSON in our schema', () => {
  const r = importTextSync(schemaText, 'atlas-schema.geojson');
  it('loads every feature, all geometry types', () => {
    expect([r.format, r.mode, r.loaded, r.rejected]).toEqual(['geojson', 'schema', 5, 0]);
    expect(r.features.map((f) => f.geometry?.type)).toEqual([
      'Point',
      'Polygon',
      'MultiPolygon',
      'LineString',
      'MultiPoint',
    ]);
    expect(r.issues).toEqual([
      expect.objectContaining({ index: 1, severity: 'warning', field: 'id' }),
      expect.objectContaining({
        index: 4,
        severity: 'warning',
        field: 'analyst_note',
        reason: 'property not in our schema, kept under original only: "analyst_note"',
      }),
    ]);
  });
  it('keeps our properties as given and extra ones under original', () => {
    expect(byId(r, 'strike-kharkiv-2024-11-25').properties).toMatchObject({
      injured: 23,
      drones_launched: 12,
      figure_qualifiers: { injured: 'at least' },
      weapon: 'drone',
    });
    expect(byId(r, 'facility-example-plant').properties).toMatchObject({
      end: null,
      layer: 'facility',
      produces: 'drones',
    });
    expect(byId(r, 'deployment-example').properties).toMatchObject({
      summary: '',
      date_precision: 'range',
      troops: 3000,
      area_places: ['Village A', 'Village B'],
    });
    expect(byId(r, 'strike-kyiv-2024-12-05').properties.original.analyst_note).toBe(
      'an extra property, kept in original',
    );
  });
  it('has one layer per file, layer kind and category', () => {
    expect(r.layers.map((l) => [l.label, l.layer, l.count])).toEqual([
      ['Strikes', 'strike', 2],
      ['Drone factory', 'facility', 1],
      ['Deployments', 'deployment', 1],
      ['Combined attack', 'strike', 1],
    ]);
  });
});

describe('GeoJSON with arbitrary properties', () => {
  const r = importTextSync(arbitraryText, 'arbitrary-props.geojson');
  it('guesses the mapping and loads every feature', () => {
    expect([r.mode, r.loaded, r.rejected, r.issues]).toEqual(['mapping', 5, 0, []]);
    expect(r.mapping?.fields).toMatchObject({
      start: 'date',
      title: 'name',
      category: 'type',
      killed: 'deaths',
      injured: 'wounded',
      source_url: 'link',
      summary: 'notes',
    });
    expect(r.fields).toEqual(expect.arrayContaining(['name', 'date', 'type', 'deaths', 'nested']));
  });
  it('maps fields, reads month-only and timestamped dates, keeps the original properties', () => {
    expect(byId(r, 'a1').properties).toMatchObject({
      title: 'Strike on Cherkasy',
      start: '2024-10-03',
      category: 'drone attack',
      killed: 0,
      injured: 4,
      sources: [{ url: 'https://example.org/a1' }],
    });
    expect(byId(r, 'a2').properties.start).toBe('2024-10-05');
    expect(byId(r, 'a3').properties).toMatchObject({
      start: '2024-10-01',
      end: '2024-10-31',
      date_precision: 'range',
      date_note: 'only the month is given',
    });
    expect(byId(r, 'a4').properties.original).toEqual({
      name: 'Zaporizhzhia',
      date: '12 October 2024',
      type: 'drone attack',
      deaths: 1,
      link: 'https://example.org/a4',
      nested: { reporter: 'local', tags: ['energy', 'night'] },
    });
    expect(byId(r, 'arbitrary-props.geojson#4').geometry?.type).toBe('Polygon');
  });
  it('uses a corrected mapping when given', () => {
    const fixed = importTextSync(arbitraryText, 'arbitrary-props.geojson', {
      mapping: { fields: { start: 'date', title: 'type', id: 'name' }, defaultLayer: 'deployment' },
    });
    expect(fixed.loaded).toBe(5);
    expect(byId(fixed, 'Strike on Cherkasy').properties).toMatchObject({ title: 'drone attack', layer: 'deployment' });
    expect(byId(fixed, 'Strike on Cherkasy').properties.killed).toBeUndefined();
  });
});

describe('CSV with latitude/longitude columns', () => {
  it('loads through a guessed mapping (CRLF, quoted commas)', () => {
    const r = importTextSync(genericText, 'generic-points.csv');
    expect([r.format, r.loaded, r.rejected, r.issues]).toEqual(['csv', 3, 0, []]);
    expect(r.features[0]?.properties).toMatchObject({
      place: 'Izium, market',
      start: '2024-09-01',
      category: 'shelling',
      killed: 1,
    });
    expect(r.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [37.2569, 49.2128] });
  });
});
