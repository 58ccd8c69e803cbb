// The text and CSV reports: counts, layers, mapping, every issue; CSV quoting and formula guarding.
import { describe, expect, it } from 'vitest';
import { formatReport, formatTotal, importTextSync, reportToCsv } from './import';

const text = 'lat,lon,date,name,killed\n50.45,30.52,2024-01-01,A,1\n50.45,30.52,2024-01-02,"=B, ""two""",x\n';

describe('reports', () => {
  const r = importTextSync(text, 'points.csv');
  it('formatReport gives counts, layers, mapping and every issue', () => {
    expect(formatReport(r)).toBe(
      [
        'File: points.csv',
        'Format: CSV with latitude/longitude columns',
        'Loaded 1 feature, rejected 1.',
        'Layers:',
        '  Strikes (strike): 1',
        'Field mapping: latitude <- "lat", longitude <- "lon", start <- "date", title <- "name", killed <- "killed"; other features\' layer: strike',
        'Problems (1 error, 0 warnings):',
        '  line 3: error: field killed: expected a number, got "x"',
        '',
      ].join('\n'),
    );
  });
  it('formatReport names a file that could not be read', () => {
    expect(formatReport(importTextSync('', 'e.csv'))).toContain(
      'Not loaded: The file is empty.\nLoaded 0 features, rejected 0.\nProblems (1 error, 0 warnings):\n  file: error: The file is empty.',
    );
  });
  it('formatTotal sums files', () => {
    expect(formatTotal([r, importTextSync('', 'e.csv')])).toBe(
      'Total: 2 files, 1 loaded, 1 rejected, 1 file not readable.\n',
    );
  });
  it('reportToCsv quotes per RFC 4180 and guards formulas', () => {
    const bad = importTextSync(
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"id":"=1+1","layer":"strike","title":"T","start":"2024-01-01","end":"2024-01-01","sources":[{"name":"S"}]}}]}',
      'f.geojson',
    );
    expect(reportToCsv([r, bad]).split('\r\n')).toEqual([
      'file,index,line,feature_id,field,severity,reason',
      'points.csv,,3,,killed,error,"field killed: expected a number, got ""x"""',
      'f.geojson,0,,\'=1+1,geometry,warning,"geometry is null: the feature is not placed on the map; it is kept in the data, the list and exports, with no position"',
      '',
    ]);
  });
});
