// Property tests (fast-check) of the URL state: parseHash never throws, parse∘createHash round-trips, data= never leaves http(s) or the site.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash, isDataUrl, parseHash, type HashState } from './url-hash';
import { createAtlasStore } from './store';
import { buildDataset } from '../core/columnar/dataset';
import { SAMPLE } from '../../tests/support/features';
import { parseIsoDay } from '../core/time/days';
import { FIGURE_FIELDS, WEAPONS } from '../core/schema/schema';
import { MAX_QUERY } from '../core/filters/filters';
import { XSS_PAYLOADS } from '../../tests/fixtures/xss/payloads';

const BASE = 'https://atlas.example.org/maps/index.html';
const day = fc.integer({ min: parseIsoDay('1900-01-01') ?? 0, max: parseIsoDay('2099-12-31') ?? 0 });
const chars = (set: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...set), minLength: min, maxLength: max });
const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
const layerKey = fc.tuple(chars(lower, 1, 1), chars(`${lower}_.:-`, 0, 30)).map(([a, b]) => a + b);
const featureId = fc.tuple(chars(`${lower}ABCXYZ`, 1, 1), chars(`${lower}ABCXYZ_.:#-`, 0, 60)).map(([a, b]) => a + b);
const storyId = fc
  .array(chars(lower, 1, 6), { minLength: 1, maxLength: 4 })
  .map((w) => w.join('-'))
  .filter((s) => s !== '0');
/** Any text, hostile included (lone surrogates come back as U+FFFD: see createHash). */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.constantFrom(...XSS_PAYLOADS.map((p) => p.text)),
);
const dataUrl = fc
  .oneof(
    fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
    fc.array(chars(`${lower}-_. ~%`, 1, 12), { minLength: 1, maxLength: 4 }).map((p) => p.join('/')),
  )
  .filter(isDataUrl);
/** A number as createHash writes it (rounded), and as parseHash reads it back (no negative zero). */
const rounded = (n: number, digits: number): number => Number(n.toFixed(digits)) + 0;

const hashState: fc.Arbitrary<HashState> = fc
  .record(
    {
      t: fc.tuple(day, day).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
      mode: fc.constantFrom('window' as const, 'cumulative' as const),
      layers: fc.uniqueArray(layerKey, { maxLength: 5 }),
      view: fc.record({
        lat: fc.double({ min: -85.06, max: 85.06, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
        zoom: fc.double({ min: 0, max: 22, noNaN: true }),
      }),
      sel: featureId,
      q: anyText.map((q) => q.slice(0, MAX_QUERY)),
      weapon: fc.subarray([...WEAPONS]),
      min: fc.record({
        field: fc.constantFrom(...FIGURE_FIELDS),
        value: fc.oneof(
          fc.integer({ min: 0, max: 1e9 }),
          fc.integer({ min: 0, max: 99_999 }).map((n) => n / 100),
        ),
      }),
      story: fc.tuple(storyId, fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined })),
      data: fc.array(dataUrl, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map(({ story, ...rest }) => {
    const s: HashState = { ...rest };
    if (story) {
      s.story = story[0];
      if (story[1] !== undefined) s.step = story[1];
    }
    return s;
  });

/** What parseHash gives back for a state createHash wrote: rounded view, well-formed text. */
function expected(s: HashState): HashState {
  const out: HashState = { ...s };
  if (s.data?.length === 0) delete out.data;
  if (s.view) out.view = { lat: rounded(s.view.lat, 4), lon: rounded(s.view.lon, 4), zoom: rounded(s.view.zoom, 2) };
  if (s.q !== undefined)
    out.q = s.q.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return out;
}

describe('URL state (fuzz)', () => {
  it('parseHash(createHash(state)) gives the state back, and writing it again gives the same hash', () => {
    fc.assert(
      fc.property(hashState, (s) => {
        const hash = createHash(s);
        const parsed = parseHash(hash);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.state).toEqual(expected(s));
        expect(createHash(parsed.state)).toBe(hash);
      }),
      { numRuns: 1000 },
    );
  });

  const hashy = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          't',
          'mode',
          'layers',
          'view',
          'sel',
          'data',
          'q',
          'weapon',
          'min',
          'story',
          'step',
          'x',
          '',
          '__proto__',
          'constructor',
        ),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom(
            '%',
            '%E0%A4%A',
            '%uD800',
            '2024-02-30..2024-03-01',
            '-0,-0,-0',
            'NaN,1,2',
            '1e999,0,0',
            '..',
            'injured:1e5',
            'javascript:alert(1)',
            '/\\evil.example/x',
            '\t//evil.example/x',
          ),
        ),
      ),
      { maxLength: 8 },
    )
    .map((parts) => `#${parts.map(([k, v]) => `${k}=${v}`).join('&')}`);

  it('never throws on any text, and what it keeps is valid; the store takes it without throwing', () => {
    const store = createAtlasStore();
    store.getState().setDataset(buildDataset(SAMPLE));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), hashy), (text) => {
        const { state, warnings } = parseHash(text);
        expect(warnings.every((w) => typeof w === 'string' && w.length < 400)).toBe(true);
        if (state.t)
          expect(Number.isInteger(state.t.from) && Number.isInteger(state.t.to) && state.t.from <= state.t.to).toBe(
            true,
          );
        if (state.view) expect(Object.values(state.view).every(Number.isFinite)).toBe(true);
        for (const d of state.data ?? []) expect(isDataUrl(d)).toBe(true);
        expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
        expect(() => store.getState().applyHash(state)).not.toThrow();
        expect(() => createHash(state)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a data= URL it accepts resolves to http(s), and a path to this site, whatever the browser does with it', () => {
    const tricky = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom(
            '',
            ' ',
            '\t',
            '\n',
            '/',
            '\\',
            '//',
            '/\\',
            '\\\\',
            'java\tscript:',
            'data:',
            'http:',
            'https:',
            'HTTPS://',
            'file:',
            'blob:',
          ),
          fc.constantFrom('', '/', '\\', '\t/', 'evil.example', '@evil.example'),
          fc.string({ maxLength: 10 }),
        )
        .map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(tricky, (v) => {
        if (!isDataUrl(v)) return;
        const url = new URL(v, BASE);
        expect(['http:', 'https:']).toContain(url.protocol);
        if (!/^https?:\/\//i.test(v)) expect(url.origin).toBe(new URL(BASE).origin);
      }),
      { numRuns: 3000 },
    );
    for (const bad of [
      '/\\evil.example/x',
      '\\\\evil.example/x',
      '/\t/evil.example/x',
      ' //evil.example/x',
      'java\tscript:alert(1)',
      '\u0000//evil.example',
      'javascript:alert(1)',
      'data:text/csv,a',
      '//evil.example/x',
    ]) {
      expect(isDataUrl(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['samples/acled-sample.csv', '/data/my file.csv', 'https://data.example.org/x.geojson'])
      expect(isDataUrl(good)).toBe(true);
  });
});
