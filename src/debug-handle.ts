// `window.__atlas`: a small handle for tests and debugging (store, projection, picking, idle).
import type { AtlasStore } from './state/store';
import type { MapView } from './map/map-view';
import type { ExportHandle } from './export/handle';

export interface AtlasHandle {
  store: AtlasStore;
  project(lon: number, lat: number): [number, number] | null;
  pick(x: number, y: number): string | null;
  /** Ids of every pickable feature drawn in a viewport rectangle (tests: "is this arc drawn anywhere here"). */
  pickRect(x: number, y: number, width: number, height: number): string[];
  idle(): Promise<void>;
  /** Loads the export code on demand: PNG/GeoJSON/CSV exports as data (scripts/snapshot.ts, tests). */
  exports(): Promise<ExportHandle>;
}

declare global {
  interface Window {
    __atlas?: AtlasHandle;
  }
}

export function installDebugHandle(store: AtlasStore, view: MapView | null): void {
  window.__atlas = {
    store,
    project: (lon, lat) => (view ? view.project(lon, lat) : null),
    pick: (x, y) => (view ? view.pick(x, y) : null),
    pickRect: (x, y, w, h) => (view ? view.pickRect(x, y, w, h) : []),
    idle: () => (view ? view.idle() : Promise.resolve()),
    exports: async () => (await import('./export/handle')).createExportHandle(store, view),
  };
}
