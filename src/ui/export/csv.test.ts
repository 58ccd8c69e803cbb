// Tests for the CSV export: quoting, formula guard, geometry columns, every property kept, round trip.
import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { BOM, csvColumns, flattenSources, formatValue, guardFormula, parseCsv, quoteField, toCsv } from './csv';
import { SAMPLE, feature } from '../../../tests/support/features';

type AnyFeature = Feature<Geometry, Record<string, unknown>>;
const asAny = (f: unknown): AnyFeature => f as AnyFeature;

describe('quoteField', () => {
  it('leaves plain text alone', () => {
    expect(quoteField('Kharkiv')).toBe('Kharkiv');
  });
  it('quotes commas, quotes and newlines, doubling quotes', () => {
    expect(quoteField('a, b')).toBe('"a, b"');
    expect(quoteField('he said "no"')).toBe('"he said ""no"""');
    expect(quoteField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(quoteField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(quoteField(' padded ')).toBe('" padded "');
  });
});

describe('guardFormula', () => {
  it('prefixes cells a spreadsheet would run', () => {
    for (const s of ['=1+1', '+CMD', '-2+3', '@SUM(A1)', '\t=x', '\r=x']) expect(guardFormula(s)).toBe(`'${s}`);
  });
  it('leaves other text and numbers alone', () => {
    expect(guardFormula('Kharkiv =')).toBe('Kharkiv =');
    expect(formatValue(-3.5)).toBe('-3.5');
    expect(formatValue('-3.5')).toBe("'-3.5");
  });
});

describe('formatValue and flattenSources', () => {
  it('formats lists, objects, booleans, nulls', () => {
    expect(formatValue(['Kursk', 'Sudzha'])).toBe('Kursk; Sudzha');
    expect(formatValue({ injured: 'at least' })).toBe('{"injured":"at least"}');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(null)).toBe('');
    expect(formatValue(Number.NaN)).toBe('');
  });
  it('flattens sources into one cell', () => {
    expect(
      flattenSources([
        { seed: '000.txt', quote: 'at least 23 people' },
        { name: 'Outlet', url: 'https://example.org/a', quote: 'x' },
        { url: 'https://example.org/b' },
      ]),
    ).toBe('000.txt: "at least 23 people" | Outlet (https://example.org/a): "x" | https://example.org/b');
  });
});

describe('toCsv', () => {
  it('has a header and one row per feature; points as lon/lat, others as WKT', () => {
    const rows = parseCsv(toCsv(SAMPLE.map(asAny)));
    const [header, ...body] = rows;
    expect(body).toHaveLength(SAMPLE.length);
    const col = (name: string): number => header.indexOf(name);
    const strike = body.find((r) => r[col('id')] === 'strike-b') as string[];
    expect(strike[col('lon')]).toBe('36.23');
    expect(strike[col('lat')]).toBe('49.99');
    expect(strike[col('wkt')]).toBe('');
    const area = body.find((r) => r[col('id')] === 'deployment-y') as string[];
    expect(area[col('lon')]).toBe('');
    expect(area[col('wkt')]).toMatch(/^POLYGON \(\(/);
    expect(area[col('end')]).toBe('');
    expect(strike[col('start')]).toBe('2024-11-25');
  });
  it('keeps every property as a column, sources last', () => {
    const f = feature('strike-z', 'strike', '2024-01-01', '2024-01-02', {
      injured: 3,
      figure_qualifiers: { injured: 'about' },
      actor: 'Russia',
    });
    const extra = asAny({ ...f, properties: { ...f.properties, custom_field: 'x', lon: 'named lon' } });
    const cols = csvColumns([extra]);
    expect(cols.slice(0, 3)).toEqual(['id', 'layer', 'title']);
    expect(cols).toEqual(
      expect.arrayContaining(['weapon', 'injured', 'figure_qualifiers', 'actor', 'custom_field', 'properties.lon']),
    );
    expect(cols[cols.length - 1]).toBe('sources');
    for (const key of Object.keys(extra.properties)) {
      expect(cols.includes(key) || cols.includes(`properties.${key}`), key).toBe(true);
    }
    const rows = parseCsv(toCsv([extra]));
    expect(rows[1][cols.indexOf('properties.lon')]).toBe('named lon');
    expect(rows[1][cols.indexOf('lon')]).toBe('30');
  });
  it('escapes embedded quotes, commas and newlines and round-trips them', () => {
    const nasty = 'He said "hello, world"\nthen left, quietly';
    const f = asAny(
      feature('strike-q', 'strike', '2024-01-01', '2024-01-01', { title: nasty, summary: '=HYPERLINK("x")' }),
    );
    const text = toCsv([f]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('"He said ""hello, world""\nthen left, quietly"');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1][rows[0].indexOf('title')]).toBe(nasty);
    expect(rows[1][rows[0].indexOf('summary')]).toBe(`'=HYPERLINK("x")`);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });
  it("gives an imported row's original record a column per member, where it first appears", () => {
    const a = feature('strike-a', 'strike', '2024-01-01', '2024-01-01', {});
    const b = feature('strike-b', 'strike', '2024-01-02', '2024-01-02', {});
    const rows = [
      asAny({
        ...a,
        properties: { ...a.properties, original: { event_id_cnty: 'UKR1', notes: 'a, "b"', n: 3 }, z: 1 },
      }),
      // Another file's record (other members), a text where a record was, a property named like a made column.
      asAny({ ...b, properties: { ...b.properties, original: { event_id_cnty: 'UKR2', admin1: 'Kharkiv' } } }),
      asAny({
        ...b,
        properties: { ...b.properties, id: 'strike-c', original: 'plain text', 'original.notes': 'mine' },
      }),
      asAny({ ...b, properties: { ...b.properties, id: 'strike-d' } }),
    ];
    const cols = csvColumns(rows);
    const at = cols.indexOf('original.event_id_cnty');
    expect(cols.slice(at, at + 3)).toEqual(['original.event_id_cnty', 'original.notes', 'original.n']);
    expect(cols).toEqual(expect.arrayContaining(['original.admin1', 'original', 'properties.original.notes', 'z']));
    expect(cols.indexOf('z')).toBeGreaterThan(at);
    const table = parseCsv(toCsv(rows));
    const cell = (row: number, col: string): string => table[row][table[0].indexOf(col)];
    expect(table.every((r) => r.length === cols.length)).toBe(true);
    expect([cell(1, 'original.event_id_cnty'), cell(1, 'original.notes'), cell(1, 'original.n')]).toEqual([
      'UKR1',
      'a, "b"',
      '3',
    ]);
    expect([cell(1, 'original'), cell(1, 'original.admin1')]).toEqual(['', '']);
    expect([cell(2, 'original.event_id_cnty'), cell(2, 'original.admin1'), cell(2, 'original.notes')]).toEqual([
      'UKR2',
      'Kharkiv',
      '',
    ]);
    expect([cell(3, 'original'), cell(3, 'original.event_id_cnty'), cell(3, 'properties.original.notes')]).toEqual([
      'plain text',
      '',
      'mine',
    ]);
    expect(cell(4, 'original.event_id_cnty')).toBe('');
  });
  it('an empty export is a header alone', () => {
    expect(parseCsv(toCsv([]))).toHaveLength(1);
  });
});
