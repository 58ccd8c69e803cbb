// Tests for the regions' layers: a few region rows tinted one by one, a big import's outlines drawn once for all layers shown.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology } from '../map/basemap-data';
import { buildDataset, type LayerDef } from '../data/dataset';
import { feature } from '../test-support/features';
import type { AtlasFeature } from '../data/schema';
import { buildRegionLayers, MAX_REGION_ROWS, MIXED_LINE } from './region-layers';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);
const LAYERS: LayerDef[] = ['a', 'b', 'c'].map((k) => ({ key: `f1-${k}`, label: k, kind: 'strike', group: 'x.csv' }));
const UNITS = ['UA-48', 'UA-63', 'UA-51'];

/** `n` strikes at admin-1 precision spread over three layers and three oblasts, one a day from 1 Nov 2024. */
function regionStrikes(n: number): AtlasFeature[] {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2024, 10, 1 + (i % 60))).toISOString().slice(0, 10);
    const layer = Math.floor(i / 3) % 3;
    const f = feature(`r${i}`, 'strike', day, day, { admin_area: UNITS[i % 3], weapon: (['missile', 'drone', 'unknown'] as const)[layer] });
    (f.properties as unknown as Record<string, unknown>).layer_key = LAYERS[layer].key;
    return f;
  });
}

type Props = { id: string; data: { geometry: unknown; properties: { span?: number[]; color: number[] } }[]; filled: boolean; stroked: boolean; visible?: boolean };

describe('buildRegionLayers', () => {
  const window = { from: 20028, to: 20042 };

  it('gives each region row of a small dataset its own tinted outline, a layer per data layer', () => {
    const ds = buildDataset(regionStrikes(9), LAYERS);
    const layers = buildRegionLayers({ dataset: ds, window, layers: LAYERS.map((l) => l.key), basemap }).map((l) => l.props as unknown as Props);
    expect(layers).toHaveLength(3);
    expect(layers.every((l) => l.filled && l.stroked)).toBe(true);
    expect(layers.reduce((a, l) => a + l.data.length, 0)).toBe(9);
  });

  it('draws a big import\'s units once over every layer shown: one stroked layer, no fill, spans merged', () => {
    const n = 3 * MAX_REGION_ROWS;
    const ds = buildDataset(regionStrikes(n), LAYERS);
    const shown = LAYERS.map((l) => l.key);
    const layers = buildRegionLayers({ dataset: ds, window, layers: shown, basemap });
    // One copy of each oblast, not one per layer and oblast (nine before).
    expect(layers).toHaveLength(1);
    const p = layers[0].props as unknown as Props;
    expect(p.filled).toBe(false);
    expect(p.stroked).toBe(true);
    expect(p.data).toHaveLength(UNITS.length);
    expect(new Set(p.data.map((f) => f.geometry)).size).toBe(UNITS.length);
    // Each unit is shown over the whole span of its rows, whatever layer they are in.
    // (unit u holds days u, u + 3, …, u + 57, spread over the three layers).
    const spans = p.data.map((f) => f.properties.span?.slice(0, 2)).sort((a, b) => (a?.[0] ?? 0) - (b?.[0] ?? 0));
    expect(spans).toEqual([[0, 57], [1, 58], [2, 59]]);
    // Three layers in three colours share each outline: neutral ink, not the first layer's colour.
    expect(p.data.map((f) => f.properties.color)).toEqual([MIXED_LINE, MIXED_LINE, MIXED_LINE]);
    // The same data while the window moves (no new tessellation each step); new data when the layers shown change.
    const stepped = buildRegionLayers({ dataset: ds, window: { from: window.from + 1, to: window.to + 1 }, layers: shown, basemap });
    expect((stepped[0].props as unknown as Props).data).toBe(p.data);
    const fewer = buildRegionLayers({ dataset: ds, window, layers: [LAYERS[0].key], basemap });
    expect((fewer[0].props as unknown as Props).data).not.toBe(p.data);
    expect((fewer[0].props as unknown as Props).data).toHaveLength(UNITS.length);
    // One layer: its own colour.
    expect((fewer[0].props as unknown as Props).data[0].properties.color).not.toEqual(MIXED_LINE);
    expect(buildRegionLayers({ dataset: ds, window, layers: [], basemap })[0].props.data).toEqual([]);
  });
});
