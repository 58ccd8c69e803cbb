// The one-pass fast path of the schema import gives exactly what validateAtlasProperties gives whenever it takes a feature, and leaves every feature with a problem to it.
import { describe, expect, it } from 'vitest';
import { fastAtlasProperties } from './atlas-fast';
import { validateAtlasProperties } from './atlas-schema';
import { importTextSync } from './import';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE: Record<string, unknown> = {
  id: 'ev-1',
  layer: 'strike',
  title: 'Drone strike on Odesa',
  summary: 'Synthetic drone strike near Odesa.',
  start: '2024-01-01',
  end: '2024-01-01',
  date_precision: 'day',
  date_note: 'Generated day.',
  place: 'Odesa',
  place_precision_km: 5,
  weapon: 'drone',
  actor: 'Russia',
  sources: [{ name: 'Synthetic generator', quote: 'Not a real event.' }],
  injured: 1,
};

/** Values each key may take: valid ones and every kind of wrong one. */
const VALUES: Record<string, unknown[]> = {
  layer: ['strike', 'facility', 'deployment', 'link', 'Strike', 3, null],
  title: ['T', '', '  ', 4, null],
  summary: ['', 'S', null, 1],
  start: ['2024-01-01', '2024-01-02', '2024-02-30', '24-01-01', '', 20240101, null],
  end: ['2024-01-01', '2024-01-03', '2023-12-31', null, 'x', 5],
  date_precision: ['day', 'range', 'Day', null, 1],
  date_note: ['', 'n', null],
  place: ['', 'P', 7],
  place_precision_km: [0, 2.5, -1, Number.POSITIVE_INFINITY, '5', null],
  weapon: ['drone', 'missile', 'unknown', 'catapult', 1, null],
  actor: ['A', '', 2, null],
  category: ['Battles', '', 1],
  produces: ['shells', null],
  area_note: ['built from places', '', '  ', 3],
  place_note: ['near', 0],
  approximate: [true, false, 'yes', null],
  injured: [0, 3, -2, null, '3', Number.NaN],
  killed: [1, 1.5, null],
  troops: [100, -1],
  timeless: [true, false, 'no'],
  admin_area: ['UA-48', 'XX', 3],
  figure_qualifiers: [{ injured: 'about' }, { killed: 'maybe' }, 'x'],
  area_places: [['Odesa'], 'Odesa'],
  from: ['a'],
  notes: ['an unknown key'],
  sources: [
    [{ name: 'A', quote: 'q' }],
    [{ name: 'A' }, { url: 'https://example.org/x' }],
    [{ seed: 's', quote: 'q' }],
    [{ quote: 'q' }],
    [{ url: 'ftp://example.org' }],
    [{ name: 'A', url: 'not a url' }],
    [{ quote: 'q', name: 'A' }],
    [{ name: 'A', page: 3 }],
    [{ name: 5 }],
    [],
    [null],
    ['A'],
    'A',
    null,
  ],
};
const KEYS = Object.keys(VALUES);

/** The base with a few keys changed, added, dropped or moved. */
function variant(next: () => number): Record<string, unknown> {
  const p: Record<string, unknown> = { ...BASE };
  const changes = Math.floor(next() * 4);
  for (let c = 0; c < changes; c++) {
    const k = KEYS[Math.floor(next() * KEYS.length)];
    const r = next();
    if (r < 0.15) delete p[k];
    else if (r < 0.25 && k in p) {
      const v = p[k];
      delete p[k];
      p[k] = v;
    } else {
      const vs = VALUES[k];
      p[k] = structuredClone(vs[Math.floor(next() * vs.length)]);
    }
  }
  return p;
}

describe('fastAtlasProperties', () => {
  it('takes a feature only when validateAtlasProperties reports nothing, and gives the same properties, keys in the same order', () => {
    const next = random(7);
    let taken = 0;
    let clean = 0;
    for (let i = 0; i < 5_000; i++) {
      const p = variant(next);
      const general = validateAtlasProperties(p, 'ev-1');
      const fast = fastAtlasProperties(p, 'ev-1');
      if (general.problems.length === 0) clean++;
      if (!fast) continue;
      taken++;
      expect(general.problems).toEqual([]);
      expect(Object.keys(fast)).toEqual(Object.keys(general.properties as object));
      expect(fast).toEqual(general.properties);
      expect(fast.sources).toBe(general.properties?.sources);
    }
    // Not vacuous: most clean variants go the fast way, and many variants are not clean.
    expect(taken).toBeGreaterThan(0.7 * clean);
    expect(clean).toBeLessThan(4_000);
  });

  it('takes the common features: a facility still active, a range, figures, an approximate area with its note', () => {
    for (const p of [
      BASE,
      { ...BASE, layer: 'facility', end: null, date_precision: 'range', weapon: undefined },
      { ...BASE, end: '2024-01-09', date_precision: 'range', killed: 2, troops: 0 },
      { ...BASE, date_precision: undefined, category: 'Battles', approximate: true, area_note: 'from places' },
    ]) {
      const q = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
      expect(fastAtlasProperties(q, 'x')).toEqual(validateAtlasProperties(q, 'x').properties);
    }
  });

  it('leaves the report of a file unchanged: each problem in its place', () => {
    const features = Array.from({ length: 300 }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [30, 50] },
      properties: { ...variant(random(i)), id: `ev-${i}` },
    }));
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const result = importTextSync(text, 'variants.geojson');
    // Every variant (as the file gives it: JSON has no Infinity) checked the general way alone gives the same problems, at its index.
    const parsed = (JSON.parse(text) as { features: typeof features }).features;
    const expected = parsed.flatMap((f, index) =>
      validateAtlasProperties(f.properties, f.properties.id).problems.map((p) => [index, p.field, p.reason]),
    );
    const got = result.issues.filter((i) => i.index !== undefined).map((i) => [i.index, i.field, i.reason]);
    expect(got).toEqual(expected);
  });
});
