// Malformed GeoJSON inputs as data (one bad feature among good ones where it makes sense), with the issues each must give.
import type { ImportFormat, Severity } from './types';
import { CSV_CASES } from './malformed-corpus-csv';

/** An issue a case must produce: `reason` is a fragment of the message; the other keys must match exactly. */
export interface ExpectedIssue {
  reason: string;
  severity?: Severity;
  field?: string;
  index?: number;
  line?: number;
}

export interface MalformedCase {
  name: string;
  fileName: string;
  text: string;
  format?: ImportFormat;
  /** Fragment of the whole-file message, when the file can't be read at all. */
  fatal?: string;
  expect: ExpectedIssue[];
  loaded: number;
  rejected: number;
  /** Ids of the features that must load. */
  ids?: string[];
}

type Json = Record<string, unknown>;
const pt = (lon: unknown, lat: unknown): Json => ({ type: 'Point', coordinates: [lon, lat] });
const props = (id: string, extra: Json = {}): Json => ({
  id, layer: 'strike', title: `Strike ${id}`, start: '2024-03-01', end: '2024-03-01', place: 'Kyiv', sources: [{ name: 'Test outlet' }], ...extra,
});
const feat = (id: string, geometry: unknown = pt(30.52, 50.45), extra: Json = {}): Json => ({ type: 'Feature', geometry, properties: props(id, extra) });
const fc = (...features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
const GOOD = ['good-0', 'good-2'];
/** One bad feature (index 1) between two good ones. */
const sandwich = (bad: unknown): string => fc(feat('good-0'), bad, feat('good-2'));
const badGeometry = (geometry: unknown): string => sandwich(feat('bad-1', geometry));
const badProps = (extra: Json): string => sandwich(feat('bad-1', pt(30.52, 50.45), extra));
const one = (name: string, text: string, reason: string, field?: string): MalformedCase => ({
  name, fileName: `${name}.geojson`, text, format: 'geojson', expect: [{ reason, index: 1, severity: 'error', ...(field ? { field } : {}) }], loaded: 2, rejected: 1, ids: GOOD,
});
const fatal = (name: string, fileName: string, text: string, message: string, format?: ImportFormat): MalformedCase => ({
  name, fileName, text, fatal: message, expect: [{ reason: message, severity: 'error' }], loaded: 0, rejected: 0, ...(format ? { format } : {}),
});
const ring = (...p: number[][]): number[][] => p;
/** A FeatureCollection text whose feature 1 has coordinates nested `n` deep (built as text: JSON.stringify would recurse). */
const deepCoordinates = (n: number): string =>
  `{"type":"FeatureCollection","features":[${JSON.stringify(feat('good-0'))},{"type":"Feature","geometry":{"type":"Point","coordinates":${'['.repeat(n)}30,50${']'.repeat(n)}},"properties":${JSON.stringify(props('bad-1'))}},${JSON.stringify(feat('good-2'))}]}`;
const deep = (n: number): unknown => {
  let v: unknown = [30, 50];
  for (let k = 0; k < n; k++) v = [v];
  return v;
};
const arbitrary = (...features: Json[]): string =>
  fc(...features.map((p, k) => ({ type: 'Feature', id: `f${k}`, geometry: pt(30 + k, 50), properties: p })));

const GEOJSON_CASES: MalformedCase[] = [
  one('swapped-coordinates', badGeometry(pt(50.45, 130.52)), 'coordinates look swapped: [lat, lon]?', 'geometry'),
  one('longitude-out-of-range', badGeometry(pt(200, 10)), 'Point coordinates: longitude 200 is out of range -180..180', 'geometry'),
  one('latitude-out-of-range', badGeometry(pt(100, 95)), 'Point coordinates: latitude 95 is out of range -90..90', 'geometry'),
  one('projected-coordinates', badGeometry(pt(3380000, 6500000)), 'look projected (e.g. metres), not longitude/latitude degrees', 'geometry'),
  one('unclosed-ring', badGeometry({ type: 'Polygon', coordinates: [ring([30, 50], [31, 50], [31, 51], [30, 51])] }), 'ring 0 is not closed: the first position [30, 50] differs from the last [30, 51]', 'geometry'),
  one('ring-with-3-positions', badGeometry({ type: 'Polygon', coordinates: [ring([30, 50], [31, 50], [30, 50])] }), 'ring 0: a linear ring needs at least 4 positions (the first repeated at the end), got 3', 'geometry'),
  one('multipolygon-bad-hole', badGeometry({ type: 'MultiPolygon', coordinates: [[ring([30, 50], [31, 50], [31, 51], [30, 50]), ring([30.2, 50.2], [30.4, 50.2], [30.3, 50.3])]] }), 'polygon 0, ring 1: a linear ring needs at least 4 positions', 'geometry'),
  one('empty-point', badGeometry({ type: 'Point', coordinates: [] }), "empty geometry: the Point has no coordinates, so it can't be placed on the map", 'geometry'),
  one('empty-polygon', badGeometry({ type: 'Polygon', coordinates: [] }), 'empty geometry: the Polygon has no coordinates', 'geometry'),
  {
    // Kept (in the data, the list and exports), not placed on the map: a warning, not an error.
    name: 'null-geometry', fileName: 'null-geometry.geojson', format: 'geojson', text: badGeometry(null),
    expect: [{ reason: 'geometry is null: the feature is not placed on the map; it is kept in the data, the list and exports', index: 1, severity: 'warning', field: 'geometry' }],
    loaded: 3, rejected: 0, ids: ['good-0', 'bad-1', 'good-2'],
  },
  {
    name: 'missing-geometry', fileName: 'missing-geometry.geojson', format: 'geojson', text: sandwich({ type: 'Feature', properties: props('bad-1') }),
    expect: [{ reason: 'the feature has no "geometry" member (RFC 7946 asks for one, null when the feature has no place): taken as null, so it is not placed on the map', index: 1, severity: 'warning', field: 'geometry' }],
    loaded: 3, rejected: 0, ids: ['good-0', 'bad-1', 'good-2'],
  },
  one('geometry-without-coordinates', badGeometry({ type: 'Point' }), 'Point geometry has no coordinates', 'geometry'),
  one('point-wrongly-nested', badGeometry({ type: 'Point', coordinates: [[30, 50]] }), 'Point coordinates are wrongly nested: expected [longitude, latitude], got an array of arrays', 'geometry'),
  one('linestring-flat', badGeometry({ type: 'LineString', coordinates: [30, 50] }), 'LineString coordinates: wrongly nested: expected an array of positions, got a single position', 'geometry'),
  one('linestring-one-position', badGeometry({ type: 'LineString', coordinates: [[30, 50]] }), 'a line needs at least 2 positions, got 1', 'geometry'),
  one('multipoint-over-nested', badGeometry({ type: 'MultiPoint', coordinates: [[[30, 50]]] }), 'position 0: wrongly nested: expected a position [longitude, latitude], got an array of arrays', 'geometry'),
  one('string-coordinate', badGeometry(pt('30.52', 50.45)), 'Point coordinates: coordinate 0 is the string "30.52", expected a number', 'geometry'),
  one('null-coordinate', badGeometry(pt(30.52, null)), 'coordinate 1 is null, expected a number', 'geometry'),
  one('position-with-one-number', badGeometry({ type: 'Point', coordinates: [30] }), 'a position needs 2 numbers [longitude, latitude], got 1', 'geometry'),
  one('100k-deep-coordinates', deepCoordinates(100_000), 'Point coordinates are wrongly nested', 'geometry'),
  one('unknown-geometry-type', badGeometry({ type: 'Circle', coordinates: [30, 50] }), 'unknown geometry type "Circle" (expected Point, LineString, Polygon', 'geometry'),
  one('lowercase-geometry-type', badGeometry({ type: 'point', coordinates: [30, 50] }), 'unknown geometry type "point" — did you mean "Point"?', 'geometry'),
  {
    // Split into its parts, one feature each; a collection inside it is not split again.
    name: 'geometry-collection', fileName: 'geometry-collection.geojson', format: 'geojson',
    text: badGeometry({ type: 'GeometryCollection', geometries: [pt(30, 50), { type: 'GeometryCollection', geometries: [pt(31, 51)] }, pt(32, 52)] }),
    expect: [
      { reason: "the GeometryCollection's 3 geometries are loaded as 3 features, one each (ids ending #1 … #3)", index: 1, severity: 'warning', field: 'geometry' },
      { reason: 'a GeometryCollection inside a GeometryCollection is not supported: put each geometry in a feature of its own', index: 1, severity: 'error', field: 'geometry' },
    ],
    loaded: 4, rejected: 1, ids: ['good-0', 'bad-1#1', 'bad-1#3', 'good-2'],
  },
  one('feature-without-type', sandwich({ geometry: pt(30, 50), properties: props('bad-1') }), 'the feature has no "type": expected "Feature"', 'type'),
  one('bare-geometry-in-features', sandwich(pt(30, 50)), 'expected a Feature, got a bare Point geometry', 'type'),
  one('feature-is-a-string', sandwich('Feature'), 'expected a Feature object, got the string "Feature"'),
  one('numeric-string-in-killed', badProps({ killed: '12' }), 'field killed: expected a number, got the string "12"', 'killed'),
  one('negative-injured', badProps({ injured: -3 }), 'field injured: expected a number of 0 or more, got -3', 'injured'),
  one('impossible-date', badProps({ start: '2024-02-30', end: '2024-03-01' }), 'field start: "2024-02-30" is not a valid date (expected YYYY-MM-DD)', 'start'),
  one('word-for-date', badProps({ start: 'yesterday' }), 'field start: "yesterday" is not a valid date', 'start'),
  one('number-for-date', badProps({ end: 20240301 }), 'field end: expected a date "YYYY-MM-DD", got the number 20240301', 'end'),
  one('start-after-end', badProps({ start: '2024-03-05', end: '2024-03-01' }), 'start 2024-03-05 is after end 2024-03-01', 'end'),
  one('strike-still-active', badProps({ end: null }), 'field end: null (still active) is only allowed for facilities and deployments', 'end'),
  one('unknown-layer', badProps({ layer: 'strikes' }), 'field layer: expected strike, facility or deployment, got the string "strikes"', 'layer'),
  one('unknown-weapon', badProps({ weapon: 'artillery' }), 'field weapon: expected one of missile, drone, mixed, cyber, unknown, got the string "artillery"', 'weapon'),
  one('missing-title', sandwich({ type: 'Feature', geometry: pt(30, 50), properties: { ...props('bad-1'), title: undefined } }), 'field title: missing', 'title'),
  one('missing-sources', sandwich({ type: 'Feature', geometry: pt(30, 50), properties: { ...props('bad-1'), sources: undefined } }), 'field sources: missing', 'sources'),
  one('sources-not-array', badProps({ sources: 'Reuters' }), 'field sources: expected an array of citations { name, url, quote }, got the string "Reuters"', 'sources'),
  one('source-without-name', badProps({ sources: [{ quote: 'words' }] }), 'field sources[0]: needs a name, url or seed', 'sources[0]'),
  one('id-not-a-string', badProps({ id: 7 }), 'field id: expected a non-empty string, got the number 7', 'id'),
  one('properties-an-array', sandwich({ type: 'Feature', geometry: pt(30, 50), properties: [1, 2] }), 'properties must be an object or null, got an array', 'properties'),
  one('properties-too-deep', badProps({ extra: deep(70) }), 'properties are nested more than 64 levels deep', 'properties'),
  {
    name: 'duplicate-ids', fileName: 'duplicate-ids.geojson', text: fc(feat('dup'), feat('other'), feat('dup')), format: 'geojson',
    expect: [{ reason: 'duplicate id "dup": feature 0 and feature 2 both use it; the second (feature 2) is rejected', index: 2, field: 'id', severity: 'error' }],
    loaded: 2, rejected: 1, ids: ['dup', 'other'],
  },
  {
    name: 'several-bad-features', fileName: 'several.geojson', text: fc(feat('a', null), feat('b'), feat('c', pt(30, 50), { killed: 'many' })), format: 'geojson',
    expect: [{ reason: 'geometry is null', index: 0, severity: 'warning' }, { reason: 'field killed: expected a number, got the string "many"', index: 2 }],
    loaded: 2, rejected: 1, ids: ['a', 'b'],
  },
  { name: 'bom-geojson', fileName: 'bom.geojson', text: `\ufeff${fc(feat('a'), feat('b'))}`, format: 'geojson', expect: [], loaded: 2, rejected: 0, ids: ['a', 'b'] },
  {
    name: 'crs-member', fileName: 'crs.geojson', text: JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:3857' } }, features: [feat('a')] }),
    format: 'geojson', expect: [{ reason: 'the "crs" member is not part of RFC 7946', severity: 'warning', field: 'crs' }], loaded: 1, rejected: 0,
  },
  {
    name: 'empty-feature-collection', fileName: 'empty-fc.geojson', text: fc(), format: 'geojson',
    expect: [{ reason: 'The FeatureCollection has no features.', severity: 'warning' }], loaded: 0, rejected: 0,
  },
  {
    name: 'arbitrary-string-for-number', fileName: 'arbitrary-killed.geojson', format: 'geojson',
    text: arbitrary({ date: '2024-03-01', name: 'A', killed: 2 }, { date: '2024-03-02', name: 'B', killed: '12' }, { date: '2024-03-03', name: 'C', killed: 0 }),
    expect: [{ reason: 'field killed: expected a number, got the string "12"', index: 1, field: 'killed' }], loaded: 2, rejected: 1, ids: ['f0', 'f2'],
  },
  {
    name: 'arbitrary-bad-date', fileName: 'arbitrary-date.geojson', format: 'geojson',
    text: arbitrary({ date: '2024-03-01', name: 'A' }, { date: 'yesterday', name: 'B' }, { date: '2024-03-03', name: 'C' }),
    expect: [{ reason: 'field date (start): the string "yesterday" is not a date', index: 1, field: 'date' }], loaded: 2, rejected: 1, ids: ['f0', 'f2'],
  },
  {
    name: 'arbitrary-without-dates', fileName: 'no-dates.geojson', format: 'geojson',
    text: arbitrary({ name: 'A', kind: 'x' }, { name: 'B', kind: 'y' }),
    expect: [{ reason: 'No date field found: none of the properties ("name", "kind") holds dates, so the 2 features are loaded undated, in a layer shown at every time of the slider', field: 'start', severity: 'warning' }],
    loaded: 2, rejected: 0, ids: ['f0', 'f1'],
  },
  fatal('truncated-json', 'truncated.geojson', '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature", "geometry": {"type": "Point"', 'Truncated JSON: the file ends before the closing } (line 3, column 51)', 'geojson'),
  fatal('truncated-inside-string', 'truncated2.geojson', '{"type": "FeatureColl', 'Truncated JSON: the file ends inside a string (line 1, column 22)', 'geojson'),
  fatal('nan-in-json', 'nan.geojson', '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": {"type": "Point", "coordinates": [NaN, 50]}}]}', 'Invalid JSON at line 2, column 67: NaN is not valid JSON (use null or a number)', 'geojson'),
  fatal('infinity-in-json', 'inf.geojson', '{"killed": Infinity}', 'Invalid JSON at line 1, column 12: Infinity is not valid JSON', 'geojson'),
  fatal('trailing-comma', 'trailing.geojson', '{"type": "FeatureCollection", "features": [1, 2,]}', 'Invalid JSON at line 1, column 49: a trailing comma or missing value before ]', 'geojson'),
  fatal('single-quotes', 'single.geojson', "{'type': 'FeatureCollection'}", 'Invalid JSON at line 1, column 2: expected a property name in double quotes', 'geojson'),
  fatal('newline-delimited', 'seq.geojson', `${JSON.stringify(feat('a'))}\n${JSON.stringify(feat('b'))}\n`, 'more data after the end of the JSON value (newline-delimited GeoJSON', 'geojson'),
  fatal('html-page', 'data.geojson', '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please log in</body></html>', 'This is an HTML page (perhaps a login or error page saved instead of the data), not GeoJSON or CSV.', 'unknown'),
  fatal('kml', 'places.kml', '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"></kml>', 'This is KML, not GeoJSON or CSV', 'unknown'),
  fatal('empty-file', 'empty.geojson', '', 'The file is empty.', 'unknown'),
  fatal('whitespace-only', 'blank.csv', '  \n\t\r\n  ', 'The file contains only whitespace.', 'unknown'),
  fatal('pdf', 'report.geojson', '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'This is a PDF document, not GeoJSON or CSV.', 'unknown'),
  fatal('zip', 'shapes.zip', 'PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'This is a ZIP archive', 'unknown'),
  fatal('binary', 'image.png', '\ufffdPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'This is a binary file, not GeoJSON or CSV text.', 'unknown'),
  fatal('json-array', 'array.geojson', JSON.stringify([feat('a')]), 'The JSON is an array, not a GeoJSON object', 'geojson'),
  fatal('json-number', 'number.json', '42', 'The JSON is the number 42, not a GeoJSON object', 'geojson'),
  fatal('json-null', 'null.json', 'null', 'The JSON is null, not a GeoJSON object', 'geojson'),
  fatal('100k-deep-array', 'deep.geojson', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'The JSON is an array, not a GeoJSON object', 'geojson'),
  fatal('object-without-type', 'notype.geojson', '{"features": []}', 'The JSON object has no "type"', 'geojson'),
  fatal('collection-without-features', 'nofeatures.geojson', '{"type": "FeatureCollection"}', 'The FeatureCollection has no "features" member', 'geojson'),
  fatal('features-not-an-array', 'features-object.geojson', '{"type": "FeatureCollection", "features": {"a": 1}}', 'The FeatureCollection\'s "features" must be an array, got an object', 'geojson'),
  {
    // A file that is just a geometry: one feature, undated (it has no properties).
    name: 'bare-geometry', fileName: 'bare.geojson', format: 'geojson', text: JSON.stringify(pt(30, 50)),
    expect: [
      { reason: 'The file is a bare Point geometry, not a Feature: it is loaded as one feature (feature 0), with no properties', severity: 'warning', field: 'type' },
      { reason: 'No date field found: the features have no properties, so the 1 feature is loaded undated', severity: 'warning', field: 'start' },
    ],
    loaded: 1, rejected: 0, ids: ['bare.geojson#0'],
  },
  fatal('topojson', 'world.topojson.json', '{"type": "Topology", "objects": {}, "arcs": []}', 'This is TopoJSON, not GeoJSON', 'geojson'),
  fatal('unknown-top-type', 'odd.geojson', '{"type": "FeatureCollectoin", "features": []}', 'Unknown GeoJSON type "FeatureCollectoin"', 'geojson'),
];

/** All malformed cases: GeoJSON and CSV. */
export const MALFORMED_CASES: readonly MalformedCase[] = [...GEOJSON_CASES, ...CSV_CASES];
