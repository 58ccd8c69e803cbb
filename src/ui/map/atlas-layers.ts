// The deck.gl layers over the base map, and what drives them, shared by both map views (MapLibre + overlay, deck.gl alone).
import type { Layer, PickingInfo } from '@deck.gl/core';
import { shallow } from 'zustand/vanilla/shallow';
import type { AtlasState, AtlasStore } from '../../app/store';
import { shownWindow } from '../../app/derived';
import type { BasemapPalette } from '../../core/config';
import { overviewLayers } from '../published/overview-layer';
import { AtlasDataLayer, isHexPick } from '../layers/atlas-layer';
import type { DensityInfo } from '../layers/density';
import { buildLabelLayers, type PlacedSite } from '../layers/labels';
import { buildRegionLayers } from '../layers/region-layers';
import type { BasemapData } from './basemap-data';
import { areaOfPick } from './hex-pick';
import type { LabelController } from './label-controller';
import { pickedId, tooltipFor } from './picking';

export interface AtlasLayersInput {
  labels: LabelController;
  basemap: BasemapData;
  palette: BasemapPalette;
  hovered: string | null;
  onDensity: (info: DensityInfo) => void;
}

/** The layers over the base map, bottom first: place dots, a published dataset's overview, regions, the data, the names. */
export function atlasLayers(s: AtlasState, input: AtlasLayersInput): Layer[] {
  if (!s.dataset) return [];
  const { labels, basemap, palette } = input;
  const [dots, names] = buildLabelLayers(labels.place(s), palette);
  const win = shownWindow(s);
  const data = new AtlasDataLayer({
    id: 'atlas',
    dataset: s.dataset,
    window: win,
    mode: s.mode,
    layers: s.layers,
    selected: s.selected,
    hovered: input.hovered,
    filters: s.filters,
    agg: s.agg,
    playing: s.playing,
    area: s.area,
    onDensity: input.onDensity,
    labelDots: labels.dotPoints(),
    staged: true,
  });
  // A published dataset zoomed out: its overview's cells under the data (none otherwise).
  const regions = buildRegionLayers({ dataset: s.dataset, window: win, layers: s.layers, filters: s.filters, basemap });
  return [dots, ...overviewLayers(s.dataset, win, s.layers), ...regions, data, names];
}

/**
 * Redraws when what the layers draw changes (`now`). The filters alone or a selection alone (a click
 * in the list): the list, counts and details paint in the next frame, the map's redraw a frame later
 * (`later`; in software WebGL one map frame of a big import takes a few hundred ms), or, for a
 * search being typed, once the keys pause (`typed`, typing-event.ts). Returns the unsubscribe.
 */
export function watchLayerState(
  store: AtlasStore,
  now: () => void,
  later: () => void,
  typed: () => void = later,
): () => void {
  return store.subscribe(
    (s) => [s.dataset, s.window, s.mode, s.layers, s.filters, s.agg, s.playing, s.area, s.selected],
    (next, before) => {
      const changed = next.flatMap((v, i) => (v !== before[i] ? [i] : []));
      const filtersOnly = changed.length === 1 && changed[0] === 4;
      if (!filtersOnly && changed.some((i) => i < next.length - 1)) now();
      else if (!filtersOnly || (next[4] as { q: string }).q === (before[4] as { q: string }).q) later();
      else typed();
    },
    { equalityFn: shallow },
  );
}

/** Pointer handlers of the deck layers: a click selects (a hexagon narrows the list to its events), a hover highlights. */
export function pointerHandlers(
  store: AtlasStore,
  onHovered: (id: string | null) => void,
): {
  onClick: (info: PickingInfo) => void;
  onHover: (info: PickingInfo) => void;
  getTooltip: typeof tooltipFor;
} {
  let hovered: string | null = null;
  return {
    onClick: (info) => {
      if (isHexPick(info.object)) store.getState().setArea(areaOfPick(store.getState().dataset, info.object));
      else store.getState().select(pickedId(info));
    },
    onHover: (info) => {
      const id = pickedId(info);
      if (id !== hovered) {
        hovered = id;
        onHovered(id);
      }
    },
    getTooltip: tooltipFor,
  };
}

/** Where flying to a feature goes: a link frames both of its ends; anything else is centred; null when it is not placed. */
export function featureTarget(
  store: AtlasStore,
  id: string,
): { bounds: [[number, number], [number, number]] } | { center: [number, number] } | null {
  const item = store.getState().dataset?.find(id);
  const g = item?.feature.geometry;
  if (item && item.kind === 'link' && g?.type === 'LineString') {
    const [[x0, y0], [x1, y1]] = [g.coordinates[0], g.coordinates[g.coordinates.length - 1]];
    return {
      bounds: [
        [Math.min(x0, x1), Math.min(y0, y1)],
        [Math.max(x0, x1), Math.max(y0, y1)],
      ],
    };
  }
  // (An imported feature not placed on the map, null geometry, has no anchor to fly to.)
  if (item && Number.isFinite(item.anchor[0]) && Number.isFinite(item.anchor[1])) return { center: item.anchor };
  return null;
}

/** The names, labelled places' dots and area labels drawn now, in viewport CSS pixels (MapView.labelBoxes). */
export function labelBoxesOf(
  labels: LabelController,
  container: HTMLElement,
): { text: string; kind: string; x: number; y: number; w: number; h: number }[] {
  const r = container.getBoundingClientRect();
  const names = labels.current().map((l: PlacedSite) => ({
    text: l.text,
    kind: l.site.kind,
    x: l.box.x + r.left,
    y: l.box.y + r.top,
    w: l.box.w,
    h: l.box.h,
  }));
  // Each labelled place's dot (a name of an area may never cover one).
  const dots = labels
    .current()
    .filter((l: PlacedSite) => l.dotBox)
    .map((l: PlacedSite) => {
      const d = l.dotBox as NonNullable<PlacedSite['dotBox']>;
      return { text: `dot of ${l.text}`, kind: 'dot', x: d.x + r.left, y: d.y + r.top, w: d.w, h: d.h };
    });
  const areas = labels
    .areas()
    .filter(
      (a) => !a.hidden && a.box.x + a.box.w > 0 && a.box.y + a.box.h > 0 && a.box.x < r.width && a.box.y < r.height,
    )
    .map((a) => ({ text: a.text, kind: 'area', x: a.box.x + r.left, y: a.box.y + r.top, w: a.box.w, h: a.box.h }));
  return [...names, ...dots, ...areas];
}

/** Work for after the next paint (two frames on); `settled()` resolves once all that was asked, or `wait`ed for, has run. */
export function createAfterPaint(): {
  run(fn: () => void): void;
  wait(p: Promise<void>): void;
  settled(): Promise<void>;
} {
  let deferred: Promise<void> = Promise.resolve();
  const wait = (p: Promise<void>): void => {
    deferred = Promise.all([deferred, p]).then(() => undefined);
  };
  return {
    run(fn) {
      wait(
        new Promise<void>((res) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              fn();
              res();
            }),
          ),
        ),
      );
    },
    wait,
    settled: () => deferred,
  };
}

/**
 * Wraps a view's render so that a new dataset in place of the one drawn (an import landing, a
 * published dataset's next block) has its layers built over the next frames, not in the task that
 * gave the store the data: that task already runs every panel's listener. Each of `warm`'s steps
 * (work the layers' build keeps, such as the names' placement: ~50 ms at a 300k import) gets a
 * frame of its own, then the draw one more. The promise of that work goes to `wait` (the view's
 * idle waits for it); renders asked meanwhile are the last frame's.
 */
export function deferDatasetSwap(
  store: AtlasStore,
  draw: () => void,
  wait: (p: Promise<void>) => void,
  warm: readonly (() => void)[] = [],
): () => void {
  let drawn: AtlasState['dataset'] = null;
  let pending = false;
  return () => {
    if (pending) return;
    const ds = store.getState().dataset;
    if (drawn && ds && ds !== drawn) {
      pending = true;
      wait(
        (async () => {
          for (const step of warm) {
            await nextFrame();
            step();
          }
          await nextFrame();
          pending = false;
          drawn = store.getState().dataset;
          draw();
        })(),
      );
      return;
    }
    if (ds) drawn = ds;
    draw();
  };
}

/** The steps whose results the layers' build keeps, for deferDatasetSwap's `warm`: the names' placement, the regions' meshes. */
export function atlasWarmSteps(store: AtlasStore, input: Pick<AtlasLayersInput, 'labels' | 'basemap'>): (() => void)[] {
  return [
    () => input.labels.place(store.getState()),
    () => {
      const s = store.getState();
      if (s.dataset)
        buildRegionLayers({
          dataset: s.dataset,
          window: shownWindow(s),
          layers: s.layers,
          filters: s.filters,
          basemap: input.basemap,
        });
    },
  ];
}

/**
 * A view's render of the atlas layers (both map views): a new dataset's built over the next frames
 * (deferDatasetSwap, with atlasWarmSteps); nothing drawn after `destroy()` (a swap's deferred draw
 * may come later); `settled()` when every layer `draw` last gave deck.gl is loaded — a new
 * dataset's sub-layers all in (AtlasDataLayer `staged`), a big point set's buffers all written
 * (sliced-upload.ts). `draw` returns the layers it gave deck.gl, or null when it drew nothing.
 */
export function atlasRenderer(
  store: AtlasStore,
  input: Pick<AtlasLayersInput, 'labels' | 'basemap'>,
  wait: (p: Promise<void>) => void,
  draw: () => Layer[] | null,
): { render: () => void; settled: () => boolean; destroy: () => void } {
  let last: Layer[] = [];
  let destroyed = false;
  const render = deferDatasetSwap(
    store,
    () => {
      if (destroyed) return;
      last = draw() ?? last;
    },
    wait,
    atlasWarmSteps(store, input),
  );
  return {
    render,
    settled: () => last.every((l) => l.isLoaded),
    destroy: () => {
      destroyed = true;
    },
  };
}

export function nextFrame(): Promise<void> {
  return new Promise((res) => requestAnimationFrame(() => res()));
}

export const reduceMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
