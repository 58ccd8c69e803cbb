// Tests for preparing a dataset's map data ahead of the store: a step per pause, the same data as made in the frame, handed out once.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { prepareData } from './prepare-data';
import { prepareAhead, takePrepared } from './layer-prepare';
import { meshOf } from './data-meshes';
import { FIGURE_FIELDS } from '../../core/schema/schema';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology } from '../map/basemap-data';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);

describe('prepareAhead', () => {
  it('prepares a layer per pause, and the layer that draws the dataset takes it as made', async () => {
    const ds = buildDataset(SAMPLE);
    let pauses = 0;
    await prepareAhead(ds, async () => void pauses++);
    // One pause before the context, one per layer and two more per strike layer (after each of its
    // point sets), one per figure column the data has (decoded for the filter counts), one per
    // layer with areas (their mesh), one before the rest, one before the density model.
    const figures = FIGURE_FIELDS.filter((f) => ds.columns.props.keys.includes(f));
    const strikeLayers = ds.layers.filter((l) => l.kind === 'strike').length;
    const withAreas = [...prepareData(buildDataset(SAMPLE)).layers.values()].filter((l) => l.shapes.length).length;
    expect(figures.length).toBeGreaterThan(0);
    expect(strikeLayers).toBeGreaterThan(0);
    expect(withAreas).toBeGreaterThan(0);
    expect(pauses).toBe(ds.layers.length + 2 * strikeLayers + figures.length + withAreas + 3);
    // With the base map, the regions' features in a step of their own.
    const again = buildDataset(SAMPLE);
    let withBase = 0;
    await prepareAhead(again, async () => void withBase++, undefined, undefined, basemap);
    expect(withBase).toBe(pauses + 1);
    const first = takePrepared(ds);
    expect(first.ahead).toBe(true);
    const fresh = prepareData(ds);
    expect([...first.prepared.layers.keys()]).toEqual([...fresh.layers.keys()]);
    for (const [key, layer] of fresh.layers) {
      const made = first.prepared.layers.get(key);
      expect(made?.marks.map((m) => m.item.id)).toEqual(layer.marks.map((m) => m.item.id));
      expect(made?.windowed?.points.positions).toEqual(layer.windowed?.points.positions);
      // The areas' mesh was built ahead: the first frame's shapeLayer finds it made.
      if (made?.shapes.length)
        expect(() =>
          meshOf(made.shapes, () => {
            throw new Error(`${key}: the areas' mesh was not made ahead`);
          }),
        ).not.toThrow();
    }
    // The density model keeps per-view state: a second layer (e.g. a PNG export) gets its own.
    const second = takePrepared(ds);
    expect(second.prepared).toBe(first.prepared);
    expect(second.density).not.toBe(first.density);
  });

  it('with the map’s zoom, builds the density model’s hexagon grid at it too (one pause more), not in the first frame', async () => {
    const ds = buildDataset(SAMPLE);
    let pauses = 0;
    await prepareAhead(ds, async () => void pauses++, undefined, 6);
    const { density } = takePrepared(ds);
    expect(density.hasZoom(6)).toBe(true);
    expect(density.hasZoom(9)).toBe(false);
    // Without a zoom (an import's dataset), the grid is left to the first frame, as before.
    const other = buildDataset(SAMPLE);
    let without = 0;
    await prepareAhead(other, async () => void without++);
    expect(takePrepared(other).density.hasZoom(6)).toBe(false);
    expect(pauses).toBe(without + 1);
  });

  it('stops when cancelled (a newer dataset came), and the map prepares in the frame instead', async () => {
    const ds = buildDataset(SAMPLE);
    let pauses = 0;
    await prepareAhead(
      ds,
      async () => void pauses++,
      () => pauses >= 2,
    );
    expect(pauses).toBe(2);
    expect(takePrepared(ds).ahead).toBe(false);
  });
});
