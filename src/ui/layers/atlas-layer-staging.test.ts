// AtlasDataLayer with `staged`: a new dataset's sub-layers come in over frames (the ones drawn before stay, the layer not loaded meanwhile), the export's all at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebMercatorViewport, type Layer } from '@deck.gl/core';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { parseIsoDay } from '../../core/time/days';
import { AtlasDataLayer, type AtlasLayerProps } from './atlas-layer';

const day = (s: string): number => parseIsoDay(s) as number;
const viewport = new WebMercatorViewport({ width: 1000, height: 700, longitude: 33, latitude: 48.5, zoom: 5 });

/**
 * Drives the layer as deck.gl's LayerManager does (atlas-layer.test.ts), with the change flags of
 * each update; `loaded()` is the last layer's isLoaded (its sub-layers stand in as loaded).
 */
function driver() {
  let state: unknown = null;
  let last: AtlasDataLayer | null = null;
  const draw = (props: Partial<AtlasLayerProps>, propsChanged = true): Layer[] => {
    const layer = new AtlasDataLayer({ id: 'atlas', ...props });
    const l = layer as unknown as { state: unknown; context: unknown; props: AtlasLayerProps };
    l.context = { viewport };
    l.state = state ?? { staging: false, drawnIds: new Set() };
    const changeFlags = { propsOrDataChanged: propsChanged, viewportChanged: false };
    layer.updateState({ props: l.props, oldProps: last?.props ?? {}, context: l.context, changeFlags } as never);
    state = l.state;
    last = layer;
    return layer.renderLayers() as Layer[];
  };
  const loaded = (): boolean => {
    const l = last as unknown as { internalState: unknown; isLoaded: boolean };
    l.internalState = { isAsyncPropLoading: () => false, subLayers: [] }; // deck.gl's, as far as isLoaded reads it
    const v = l.isLoaded;
    l.internalState = undefined;
    return v;
  };
  return Object.assign(draw, { loaded });
}

describe('AtlasDataLayer: a new dataset’s sub-layers come in over frames', () => {
  const before = buildDataset(SAMPLE.filter((f) => f.properties.layer !== 'strike'));
  const after = buildDataset(SAMPLE);
  const base = {
    layers: ['strikes', 'facilities', 'deployments'],
    selected: null,
    mode: 'window' as const,
    agg: 'dots' as const,
    window: { from: day('2021-08-01'), to: day('2024-11-30') },
  };
  let frames: (() => void)[] = [];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the layers drawn before, brings in the new a few a frame, and is loaded once all are in', () => {
    const everything = driver()({ ...base, dataset: after }).map((l) => l.id);
    const draw = driver();
    const first = draw({ ...base, dataset: before, staged: true }).map((l) => l.id);
    expect(draw.loaded()).toBe(true); // the first dataset drawn: everything at once
    let now = draw({ ...base, dataset: after, staged: true }).map((l) => l.id);
    const fresh = everything.filter((id) => !first.includes(id));
    expect(fresh.length).toBeGreaterThan(1);
    expect(now.length).toBeLessThan(everything.length);
    expect(now.filter((id) => fresh.includes(id)).length).toBeGreaterThanOrEqual(1);
    expect(draw.loaded()).toBe(false); // the view's idle waits
    expect(frames).toHaveLength(1); // the next frame updates the layer again
    let guard = 0;
    while (!draw.loaded() && guard++ < 20) {
      const before = now;
      now = draw({ ...base, dataset: after, staged: true }, false).map((l) => l.id);
      expect(now.length).toBeGreaterThan(before.length);
      // In drawing order, always: a sub-list of the full list.
      expect(everything.filter((id) => now.includes(id))).toEqual(now);
    }
    expect(now).toEqual(everything);
    expect(draw.loaded()).toBe(true);
    // Done: a later update draws everything at once again.
    expect(draw({ ...base, dataset: after, staged: true, selected: 'strike-b' }).length).toBeGreaterThanOrEqual(
      everything.length,
    );
  });

  it('without `staged` (the PNG export) draws a new dataset’s sub-layers all at once', () => {
    const everything = driver()({ ...base, dataset: after }).map((l) => l.id);
    const draw = driver();
    draw({ ...base, dataset: before, staged: false });
    expect(draw({ ...base, dataset: after, staged: false }).map((l) => l.id)).toEqual(everything);
    expect(draw.loaded()).toBe(true);
    expect(frames).toHaveLength(0);
  });
});
