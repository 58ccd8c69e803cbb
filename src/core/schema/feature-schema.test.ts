// The one schema: the bundled-data check and the import give the same message for the same problem, and differ only where their policies do.
import { describe, expect, it } from 'vitest';
import { validateBundled } from '../bundled/validate-bundled';
import { importTextSync } from '../import/import';
import {
  BUNDLED,
  checkFeatureGeometry,
  checkProperties,
  checkSources,
  IMPORT,
  QUALIFIERS,
  type SchemaProblem,
} from './feature-schema';
import * as bundledModule from '../bundled/validate-bundled';
import * as atlasSchema from '../import/atlas-schema';

const SEED = 'seed.txt';
const seeds = { [SEED]: 'The plant in Hamhung builds the missiles, the report says.' };
const good = {
  id: 'strike-x',
  layer: 'strike',
  title: 'Strike',
  summary: 'S',
  start: '2024-03-01',
  end: '2024-03-01',
  date_precision: 'day',
  date_note: 'n',
  place: 'Kyiv',
  place_precision_km: 5,
  weapon: 'drone',
  sources: [{ seed: SEED, name: 'Report', quote: 'builds the missiles' }],
};
const bundledMessages = (
  props: Record<string, unknown>,
  geometry: unknown = { type: 'Point', coordinates: [30.5, 50.4] },
): string[] =>
  validateBundled(
    { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: props }] },
    'data/strikes.geojson',
    'strike',
    seeds,
  ).map((i) => i.message);
const importMessages = (
  props: Record<string, unknown>,
  geometry: unknown = { type: 'Point', coordinates: [30.5, 50.4] },
): string[] =>
  importTextSync(
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: props }] }),
    'x.geojson',
  ).issues.map((i) => i.reason);
/** The part of a message after the field's name, as both callers print it. */
const tail = (m: string): string => m.replace(/^.*?field "?[\w.[\]]+"?: /, '');

describe('one schema for the bundled data and the import', () => {
  it('the good feature passes both', () => {
    expect(bundledMessages(good)).toEqual([]);
    expect(importMessages(good)).toEqual([]);
  });

  it.each([
    ['a figure given as text', { killed: '12' }, 'expected a number, got the string "12"'],
    ['a negative figure', { injured: -3 }, 'expected a number of 0 or more, got -3'],
    ['an impossible date', { start: '2024-02-30' }, '"2024-02-30" is not a valid date (expected YYYY-MM-DD)'],
    [
      'start after end',
      { start: '2024-03-05', end: '2024-03-01', date_precision: 'range' },
      'start 2024-03-05 is after end 2024-03-01',
    ],
    [
      'an unknown weapon',
      { weapon: 'artillery' },
      'expected one of missile, drone, mixed, cyber, unknown, got the string "artillery"',
    ],
    [
      'an unknown qualifier word',
      { injured: 3, figure_qualifiers: { injured: 'some' } },
      `expected one of ${QUALIFIERS.join(', ')}, got the string "some"`,
    ],
    ['a qualifier of no figure', { figure_qualifiers: { chickens: 'about' } }, '"chickens" is not a figure'],
    ['sources not an array', { sources: 'Reuters' }, 'expected an array of citations'],
    ['a title that is a number', { title: 7 }, 'expected a string, got the number 7'],
  ])('%s: the same message from both', (_, change, message) => {
    const b = bundledMessages({ ...good, ...change }).map(tail);
    const i = importMessages({ ...good, ...change }).map(tail);
    expect(b.some((m) => m.startsWith(message))).toBe(true);
    expect(i.some((m) => m.startsWith(message))).toBe(true);
  });

  it('where the policies differ: required texts, weapon, seeds, null figures', () => {
    const sparse = { ...good, summary: undefined, date_precision: undefined, weapon: undefined, killed: null };
    expect(bundledMessages(sparse).map(tail)).toEqual([
      'missing',
      'missing ("day" or "range")',
      'null: leave the figure out when the report gives none',
      'missing (one of missile, drone, mixed, cyber, unknown)',
    ]);
    expect(importMessages(sparse)).toEqual(['field killed: null, taken as not given']);
    const outlet = { ...good, sources: [{ name: 'Reuters', url: 'https://example.org/a' }] };
    expect(importMessages(outlet)).toEqual([]);
    expect(bundledMessages(outlet).map(tail)).toEqual([
      'must name a seed file in data/sources (seed.txt), got nothing',
      'must be a non-empty string copied from the seed',
    ]);
    const undated = { ...good, start: '', end: '', timeless: true };
    expect(importMessages(undated)).toEqual([]);
    expect(bundledMessages(undated).map(tail)).toContain(
      'bundled features are dated: only an imported file without dates loads undated',
    );
  });

  it('the GeometryCollection policy: the import splits one, bundled data holds none; null geometries only in imports', () => {
    const gc = { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [30, 50] }] };
    expect(checkFeatureGeometry(gc, true, IMPORT).error).toMatch(/GeometryCollection inside a GeometryCollection/); // reached only for a nested one: the import splits first
    expect(checkFeatureGeometry(gc, true, BUNDLED).error).toMatch(
      /^a GeometryCollection: store each of its geometries as a feature of its own/,
    );
    expect(
      importTextSync(
        JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: gc, properties: good }] }),
        'x.geojson',
      ).loaded,
    ).toBe(1);
    expect(checkFeatureGeometry(null, true, IMPORT)).toMatchObject({
      geometry: null,
      warnings: [expect.stringContaining('not placed on the map')],
    });
    expect(checkFeatureGeometry(null, true, BUNDLED).error).toMatch(/every bundled feature is placed on the map/);
  });

  it('checkSources and the field lists exist once: neither validator defines its own', () => {
    const problems: SchemaProblem[] = [];
    expect(checkSources([], IMPORT, (p) => problems.push(p))).toEqual([]);
    expect(problems).toEqual([{ field: 'sources', what: 'empty: the feature cites no source', severity: 'warning' }]);
    checkProperties({ ...good, sources: [] }, 'strike', BUNDLED, (p) => problems.push(p), seeds);
    expect(problems[1]).toEqual({ field: 'sources', what: 'empty: the feature cites no source', severity: 'error' });
    expect(bundledModule.QUALIFIERS).toBe(QUALIFIERS); // re-exported, not a copy
    expect(Object.keys(atlasSchema)).not.toContain('checkSources');
    expect(Object.keys(atlasSchema)).not.toContain('QUALIFIERS');
  });
});
