// The one vanilla zustand store: what the user asked for, and the actions that change it (derived state: derived.ts).
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Dataset } from '../core/columnar/dataset';
import { SPEEDS } from '../core/config';
import { formatIsoDay } from '../core/time/days';
import { clampWindow, jumpWindow, openingDay, stepWindow, type DayRange, type WindowMode } from '../core/time/window';
import { OPEN_DAY } from '../core/columnar/columns';
import type { HashState } from './url-hash';
import { NO_FILTERS, filtersActive, normaliseFilters, type Filters } from '../core/filters/filters';
import { fitToDataset, layersAfterChange } from './fit-dataset';
import type { AggMode } from './agg-mode';
import type { AreaFilter } from '../core/filters/area';
import { CameraSlot } from './camera';
import { afterArrival, intentFor, REBUILD, withoutAsk, type LinkIntent } from './link-intent';
import { NO_IMPORTS, type ImportsState } from './imports';

export type { View, Padding, MoveOptions } from './camera';

export interface AtlasState {
  dataset: Dataset | null;
  /** The window as day numbers (days.ts), inclusive; in cumulative mode `from` is ignored for display. */
  window: DayRange;
  mode: WindowMode;
  /** Keys of the layers shown, in the dataset's layer order. */
  layers: string[];
  /**
   * The map's camera (src/app/camera.ts): ask it to move (`moveTo`, `flyToFeature`) and read the view
   * from it. One object for the store's life; until the map attaches itself it keeps the view asked for.
   */
  camera: CameraSlot;
  selected: string | null;
  playing: boolean;
  /** Index into SPEEDS. */
  speed: number;
  /** Datasets the link asks to import (`data=`); the import code loads them and says when each has arrived. */
  dataUrls: string[];
  /** What the link asked for that waits for those data (src/app/link-intent.ts); null when nothing waits. */
  linkIntent: LinkIntent | null;
  /** The data worker is rebuilding the dataset (rebuildStarted … rebuildLanded): a link applied meanwhile waits for it. */
  rebuilding: boolean;
  /** The analyst's imports: loading, loaded (with their reports) and failed (the import code keeps it, its panel shows it). */
  imports: ImportsState;
  /** Weapon, minimum-figure and search filters (the layer toggles are `layers`). */
  filters: Filters;
  /** The guided story, when open: which story (`'1'` = the bundled one) and its 1-based step. */
  story: { id: string; step: number } | null;
  /** How point layers are drawn: auto (dots, or hexagons when the view holds many), dots, hexagons, heatmap (`agg=`). */
  agg: AggMode;
  /** The hexagon the event list is narrowed to (clicking a hexagon), or null. */
  area: AreaFilter | null;
  /** The base map's palette the user chose (`theme=`); null = follow the system's colour scheme. */
  theme: 'light' | 'dark' | null;
}

/** What a story step (or any caller) asks to show in one go (the view is the camera's: `camera.moveTo`). */
export interface ShowPatch {
  window?: { from: number; to: number };
  mode?: WindowMode;
  layers?: string[];
  selected?: string | null;
  filters?: Filters;
}

export interface AtlasActions {
  setDataset(dataset: Dataset): void;
  setWindow(from: number, to: number): void;
  step(days: number): void;
  jump(where: 'start' | 'end'): void;
  setMode(mode: WindowMode): void;
  setLayerVisible(layer: string, visible: boolean): void;
  /** Selects a feature (or none); to fly there too, ask the camera: `camera.flyToFeature(id)`. */
  select(id: string | null): void;
  setPlaying(playing: boolean): void;
  setSpeed(index: number): void;
  /** Applies a link (the view is the camera's: url-sync moves it); returns its warnings. A link whose `data=` is loading keeps what may name those data as `linkIntent`. */
  applyHash(hash: HashState): string[];
  /** One of the link's `data=` URLs has arrived (loaded, or failed): the last one applies the waiting intent; returns its warnings. */
  dataArrived(url: string): string[];
  /** The import code started rebuilding the dataset (an import added or removed, the bundled data toggled). */
  rebuildStarted(): void;
  /** The rebuilt dataset is in the store (or the build failed): a link applied meanwhile is applied again; returns its warnings. */
  rebuildLanded(): string[];
  setImports(imports: ImportsState): void;
  setFilters(patch: Partial<Filters>): void;
  clearFilters(): void;
  openStory(id?: string, step?: number): void;
  setStoryStep(step: number): void;
  closeStory(): void;
  /** Sets several parts at once (one change for subscribers). */
  show(patch: ShowPatch): void;
  setAgg(agg: AggMode): void;
  setArea(area: AreaFilter | null): void;
  setTheme(theme: 'light' | 'dark' | null): void;
}

type Atlas = AtlasState & AtlasActions;

/**
 * The store, with zustand's subscribeWithSelector: `subscribe(listener)`, or
 * `subscribe(selector, listener, { equalityFn: shallow })` to hear only when what the selector picks changes.
 */
export type AtlasStore = Mutate<StoreApi<Atlas>, [['zustand/subscribeWithSelector', never]]>;

/** Creates the store. Pure apart from zustand; no DOM. */
export function createAtlasStore(): AtlasStore {
  return createStore<Atlas>()(
    subscribeWithSelector((set, get) => ({
      dataset: null,
      window: { from: 0, to: 0 },
      mode: 'window',
      layers: ['strikes', 'facilities', 'deployments', 'links'],
      camera: new CameraSlot(),
      selected: null,
      playing: false,
      speed: 1,
      dataUrls: [],
      linkIntent: null,
      rebuilding: false,
      imports: NO_IMPORTS,
      filters: NO_FILTERS,
      story: null,
      agg: 'auto',
      area: null,
      theme: null,

      setTheme(theme) {
        if (get().theme !== theme) set({ theme });
      },

      setDataset(dataset) {
        const prev = get().dataset;
        if (!prev) {
          // First data: the 30 days up to the newest event dated to within a month; every layer shown.
          const { start, end } = dataset.columns;
          const to = openingDay(start, end, OPEN_DAY, dataset.span);
          const win = clampWindow({ from: to - 29, to }, dataset.span);
          set({ dataset, window: win, layers: dataset.layers.map((l) => l.key) });
          return;
        }
        // New data (e.g. an import): keep the window where it fits, keep hidden layers hidden,
        // show layers that are new, and drop a selection the data no longer has.
        const s = get();
        const fit = fitToDataset(dataset, {
          window: s.window,
          layers: layersAfterChange(s.layers, prev, dataset),
          selected: s.selected,
        });
        set({ dataset, window: fit.window, layers: fit.layers, selected: fit.selected, area: null });
      },
      // The person's own window, layers and selection win over a link's that waits for its data (withoutAsk).
      setWindow(from, to) {
        set({
          window: fitToDataset(get().dataset, { window: { from, to } }).window,
          linkIntent: withoutAsk(get().linkIntent, 't'),
        });
      },
      step(days) {
        const s = get();
        if (!s.dataset) return;
        set({ window: stepWindow(s.window, days, s.mode, s.dataset.span), linkIntent: withoutAsk(s.linkIntent, 't') });
      },
      jump(where) {
        const s = get();
        if (!s.dataset) return;
        set({ window: jumpWindow(s.window, where, s.mode, s.dataset.span), linkIntent: withoutAsk(s.linkIntent, 't') });
      },
      setMode(mode) {
        set({ mode });
      },
      setLayerVisible(layer, visible) {
        const { layers: current, dataset } = get();
        const order = dataset ? dataset.layers.map((l) => l.key) : [...new Set([...current, layer])];
        set({
          layers: order.filter((k) => (k === layer ? visible : current.includes(k))),
          linkIntent: withoutAsk(get().linkIntent, 'layers'),
        });
      },
      select(id) {
        set({ selected: id, linkIntent: withoutAsk(get().linkIntent, 'sel') });
      },
      setPlaying(playing) {
        set({ playing });
      },
      setSpeed(index) {
        set({ speed: Math.max(0, Math.min(SPEEDS.length - 1, Math.round(index))) });
      },
      applyHash(hash) {
        const warnings: string[] = [];
        const patch: Partial<AtlasState> = {};
        // Data the link names still loading: what may name them waits (no warnings yet) as linkIntent.
        const intent = intentFor(hash, get().linkIntent, get().dataUrls, get().rebuilding);
        const waiting = intent !== null;
        patch.linkIntent = intent;
        const ds = get().dataset;
        const fit = fitToDataset(ds, { window: hash.t, layers: hash.layers, selected: hash.sel });
        if (hash.t && fit.window) {
          const win = fit.window;
          if (ds && !waiting && fit.windowMoved) {
            const iso = (w: DayRange): string => `${formatIsoDay(w.from)}..${formatIsoDay(w.to)}`;
            warnings.push(
              `URL hash: t=${iso(hash.t)} reaches outside the data (${iso({ from: ds.span.start, to: ds.span.end })}); shown as ${iso(win)}`,
            );
          }
          patch.window = win;
        }
        if (hash.mode) patch.mode = hash.mode;
        if (hash.layers) {
          if (fit.unknownLayers.length && !waiting)
            warnings.push(
              `URL hash: layer(s) ${fit.unknownLayers.map((k) => `"${k}"`).join(', ')} not in the data; ignored`,
            );
          // A list of nothing but layers the data lack is ignored, as the warning says (it used to
          // turn every layer off); `layers=` (empty) still does.
          const noneKnown = hash.layers.length > 0 && fit.unknownLayers.length === hash.layers.length;
          if (!noneKnown) patch.layers = fit.layers;
        }
        if (hash.data) patch.dataUrls = hash.data;
        if (hash.agg) patch.agg = hash.agg;
        if (hash.theme !== undefined) patch.theme = hash.theme;
        if (hash.q !== undefined || hash.weapon !== undefined || hash.min !== undefined) {
          patch.filters = normaliseFilters({ q: hash.q, weapons: hash.weapon, min: hash.min }, get().filters);
        }
        const story = get().story;
        if (hash.story === '0') patch.story = null;
        else if (hash.story || (hash.step !== undefined && story)) {
          const next = { id: hash.story ?? (story as { id: string }).id, step: hash.step ?? 1 };
          if (!story || story.id !== next.id || story.step !== next.step) patch.story = next;
        } else if (hash.step !== undefined) warnings.push(`URL hash: step=${hash.step} without story=…; ignored`);
        if (hash.sel !== undefined) {
          if (fit.missingSelection !== null) {
            if (!waiting)
              warnings.push(`URL hash: sel="${fit.missingSelection}" is not a feature in the data; ignored`);
          } else patch.selected = fit.selected;
        }
        set(patch);
        return warnings;
      },
      dataArrived(url) {
        const intent = get().linkIntent;
        if (!intent?.awaiting.includes(url)) return [];
        const next = afterArrival(intent, url);
        set({ linkIntent: next });
        return next ? [] : get().applyHash(intent.link);
      },
      rebuildStarted() {
        if (!get().rebuilding) set({ rebuilding: true });
      },
      rebuildLanded() {
        if (!get().rebuilding) return [];
        set({ rebuilding: false });
        return get().dataArrived(REBUILD);
      },
      setImports(imports) {
        set({ imports });
      },
      setFilters(patch) {
        set({ filters: normaliseFilters(patch, get().filters) });
      },
      clearFilters() {
        set({ filters: NO_FILTERS });
      },
      openStory(id = '1', step = 1) {
        set({ story: { id, step: Math.max(1, Math.round(step)) } });
      },
      setStoryStep(step) {
        const story = get().story;
        if (story && story.step !== step) set({ story: { id: story.id, step: Math.max(1, Math.round(step)) } });
      },
      closeStory() {
        set({ story: null });
      },
      show(patch) {
        const next: Partial<AtlasState> = {};
        const fit = fitToDataset(get().dataset, patch);
        if (patch.window) next.window = fit.window;
        if (patch.mode) next.mode = patch.mode;
        if (patch.layers) next.layers = fit.layers;
        if (patch.selected !== undefined) next.selected = fit.selected;
        if (patch.filters) next.filters = normaliseFilters(patch.filters, NO_FILTERS);
        set(next);
      },
      setAgg(agg) {
        set({ agg });
      },
      setArea(area) {
        set({ area });
      },
    })),
  );
}

/** The part of the state a link carries: the view read from the camera, and what a link asked for that waits for its data. */
export function hashStateOf(s: AtlasState): HashState {
  const f = s.filters ?? NO_FILTERS;
  const asked = s.linkIntent?.link;
  const hash: HashState = {
    t: asked?.t ?? s.window,
    mode: s.mode,
    layers: asked?.layers ?? s.layers,
    view: s.camera.view(),
    sel: asked?.sel !== undefined ? asked.sel : s.selected,
    data: s.dataUrls,
  };
  if (filtersActive(f)) {
    if (f.q.trim()) hash.q = f.q;
    if (f.weapons) hash.weapon = f.weapons;
    if (f.min) hash.min = f.min;
  }
  if (s.story) {
    hash.story = s.story.id;
    hash.step = s.story.step;
  }
  if (s.agg && s.agg !== 'auto') hash.agg = s.agg;
  if (s.theme) hash.theme = s.theme;
  return hash;
}
