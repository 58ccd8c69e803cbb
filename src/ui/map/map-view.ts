// The map at the edge: MapLibre base map plus the deck.gl overlay, drawn from the store; it owns the camera (app/camera.ts).
import { Map as MapLibreMap, NavigationControl, AttributionControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { MoveOptions, View } from '../../app/camera';
import { pickAt, pickIn } from './picking';
import { basemapPaint, basemapStyle } from './basemap-style';
import { createLabelController } from './label-controller';
import { basemapAt } from './basemap-lookup';
import { BASEMAP } from '../../core/config';
import { mountContextLoss } from './context-loss';
import { createTypingRedraw } from '../filters/typing-event';
import type { DensityInfo } from '../layers/density';
import type { MapView, MapViewOptions } from './map-view-contract';
import {
  atlasLayers,
  createAfterPaint,
  featureTarget,
  labelBoxesOf,
  nextFrame,
  pointerHandlers,
  reduceMotion,
  watchLayerState,
  atlasRenderer,
} from './atlas-layers';
import { FLAT_DRAWING } from './flat-drawing';
import { memoizeDeviceQueries } from '../layers/program-queries';

export type { MapView, MapViewOptions } from './map-view-contract';

setWorkerUrl(workerUrl);

/** The app's map: MapLibre draws the base map, deck.gl the layers over it in its own canvas. */
export interface MapLibreMapView extends MapView {
  map: MapLibreMap;
  /** The deck.gl overlay now (it is made again after its WebGL context comes back). */
  readonly overlay: MapboxOverlay;
}

export function mountMapView(opts: MapViewOptions): MapLibreMapView {
  const { container, store, basemap, places } = opts;
  const view = store.getState().camera.view(); // the view asked for (a link's, or the default)
  let palette = opts.palette ?? BASEMAP;
  const map = new MapLibreMap({
    container,
    style: basemapStyle(basemap, palette),
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
  // Lost WebGL (a mobile browser reclaiming the GPU, a driver reset): MapLibre restores its own canvas;
  // deck.gl's layers live in a context that is gone, so its overlay is made again when it comes back.
  const contextLoss = mountContextLoss(container);
  let unwatchDeck: (() => void) | null = null;
  let hovered: string | null = null;
  const handlers = pointerHandlers(store, (id) => {
    hovered = id;
    // Redrawn in the next frame, not inside deck's pointer handler (which sets the tooltip after it returns).
    requestAnimationFrame(render);
  });
  const makeOverlay = (): MapboxOverlay =>
    new MapboxOverlay({
      interleaved: false,
      // No MSAA on the live map's data canvas (MapLibre's own canvas has none either): the points
      // smooth their edges in their shader, so only mesh edges (hexagons, outlines) lose a little;
      // in software WebGL each redraw of a 300k import then costs ~20–35 ms less of the GPU
      // process. The PNG and video exports draw in an overlay of their own, antialiased.
      deviceProps: { webgl: { antialias: false } },
      layers: [],
      ...handlers,
      parameters: FLAT_DRAWING,
      // Before any layer links a program: a new layer's pipeline then never waits on the GPU process.
      onDeviceInitialized: memoizeDeviceQueries,
      onAfterRender: () => {
        deckDrawn = true;
        watchDeckCanvas();
      },
    });
  let overlay = makeOverlay();
  map.addControl(overlay);
  const deckLost = (): boolean => contextLoss.isLost('deck');
  function watchDeckCanvas(): void {
    const canvas = unwatchDeck ? null : overlay.getCanvas();
    if (canvas) unwatchDeck = contextLoss.watch('deck', canvas, replaceOverlay);
  }
  function replaceOverlay(): void {
    unwatchDeck?.();
    unwatchDeck = null;
    map.removeControl(overlay);
    overlay = makeOverlay();
    map.addControl(overlay);
    render();
  }
  const unwatchMap = contextLoss.watch('map', map.getCanvas());

  let lastZoomRank = -1;
  let density: DensityInfo | null = null;
  const densityListeners = new Set<(info: DensityInfo) => void>();
  const onDensity = (info: DensityInfo): void => {
    density = info;
    for (const l of densityListeners) l(info);
  };
  // Names are placed again (no two collide, none under a control) when the view settles or the data changes.
  const labels = createLabelController({ map, container, basemap, places });
  const afterPaint = createAfterPaint();
  const atlas = atlasRenderer(store, { labels, basemap }, afterPaint.wait, () => {
    const s = store.getState();
    if (!s.dataset || deckLost()) return null; // a lost overlay is replaced, and drawn, once its context is back
    deckDrawn = false;
    const layers = atlasLayers(s, { labels, basemap, palette, hovered, onDensity });
    overlay.setProps({ layers });
    return layers;
  });
  const render = atlas.render;

  const flyToItem = (id: string): void => {
    const target = featureTarget(store, id);
    if (target && 'bounds' in target)
      map.fitBounds(target.bounds, { padding: 60, maxZoom: 6, animate: !reduceMotion(), essential: false });
    else if (target)
      map.flyTo({
        center: target.center,
        zoom: Math.max(map.getZoom(), 5.5),
        animate: !reduceMotion(),
        essential: false,
      });
  };
  const typing = createTypingRedraw(() => render());
  const unsubscribe = watchLayerState(
    store,
    render,
    () => {
      deckDrawn = false;
      afterPaint.run(render);
    },
    () => {
      deckDrawn = false;
      afterPaint.wait(typing.request());
    },
  );

  // The camera: the map's own. `flyingTo` is the view a flight asked for is heading to (what view() says meanwhile, as a link would).
  let flyingTo: View | null = null;
  const moveListeners = new Set<() => void>();
  const moved = (): void => {
    for (const l of [...moveListeners]) l();
  };
  const moveTo = (v: View, opts: MoveOptions = {}): void => {
    const target = {
      center: [v.lon, v.lat] as [number, number],
      zoom: v.zoom,
      ...(opts.padding ? { padding: opts.padding } : {}),
    };
    if (opts.animate && !reduceMotion()) {
      map.flyTo({ ...target, duration: 1600, essential: false }); // ends (moveend) any flight before it
      flyingTo = map.isMoving() ? { lat: v.lat, lon: v.lon, zoom: v.zoom } : null;
      moved();
    } else {
      // The padding first: MapLibre keeps the centre inside the world (renderWorldCopies off) with
      // the padding it has, so a jump that brings a new padding would be kept in with the old one
      // (a story step fitted beside the card landed ~90 px east at a continent's zoom).
      if (opts.padding) map.setPadding(opts.padding);
      map.jumpTo({ center: target.center, zoom: target.zoom }); // its moveend, at once, says so
    }
  };

  const onMoveEnd = (): void => {
    render(); // labels are placed for the settled view
    flyingTo = null;
    moved();
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
    map.once(
      'idle',
      () =>
        void waitDeck().then(() => {
          if (!drawnOnce) {
            drawnOnce = true;
            opts.onFirstDraw?.();
          }
        }),
    );
  };
  map.on('moveend', onMoveEnd);
  map.on('zoomend', onZoom);
  map.on('load', onLoad);

  const waitDeck = async (): Promise<void> => {
    for (let i = 0; i < 120 && (!deckDrawn || !atlas.settled()); i++) await nextFrame();
    await nextFrame();
  };

  return {
    map,
    view() {
      if (flyingTo) return flyingTo;
      const c = map.getCenter();
      return { lat: round(c.lat, 4), lon: round(c.lng, 4), zoom: round(map.getZoom(), 2) };
    },
    moveTo,
    flyToFeature(id) {
      // After the next paint: the details panel of a click in the list paints first, the flight a frame later.
      afterPaint.run(() => flyToItem(id));
    },
    onMove(listener) {
      moveListeners.add(listener);
      return () => {
        moveListeners.delete(listener);
      };
    },
    get overlay() {
      return overlay;
    },
    exportSource: () => ({ basemap, places, palette }),
    basemapAt: (lon, lat) => basemapAt(basemap, lon, lat),
    labelBoxes: () => labelBoxesOf(labels, container),
    density: () => density,
    onDensity(listener) {
      densityListeners.add(listener);
      if (density) listener(density);
      return () => densityListeners.delete(listener);
    },
    project(lon, lat) {
      const p = map.project([lon, lat]);
      const r = container.getBoundingClientRect();
      return [p.x + r.left, p.y + r.top];
    },
    pick: (x, y) => (deckLost() ? null : pickAt(overlay, container, x, y)),
    pickRect: (x, y, width, height) => (deckLost() ? [] : pickIn(overlay, container, x, y, width, height)),
    async idle() {
      await nextFrame();
      await afterPaint.settled();
      if (!map.loaded() || map.isMoving()) await new Promise<void>((res) => map.once('idle', () => res()));
      await waitDeck();
    },
    setPalette(next) {
      palette = next;
      const paint = (): void => {
        for (const [layer, props] of Object.entries(basemapPaint(next)))
          for (const [k, v] of Object.entries(props)) map.setPaintProperty(layer, k as 'fill-color', v as string);
      };
      try {
        paint();
      } catch {
        map.once('load', paint); // the style is still loading: recolour once it has
      }
      render();
    },
    destroy() {
      atlas.destroy();
      unsubscribe();
      typing.destroy();
      moveListeners.clear();
      map.off('moveend', onMoveEnd);
      map.off('zoomend', onZoom);
      map.off('load', onLoad);
      unwatchDeck?.();
      unwatchMap();
      contextLoss.destroy();
      map.removeControl(overlay);
      map.remove();
    },
  };
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
