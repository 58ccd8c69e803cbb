// Tests the synthetic generator: deterministic, sorted like the app stores data, valid in our schema, clustered where it should be.
import { describe, expect, it } from 'vitest';
import { generateFeatures, prng } from './generate';
import { importTextSync } from '../import/import';
import { buildColumns } from '../columnar/columns';
import { parseIsoDay } from '../time/days';

const take = (n: number, seed: number) => [...generateFeatures({ n, seed })];

describe('synthetic generator', () => {
  it('gives the same features for the same seed, and others for another', () => {
    expect(JSON.stringify(take(500, 1))).toBe(JSON.stringify(take(500, 1)));
    expect(JSON.stringify(take(500, 2))).not.toBe(JSON.stringify(take(500, 1)));
    const r = prng(7);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('comes out sorted by start day, then id, with unique ids, over four years', () => {
    const fs = take(3000, 1);
    const keys = fs.map((f) => [parseIsoDay(f.properties.start) as number, f.properties.id] as const);
    for (let i = 1; i < keys.length; i++)
      expect(keys[i][0] > keys[i - 1][0] || (keys[i][0] === keys[i - 1][0] && keys[i][1] > keys[i - 1][1])).toBe(true);
    expect(new Set(fs.map((f) => f.properties.id)).size).toBe(fs.length);
    const c = buildColumns(fs, ['strikes', 'facilities', 'deployments']);
    expect([...c.ids]).toEqual(fs.map((f) => f.properties.id)); // the app's order is the file's order
    expect(c.start[c.n - 1] - c.start[0]).toBeGreaterThan(1400);
  });

  it('mixes strikes (most), facilities and deployments, placed over Ukraine and its neighbours', () => {
    const fs = take(20_000, 3);
    const count = (k: string) => fs.filter((f) => f.properties.layer === k).length;
    expect(count('strike')).toBeGreaterThan(19_800);
    expect(count('facility')).toBeGreaterThan(10);
    expect(count('deployment')).toBeGreaterThan(2);
    for (const f of fs.slice(0, 2000)) {
      const [lon, lat] = f.geometry?.type === 'Point' ? f.geometry.coordinates : [30, 48];
      expect(lon).toBeGreaterThan(20);
      expect(lon).toBeLessThan(45);
      expect(lat).toBeGreaterThan(43);
      expect(lat).toBeLessThan(56);
    }
    const ranged = fs.filter((f) => f.properties.layer === 'strike' && f.properties.end !== f.properties.start).length;
    expect(ranged / fs.length).toBeGreaterThan(0.05);
  });

  it('is valid in our schema: the importer loads every feature and rejects none', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: take(2000, 5) });
    const result = importTextSync(text, 'gen.geojson');
    expect(result.fatal).toBeUndefined();
    expect(result.rejected).toBe(0);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.loaded).toBe(2000);
  });
});
