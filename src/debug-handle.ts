// `window.__atlas`: a small handle for tests and debugging (store, projection, picking, idle).
import type { AtlasStore } from './state/store';
import type { MapView } from './map/map-view';

export interface AtlasHandle {
  store: AtlasStore;
  project(lon: number, lat: number): [number, number] | null;
  pick(x: number, y: number): string | null;
  idle(): Promise<void>;
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
    idle: () => (view ? view.idle() : Promise.resolve()),
  };
}
