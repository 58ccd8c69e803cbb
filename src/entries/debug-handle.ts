// `window.__atlas`: a small handle for tests and debugging (store, projection, picking, idle).
import type { AtlasStore } from '../app/store';
import type { MapView } from '../ui/map/map-view';
import type { ExportHandle } from '../ui/export/handle';
import type { Mounted } from '../ui/controls/control';

export interface AtlasHandle {
  store: AtlasStore;
  project(lon: number, lat: number): [number, number] | null;
  pick(x: number, y: number): string | null;
  /** Ids of every pickable feature drawn in a viewport rectangle (tests: "is this arc drawn anywhere here"). */
  pickRect(x: number, y: number, width: number, height: number): string[];
  /** Resolves once a dataset being rebuilt has landed in the store and the map has settled on it. */
  idle(): Promise<void>;
  /** `{ country, admin1 }` (ISO alpha-3, the admin-1 unit's English name) of the drawn base map at a point. */
  basemapAt(
    lon: number,
    lat: number,
  ): { country: string | null; admin1: string | null; admin1Code: string | null } | null;
  /** The names drawn now and their boxes in viewport CSS pixels (tests: no two intersect). */
  labelBoxes(): { text: string; kind: string; x: number; y: number; w: number; h: number }[];
  /** Loads the export code on demand: PNG/GeoJSON/CSV exports as data (scripts/snapshot.ts, tests). */
  exports(): Promise<ExportHandle>;
}

declare global {
  interface Window {
    __atlas?: AtlasHandle;
  }
}

/** Puts `window.__atlas` on the page; `destroy()` takes it off again. */
export function mountDebugHandle(store: AtlasStore, view: MapView | null): Mounted {
  const handle: AtlasHandle = {
    store,
    project: (lon, lat) => (view ? view.project(lon, lat) : null),
    pick: (x, y) => (view ? view.pick(x, y) : null),
    pickRect: (x, y, w, h) => (view ? view.pickRect(x, y, w, h) : []),
    idle: async () => {
      // A dataset being rebuilt (an import added or removed, the bundled data toggled) lands first:
      // the map can only settle on data the store has (up to 30 s).
      for (let i = 0; i < 1200 && store.getState().rebuilding; i++) await new Promise((r) => setTimeout(r, 25));
      if (view) await view.idle();
    },
    basemapAt: (lon, lat) => (view ? view.basemapAt(lon, lat) : null),
    labelBoxes: () => (view ? view.labelBoxes() : []),
    exports: async () => (await import('../ui/export/handle')).createExportHandle(store, view),
  };
  window.__atlas = handle;
  return {
    destroy() {
      if (window.__atlas === handle) delete window.__atlas;
    },
  };
}
