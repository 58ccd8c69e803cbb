// The one vanilla zustand store: state, actions, and the selectors controls read.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Dataset, Item } from '../core/columnar/dataset';
import { SPEEDS } from '../core/config';
import { formatIsoDay, parseIsoDay } from '../core/time/days';
import {
  clampWindow,
  effectiveWindow,
  jumpWindow,
  openingDay,
  stepWindow,
  type DayRange,
  type WindowMode,
} from '../core/time/window';
import { windowView, type WindowView } from '../core/columnar/window-query';
import { OPEN_DAY } from '../core/columnar/columns';
import type { HashState } from './url-hash';
import { NO_FILTERS, filtersActive, normaliseFilters, passMask, type Filters } from '../core/filters/filters';
import type { AggMode } from './agg-mode';
import type { AreaFilter } from '../core/filters/area';
import { CameraSlot } from './camera';
import { afterArrival, intentFor, type LinkIntent } from './link-intent';
import { NO_IMPORTS, type ImportsState } from './imports';

export type { View, Padding, MoveOptions } from './camera';

export interface AtlasState {
  dataset: Dataset | null;
  /** The window as ISO dates, inclusive; in cumulative mode `from` is ignored for display. */
  window: { from: string; to: string };
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

export type AtlasStore = StoreApi<AtlasState & AtlasActions>;

/** Creates the store. Pure apart from zustand; no DOM. */
export function createAtlasStore(): AtlasStore {
  return createStore<AtlasState & AtlasActions>()((set, get) => ({
    dataset: null,
    window: { from: '1970-01-01', to: '1970-01-01' },
    mode: 'window',
    layers: ['strikes', 'facilities', 'deployments', 'links'],
    camera: new CameraSlot(),
    selected: null,
    playing: false,
    speed: 1,
    dataUrls: [],
    linkIntent: null,
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
        set({ dataset, window: toIso(win), layers: dataset.layers.map((l) => l.key) });
        return;
      }
      // New data (e.g. an import): keep the window where it fits, keep hidden layers hidden,
      // show layers that are new, and drop a selection the data no longer has.
      const win = clampWindow(windowDays(get()), dataset.span);
      const shown = new Set(get().layers);
      const layers = dataset.layers.filter((l) => shown.has(l.key) || !prev.layerOf.has(l.key)).map((l) => l.key);
      const selected = get().selected;
      set({
        dataset,
        window: toIso(win),
        layers,
        selected: selected && dataset.find(selected) ? selected : null,
        area: null,
      });
    },
    setWindow(from, to) {
      const ds = get().dataset;
      const win = ds ? clampWindow({ from, to }, ds.span) : { from, to };
      set({ window: toIso(win) });
    },
    step(days) {
      const s = get();
      if (!s.dataset) return;
      set({ window: toIso(stepWindow(windowDays(s), days, s.mode, s.dataset.span)) });
    },
    jump(where) {
      const s = get();
      if (!s.dataset) return;
      set({ window: toIso(jumpWindow(windowDays(s), where, s.mode, s.dataset.span)) });
    },
    setMode(mode) {
      set({ mode });
    },
    setLayerVisible(layer, visible) {
      const { layers: current, dataset } = get();
      const order = dataset ? dataset.layers.map((l) => l.key) : [...new Set([...current, layer])];
      set({ layers: order.filter((k) => (k === layer ? visible : current.includes(k))) });
    },
    select(id) {
      set({ selected: id });
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
      const intent = intentFor(hash, get().linkIntent, get().dataUrls);
      const waiting = intent !== null;
      patch.linkIntent = intent;
      if (hash.t) {
        const from = parseIsoDay(hash.t.from) as number;
        const to = parseIsoDay(hash.t.to) as number;
        const ds = get().dataset;
        const win = ds ? clampWindow({ from, to }, ds.span) : { from, to };
        if (ds && !waiting && (win.from !== from || win.to !== to)) {
          warnings.push(
            `URL hash: t=${hash.t.from}..${hash.t.to} reaches outside the data (${formatIsoDay(ds.span.start)}..${formatIsoDay(ds.span.end)}); shown as ${formatIsoDay(win.from)}..${formatIsoDay(win.to)}`,
          );
        }
        patch.window = toIso(win);
      }
      if (hash.mode) patch.mode = hash.mode;
      if (hash.layers) {
        const ds = get().dataset;
        if (ds) {
          const unknown = hash.layers.filter((k) => !ds.layerOf.has(k));
          if (unknown.length && !waiting)
            warnings.push(`URL hash: layer(s) ${unknown.map((k) => `"${k}"`).join(', ')} not in the data; ignored`);
          patch.layers = ds.layers.map((l) => l.key).filter((k) => hash.layers?.includes(k));
        } else patch.layers = hash.layers;
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
        const ds = get().dataset;
        if (hash.sel !== null && ds && !ds.find(hash.sel)) {
          if (!waiting) warnings.push(`URL hash: sel="${hash.sel}" is not a feature in the data; ignored`);
        } else patch.selected = hash.sel;
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
      const ds = get().dataset;
      const next: Partial<AtlasState> = {};
      if (patch.window) next.window = toIso(ds ? clampWindow(patch.window, ds.span) : patch.window);
      if (patch.mode) next.mode = patch.mode;
      if (patch.layers)
        next.layers = ds ? ds.layers.map((l) => l.key).filter((k) => patch.layers?.includes(k)) : patch.layers;
      if (patch.selected !== undefined)
        next.selected = patch.selected && ds && !ds.find(patch.selected) ? null : patch.selected;
      if (patch.filters) next.filters = normaliseFilters(patch.filters, NO_FILTERS);
      set(next);
    },
    setAgg(agg) {
      set({ agg });
    },
    setArea(area) {
      set({ area });
    },
  }));
}

function toIso(win: DayRange): { from: string; to: string } {
  return { from: formatIsoDay(win.from), to: formatIsoDay(win.to) };
}

/** The stored window as day numbers. */
export function windowDays(s: Pick<AtlasState, 'window'>): DayRange {
  return { from: parseIsoDay(s.window.from) ?? 0, to: parseIsoDay(s.window.to) ?? 0 };
}

/** The window the map and list show, after the mode is applied. */
export function shownWindow(s: Pick<AtlasState, 'window' | 'mode' | 'dataset'>): DayRange {
  const win = windowDays(s);
  return s.dataset ? effectiveWindow(win, s.mode, s.dataset.span) : win;
}

/** What the list shows: the current window on enabled layers, after the filters (if given), in start order. */
export function visibleItems(
  s: Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'> & Partial<Pick<AtlasState, 'filters'>>,
): Item[] {
  const ds = s.dataset;
  if (!ds) return [];
  return Array.from(shownView(s).rows(), (row) => ds.itemAt(row));
}

/**
 * The same rows without making Items: the count (by binary search), per-layer counts, and the rows
 * themselves on demand. The per-frame controls (list, count, legend) read this; see window-query.ts.
 */
export function shownView(
  s: Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'> & Partial<Pick<AtlasState, 'filters'>>,
): WindowView {
  if (!s.dataset) return EMPTY_VIEW;
  return windowView(s.dataset, shownWindow(s), s.layers, s.filters ? passMask(s.dataset, s.filters) : null);
}

/** How many items the list shows (visibleItems(s).length, without making them). */
export function visibleCount(
  s: Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'> & Partial<Pick<AtlasState, 'filters'>>,
): number {
  return shownView(s).count;
}

const EMPTY_VIEW: WindowView = { count: 0, perLayer: new Uint32Array(0), rows: () => new Uint32Array(0) };

/** The window and layers' items before the weapon, figure and search filters (what the filters narrow). */
export function unfilteredItems(s: Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'>): Item[] {
  return visibleItems({ window: s.window, mode: s.mode, dataset: s.dataset, layers: s.layers });
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
