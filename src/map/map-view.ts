// The map at the edge: MapLibre base map plus the deck.gl overlay, kept in step with the store.
import { Map as MapLibreMap, NavigationControl, AttributionControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { AtlasStore } from '../state/store';
import { shownWindow } from '../state/store';
import { basemapStyle } from './basemap-style';
import type { BasemapData } from './basemap-data';
import { buildDataLayers } from '../layers/data-layers';
import { buildLabelLayers, type Place } from '../layers/labels';
import { pickedId, tooltipFor } from './picking';

setWorkerUrl(workerUrl);

export interface MapView {
  map: MapLibreMap;
  overlay: MapboxOverlay;
  /** Viewport CSS pixels of a lon/lat. */
  project(lon: number, lat: number): [number, number];
  /** Feature id drawn at viewport CSS pixels, or null. */
  pick(x: number, y: number): string | null;
  /** Resolves once the map is idle and deck has drawn the latest layers. */
  idle(): Promise<void>;
  destroy(): void;
}

export interface MapViewOptions {
  container: HTMLElement;
  store: AtlasStore;
  basemap: BasemapData;
  places: Place[];
  interactive?: boolean;
  /** Called once the map has loaded and the data layers have drawn for the first time. */
  onFirstDraw?: () => void;
}

export function createMapView(opts: MapViewOptions): MapView {
  const { container, store, basemap, places } = opts;
  const { view } = store.getState();
  const map = new MapLibreMap({
    container,
    style: basemapStyle(basemap.countries, basemap.borders),
    center: [view.lon, view.lat],
    zoom: view.zoom,
    interactive: opts.interactive ?? true,
    attributionControl: false,
    renderWorldCopies: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

  let drawnOnce = false;
  let deckDrawn = false;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    onClick: (info: PickingInfo) => {
      store.getState().select(pickedId(info));
    },
    getTooltip: tooltipFor,
    onAfterRender: () => {
      deckDrawn = true;
    },
  });
  map.addControl(overlay);

  let lastZoomRank = -1;
  const render = (): void => {
    const s = store.getState();
    if (!s.dataset) return;
    deckDrawn = false;
    const [dots, names] = buildLabelLayers(places, map.getZoom());
    overlay.setProps({
      layers: [dots, ...buildDataLayers({ dataset: s.dataset, window: shownWindow(s), layers: s.layers, selected: s.selected }), names],
    });
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.dataset !== prev.dataset || s.window !== prev.window || s.mode !== prev.mode || s.layers !== prev.layers || s.selected !== prev.selected) {
      render();
    }
    if (s.flyTo && s.flyTo !== prev.flyTo && s.dataset) {
      const item = s.dataset.byId.get(s.flyTo.id);
      if (item) {
        const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        map.flyTo({ center: item.anchor, zoom: Math.max(map.getZoom(), 5.5), animate: !reduce, essential: false });
      }
    }
    if (s.view !== prev.view && !map.isMoving()) {
      const c = map.getCenter();
      if (Math.abs(c.lat - s.view.lat) > 1e-4 || Math.abs(c.lng - s.view.lon) > 1e-4 || Math.abs(map.getZoom() - s.view.zoom) > 1e-2) {
        map.jumpTo({ center: [s.view.lon, s.view.lat], zoom: s.view.zoom });
      }
    }
  });

  const onMoveEnd = (): void => {
    const c = map.getCenter();
    store.getState().setView({ lat: round(c.lat, 4), lon: round(c.lng, 4), zoom: round(map.getZoom(), 2) });
  };
  const onZoom = (): void => {
    const rank = Math.round(map.getZoom() * 10);
    if (rank !== lastZoomRank) {
      lastZoomRank = rank;
      render();
    }
  };
  const onLoad = (): void => {
    render();
    map.once('idle', () => void waitDeck().then(() => {
      if (!drawnOnce) {
        drawnOnce = true;
        opts.onFirstDraw?.();
      }
    }));
  };
  map.on('moveend', onMoveEnd);
  map.on('zoomend', onZoom);
  map.on('load', onLoad);

  const waitDeck = async (): Promise<void> => {
    for (let i = 0; i < 120 && !deckDrawn; i++) await nextFrame();
    await nextFrame();
  };

  return {
    map,
    overlay,
    project(lon, lat) {
      const p = map.project([lon, lat]);
      const r = container.getBoundingClientRect();
      return [p.x + r.left, p.y + r.top];
    },
    pick(x, y) {
      const r = container.getBoundingClientRect();
      const info = overlay.pickObject({ x: x - r.left, y: y - r.top, radius: 3 });
      return info ? pickedId(info) : null;
    },
    async idle() {
      await nextFrame();
      if (!map.loaded() || map.isMoving()) await new Promise<void>((res) => map.once('idle', () => res()));
      await waitDeck();
    },
    destroy() {
      unsubscribe();
      map.off('moveend', onMoveEnd);
      map.off('zoomend', onZoom);
      map.off('load', onLoad);
      map.removeControl(overlay);
      map.remove();
    },
  };
}

function nextFrame(): Promise<void> {
  return new Promise((res) => requestAnimationFrame(() => res()));
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
