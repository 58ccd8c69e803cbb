// Malformed ACLED, UCDP and generic CSV inputs as data, each with the issues it must give (see malformed-corpus.ts).
import type { MalformedCase } from './malformed-corpus';

export const ACLED_HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
];
const ACLED_DEFAULTS: Record<string, string> = {
  event_date: '2024-11-25', year: '2024', time_precision: '1', disorder_type: 'Political violence', event_type: 'Explosions/Remote violence',
  sub_event_type: 'Air/drone strike', actor1: 'Military Forces of Russia (2000-)', iso: '804', region: 'Europe', country: 'Ukraine',
  admin1: 'Kyiv City', location: 'Kyiv', latitude: '50.4501', longitude: '30.5234', geo_precision: '1', source: 'Test outlet',
  source_scale: 'National', notes: 'On 25 November 2024, drones hit Kyiv.', fatalities: '0', timestamp: '1732800000',
};
type Row = Record<string, string>;
const field = (f: string, d: string): string => (f.includes(d) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
const line = (fields: readonly string[], d: string): string => fields.map((f) => field(f, d)).join(d);
export interface CsvShape {
  d?: string;
  eol?: string;
  bom?: boolean;
}
/** An ACLED export with the given rows (each overriding the defaults); `extra` raw lines are appended as they are. */
export function acled(rows: Row[], shape: CsvShape = {}, extra: string[] = []): string {
  const { d = ',', eol = '\n', bom = false } = shape;
  const lines = [line(ACLED_HEADER, d), ...rows.map((r) => line(ACLED_HEADER.map((h) => r[h] ?? ACLED_DEFAULTS[h] ?? ''), d)), ...extra];
  return (bom ? '\ufeff' : '') + lines.join(eol) + eol;
}
const A = (id: string, over: Row = {}): Row => ({ event_id_cnty: id, ...over });

const UCDP_HEADER = ['id', 'year', 'type_of_violence', 'conflict_name', 'dyad_name', 'side_a', 'side_b', 'source_article', 'where_prec', 'where_coordinates', 'latitude', 'longitude', 'country', 'region', 'date_prec', 'date_start', 'date_end', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'best', 'high', 'low'];
const UCDP_DEFAULTS: Row = {
  year: '2023', type_of_violence: '1', conflict_name: 'Russia - Ukraine', dyad_name: 'Government of Russia (Soviet Union) - Government of Ukraine',
  side_a: 'Government of Russia (Soviet Union)', side_b: 'Government of Ukraine', source_article: 'Reuters,2023-03-09,"Strike"', where_prec: '1',
  where_coordinates: 'Lviv town', latitude: '49.8383', longitude: '24.0232', country: 'Ukraine', region: 'Europe', date_prec: '1',
  date_start: '2023-03-09 00:00:00.000', date_end: '2023-03-09 00:00:00.000', deaths_a: '0', deaths_b: '0', deaths_civilians: '2', deaths_unknown: '0', best: '2', high: '2', low: '2',
};
const ucdp = (rows: Row[]): string => `${[line(UCDP_HEADER, ','), ...rows.map((r) => line(UCDP_HEADER.map((h) => r[h] ?? UCDP_DEFAULTS[h] ?? ''), ','))].join('\r\n')}\r\n`;

/** Good rows on lines 2 and 4, the bad one on line 3. */
const acledSandwich = (bad: Row): string => acled([A('UKR1'), A('UKR2', bad), A('UKR3')]);
const acledOne = (name: string, bad: Row, reason: string, fieldName?: string): MalformedCase => ({
  name, fileName: `${name}.csv`, text: acledSandwich(bad), format: 'acled',
  expect: [{ reason, line: 3, severity: 'error', ...(fieldName ? { field: fieldName } : {}) }], loaded: 2, rejected: 1, ids: ['UKR1', 'UKR3'],
});
const ucdpOne = (name: string, bad: Row, reason: string, fieldName?: string): MalformedCase => ({
  name, fileName: `${name}.csv`, text: ucdp([{ id: '1' }, { id: '2', ...bad }, { id: '3' }]), format: 'ucdp',
  expect: [{ reason, line: 3, severity: 'error', ...(fieldName ? { field: fieldName } : {}) }], loaded: 2, rejected: 1, ids: ['1', '3'],
});
const good = (name: string, text: string, ids: string[], format: MalformedCase['format'] = 'acled'): MalformedCase => ({
  name, fileName: `${name}.csv`, text, format, expect: [], loaded: ids.length, rejected: 0, ids,
});
const ragged = line(ACLED_HEADER.map((h) => (h === 'event_id_cnty' ? 'UKR2' : (ACLED_DEFAULTS[h] ?? ''))).slice(0, 30), ',');

export const CSV_CASES: MalformedCase[] = [
  good('acled-bom-crlf', acled([A('UKR1'), A('UKR2')], { bom: true, eol: '\r\n' }), ['UKR1', 'UKR2']),
  good('acled-semicolon', acled([A('UKR1', { notes: 'Drones, missiles; more' }), A('UKR2')], { d: ';' }), ['UKR1', 'UKR2']),
  good('acled-tab', acled([A('UKR1'), A('UKR2')], { d: '\t' }), ['UKR1', 'UKR2']),
  good('acled-quoted-newlines-and-quotes', acled([A('UKR1', { notes: 'Line one, with "quotes"\nline two\r\nline three' }), A('UKR2')]), ['UKR1', 'UKR2']),
  {
    name: 'acled-line-after-quoted-newlines', fileName: 'acled-lines.csv', format: 'acled',
    text: acled([A('UKR1', { notes: 'one\ntwo\nthree' }), A('UKR2', { latitude: 'north' }), A('UKR3')]),
    expect: [{ reason: 'field latitude: expected a number, got "north"', line: 5, field: 'latitude' }], loaded: 2, rejected: 1, ids: ['UKR1', 'UKR3'],
  },
  {
    name: 'acled-ragged-row', fileName: 'acled-ragged.csv', format: 'acled', text: acled([A('UKR1')], {}, [ragged, line(ACLED_HEADER.map((h) => (h === 'event_id_cnty' ? 'UKR3' : (ACLED_DEFAULTS[h] ?? ''))), ',')]),
    expect: [{ reason: 'row has 30 fields but the header has 31 (a missing or extra comma', line: 3 }], loaded: 2, rejected: 1, ids: ['UKR1', 'UKR3'],
  },
  {
    name: 'acled-unterminated-quote', fileName: 'acled-open-quote.csv', format: 'acled', text: acled([A('UKR1')], {}, ['UKR2,2024-11-25,2024,1,"Political violence,x', 'UKR3,2024-11-25']),
    expect: [{ reason: 'unterminated quoted field: the quote opened on line 3 is never closed', line: 3 }], loaded: 1, rejected: 1, ids: ['UKR1'],
  },
  {
    name: 'acled-text-after-closing-quote', fileName: 'acled-quote.csv', format: 'acled',
    text: acled([A('UKR1')], {}, [line(ACLED_HEADER.map((h) => (h === 'event_id_cnty' ? 'UKR2' : (ACLED_DEFAULTS[h] ?? ''))), ',').replace('Political violence', '"Political" violence')]),
    expect: [{ reason: 'malformed quoting in field 5: text after the closing quote', line: 3 }], loaded: 1, rejected: 1, ids: ['UKR1'],
  },
  acledOne('acled-bad-latitude', { latitude: 'abc' }, 'field latitude: expected a number, got "abc"', 'latitude'),
  acledOne('acled-empty-longitude', { longitude: '' }, "field longitude: missing (empty), so the row can't be placed on the map", 'longitude'),
  acledOne('acled-swapped-columns', { latitude: '130.52', longitude: '48.45' }, 'coordinates look swapped: [lat, lon]? latitude 130.52 is outside -90..90', 'latitude'),
  acledOne('acled-longitude-out-of-range', { latitude: '50', longitude: '230' }, 'longitude 230 is out of range -180..180', 'longitude'),
  acledOne('acled-impossible-date', { event_date: '2024-02-30' }, 'field event_date: "2024-02-30" is not a date (expected YYYY-MM-DD or DD Month YYYY', 'event_date'),
  acledOne('acled-word-date', { event_date: 'yesterday' }, 'field event_date: "yesterday" is not a date', 'event_date'),
  acledOne('acled-bad-fatalities', { fatalities: '12a' }, 'field fatalities: expected a number, got "12a"', 'fatalities'),
  acledOne('acled-nan-fatalities', { fatalities: 'NaN' }, 'field fatalities: expected a number, got "NaN"', 'fatalities'),
  acledOne('acled-negative-fatalities', { fatalities: '-2' }, 'field fatalities: expected a number of 0 or more, got -2', 'fatalities'),
  acledOne('acled-bad-time-precision', { time_precision: '7' }, 'field time_precision: expected 1, 2 or 3, got "7"', 'time_precision'),
  acledOne('acled-bad-geo-precision', { geo_precision: 'high' }, 'field geo_precision: expected 1, 2 or 3, got "high"', 'geo_precision'),
  {
    name: 'acled-decimal-comma', fileName: 'acled-comma.csv', format: 'acled', text: acled([A('UKR1'), A('UKR2', { latitude: '50,45' })], { d: ';' }),
    expect: [{ reason: 'field latitude: expected a number, got "50,45" (a decimal comma? use a point: 50.45)', line: 3, field: 'latitude' }], loaded: 1, rejected: 1, ids: ['UKR1'],
  },
  {
    name: 'acled-duplicate-id', fileName: 'acled-dup.csv', format: 'acled', text: acled([A('UKR1'), A('UKR2'), A('UKR1')]),
    expect: [{ reason: 'duplicate id "UKR1": line 2 and line 4 both use it; the second (line 4) is rejected', line: 4, field: 'id' }], loaded: 2, rejected: 1, ids: ['UKR1', 'UKR2'],
  },
  {
    name: 'acled-missing-latitude-column', fileName: 'acled-nolat.csv', format: 'acled',
    text: acled([A('UKR1')]).replace('latitude,', 'lat_wgs84,'),
    fatal: 'This ACLED file lacks the column latitude.', expect: [{ reason: 'This ACLED file lacks the column latitude.' }], loaded: 0, rejected: 0,
  },
  {
    name: 'acled-year-mismatch', fileName: 'acled-year.csv', format: 'acled', text: acled([A('UKR1', { year: '2023' })]),
    expect: [{ reason: 'field year: "2023" differs from the year of event_date "2024-11-25"', line: 2, severity: 'warning' }], loaded: 1, rejected: 0, ids: ['UKR1'],
  },
  {
    name: 'acled-stray-quote', fileName: 'acled-stray.csv', format: 'acled',
    text: acled([A('UKR1')], {}, [line(ACLED_HEADER.map((h) => (h === 'event_id_cnty' ? 'UKR2' : h === 'location' ? 'Kyiv 5in' : (ACLED_DEFAULTS[h] ?? ''))), ',').replace('Kyiv 5in', 'Kyiv 5"')]),
    expect: [{ reason: 'field 22 contains a quote but is not quoted (kept as it is)', line: 3, severity: 'warning' }], loaded: 2, rejected: 0, ids: ['UKR1', 'UKR2'],
  },
  ucdpOne('ucdp-start-after-end', { date_start: '2023-03-10', date_end: '2023-03-09' }, 'date_start 2023-03-10 is after date_end 2023-03-09', 'date_end'),
  ucdpOne('ucdp-bad-violence-type', { type_of_violence: '4' }, 'field type_of_violence: expected 1, 2 or 3, got "4"', 'type_of_violence'),
  ucdpOne('ucdp-bad-where-prec', { where_prec: '9' }, 'field where_prec: expected 1 to 7, got "9"', 'where_prec'),
  ucdpOne('ucdp-bad-date', { date_end: '2023-13-01 00:00:00.000' }, 'field date_end: "2023-13-01 00:00:00.000" is not a date', 'date_end'),
  ucdpOne('ucdp-bad-best', { best: 'unknown' }, 'field best: expected a number, got "unknown"', 'best'),
  {
    name: 'csv-without-coordinates', fileName: 'names.csv', format: 'csv', text: 'name,date,town\nA,2024-01-01,Kyiv\n',
    fatal: 'No latitude/longitude columns found', expect: [{ reason: 'Columns found: "name", "date", "town"' }], loaded: 0, rejected: 0,
  },
  {
    name: 'plain-text', fileName: 'notes.txt', format: 'csv', text: 'These are my notes about the strikes.\nNothing tabular here.\n',
    fatal: 'No latitude/longitude columns found: this is not GeoJSON, nor a CSV', expect: [{ reason: 'Columns found: "These are my notes about the strikes."' }], loaded: 0, rejected: 0,
  },
  {
    name: 'csv-without-dates', fileName: 'nodates.csv', format: 'csv', text: 'lat,lon,name\n50.45,30.52,A\n49.99,36.23,B\n',
    expect: [{ reason: 'No date column found: none of the columns ("lat", "lon", "name") holds dates, so the 2 features are loaded undated', field: 'start', severity: 'warning' }],
    loaded: 2, rejected: 0, ids: ['nodates.csv#0', 'nodates.csv#1'],
  },
  {
    name: 'csv-generic-bad-row', fileName: 'points.csv', format: 'csv', text: 'lat,lon,date,name,killed\n50.45,30.52,2024-01-01,A,1\n50.45,30.52,2024-01-02,B,twelve\n49.99,36.23,2024-01-03,C,0\n',
    expect: [{ reason: 'field killed: expected a number, got "twelve"', line: 3, field: 'killed' }], loaded: 2, rejected: 1, ids: ['points.csv#0', 'points.csv#2'],
  },
  {
    name: 'acled-truncated-last-row', fileName: 'acled-cut.csv', format: 'acled', text: acled([A('UKR1'), A('UKR2')]).slice(0, -15),
    expect: [{ reason: 'the file ends in this row without a line break: is it truncated?', line: 3 }], loaded: 1, rejected: 1, ids: ['UKR1'],
  },
  {
    name: 'csv-header-only', fileName: 'header.csv', format: 'acled', text: `${ACLED_HEADER.join(',')}\n`,
    expect: [{ reason: 'The file has a header but no data rows.', severity: 'warning' }], loaded: 0, rejected: 0,
  },
];
