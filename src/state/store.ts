// The one vanilla zustand store: state, actions, and the selectors controls read.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Dataset, Item } from '../data/dataset';
import { INITIAL_VIEW, SPEEDS } from '../config';
import { formatIsoDay, parseIsoDay } from '../time/days';
import { clampWindow, effectiveWindow, jumpWindow, overlaps, stepWindow, type DayRange, type WindowMode } from '../time/window';
import type { HashState } from './url-hash';

export interface View {
  lat: number;
  lon: number;
  zoom: number;
}

export interface AtlasState {
  dataset: Dataset | null;
  /** The window as ISO dates, inclusive; in cumulative mode `from` is ignored for display. */
  window: { from: string; to: string };
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
}

export type AtlasStore = StoreApi<AtlasState & AtlasActions>;

/** Creates the store. Pure apart from zustand; no DOM. */
export function createAtlasStore(): AtlasStore {
  return createStore<AtlasState & AtlasActions>()((set, get) => ({
    dataset: null,
    window: { from: '1970-01-01', to: '1970-01-01' },
    mode: 'window',
    layers: ['strikes', 'facilities', 'deployments'],
    view: { ...INITIAL_VIEW },
    selected: null,
    playing: false,
    speed: 1,
    flyTo: null,
    dataUrls: [],

    setDataset(dataset) {
      const prev = get().dataset;
      if (!prev) {
        // First data: the last 30 days, where the newest reports are; every layer shown.
        const to = dataset.span.end;
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
      set({ dataset, window: toIso(win), layers, selected: selected && dataset.byId.has(selected) ? selected : null });
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
      if (hash.t) {
        const from = parseIsoDay(hash.t.from) as number;
        const to = parseIsoDay(hash.t.to) as number;
        const ds = get().dataset;
        const win = ds ? clampWindow({ from, to }, ds.span) : { from, to };
        if (ds && (win.from !== from || win.to !== to)) {
          warnings.push(`URL hash: t=${hash.t.from}..${hash.t.to} reaches outside the data (${formatIsoDay(ds.span.start)}..${formatIsoDay(ds.span.end)}); shown as ${formatIsoDay(win.from)}..${formatIsoDay(win.to)}`);
        }
        patch.window = toIso(win);
      }
      if (hash.mode) patch.mode = hash.mode;
      if (hash.layers) {
        const ds = get().dataset;
        if (ds) {
          const unknown = hash.layers.filter((k) => !ds.layerOf.has(k));
          if (unknown.length) warnings.push(`URL hash: layer(s) ${unknown.map((k) => `"${k}"`).join(', ')} not in the data; ignored`);
          patch.layers = ds.layers.map((l) => l.key).filter((k) => hash.layers?.includes(k));
        } else patch.layers = hash.layers;
      }
      if (hash.view) patch.view = hash.view;
      if (hash.data) patch.dataUrls = hash.data;
      if (hash.sel !== undefined) {
        const ds = get().dataset;
        if (hash.sel !== null && ds && !ds.byId.has(hash.sel)) warnings.push(`URL hash: sel="${hash.sel}" is not a feature in the data; ignored`);
        else patch.selected = hash.sel;
      }
      set(patch);
      return warnings;
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

/** What the current window shows on enabled layers, in start order. */
export function visibleItems(s: Pick<AtlasState, 'window' | 'mode' | 'dataset' | 'layers'>): Item[] {
  if (!s.dataset) return [];
  const win = shownWindow(s);
  return s.dataset.items.filter((it) => s.layers.includes(it.layer) && overlaps(it.startDay, it.endDay, win));
}

/** The part of the state a link carries. */
export function hashStateOf(s: AtlasState): HashState {
  return { t: s.window, mode: s.mode, layers: s.layers, view: s.view, sel: s.selected, data: s.dataUrls };
}
