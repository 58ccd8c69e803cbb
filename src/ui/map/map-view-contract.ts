// The map view's contract: what the app, the embed, the exports and the tests ask of a map, whichever renderer draws it.
import type { Camera } from '../../app/camera';
import type { AtlasStore } from '../../app/store';
import type { BasemapPalette } from '../../core/config';
import type { Place } from '../../core/bundled/load-bundled';
import type { DensityInfo } from '../layers/density';
import type { BasemapData } from './basemap-data';
import type { BasemapHit } from './basemap-lookup';

/** The bits of a map's camera the exports read (MapLibre's `Map` has them; the deck.gl view mirrors them). */
export interface MapSurface {
  getContainer(): HTMLElement;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
}

/**
 * The map; as the app's Camera (the entry attaches it to the store's camera) it is the one source of
 * the view. Two implementations: MapLibre + deck.gl overlay (map-view.ts, the app) and deck.gl alone
 * (deck-map-view.ts, the embed).
 */
export interface MapView extends Camera {
  map: MapSurface;
  /** Viewport CSS pixels of a lon/lat. */
  project(lon: number, lat: number): [number, number];
  /** Feature id drawn at viewport CSS pixels, or null. */
  pick(x: number, y: number): string | null;
  /** Ids of every pickable feature drawn in a viewport CSS-pixel rectangle (one read-back). */
  pickRect(x: number, y: number, width: number, height: number): string[];
  /** Resolves once the map is idle and deck has drawn the latest layers. */
  idle(): Promise<void>;
  /** Recolours the base map and place names (the embed's light/dark theme). */
  setPalette(palette: BasemapPalette): void;
  /** Calls `listener` with what the density view shows (dots, hexagons of N km, the scale), now and on every change. */
  onDensity(listener: (info: DensityInfo) => void): () => void;
  /** The latest of those (null before the first draw). */
  density(): DensityInfo | null;
  /** The country and admin-1 unit of the drawn base map at a point (tests, debugging). */
  basemapAt(lon: number, lat: number): BasemapHit;
  /** The place / region / water names drawn now, with their boxes in viewport CSS pixels. */
  labelBoxes(): { text: string; kind: string; x: number; y: number; w: number; h: number }[];
  /** What the map is drawn from, so an export can draw it again off-screen at another size. */
  exportSource(): { basemap: BasemapData; places: Place[]; palette: BasemapPalette };
  destroy(): void;
}

export interface MapViewOptions {
  container: HTMLElement;
  store: AtlasStore;
  basemap: BasemapData;
  places: Place[];
  interactive?: boolean;
  /** Base map colours; default BASEMAP (the app's). */
  palette?: BasemapPalette;
  /** Called once the map has loaded and the data layers have drawn for the first time. */
  onFirstDraw?: () => void;
}
