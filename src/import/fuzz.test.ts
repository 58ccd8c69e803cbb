// Property tests (fast-check): the import never throws, counts add up, CSV round-trips, truncations give clear messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import schemaText from '../../tests/fixtures/import/atlas-schema.geojson?raw';
import acledText from '../../tests/fixtures/import/acled-sample.csv?raw';
import { parseCsv } from './csv';
import { importTextSync, type ImportResult } from './import';

function consistent(r: ImportResult): void {
  expect(r.features.length).toBe(r.loaded);
  expect(r.layers.reduce((s, l) => s + l.count, 0)).toBe(r.loaded);
  if (r.fatal) expect(r.issues.some((i) => i.reason === r.fatal)).toBe(true);
  if (r.rejected > 0) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
  expect(new Set(r.features.map((f) => f.properties.id)).size).toBe(r.loaded);
}

describe('fuzz', () => {
  it('any text imports without throwing', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('a.csv', 'a.geojson', 'a'), (text, name) => consistent(importTextSync(text, name))), { numRuns: 400 });
  });
  it('any JSON value imports without throwing', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => consistent(importTextSync(JSON.stringify(v) ?? 'null', 'v.geojson'))), { numRuns: 400 });
  });
  it('a feature collection with random features and properties imports without throwing', () => {
    const feature = fc.record({ type: fc.constantFrom('Feature', 'Point', undefined), geometry: fc.jsonValue({ maxDepth: 4 }), properties: fc.dictionary(fc.constantFrom('id', 'layer', 'start', 'end', 'title', 'killed', 'sources', 'date', 'name'), fc.jsonValue({ maxDepth: 2 })) });
    fc.assert(fc.property(fc.array(feature, { maxLength: 8 }), (features) => consistent(importTextSync(JSON.stringify({ type: 'FeatureCollection', features }), 'r.geojson'))), { numRuns: 300 });
  });
  it('every truncation of a valid file gives a clear message or loads what is there', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: schemaText.length - 1 }), (n) => {
      const r = importTextSync(schemaText.slice(0, n), 'cut.geojson');
      consistent(r);
      if (schemaText.slice(0, n).trim() !== '' && n < schemaText.trimEnd().length) expect(r.fatal).toMatch(/^(Truncated JSON: the file ends|Invalid JSON at line)/);
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.integer({ min: 1, max: acledText.length - 1 }), (n) => consistent(importTextSync(acledText.slice(0, n), 'cut.csv'))), { numRuns: 200 });
  });
  it('CSV written with RFC 4180 quoting reads back field for field, with the right start lines', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', ';', 'é'), maxLength: 8 });
    const rows = fc.array(fc.array(cellText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(rows, fc.constantFrom('\n', '\r\n'), (table, eol) => {
      const quoteCell = (c: string): string => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
      const text = table.map((r) => r.map(quoteCell).join(',')).join(eol) + eol;
      const parsed = parseCsv(text, ',');
      expect(parsed.records.map((r) => r.fields)).toEqual(table);
      let line = 1;
      table.forEach((r, k) => {
        expect(parsed.records[k]?.line).toBe(line);
        line += 1 + r.join('').split(/\r\n|\n/).length - 1;
      });
    }), { numRuns: 300 });
  });
});
