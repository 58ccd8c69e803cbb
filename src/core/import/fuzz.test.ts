// Property tests (fast-check): the import never throws, counts add up, CSV round-trips, truncations give clear messages; validator and hostile cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../tests/fixtures/import/atlas-schema.geojson?raw';
import acledText from '../../../tests/fixtures/import/acled-sample.csv?raw';
import ucdpText from '../../../tests/fixtures/import/ucdp-ged-sample.csv?raw';
import { XSS_PAYLOADS } from '../../../tests/fixtures/xss/payloads';
import { parseCsv } from './csv';
import { importTextSync, type ImportResult } from './import';
import { parseJson } from './json';
import { checkGeometry } from '../schema/geojson-validate';
import { validateAtlasProperties } from './atlas-schema';
import { parseIsoDay } from '../time/days';

function consistent(r: ImportResult): void {
  expect(r.features.length).toBe(r.loaded);
  expect(r.layers.reduce((s, l) => s + l.count, 0)).toBe(r.loaded);
  if (r.fatal) expect(r.issues.some((i) => i.reason === r.fatal)).toBe(true);
  if (r.rejected > 0) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
  expect(new Set(r.features.map((f) => f.properties.id)).size).toBe(r.loaded);
}

describe('fuzz', () => {
  it('any text imports without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('a.csv', 'a.geojson', 'a'),
        (text, name) => consistent(importTextSync(text, name)),
      ),
      { numRuns: 400 },
    );
  });
  it('any JSON value imports without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) =>
        consistent(importTextSync(JSON.stringify(v) ?? 'null', 'v.geojson')),
      ),
      { numRuns: 400 },
    );
  });
  it('a feature collection with random features and properties imports without throwing', () => {
    const feature = fc.record({
      type: fc.constantFrom('Feature', 'Point', undefined),
      geometry: fc.jsonValue({ maxDepth: 4 }),
      properties: fc.dictionary(
        fc.constantFrom('id', 'layer', 'start', 'end', 'title', 'killed', 'sources', 'date', 'name'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 8 }), (features) =>
        consistent(importTextSync(JSON.stringify({ type: 'FeatureCollection', features }), 'r.geojson')),
      ),
      { numRuns: 300 },
    );
  });
  it('every truncation of a valid file gives a clear message or loads what is there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: schemaText.length - 1 }), (n) => {
        const r = importTextSync(schemaText.slice(0, n), 'cut.geojson');
        consistent(r);
        if (schemaText.slice(0, n).trim() !== '' && n < schemaText.trimEnd().length)
          expect(r.fatal).toMatch(/^(Truncated JSON: the file ends|Invalid JSON at line)/);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: acledText.length - 1 }), (n) =>
        consistent(importTextSync(acledText.slice(0, n), 'cut.csv')),
      ),
      { numRuns: 200 },
    );
  });
  it('CSV written with RFC 4180 quoting reads back field for field, with the right start lines', () => {
    const cellText = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', ';', 'é'),
      maxLength: 8,
    });
    const rows = fc.array(fc.array(cellText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\n', '\r\n'), (table, eol) => {
        const quoteCell = (c: string): string => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = table.map((r) => r.map(quoteCell).join(',')).join(eol) + eol;
        const parsed = parseCsv(text, ',');
        expect(parsed.records.map((r) => r.fields)).toEqual(table);
        let line = 1;
        table.forEach((r, k) => {
          expect(parsed.records[k]?.line).toBe(line);
          line += 1 + r.join('').split(/\r\n|\n/).length - 1;
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** Every position of a geometry, at any depth. */
function positionsOf(c: unknown): unknown[][] {
  if (Array.isArray(c) && c.length > 0 && !Array.isArray(c[0])) return [c];
  return Array.isArray(c) ? c.flatMap(positionsOf) : [];
}

const hostile = fc.oneof(
  fc.constantFrom(...XSS_PAYLOADS.map((p) => p.text)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(lon, lat);
const ringOf = (n: number) => fc.array(position, { minLength: n, maxLength: n + 6 }).map((p) => [...p, p[0]]);
const validGeometry = fc.oneof(
  position.map((c) => ({ type: 'Point', coordinates: c })),
  fc.array(position, { minLength: 1, maxLength: 6 }).map((c) => ({ type: 'MultiPoint', coordinates: c })),
  fc.array(position, { minLength: 2, maxLength: 6 }).map((c) => ({ type: 'LineString', coordinates: c })),
  fc
    .array(fc.array(position, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 3 })
    .map((c) => ({ type: 'MultiLineString', coordinates: c })),
  fc.array(ringOf(3), { minLength: 1, maxLength: 3 }).map((c) => ({ type: 'Polygon', coordinates: c })),
  fc
    .array(fc.array(ringOf(3), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })
    .map((c) => ({ type: 'MultiPolygon', coordinates: c })),
);

describe('fuzz: parsers and the validator', () => {
  it('parseJson never throws and agrees with JSON.parse; its messages are short', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .jsonValue({ maxDepth: 5 })
            .map((v) => JSON.stringify(v) ?? 'null')
            .chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
        ),
        (text) => {
          const r = parseJson(text);
          let valid = true;
          try {
            JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
          } catch {
            valid = false;
          }
          expect(r.ok).toBe(valid);
          if (!r.ok) expect(r.message.length).toBeLessThan(300);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseCsv never throws; lines rise; no character is invented', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r', ' ', '\u2028', '<', '\uFEFF'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(cell, fc.constantFrom(',' as const, ';' as const, '\t' as const), (text, delimiter) => {
        const parsed = parseCsv(text, delimiter);
        const lines = parsed.records.map((r) => r.line);
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
        const chars = parsed.records.reduce((n, r) => n + r.fields.join('').length, 0);
        expect(chars).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('checkGeometry never throws on any value; what it accepts is RFC 7946 in range', () => {
    const anyGeometry = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({
        type: fc.constantFrom(
          'Point',
          'MultiPoint',
          'LineString',
          'MultiLineString',
          'Polygon',
          'MultiPolygon',
          'GeometryCollection',
          'point',
        ),
        coordinates: fc.jsonValue({ maxDepth: 5 }),
      }),
      validGeometry,
    );
    fc.assert(
      fc.property(anyGeometry, (g) => {
        const check = checkGeometry(g, true);
        // Exactly one of: an error, or a geometry (null only for a null geometry: not placed on the map).
        expect(Boolean(check.error) !== (check.geometry !== undefined)).toBe(true);
        if (check.geometry === null) expect(g).toBeNull();
        if (!check.geometry) return;
        const coords = (check.geometry as { coordinates: unknown }).coordinates;
        const positions = positionsOf(coords);
        expect(check.positions).toBe(positions.length);
        for (const p of positions) {
          expect(p.length === 2 || p.length === 3).toBe(true);
          expect(p.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
          expect(Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every valid geometry is accepted as it is', () => {
    fc.assert(
      fc.property(validGeometry, (g) => {
        const check = checkGeometry(g, true);
        expect(check.error).toBeUndefined();
        expect(check.geometry).toBe(g);
      }),
      { numRuns: 500 },
    );
  });

  it('the schema validator never throws; what it accepts has start <= end, a layer and sources', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      hostile,
      fc.constantFrom('2024-11-25', '2024-02-30', null, 'strike', 'facility'),
    );
    const props = fc.dictionary(
      fc.constantFrom(
        'layer',
        'title',
        'start',
        'end',
        'sources',
        'summary',
        'place',
        'killed',
        'date_precision',
        'weapon',
        '__proto__',
        'constructor',
      ),
      value,
    );
    fc.assert(
      fc.property(props, (p) => {
        const r = validateAtlasProperties(p, 'id');
        if (!r.properties) return;
        expect(r.problems.some((x) => x.severity === 'error')).toBe(false);
        const start = parseIsoDay(r.properties.start) ?? NaN;
        const end = r.properties.end === null ? Infinity : (parseIsoDay(r.properties.end) ?? NaN);
        expect(start <= end).toBe(true);
        expect(['strike', 'facility', 'deployment']).toContain(r.properties.layer);
        expect(Array.isArray(r.properties.sources)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ACLED and UCDP files with hostile cells import without throwing, text kept as it came', () => {
    const mutate = (text: string) =>
      fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(), hostile), { maxLength: 6 })).map(([edits]) => {
        const rows = parseCsv(text, ',').records.map((r) => r.fields);
        for (const [r, c, v] of edits) {
          const row = rows[1 + (r % (rows.length - 1))];
          row[c % row.length] = v;
        }
        return rows.map((row) => row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n');
      });
    for (const [text, name] of [
      [acledText, 'acled.csv'],
      [ucdpText, 'ucdp.csv'],
    ] as const) {
      fc.assert(
        fc.property(mutate(text), (csv) => {
          const r = importTextSync(csv, name);
          consistent(r);
          // A NUL byte anywhere marks the file as binary (one clear message); otherwise the format stands.
          if (r.format === 'unknown') expect(r.fatal).toMatch(/binary file/);
          else expect(r.format).toBe(name.replace('.csv', ''));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('a payload in any field of a feature is kept as plain text, never pollutes prototypes', () => {
    const fields = ['title', 'summary', 'place', 'category', 'actor', 'produces', 'date_note'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.constantFrom(...XSS_PAYLOADS), (field, payload) => {
        const props = {
          layer: 'strike',
          title: 't',
          start: '2024-11-25',
          end: '2024-11-25',
          sources: [{ name: payload.text, url: 'https://example.org/a', quote: payload.text }],
          [field]: payload.text,
          __proto__x: 1,
        };
        const text = JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [30, 50] }, properties: props }],
        }).replace('"__proto__x"', '"__proto__"');
        const r = importTextSync(text, `${payload.text}.geojson`);
        consistent(r);
        expect(r.loaded).toBe(1);
        const p = r.features[0].properties as unknown as Record<string, unknown>;
        expect(p[field]).toBe(payload.text);
        expect(r.features[0].properties.sources[0]).toMatchObject({ name: payload.text, quote: payload.text });
      }),
      { numRuns: 300 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'x')).toBe(false);
  });
});
