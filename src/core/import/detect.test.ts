// Format detection: GeoJSON, ACLED, UCDP, generic CSV, and files that are no dataset at all.
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';

describe('detectFormat', () => {
  it.each([
    ['{"type": "FeatureCollection"}', 'x.txt', 'geojson'],
    ['  \n [1]', 'x', 'geojson'],
    ['not json at all', 'data.geojson', 'geojson'],
    ['event_id_cnty,event_date,event_type\n', 'x.csv', 'acled'],
    ['EVENT_ID_CNTY;EVENT_DATE;EVENT_TYPE\n', 'x.csv', 'acled'],
    ['"id","type_of_violence","date_start","date_end"\n', 'ged.csv', 'ucdp'],
    ['lat,lon,date\n', 'points.csv', 'csv'],
  ])('%j (%s) is %s', (text, name, format) => {
    expect(detectFormat(text, name).format).toBe(format);
  });
  it.each([
    ['', 'The file is empty.'],
    [' \n\t ', 'The file contains only whitespace.'],
    ['\ufeff', 'The file contains only whitespace.'],
    ['<html><body>x</body></html>', 'This is an HTML page'],
    ['<?xml version="1.0"?><gpx></gpx>', 'This is GPX'],
    ['<?xml version="1.0"?><data/>', 'This is XML or HTML'],
    ['SQLite format 3\u0000', 'This is an SQLite database'],
    ['\u0000\u0001\u0002', 'This is a binary file'],
  ])('%j is not a dataset', (text, message) => {
    const d = detectFormat(text, 'f');
    expect(d.format).toBe('unknown');
    expect(d.format === 'unknown' && d.message).toContain(message);
  });
});
