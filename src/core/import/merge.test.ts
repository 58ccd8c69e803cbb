// Tests for merging bundled and imported data: layer keys, order, id conflicts reported, not renamed.
import { describe, expect, it } from 'vitest';
import { mergeImports, slug } from './merge';
import { importTextSync } from './import';
import { buildDataset } from '../columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { itemsOfLayer } from '../../../tests/support/dataset-rows';

const geojson = (ids: string[]): string =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: ids.map((id, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [30 + i, 50] },
      properties: { id, name: `Event ${id}`, date: `2024-11-2${i % 9}`, kind: i % 2 ? 'shelling' : 'airstrike' },
    })),
  });

describe('mergeImports', () => {
  it('slugs labels into URL-safe keys', () => {
    expect(slug('Air/drone strike')).toBe('air-drone-strike');
    expect(slug('  ')).toBe('layer');
    expect(slug('Шахед')).toBe('layer');
  });

  it('adds one layer per imported category after the bundled ones, with URL-safe keys', () => {
    const result = importTextSync(geojson(['a', 'b', 'c']), 'mine.geojson');
    expect(result.rejected).toBe(0);
    const merged = mergeImports(SAMPLE, [{ key: 'f1', result }]);
    expect(merged.layers.map((l) => l.key)).toEqual([
      'strikes',
      'facilities',
      'deployments',
      'f1-airstrike',
      'f1-shelling',
    ]);
    expect(merged.layers.at(-1)?.group).toBe('mine.geojson');
    expect(merged.features).toHaveLength(SAMPLE.length + 3);
    const ds = buildDataset(merged.features, merged.layers);
    expect(itemsOfLayer(ds, 'f1-airstrike').map((it) => it.id)).toEqual(['a', 'c']);
    expect(ds.span.end).toBeGreaterThanOrEqual(ds.span.start);
  });

  it('reports an id that is already taken instead of renaming or dropping it silently', () => {
    const r1 = importTextSync(geojson(['x', 'strike-a']), 'one.geojson');
    const r2 = importTextSync(geojson(['x', 'y']), 'two.geojson');
    const merged = mergeImports(SAMPLE, [
      { key: 'f1', result: r1 },
      { key: 'f2', result: r2 },
    ]);
    expect(merged.conflicts.get('f1')?.[0].reason).toMatch(
      /"strike-a" is already used by a feature of the bundled data/,
    );
    expect(merged.conflicts.get('f2')?.[0].reason).toMatch(/"x" is already used by a feature of one.geojson/);
    expect(merged.features.filter((f) => f.properties.id === 'x')).toHaveLength(1);
    expect(() => buildDataset(merged.features, merged.layers)).not.toThrow();
  });

  it('can leave the bundled data out (one click away, not gone)', () => {
    const result = importTextSync(geojson(['a']), 'mine.geojson');
    const merged = mergeImports(SAMPLE, [{ key: 'f1', result }], false);
    expect(merged.layers.map((l) => l.key)).toEqual(['f1-airstrike']);
    expect(merged.features).toHaveLength(1);
  });
});
