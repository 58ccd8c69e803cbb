// The slider's per-frame path: a window change must only change filterRange, never data or accessors.
import { DataMeshLayer } from './data-mesh-layer';
import { ARC_SEGMENTS } from './data-mesh';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AtlasCollection } from '../../core/schema/schema';
import { renderDataLayers, type DataLayerInputs } from './data-layers';
import { prepareData } from './prepare-data';
import { buildLabelLayers } from './labels';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE, feature } from '../../../tests/support/features';
import { normaliseFilters } from '../../core/filters/filters';
import { filterRangeFor } from './time-filter';
import { parseIsoDay } from '../../core/time/days';
import { overlaps } from '../../core/time/window';
import type { Layer } from '@deck.gl/core';
import { WindowedPointsLayer } from './windowed-points-layer';
import { allItems } from '../../../tests/support/dataset-rows';

const day = (s: string): number => parseIsoDay(s) as number;

/**
 * The props a change may touch. Strike points are WindowedPointsLayers: a window is their `range`
 * (which marks to draw from buffers uploaded once; windowed-points-layer.test.ts shows that no
 * accessor runs and nothing is uploaded) and `filterRange`; a filter change is their `mask`.
 */
function allowed(l: Layer, dfe: string[], windowed: string[], mesh: string[] = ['filterRange']): string[] {
  return l instanceof WindowedPointsLayer ? windowed : l instanceof DataMeshLayer ? mesh : dfe;
}

/** The layers as AtlasDataLayer renders them: from one Prepared per dataset (its state). */
function builder(): (input: DataLayerInputs) => Layer[] {
  let p: ReturnType<typeof prepareData> | null = null;
  return (input) => {
    p ??= prepareData(input.dataset);
    return renderDataLayers(p, input);
  };
}

describe('data layers', () => {
  const buildDataLayers = builder();
  const dataset = buildDataset(SAMPLE);
  const layers = ['strikes', 'facilities', 'deployments'] as const;
  const a = buildDataLayers({
    dataset,
    window: { from: day('2024-11-01'), to: day('2024-11-25') },
    layers,
    selected: 'strike-b',
  });
  const b = buildDataLayers({
    dataset,
    window: { from: day('2021-08-01'), to: day('2021-08-31') },
    layers,
    selected: 'strike-b',
  });

  it('keeps stable ids', () => {
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
  });

  it('changes nothing but filterRange when the window moves (no accessor re-run, no attribute rebuild)', () => {
    a.forEach((la, i) => {
      const lb = b[i];
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = lb.props as unknown as Record<string, unknown>;
      const keys = new Set([...Object.keys(pa), ...Object.keys(pb)]);
      const changed = [...keys].filter((k) => pa[k] !== pb[k]).sort();
      expect(changed, `layer ${la.id}`).toEqual(allowed(la, ['filterRange'], ['filterRange', 'range']));
    });
  });

  it("changes only the labels' data (the dots' point set and its range) when a new placement comes (same palette, same accessors)", () => {
    const site = { id: 'data:Kharkiv', text: 'Kharkiv', lon: 36.23, lat: 49.99, kind: 'place' as const, priority: 0 };
    const a = {
      labels: [
        {
          id: site.id,
          text: site.text,
          spot: 'right' as const,
          box: { x: 0, y: 0, w: 40, h: 15 },
          anchor: [0, 0] as [number, number],
          site,
        },
      ],
      dots: [site],
    };
    const b = { labels: [], dots: [] };
    const la = buildLabelLayers(a);
    const lb = buildLabelLayers(b);
    la.forEach((l, i) => {
      const pa = l.props as unknown as Record<string, unknown>;
      const pb = lb[i].props as unknown as Record<string, unknown>;
      // The names' glyphs are a mesh made once per placement (text-mesh.ts), with its filter values.
      const data = l.id === 'place-dots' ? ['set', 'range'] : ['data', 'mesh', 'filter'];
      expect(
        Object.keys(pa).filter((k) => pa[k] !== pb[k] && !data.includes(k)),
        l.id,
      ).toEqual([]);
    });
    // The dots are the data's point layer (one program and layout for every dot), the set made once per placement.
    expect(la[0]).toBeInstanceOf(WindowedPointsLayer);
    expect((la[0] as WindowedPointsLayer).props.set.n).toBe(1);
    expect((buildLabelLayers(a)[0] as WindowedPointsLayer).props.set).toBe((la[0] as WindowedPointsLayer).props.set);
    // The names are the data's mesh layer drawing glyphs: one quad a letter ("Kyiv"), made once per placement.
    const names = la[1] as DataMeshLayer;
    expect(names).toBeInstanceOf(DataMeshLayer);
    expect(names.props.glyphs).toBe(true);
    expect(names.props.mesh.vertices).toBe(4 * [...site.text].filter((c) => c.trim()).length);
    expect((buildLabelLayers(a)[1] as DataMeshLayer).props.mesh).toBe(names.props.mesh);
  });

  it('encodes the overlap rule in the filter range', () => {
    const win = { from: day('2024-11-25'), to: day('2024-11-25') };
    const [r0, r1] = filterRangeFor(dataset, win);
    for (const it of allItems(dataset)) {
      const v0 = it.startDay - dataset.origin;
      const v1 = (it.endDay ?? dataset.origin + 1_000_000) - dataset.origin;
      const passes = v0 >= r0[0] && v0 <= r0[1] && v1 >= r1[0] && v1 <= r1[1];
      expect(passes, it.id).toBe(overlaps(it.startDay, it.endDay, win));
    }
  });

  it('keeps a selected area by reference too', () => {
    const w1 = buildDataLayers({
      dataset,
      window: { from: day('2024-11-01'), to: day('2024-11-25') },
      layers,
      selected: 'deployment-y',
    });
    const w2 = buildDataLayers({
      dataset,
      window: { from: day('2024-11-02'), to: day('2024-11-25') },
      layers,
      selected: 'deployment-y',
    });
    expect(w1.at(-1)?.props.data).toBe(w2.at(-1)?.props.data);
  });

  it('hides toggled-off layers through `visible`, keeping their data', () => {
    const c = buildDataLayers({
      dataset,
      window: { from: day('2024-11-01'), to: day('2024-11-25') },
      layers: ['facilities'],
      selected: null,
    });
    expect(c.find((l) => l.id === 'strikes')?.props.visible).toBe(false);
    const set = (layers: Layer[]): unknown =>
      (layers.find((l) => l.id === 'strikes')!.props as unknown as { set: unknown }).set;
    expect(set(c)).toBeDefined();
    expect(set(c)).toBe(set(a));
  });

  it('leaves hidden layers untouched when the window moves', () => {
    const hide = (w: { from: number; to: number }) =>
      buildDataLayers({ dataset, window: w, layers: ['facilities'], selected: null });
    const h1 = hide({ from: day('2024-11-01'), to: day('2024-11-25') });
    const h2 = hide({ from: day('2021-08-01'), to: day('2021-08-31') });
    h1.forEach((la, i) => {
      if (la.props.visible) return;
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = h2[i].props as unknown as Record<string, unknown>;
      expect(
        Object.keys(pa).filter((k) => pa[k] !== pb[k]),
        la.id,
      ).toEqual([]);
    });
  });

  it('adds a selection ring for the selected feature', () => {
    const c = buildDataLayers({
      dataset,
      window: { from: day('2024-11-01'), to: day('2024-11-25') },
      layers,
      selected: 'strike-b',
    });
    expect(c.at(-1)?.id).toBe('selection');
  });
});

describe('few programs', () => {
  it('draws every mark with one point layer type (colour from its buffer) and every area and link with one mesh type', () => {
    const out = builder()({
      dataset: buildDataset(SAMPLE),
      window: { from: day('2021-01-01'), to: day('2025-12-31') },
      layers: ['strikes', 'facilities', 'deployments'],
      selected: null,
    });
    const kinds = new Set(out.map((l) => l.constructor.name));
    // No TextLayer: the area labels' boxes and their glyphs are meshes too (text-mesh.ts), the glyphs over the boxes.
    expect([...kinds].sort()).toEqual(['DataMeshLayer', 'WindowedPointsLayer']);
    for (const l of out) if (l instanceof WindowedPointsLayer) expect(l.props.perMarkColor, l.id).toBe(true);
    const text = out.findIndex((l) => l.id === 'deployments:labels');
    const glyphs = out[text] as DataMeshLayer;
    expect(glyphs.props.glyphs).toBe(true);
    expect(out.filter((l) => (l as DataMeshLayer).props.glyphs)).toEqual([glyphs]);
    expect(out[text - 1].id).toBe('deployments:label-boxes');
    const items = glyphs.props.data as unknown[];
    expect((out[text - 1] as DataMeshLayer).props.mesh.vertices).toBe(4 * items.length);
    // Every label's glyphs are there, each quad under its label's index (its filter values).
    const picks = new Set(glyphs.props.mesh.pick);
    expect([...picks].sort()).toEqual(items.map((_, i) => i));
    expect(glyphs.props.filter.length).toBe(3 * glyphs.props.mesh.vertices);
  });

  it('draws no box and no glyph for an area label left out (no room for it), and the rest as before', () => {
    const input = {
      dataset: buildDataset(SAMPLE),
      window: { from: day('2021-01-01'), to: day('2025-12-31') },
      layers: ['strikes', 'facilities', 'deployments'],
      selected: null,
    };
    const glyphsOf = (out: Layer[]) => out.find((l) => l.id === 'deployments:labels') as DataMeshLayer;
    const boxesOf = (out: Layer[]) => out.find((l) => l.id === 'deployments:label-boxes') as DataMeshLayer;
    const all = builder()(input);
    const items = glyphsOf(all).props.data as { id: string }[];
    expect(items.length).toBeGreaterThan(0);
    const left = items[0].id;
    const out = builder()({ ...input, labelNudges: { offset: new Map(), hidden: new Set([left]), key: `${left}:-` } });
    expect(new Set(glyphsOf(out).props.mesh.pick).has(0)).toBe(false);
    expect([...new Set(glyphsOf(out).props.mesh.pick)].sort()).toEqual(items.slice(1).map((_, i) => i + 1));
    expect(boxesOf(out).props.mesh.vertices).toBe(boxesOf(all).props.mesh.vertices - 4);
  });

  it('adds no layer type with a selection: a strike, an area with links, a facility with links, the focus discs', () => {
    const link = feature('link-z', 'link', '2024-11-25', null, {
      from: 'facility-x',
      to: 'deployment-y',
      relation: 'supplies',
      assertion: 'reported',
    });
    link.geometry = {
      type: 'LineString',
      coordinates: [
        [30, 50],
        [31, 51],
      ],
    };
    const dataset = buildDataset([...SAMPLE, link]);
    const draw = builder();
    const input = {
      dataset,
      window: { from: day('2021-01-01'), to: day('2025-12-31') },
      layers: ['strikes', 'facilities', 'deployments', 'links'],
    };
    const none = new Set(draw({ ...input, selected: null }).map((l) => l.constructor.name));
    for (const selected of ['strike-b', 'deployment-y', 'facility-x']) {
      const out = renderDataLayers(prepareData(dataset), { ...input, selected }, { density: [], hovered: 'strike-a' });
      const ids = out.map((l) => l.id);
      expect(
        ids.some((id) => id.startsWith('selection')),
        selected,
      ).toBe(true);
      expect(ids, selected).toContain('focus:uncertainty');
      if (selected !== 'strike-b') expect(ids, selected).toContain('selection:links');
      for (const l of out) expect(none, `${selected}: ${l.id}`).toContain(l.constructor.name);
    }
  });
});

describe('link arcs and filters on the GPU', () => {
  const buildDataLayers = builder();
  const link = feature('link-z', 'link', '2024-11-25', null, {
    from: 'facility-x',
    to: 'deployment-y',
    relation: 'supplies',
    assertion: 'disputed',
    assertion_note: 'n',
  });
  link.geometry = {
    type: 'LineString',
    coordinates: [
      [30, 50],
      [31, 51],
    ],
  };
  const dataset = buildDataset([...SAMPLE, link]);
  const layers = ['strikes', 'facilities', 'deployments', 'links'] as const;
  const win1 = { from: day('2024-11-01'), to: day('2024-11-25') };
  const win2 = { from: day('2021-08-01'), to: day('2021-08-31') };
  const missiles = normaliseFilters({ weapons: ['missile'], q: 'title' });

  it('draws links as an arc layer and highlights a selected facility’s links and ends', () => {
    const out = buildDataLayers({ dataset, window: win1, layers, selected: 'facility-x' });
    const arcs = out.find((l) => l.id === 'links');
    // One mesh (data-mesh.ts): the link's great circle, ARC_SEGMENTS points of two vertices.
    expect(arcs?.constructor.name).toBe('DataMeshLayer');
    expect((arcs!.props.data as unknown[]).length).toBe(1);
    expect((arcs as DataMeshLayer).props.mesh.vertices).toBe(2 * ARC_SEGMENTS);
    expect(out.map((l) => l.id)).toEqual(expect.arrayContaining(['selection:links', 'selection:ends', 'selection']));
    // The ends are a small point set (the data's point layer): one ring, where the link reaches deployment-y.
    const endsOf = (ls: Layer[]) => (ls.find((l) => l.id === 'selection:ends') as WindowedPointsLayer).props.set;
    const ends = endsOf(out);
    expect(ends.n).toBe(1);
    expect([...ends.positions]).toEqual([31, 51]);
    expect(ends.row[0]).toBe((dataset.find('link-z') as { index: number }).index);
    // A selected link: its arc and both ends, no ring.
    const onLink = buildDataLayers({ dataset, window: win1, layers, selected: 'link-z' });
    expect(onLink.some((l) => l.id === 'selection')).toBe(false);
    expect(endsOf(onLink).n).toBe(2);
    // Links toggled off: no highlight.
    const off = buildDataLayers({ dataset, window: win1, layers: ['facilities'], selected: 'facility-x' });
    expect(off.some((l) => l.id === 'selection:links')).toBe(false);
  });

  it('changes nothing but filterRange when the window moves, with filters set and links highlighted', () => {
    const a = buildDataLayers({ dataset, window: win1, layers, selected: 'facility-x', filters: missiles });
    const b = buildDataLayers({
      dataset,
      window: win2,
      layers,
      selected: 'facility-x',
      filters: normaliseFilters({ weapons: ['missile'], q: 'title' }),
    });
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
    a.forEach((la, i) => {
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = b[i].props as unknown as Record<string, unknown>;
      const changed = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => pa[k] !== pb[k]).sort();
      expect(changed, `layer ${la.id}`).toEqual(allowed(la, ['filterRange'], ['filterRange', 'range']));
    });
  });

  it('changes the filter accessor and its update trigger, never the data, when a filter changes', () => {
    const a = buildDataLayers({ dataset, window: win1, layers, selected: null });
    const b = buildDataLayers({ dataset, window: win1, layers, selected: null, filters: missiles });
    a.forEach((la, i) => {
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = b[i].props as unknown as Record<string, unknown>;
      const changed = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => pa[k] !== pb[k]).sort();
      expect(changed, `layer ${la.id}`).toEqual(
        allowed(
          la,
          ['filterRange', 'getFilterValue', 'updateTriggers'],
          ['filterRange', 'mask', 'range'],
          ['filter', 'filterRange'],
        ),
      );
    });
    const c = buildDataLayers({
      dataset,
      window: win1,
      layers,
      selected: null,
      filters: normaliseFilters({ q: 'strike-a' }),
    });
    // Strikes are windowed: the filters reach the GPU as their pass mask (by row).
    const mask = (c.find((l) => l.id === 'strikes')!.props as unknown as { mask: Uint8Array }).mask;
    const pass = (id: string): number | undefined => mask[(dataset.find(id) as { index: number }).index];
    expect([pass('strike-old'), pass('strike-a'), pass('strike-b')]).toEqual([0, 1, 0]);
    expect((c.find((l) => l.id === 'facilities')!.props as unknown as { filterRange: unknown }).filterRange).toEqual(
      filterRangeFor(dataset, win1),
    );
  });
});

describe('drawing order with a selection', () => {
  it('draws the area labels over the selected feature’s links, and the selection ring over both', () => {
    const read = (f: string): AtlasCollection['features'] =>
      (JSON.parse(readFileSync(`data/${f}.geojson`, 'utf8')) as AtlasCollection).features;
    const bundled = buildDataset([...read('strikes'), ...read('facilities'), ...read('deployments'), ...read('links')]);
    // Story step 4: the troops in Kursk selected, their link ending by the area's ">10,000 troops".
    const out = builder()({
      dataset: bundled,
      window: { from: day('2024-11-25'), to: day('2024-11-25') },
      layers: ['deployments', 'links', 'strikes'],
      selected: 'deployment-north-korean-troops-kursk',
    });
    const ids = out.map((l) => l.id);
    const at = (part: string): number => ids.findIndex((id) => id.includes(part));
    expect(at('selection:links'), ids.join(' ')).toBeGreaterThanOrEqual(0);
    expect(at('deployments:labels')).toBeGreaterThan(at('selection:links'));
    expect(ids.at(-1)).toMatch(/^selection/);
    expect(at('deployments:labels')).toBeLessThan(ids.length - 1);
  });
});
