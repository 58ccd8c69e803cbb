// AtlasDataLayer, the one composite data layer: per-dataset state made once, a window change touches only the window's props, bins follow `agg`.
import { DataMeshLayer } from './data-mesh-layer';
import { autoDrawn, markCover } from '../../app/agg-mode';
import type { DataMesh } from './data-mesh';
import { describe, expect, it } from 'vitest';
import { WebMercatorViewport, type Layer } from '@deck.gl/core';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE, feature } from '../../../tests/support/features';
import { parseIsoDay, formatIsoDay } from '../../core/time/days';
import { AtlasDataLayer, type AtlasLayerProps } from './atlas-layer';
import { WindowedPointsLayer } from './windowed-points-layer';
import type { DensityInfo } from './density';

const day = (s: string): number => parseIsoDay(s) as number;
const viewport = new WebMercatorViewport({ width: 1000, height: 700, longitude: 33, latitude: 48.5, zoom: 5 });

/**
 * Drives the layer as deck.gl's LayerManager does: the first instance initialises its state,
 * every next instance (a new frame's props) takes over that state, gets updateState, then renderLayers.
 */
function driver() {
  let state: unknown = null;
  let last: AtlasDataLayer | null = null;
  return (props: Partial<AtlasLayerProps>): Layer[] => {
    const layer = new AtlasDataLayer({ id: 'atlas', ...props });
    const l = layer as unknown as { state: unknown; context: unknown; props: AtlasLayerProps };
    l.context = { viewport };
    l.state = state ?? {};
    layer.updateState({ props: l.props, oldProps: last?.props ?? {}, context: l.context, changeFlags: {} } as never);
    state = l.state;
    last = layer;
    return layer.renderLayers() as Layer[];
  };
}

const changedProps = (a: Layer, b: Layer): string[] => {
  const pa = a.props as unknown as Record<string, unknown>;
  const pb = b.props as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => pa[k] !== pb[k]).sort();
};

describe('AtlasDataLayer', () => {
  const dataset = buildDataset(SAMPLE);
  const layers = ['strikes', 'facilities', 'deployments'];
  const base = { dataset, layers, selected: 'strike-b', mode: 'window' as const, agg: 'dots' as const };

  it('prepares the dataset once and, when the window moves, changes only filterRange (and the strike slice)', () => {
    const draw = driver();
    const a = draw({ ...base, window: { from: day('2024-11-01'), to: day('2024-11-25') } });
    const b = draw({ ...base, window: { from: day('2021-08-01'), to: day('2021-08-31') } });
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
    expect(a.every((l) => l.id.startsWith('atlas-'))).toBe(true);
    // Same per-dataset state: the strike buffers' set, the areas' data are the very same objects.
    a.forEach((la, i) => {
      expect(changedProps(la, b[i]), la.id).toEqual(
        la instanceof WindowedPointsLayer ? ['filterRange', 'range'] : ['filterRange'],
      );
    });
  });

  it('on a filter change (a search keystroke) keeps the prepared data and changes only the mask and filter accessors', () => {
    const draw = driver();
    const win = { from: day('2021-08-01'), to: day('2024-12-31') };
    const a = draw({ ...base, window: win, filters: { weapons: null, min: null, q: '' } });
    const b = draw({ ...base, window: win, filters: { weapons: null, min: null, q: 'kh' } });
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
    a.forEach((la, i) => {
      // Windowed strikes: the same set (its GPU buffers kept), only the mask; the few others: the filter accessor and its
      // trigger (filterRange is a new array of the same window, a uniform: no attribute is rebuilt for it).
      const expected =
        la instanceof WindowedPointsLayer
          ? ['filterRange', 'mask']
          : la instanceof DataMeshLayer
            ? ['filter', 'filterRange']
            : ['filterRange', 'getFilterValue', 'updateTriggers'];
      // New arrays of the same values (deck.gl compares these two by value): the same window and marks.
      const changed = changedProps(la, b[i]).filter((k) => k !== 'range');
      expect(changed, la.id).toEqual(expected);
      if (la instanceof WindowedPointsLayer) {
        const lb = b[i] as WindowedPointsLayer;
        expect(lb.props.set).toBe(la.props.set);
        expect(lb.props.range).toEqual(la.props.range);
        expect(lb.props.filterRange).toEqual(la.props.filterRange);
        expect(lb.props.mask).not.toBe(la.props.mask);
      }
    });
  });

  it('draws hexagons of the window (not the dots) when pinned, counting exactly its events, and tells the legend', () => {
    const draw = driver();
    const strikes = Array.from({ length: 50 }, (_, i) =>
      feature(
        `s${i}`,
        'strike',
        formatIsoDay(day('2024-11-01') + (i % 10)),
        formatIsoDay(day('2024-11-01') + (i % 10)),
        {},
        [36 + (i % 5) * 0.01, 50],
      ),
    );
    const ds = buildDataset([...SAMPLE, ...strikes]);
    const infos: DensityInfo[] = [];
    const out = draw({
      ...base,
      dataset: ds,
      selected: null,
      agg: 'hexagons',
      window: { from: day('2024-11-01'), to: day('2024-11-04') },
      onDensity: (i) => void infos.push(i),
    });
    const hex = out.find((l) => l.id === 'atlas-density:hexagons');
    // The mesh program every area, region, link and name is drawn with, not a layer type of its own
    // (ColumnLayer's first draw cost software WebGL 0.4–0.9 s in a big import's frame).
    expect(hex?.constructor.name).toBe('DataMeshLayer');
    const strikeDots = out.find((l) => l.id === 'atlas-strikes') as Layer;
    expect(strikeDots.props.visible).toBe(false);
    // 4 days × 5 strikes a day, all within one hexagon at zoom 5; and the SAMPLE's facility, open
    // since October, binned in its own hexagon (its ring hidden with the dots).
    expect(infos.at(-1)).toMatchObject({ drawn: 'hexagons', requested: 'hexagons', total: 21, max: 20 });
    const mesh = (hex!.props as unknown as { mesh: DataMesh }).mesh;
    expect(mesh.vertices).toBe(2 * 6);
    expect(new Set(mesh.pick)).toEqual(new Set([0, 1]));
    expect((out.find((l) => l.id === 'atlas-facilities') as Layer).props.visible).toBe(false);
    // Playing: the ramp's end comes from the whole span (the busiest 4-day tile), not this frame.
    draw({
      ...base,
      dataset: ds,
      selected: null,
      agg: 'hexagons',
      playing: true,
      window: { from: day('2024-11-09'), to: day('2024-11-10') },
      onDensity: (i) => void infos.push(i),
    });
    expect(infos.at(-1)).toMatchObject({ fixed: true, max: 10 });
    expect(infos.at(-1)?.domain).toBeGreaterThanOrEqual(10);
    // auto with 20 in view: dots.
    draw({
      ...base,
      dataset: ds,
      selected: null,
      agg: 'auto',
      window: { from: day('2024-11-01'), to: day('2024-11-04') },
      onDensity: (i) => void infos.push(i),
    });
    expect(infos.at(-1)?.drawn).toBe('dots');
  });

  it('auto bins a view of a few hundred events when they pile up in one place, and keeps spread ones as dots', () => {
    const draw = driver();
    const on = (n: number, spread: boolean) =>
      Array.from({ length: n }, (_, i) =>
        feature(
          `c${i}`,
          'strike',
          '2024-11-02',
          '2024-11-02',
          {},
          spread
            ? [27 + (i % 20) * 0.6, 46 + Math.floor(i / 20) * 0.5]
            : [36.2 + (i % 7) * 0.005, 50 + (i % 5) * 0.005],
        ),
      );
    const infos: DensityInfo[] = [];
    const win = { from: day('2024-11-01'), to: day('2024-11-04') };
    draw({
      ...base,
      dataset: buildDataset([...SAMPLE, ...on(400, false)]),
      selected: null,
      agg: 'auto',
      window: win,
      onDensity: (i) => void infos.push(i),
    });
    expect(infos.at(-1)).toMatchObject({ drawn: 'hexagons', requested: 'auto' });
    draw({
      ...base,
      dataset: buildDataset([...SAMPLE, ...on(400, true)]),
      selected: null,
      agg: 'auto',
      window: win,
      onDensity: (i) => void infos.push(i),
    });
    expect(infos.at(-1)?.drawn).toBe('dots');
    expect(autoDrawn(299, 99)).toBe('dots');
    expect(autoDrawn(300, 2)).toBe('hexagons');
    expect(autoDrawn(300, 1.9)).toBe('dots');
    expect(autoDrawn(3000, 0)).toBe('hexagons');
  });

  it('auto bins facilities piled on a city with the strikes: their rings hidden, the hexagons count and list them', () => {
    // 400 facilities within ~1 km of Dnipro (rings of 9 px: one dark mass over its name at zoom 5), 5 strikes.
    const facilities = Array.from({ length: 400 }, (_, i) =>
      feature(`f${i}`, 'facility', '2023-01-01', null, {}, [
        35.04 + (i % 20) * 0.001,
        48.46 + Math.floor(i / 20) * 0.001,
      ]),
    );
    const strikes = Array.from({ length: 5 }, (_, i) =>
      feature(`s${i}`, 'strike', '2024-11-02', '2024-11-02', {}, [30 + i, 47]),
    );
    const ds = buildDataset([...SAMPLE, ...facilities, ...strikes]);
    const infos: DensityInfo[] = [];
    const draw = driver();
    const win = { from: day('2024-11-01'), to: day('2024-11-04') };
    const out = draw({
      ...base,
      dataset: ds,
      selected: null,
      agg: 'auto',
      window: win,
      onDensity: (i) => void infos.push(i),
    });
    const info = infos.at(-1) as DensityInfo;
    // Without the rings among the bins, 5 strikes in view were drawn as dots and the 400 rings over them.
    expect(info).toMatchObject({ drawn: 'hexagons', requested: 'auto', max: 400 });
    for (const id of ['atlas-facilities', 'atlas-facilities:cores'])
      expect((out.find((l) => l.id === id) as Layer).props.visible, id).toBe(false);
    expect(out.some((l) => l.id === 'atlas-density:hexagons')).toBe(true);
    const cell = info.describe(info.top[0].cell);
    expect(cell.count).toBe(400);
    expect(cell.categories).toEqual([
      { label: ds.layerOf.get('facilities')?.label, color: [0, 140, 172, 255], count: 400 },
    ]);
    // Before the facilities open, the window holds only the 5 spread strikes: dots, and the rings (none shown by the time filter) drawn as ever.
    const before = { from: day('2022-06-01'), to: day('2022-06-04') };
    const out2 = draw({
      ...base,
      dataset: ds,
      selected: null,
      agg: 'auto',
      window: before,
      onDensity: (i) => void infos.push(i),
    });
    expect(infos.at(-1)?.drawn).toBe('dots');
    expect(infos.at(-1)?.total).toBe(0);
    expect((out2.find((l) => l.id === 'atlas-facilities') as Layer).props.visible).toBe(true);
  });

  it('auto counts how much of a hexagon the marks cover: a few large discs per cell pile up, as many small ones do not', () => {
    // 20 clusters of 20 strikes, each cluster in one hexagon at zoom 5: 20 in the busiest cell.
    const clusters = (killed: number) =>
      Array.from({ length: 400 }, (_, i) =>
        feature(`k${i}`, 'strike', '2024-11-02', '2024-11-02', { killed }, [
          27 + (Math.floor(i / 20) % 5) * 2.5 + (i % 5) * 0.004,
          46 + Math.floor(i / 100) * 1.5 + (Math.floor(i / 5) % 4) * 0.004,
        ]),
      );
    const infos: DensityInfo[] = [];
    const draw = driver();
    const win = { from: day('2024-11-01'), to: day('2024-11-04') };
    const big = buildDataset([...SAMPLE, ...clusters(100_000)]);
    draw({ ...base, dataset: big, selected: null, agg: 'auto', window: win, onDensity: (i) => void infos.push(i) });
    const busiest = infos.at(-1)?.top[0]?.count ?? 0;
    expect(busiest).toBeGreaterThanOrEqual(18);
    expect(busiest).toBeLessThan(30); // under the old rule (30 in one hexagon) these were drawn as dots
    expect(infos.at(-1)).toMatchObject({ drawn: 'hexagons', requested: 'auto' });
    const small = buildDataset(clusters(0).map((f) => ({ ...f, properties: { ...f.properties, killed: undefined } })));
    draw({ ...base, dataset: small, selected: null, agg: 'auto', window: win, onDensity: (i) => void infos.push(i) });
    expect(infos.at(-1)?.drawn).toBe('dots');
    expect(markCover(20, Math.PI * 25, 1, 13)).toBeCloseTo((20 * Math.PI * 25) / (1.5 * Math.sqrt(3) * 169), 6);
  });
});
