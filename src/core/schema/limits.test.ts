// Hostile sizes: a 10-million-character string, JSON nested 100k deep, a million-point polygon, huge files — each a clear message.
import { describe, expect, it } from 'vitest';
import { importTextSync, type ImportResult } from '../import/import';
import { checkGeometry } from './geojson-validate';
import { parseJson } from '../import/json';
import {
  anyTextOverLimit,
  checkFileSize,
  MAX_ANY_TEXT,
  MAX_FIELD_NAME,
  MAX_IMPORT_MEMORY_BYTES,
  MAX_JSON_DEPTH,
  MAX_LONG_TEXT,
  MAX_POSITIONS_PER_FEATURE,
  MAX_SHAPE_POSITIONS_PER_FILE,
  MAX_SHORT_TEXT,
  textOverLimit,
} from './limits';

const HUGE = 10_000_000;
const props = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  layer: 'strike',
  title: 'A strike',
  start: '2024-11-25',
  end: '2024-11-25',
  sources: [{ name: 'Outlet', quote: 'words' }],
  ...extra,
});
const feature = (
  p: Record<string, unknown>,
  geometry: unknown = { type: 'Point', coordinates: [36.2, 49.99] },
): Record<string, unknown> => ({ type: 'Feature', geometry, properties: p });
const collection = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });

/** The result crosses from the worker to the page (structured clone) and is exported (JSON.stringify): both must work. */
function transferable(r: ImportResult): void {
  expect(() => structuredClone(r)).not.toThrow();
  expect(() => JSON.stringify(r)).not.toThrow();
}

describe('a 10-million-character string', () => {
  const big = 'A'.repeat(HUGE);

  it('in a title rejects the feature, saying which field and how long, and loads the rest', () => {
    const r = importTextSync(
      collection([feature(props({ title: big })), feature(props({ id: 'fine' }))]),
      'big.geojson',
    );
    expect(r.loaded).toBe(1);
    expect(r.rejected).toBe(1);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        index: 0,
        field: 'title',
        severity: 'error',
        reason: `field title: the text is 10,000,000 characters long; at most ${MAX_SHORT_TEXT} are allowed; the feature is not loaded`,
      }),
    );
    transferable(r);
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
  });

  it.each([
    ['summary', { summary: big }, 'summary'],
    ['a source quote', { sources: [{ name: 'x', quote: big }] }, 'sources[0].quote'],
    ['a property the app does not show', { notes: big }, 'notes'],
    ['a nested property', { extra: { deeper: [1, big] } }, 'extra.deeper[1]'],
    ['a property name', { [big]: 1 }, `${'A'.repeat(40)}…`],
  ])('in %s rejects the feature', (_what, extra, field) => {
    const r = importTextSync(collection([feature(props(extra))]), 'big.geojson');
    expect(r.loaded).toBe(0);
    // (Compared in small pieces: a failing diff must never print ten million characters.)
    const error = r.issues.find((i) => i.severity === 'error');
    expect(error?.field).toBe(field);
    expect(error?.reason.length).toBeLessThan(300);
    expect(error?.reason).toMatch(/is 10,000,000 characters long; at most [\d,]+ are allowed/);
    expect((r.fields ?? []).some((f) => f.length > MAX_FIELD_NAME)).toBe(false);
    transferable(r);
  });

  it('in a CSV cell (ACLED notes) rejects that row only', () => {
    const csv = [
      'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities',
      `UKR1,2024-11-25,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Russia,Ukraine,Kharkiv,Kharkiv,49.99,36.23,1,Outlet,${big},0`,
      'UKR2,2024-11-25,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Russia,Ukraine,Kharkiv,Kharkiv,49.99,36.23,1,Outlet,short,0',
    ].join('\n');
    const r = importTextSync(`${csv}\n`, 'acled.csv');
    expect(r.format).toBe('acled');
    expect(r.loaded).toBe(1);
    expect(r.issues.find((i) => i.severity === 'error')).toMatchObject({
      line: 2,
      reason: expect.stringMatching(/10,000,000 characters long; at most 20,000/),
    });
    transferable(r);
  });

  it('as a CSV column name is one clear message for the file', () => {
    const r = importTextSync(`date,${big},lat,lon\n2024-11-25,x,49.9,36.2\n`, 'wide.csv');
    expect(r.fatal).toBe(
      `The header line can't be read: column 2's name is 10,000,000 characters long; at most ${MAX_FIELD_NAME} are allowed (is the first line really a header?)`,
    );
    transferable(r);
  });

  it('as a whole file that is not data is one clear message', () => {
    const r = importTextSync(big, 'big.geojson');
    expect(r.fatal).toBeTruthy();
    expect(r.fatal?.length).toBeLessThan(400);
    const s = importTextSync(JSON.stringify(big), 'big.geojson');
    expect(
      s.fatal?.startsWith(`The JSON is the string "${'A'.repeat(60)}"… (10,000,000 characters), not a GeoJSON object`),
    ).toBe(true);
  });
});

describe('JSON nested 100,000 deep', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const withJunk = (f: Record<string, unknown>): string =>
    collection([f, feature(props({ id: 'fine' }))]).replace('"junk":0', `"junk":${deep}`);

  it('as the whole file is one clear message', () => {
    const r = importTextSync(deep, 'deep.geojson');
    expect(r.fatal).toMatch(/^The JSON is an array, not a GeoJSON object/);
    transferable(r);
  });

  it.each([
    [
      'in a foreign member of a feature',
      { ...feature(props()), junk: 0 },
      'feature',
      /foreign members .* nested more than 64 levels deep/,
    ],
    [
      'in a member of a geometry',
      feature(props(), { type: 'Point', coordinates: [30, 50], junk: 0 }),
      'geometry',
      /the geometry has members nested more than 64 levels deep/,
    ],
    ['in the properties', feature(props({ junk: 0 })), 'properties', /properties are nested more than 64 levels deep/],
    [
      'as coordinates',
      feature(props(), { type: 'Point', coordinates: 0 }),
      'geometry',
      /Point coordinates are wrongly nested/,
    ],
  ])(
    '%s rejects that feature with where and why (never a stack overflow), and loads the rest',
    (_where, f, field, reason) => {
      const text =
        _where === 'as coordinates'
          ? collection([f, feature(props({ id: 'fine' }))]).replace('"coordinates":0', `"coordinates":${deep}`)
          : withJunk(f);
      const r = importTextSync(text, 'deep.geojson');
      expect(r.features.map((x) => x.properties.id)).toEqual(['fine']);
      expect(r.issues.find((i) => i.severity === 'error')).toMatchObject({
        index: 0,
        field,
        reason: expect.stringMatching(reason),
      });
      transferable(r);
    },
  );

  it('JSON that is not valid stops its scan at 1000 levels with where it is', () => {
    const r = parseJson(`{"a": ${'['.repeat(100_000)}`);
    expect(r.ok ? '' : r.message).toMatch(
      new RegExp(
        `^The JSON is nested more than ${MAX_JSON_DEPTH} levels deep \\(line 1, column \\d+\\); GeoJSON needs at most 4`,
      ),
    );
  });
});

describe('a polygon of a million points', () => {
  /** A closed ring of n positions as JSON text (built as text: fast, and no giant value to stringify). */
  const ringText = (n: number): string => `[${'[30,50],'.repeat(n - 2)}[30.5,50.5],[30,50]]`;
  const shapeText = (id: string, n: number): string =>
    `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[${ringText(n)}]},"properties":${JSON.stringify(props({ id }))}}`;
  const pointText = (id: string): string => JSON.stringify(feature(props({ id })));
  const collectionText = (features: string[]): string =>
    `{"type":"FeatureCollection","features":[${features.join(',')}]}`;

  it('is rejected with the limit and what to do, without walking every point', () => {
    const check = checkGeometry(
      { type: 'Polygon', coordinates: [Array.from({ length: 1_000_000 }, () => [30, 50])] },
      true,
    );
    expect(check.error).toBe(
      `the Polygon has more than 50,000 positions (vertices); at most 50,000 per feature can be drawn without freezing the page: simplify it (e.g. mapshaper -simplify 10%) and load it again`,
    );
    const r = importTextSync(collectionText([shapeText('huge', 1_000_000), pointText('ok')]), 'huge.geojson');
    expect(r.features.map((f) => f.properties.id)).toEqual(['ok']);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        index: 0,
        field: 'geometry',
        featureId: 'huge',
        severity: 'error',
        reason: check.error,
      }),
    );
    transferable(r);
  });

  it('at the limit is accepted, and reports its positions', () => {
    const check = checkGeometry(
      JSON.parse(`{"type":"LineString","coordinates":${ringText(MAX_POSITIONS_PER_FEATURE)}}`),
      true,
    );
    expect([check.error, check.positions]).toEqual([undefined, MAX_POSITIONS_PER_FEATURE]);
  });

  it('lines and areas of one file are capped in all; points do not count', () => {
    const each = MAX_POSITIONS_PER_FEATURE;
    const fit = Math.floor(MAX_SHAPE_POSITIONS_PER_FILE / each);
    const shapes = Array.from({ length: fit + 2 }, (_, i) => shapeText(`area-${i}`, each));
    const points = Array.from({ length: 3 }, (_, i) => pointText(`point-${i}`));
    const r = importTextSync(collectionText([...shapes, ...points]), 'many.geojson');
    expect([r.loaded, r.rejected]).toEqual([fit + 3, 2]);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.index)).toEqual([fit, fit + 1]);
    expect(errors[0].reason).toMatch(/pass 500,000 positions \(vertices\) in all with this feature/);
  });
});

describe('oversized files and the text checks', () => {
  it('a file too big to hold gets one message with its size, its rows, the memory and what to do', () => {
    expect(checkFileSize(MAX_IMPORT_MEMORY_BYTES / 10)).toBeNull();
    expect(checkFileSize(5 * 1024 ** 3)).toMatch(
      /^The file is 5120\.0 MB, about 13,421,773 rows; loaded, they would need about 27\.5 GB of memory, more than the 3\.0 GB this page allows for one file\. Split it/,
    );
  });

  it('textOverLimit takes each field at its own limit', () => {
    expect(textOverLimit({ title: 'x'.repeat(MAX_SHORT_TEXT) })).toBeNull();
    expect(textOverLimit({ title: 'x'.repeat(MAX_SHORT_TEXT + 1) })?.field).toBe('title');
    expect(textOverLimit({ summary: 'x'.repeat(MAX_LONG_TEXT) })).toBeNull();
    expect(textOverLimit({ summary: 'x'.repeat(MAX_LONG_TEXT + 1) })?.field).toBe('summary');
    expect(textOverLimit({ sources: [{ name: 'x' }, { seed: 'y'.repeat(MAX_SHORT_TEXT + 1) }] })?.field).toBe(
      'sources[1].seed',
    );
    expect(textOverLimit({}, { a: [{ b: 'x'.repeat(MAX_ANY_TEXT + 1) }] })?.field).toBe('a[0].b');
    expect(textOverLimit({}, {}, { foreign: 'x'.repeat(MAX_ANY_TEXT + 1) })?.field).toBe('foreign');
    expect(anyTextOverLimit({ ['k'.repeat(MAX_FIELD_NAME)]: 'x'.repeat(MAX_ANY_TEXT) })).toBeNull();
  });
});
