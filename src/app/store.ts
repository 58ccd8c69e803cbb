// The one vanilla zustand store: what the user asked for, and the actions that change it (derived state: derived.ts).
import { createStore, type Mutate, type StoreApi } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Dataset } from '../core/columnar/dataset';
import { INITIAL_VIEW, SPEEDS } from '../core/config';
import { formatIsoDay } from '../core/time/days';
import { clampWindow, jumpWindow, openingDay, stepWindow, type DayRange, type WindowMode } from '../core/time/window';
import { OPEN_DAY } from '../core/columnar/columns';
import type { HashState } from './url-hash';
import { NO_FILTERS, filtersActive, normaliseFilters, type Filters } from '../core/filters/filters';
import { fitToDataset, layersAfterChange } from './fit-dataset';
import type { AggMode } from './agg-mode';
import type { AreaFilter } from '../core/filters/area';

export interface View {
  lat: number;
  lon: number;
  zoom: number;
}

export interface AtlasState {
  dataset: Dataset | null;
  /** The window as day numbers (days.ts), inclusive; in cumulative mode `from` is ignored for display. */
  window: DayRange;
  mode: WindowMode;
  /** Keys of the layers shown, in the dataset's layer order. */
  layers: string[];
  view: View;
  selected: string | null;
  playing: boolean;
  /** Index into SPEEDS. */
  speed: number;
  /** Bumped when something asks the map to fly to a feature (e.g. choosing it in the list). */
  flyTo: { id: string; seq: number } | null;
  /** Datasets the link asks to import (`data=`); the import code loads them. */
  dataUrls: string[];
  /** Weapon, minimum-figure and search filters (the layer toggles are `layers`). */
  filters: Filters;
  /** The guided story, when open: which story (`'1'` = the bundled one) and its 1-based step. */
  story: { id: string; step: number } | null;
  /** Bumped when something asks the map to move to a view (a story step); `animate` = fly there. */
  moveTo: { view: View; seq: number; animate: boolean; padding?: Padding } | null;
  /** How point layers are drawn: auto (dots, or hexagons when the view holds many), dots, hexagons, heatmap (`agg=`). */
  agg: AggMode;
  /** The hexagon the event list is narrowed to (clicking a hexagon), or null. */
  area: AreaFilter | null;
  /** The base map's palette the user chose (`theme=`); null = follow the system's colour scheme. */
  theme: 'light' | 'dark' | null;
}

/** Pixels of the map covered on each side (e.g. by the story bar): a view is centred in what is left. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** How `moveView` and `show` move the map. */
export interface MoveOptions {
  /** Fly there (never under prefers-reduced-motion) rather than jump. */
  animate?: boolean;
  /** Centre the view in the map less this padding; left out = keep the map's current padding. */
  padding?: Padding;
}

/** What a story step (or any caller) asks to show in one go. */
export interface ShowPatch {
  window?: { from: number; to: number };
  mode?: WindowMode;
  layers?: string[];
  selected?: string | null;
  filters?: Filters;
  view?: View;
}

export interface AtlasActions {
  setDataset(dataset: Dataset): void;
  setWindow(from: number, to: number): void;
  step(days: number): void;
  jump(where: 'start' | 'end'): void;
  setMode(mode: WindowMode): void;
  setLayerVisible(layer: string, visible: boolean): void;
  select(id: string | null, opts?: { fly?: boolean }): void;
  setView(view: View): void;
  setPlaying(playing: boolean): void;
  setSpeed(index: number): void;
  applyHash(hash: HashState): string[];
  setFilters(patch: Partial<Filters>): void;
  clearFilters(): void;
  openStory(id?: string, step?: number): void;
  setStoryStep(step: number): void;
  closeStory(): void;
  /** Moves the map to a view: flies there when `animate`, else jumps. */
  moveView(view: View, opts?: MoveOptions): void;
  /** Sets several parts at once (one change for subscribers); the view moves as in moveView. */
  show(patch: ShowPatch, opts?: MoveOptions): void;
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
      view: { ...INITIAL_VIEW },
      selected: null,
      playing: false,
      speed: 1,
      flyTo: null,
      dataUrls: [],
      filters: NO_FILTERS,
      story: null,
      moveTo: null,
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
      setWindow(from, to) {
        set({ window: fitToDataset(get().dataset, { window: { from, to } }).window });
      },
      step(days) {
        const s = get();
        if (!s.dataset) return;
        set({ window: stepWindow(s.window, days, s.mode, s.dataset.span) });
      },
      jump(where) {
        const s = get();
        if (!s.dataset) return;
        set({ window: jumpWindow(s.window, where, s.mode, s.dataset.span) });
      },
      setMode(mode) {
        set({ mode });
      },
      setLayerVisible(layer, visible) {
        const { layers: current, dataset } = get();
        const order = dataset ? dataset.layers.map((l) => l.key) : [...new Set([...current, layer])];
        set({ layers: order.filter((k) => (k === layer ? visible : current.includes(k))) });
      },
      select(id, opts) {
        const seq = (get().flyTo?.seq ?? 0) + 1;
        set(id && opts?.fly ? { selected: id, flyTo: { id, seq } } : { selected: id });
      },
      setView(view) {
        set({ view });
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
        const ds = get().dataset;
        const fit = fitToDataset(ds, { window: hash.t, layers: hash.layers, selected: hash.sel });
        if (hash.t && fit.window) {
          const win = fit.window;
          if (ds && fit.windowMoved) {
            const iso = (w: DayRange): string => `${formatIsoDay(w.from)}..${formatIsoDay(w.to)}`;
            warnings.push(
              `URL hash: t=${iso(hash.t)} reaches outside the data (${iso({ from: ds.span.start, to: ds.span.end })}); shown as ${iso(win)}`,
            );
          }
          patch.window = win;
        }
        if (hash.mode) patch.mode = hash.mode;
        if (hash.layers) {
          if (fit.unknownLayers.length)
            warnings.push(
              `URL hash: layer(s) ${fit.unknownLayers.map((k) => `"${k}"`).join(', ')} not in the data; ignored`,
            );
          patch.layers = fit.layers;
        }
        if (hash.view) patch.view = hash.view;
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
          if (fit.missingSelection !== null)
            warnings.push(`URL hash: sel="${fit.missingSelection}" is not a feature in the data; ignored`);
          else patch.selected = fit.selected;
        }
        set(patch);
        return warnings;
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
      moveView(view, opts) {
        const seq = (get().moveTo?.seq ?? 0) + 1;
        set({ view, moveTo: { view, seq, animate: opts?.animate ?? false, padding: opts?.padding } });
      },
      show(patch, opts) {
        const next: Partial<AtlasState> = {};
        const fit = fitToDataset(get().dataset, patch);
        if (patch.window) next.window = fit.window;
        if (patch.mode) next.mode = patch.mode;
        if (patch.layers) next.layers = fit.layers;
        if (patch.selected !== undefined) next.selected = fit.selected;
        if (patch.filters) next.filters = normaliseFilters(patch.filters, NO_FILTERS);
        if (patch.view) {
          next.view = patch.view;
          next.moveTo = {
            view: patch.view,
            seq: (get().moveTo?.seq ?? 0) + 1,
            animate: opts?.animate ?? false,
            padding: opts?.padding,
          };
        }
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

/** The part of the state a link carries. */
export function hashStateOf(s: AtlasState): HashState {
  const f = s.filters ?? NO_FILTERS;
  const hash: HashState = {
    t: s.window,
    mode: s.mode,
    layers: s.layers,
    view: s.view,
    sel: s.selected,
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
