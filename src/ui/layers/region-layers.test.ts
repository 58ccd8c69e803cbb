// Tests for the regions' layers: a few region rows tinted one by one, a big import's outlines drawn once for all layers shown.
import { describe, expect, it } from 'vitest';
import type { DataMesh } from './data-mesh';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology } from '../map/basemap-data';
import { buildDataset, type LayerDef } from '../../core/columnar/dataset';
import { feature, SAMPLE } from '../../../tests/support/features';
import type { AtlasFeature } from '../../core/schema/schema';
import { buildRegionLayers, MAX_REGION_ROWS, MIXED_LINE, prepareRegions } from './region-layers';
import { DataMeshLayer } from './data-mesh-layer';
import type { Layer } from '@deck.gl/core';
import type { FilterRange } from './time-filter';
import { areaUnit } from '../map/basemap-lookup';
import { BASEMAP, BASEMAP_DARK } from '../../core/config';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);
const LAYERS: LayerDef[] = ['a', 'b', 'c'].map((k) => ({ key: `f1-${k}`, label: k, kind: 'strike', group: 'x.csv' }));
const UNITS = ['UA-48', 'UA-63', 'UA-51'];

/** `n` strikes at admin-1 precision spread over three layers and three oblasts, one a day from 1 Nov 2024. */
function regionStrikes(n: number): AtlasFeature[] {
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2024, 10, 1 + (i % 60))).toISOString().slice(0, 10);
    const layer = Math.floor(i / 3) % 3;
    const f = feature(`r${i}`, 'strike', day, day, {
      admin_area: UNITS[i % 3],
      weapon: (['missile', 'drone', 'unknown'] as const)[layer],
    });
    (f.properties as unknown as Record<string, unknown>).layer_key = LAYERS[layer].key;
    return f;
  });
}

type GroupedProps = {
  data: { properties: { admin_area?: unknown; span?: number[] } }[];
  mesh: DataMesh;
  filter: Float32Array;
  filterRange: FilterRange;
};
type Props = {
  id: string;
  data: { geometry: unknown; properties: { span?: number[]; color: number[] } }[];
  mesh: DataMesh;
  visible?: boolean;
};
/** The tint of region `k` of a layer's mesh: the colour of its vertices that are not pushed out (the fill's). */
function tintOf(mesh: DataMesh, k: number): number[] {
  for (let v = 0; v < mesh.vertices; v++)
    if (mesh.pick[v] === k && mesh.offsets[2 * v] === 0 && mesh.offsets[2 * v + 1] === 0)
      return [...mesh.colors.subarray(4 * v, 4 * v + 4)];
  throw new Error(`region ${k} has no tint`);
}

describe('buildRegionLayers', () => {
  const window = { from: 20028, to: 20042 };

  it('draws the features made ahead of the first frame (prepareRegions), not new ones', () => {
    const ds = buildDataset(regionStrikes(9), LAYERS);
    const ahead = prepareRegions(ds, basemap);
    expect([...ahead.values()].reduce((n, list) => n + list.length, 0)).toBe(9);
    const layers = buildRegionLayers({ dataset: ds, window, layers: LAYERS.map((l) => l.key), basemap });
    expect(layers).toHaveLength(3);
    for (const l of layers) expect((l.props as unknown as Props).data).toBe(ahead.get(l.id.replace(/:regions$/, '')));
    expect(prepareRegions(buildDataset(SAMPLE), basemap).size).toBe(0);
  });

  it('gives each region row of a small dataset its own tinted outline, a layer per data layer', () => {
    const ds = buildDataset(regionStrikes(9), LAYERS);
    const layers = buildRegionLayers({ dataset: ds, window, layers: LAYERS.map((l) => l.key), basemap }).map(
      (l) => l.props as unknown as Props,
    );
    expect(layers).toHaveLength(3);
    // Each region's tint (vertices with no offset) and outline (pushed out by half its width) in one mesh.
    for (const l of layers) {
      for (let k = 0; k < l.data.length; k++) {
        const own = [...l.mesh.pick.keys()].filter((v) => l.mesh.pick[v] === k);
        expect(own.some((v) => l.mesh.offsets[2 * v] === 0 && l.mesh.offsets[2 * v + 1] === 0)).toBe(true);
        expect(own.some((v) => Math.hypot(l.mesh.offsets[2 * v], l.mesh.offsets[2 * v + 1]) >= 0.99)).toBe(true);
      }
    }
    expect(layers.reduce((a, l) => a + l.data.length, 0)).toBe(9);
    // A window step changes the range only: the same mesh and filter values (no buffer written per frame).
    const moved = buildRegionLayers({
      dataset: ds,
      window: { from: window.from + 7, to: window.to + 7 },
      layers: LAYERS.map((l) => l.key),
      basemap,
    }).map((l) => l.props as unknown as Props & { filter: Float32Array });
    moved.forEach((l, i) => {
      expect(l.mesh).toBe(layers[i].mesh);
      expect(l.filter).toBe((layers[i] as Props & { filter: Float32Array }).filter);
    });
  });

  it('tints a region so that it never reads as water: over either land it is no bluer than the land, yet visible', () => {
    const ds = buildDataset(regionStrikes(9), LAYERS);
    const layers = buildRegionLayers({ dataset: ds, window, layers: LAYERS.map((l) => l.key), basemap });
    const hex = (h: string): number[] => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
    const blueness = (c: number[]): number => c[2] - c[0];
    let checked = 0;
    for (const layer of layers) {
      const props = layer.props as unknown as Props;
      for (const k of props.data.keys()) {
        const [r, g, b, a] = tintOf(props.mesh, k);
        for (const palette of [BASEMAP, BASEMAP_DARK]) {
          const land = hex(palette.land);
          const over = land.map((c, i) => c + (a / 255) * ([r, g, b][i] - c));
          const id = `${props.id} on ${palette.land}`;
          // The old drone-blue tint over the light land: blueness -12 → +13, the sea's +27.
          expect(blueness(over), id).toBeLessThanOrEqual(blueness(land) + 1);
          expect(Math.hypot(...over.map((c, i) => c - land[i])), id).toBeGreaterThan(6);
          checked++;
        }
      }
    }
    expect(checked).toBe(18); // 9 rows, drones among them, on two palettes
  });

  it("draws a big import's units once over every layer shown: outlines in the areas' mesh program, time-filtered on the GPU", () => {
    const n = 3 * MAX_REGION_ROWS;
    const ds = buildDataset(regionStrikes(n), LAYERS);
    const shown = LAYERS.map((l) => l.key);
    const props = (l: Layer): GroupedProps => l.props as unknown as GroupedProps;
    /** The units (by index in `data`) whose outline passes the GPU's time filter (FILTER_GLSL's test, in JS). */
    const drawn = (p: GroupedProps): Set<number> => {
      const inside = (v: number, r: [number, number]): boolean => v >= r[0] && v <= r[1];
      const out = new Set<number>();
      for (let v = 0; v < p.mesh.vertices; v++) {
        const f = [0, 1, 2].map((j) => p.filter[3 * v + j]);
        if (f.every((x, j) => inside(x, p.filterRange[j]))) out.add(p.mesh.pick[v]);
      }
      return out;
    };
    const layers = buildRegionLayers({ dataset: ds, window, layers: shown, basemap });
    // One copy of each oblast, not one per layer and oblast (nine GeoJSON layers before), in the
    // program every area, region, link and name is drawn with: no layer type of its own (LineLayer's
    // first draw cost software WebGL 0.5–1.4 s in the import's frame).
    expect(layers).toHaveLength(1);
    expect(layers[0].id).toBe('regions:grouped');
    expect(layers[0]).toBeInstanceOf(DataMeshLayer);
    const p = props(layers[0]);
    expect(p.data.map((f) => areaUnit(basemap, f.properties.admin_area as string)?.code).sort()).toEqual(
      [...UNITS].sort(),
    );
    // Outlines only: every vertex pushed out by half a 1-px line (no fill), in neutral ink (three layers in three colours share each outline).
    expect(p.mesh.vertices).toBeGreaterThan(0);
    for (let v = 0; v < p.mesh.vertices; v++) {
      expect(Math.hypot(p.mesh.offsets[2 * v], p.mesh.offsets[2 * v + 1])).toBeGreaterThan(0.49);
      expect([...p.mesh.colors.subarray(4 * v, 4 * v + 4)]).toEqual(MIXED_LINE);
    }
    expect(drawn(p)).toEqual(new Set([0, 1, 2]));
    // A window step: the same mesh and filter values (no build, no upload), a new range only.
    const stepped = props(
      buildRegionLayers({
        dataset: ds,
        window: { from: window.from + 1, to: window.to + 1 },
        layers: shown,
        basemap,
      })[0],
    );
    expect(stepped.mesh).toBe(p.mesh);
    expect(stepped.filter).toBe(p.filter);
    // Each unit is shown over the whole span of its rows, whatever layer they are in (unit u holds
    // days u, u + 3, …, u + 57 of the origin): on day 58 only the second and third units are left.
    const late = props(
      buildRegionLayers({ dataset: ds, window: { from: 20028 + 58, to: 20028 + 58 }, layers: shown, basemap })[0],
    );
    expect(late.mesh).toBe(p.mesh);
    const unitOf = (i: number): string => areaUnit(basemap, p.data[i].properties.admin_area as string)?.code ?? '';
    expect(new Set([...drawn(late)].map(unitOf))).toEqual(new Set(UNITS.slice(1)));
    const after = props(
      buildRegionLayers({ dataset: ds, window: { from: 20028 + 90, to: 20028 + 99 }, layers: shown, basemap })[0],
    );
    expect(drawn(after).size).toBe(0);
    // One layer shown: its own colour; none shown: nothing drawn.
    const fewer = props(buildRegionLayers({ dataset: ds, window, layers: [LAYERS[0].key], basemap })[0]);
    expect(fewer.mesh).not.toBe(p.mesh);
    expect(fewer.data).toHaveLength(UNITS.length);
    expect([...fewer.mesh.colors.subarray(0, 4)]).not.toEqual(MIXED_LINE);
    expect(props(buildRegionLayers({ dataset: ds, window, layers: [], basemap })[0]).mesh.indices.length).toBe(0);
  });
});
