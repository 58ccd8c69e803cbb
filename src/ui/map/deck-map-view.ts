// The embed's map: deck.gl alone draws the base map and the layers over it (no MapLibre, ~440 kB gzip lighter); it owns the camera.
import {
  Deck,
  FlyToInterpolator,
  MapView as DeckMapViewDef,
  WebMercatorViewport,
  type MapViewState,
} from '@deck.gl/core';
import type { MoveOptions, Padding, View } from '../../app/camera';
import { BASEMAP } from '../../core/config';
import type { DensityInfo } from '../layers/density';
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
import { basemapAt } from './basemap-lookup';
import { mountContextLoss } from './context-loss';
import { createTypingRedraw } from '../filters/typing-event';
import { deckBasemapLayers, seaColor } from './deck-basemap';
import { mountDeckMapControls } from './deck-map-controls';
import { createLabelController, type LabelCamera } from './label-controller';
import type { MapSurface, MapView, MapViewOptions } from './map-view-contract';
import { pickAt, pickIn } from './picking';
import { clampZoom, constrainPose, poseOf, viewStateFor, type Pose } from './deck-camera';
import { FLAT_DRAWING } from './flat-drawing';
import { memoizeDeviceQueries } from '../layers/program-queries';

export interface DeckMapViewOptions extends MapViewOptions {
  /** In an article: a plain wheel and one finger scroll the page, Ctrl/⌘ + wheel and two fingers move the map. */
  cooperative?: boolean;
}

const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
/** MapLibre's defaults: wheel steps, double-click and keys zoom; no rotation or tilt (the app's map has none). */
const CONTROLLER = {
  scrollZoom: { smooth: false, speed: 0.01 },
  dragRotate: false,
  touchRotate: false,
  doubleClickZoom: true,
  keyboard: true,
  inertia: 300,
};

export function mountDeckMapView(opts: DeckMapViewOptions): MapView {
  const { container, store, basemap, places } = opts;
  const interactive = opts.interactive ?? true;
  const asked = store.getState().camera.view(); // the view asked for (a link's, or the default)
  let palette = opts.palette ?? BASEMAP;
  const size = (): { width: number; height: number } => ({
    width: Math.max(1, container.clientWidth),
    height: Math.max(1, container.clientHeight),
  });
  let padding: Padding = NO_PADDING;
  let vs: MapViewState = viewStateFor({ ...asked, padding }, size().width, size().height);
  const viewport = (): WebMercatorViewport => new WebMercatorViewport({ ...vs, ...size() });

  let deckDrawn = false;
  let drawnOnce = false;
  let interacting = false;
  let flight = 0; // the animation frame of a flight under way (0: none)
  let flyingTo: View | null = null;
  let hovered: string | null = null;
  let density: DensityInfo | null = null;
  let lastZoomRank = Math.round(vs.zoom * 10);
  const densityListeners = new Set<(info: DensityInfo) => void>();
  const moveListeners = new Set<() => void>();
  const onDensity = (info: DensityInfo): void => {
    density = info;
    for (const l of densityListeners) l(info);
  };
  const moved = (): void => {
    for (const l of [...moveListeners]) l();
  };

  const camera: LabelCamera & MapSurface = {
    project: ([lon, lat]) => {
      const [x, y] = viewport().project([lon, lat]);
      return { x, y };
    },
    isMoving: () => interacting || flight !== 0,
    getCenter: () => {
      const p = poseOf(vs, padding, size().width, size().height);
      return { lng: p.lon, lat: p.lat };
    },
    getZoom: () => vs.zoom,
    getContainer: () => container,
    getBounds: () => {
      const [w, s, e, n] = viewport().getBounds();
      return { getWest: () => w, getSouth: () => s, getEast: () => e, getNorth: () => n };
    },
  };
  // Names are placed again (no two collide, none under a control) when the view settles or the data changes.
  const labels = createLabelController({ map: camera, container, basemap, places });
  const controls = mountDeckMapControls(container, {
    interactive,
    cooperative: opts.cooperative ?? false,
    zoomBy: (d) => easeTo({ ...pose(), zoom: clampZoom(vs.zoom + d) }, 300),
  });
  const pose = (): Pose => poseOf(vs, padding, size().width, size().height);

  // The canvas and its WebGL2 context are made here, at once: without WebGL this throws, as MapLibre did, and the page says so.
  const makeCanvas = (): HTMLCanvasElement => {
    const canvas = document.createElement('canvas');
    canvas.className = 'atlas-deck-canvas';
    const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true, antialias: true, alpha: true });
    if (!gl) throw new Error('WebGL2 is unavailable');
    if (interactive) {
      canvas.tabIndex = 0; // the keys move the map once it has focus, as MapLibre's canvas
      canvas.setAttribute('role', 'region');
      canvas.setAttribute('aria-label', 'Map');
    }
    container.prepend(canvas);
    return canvas;
  };
  const handlers = pointerHandlers(store, (id) => {
    hovered = id;
    // Redrawn in the next frame, not inside deck's pointer handler (which sets the tooltip after it returns).
    requestAnimationFrame(render);
  });
  const views = (): DeckMapViewDef =>
    new DeckMapViewDef({ id: 'map', repeat: false, clear: true, clearColor: seaColor(palette) });
  const contextLoss = mountContextLoss(container);
  let unwatch: () => void = () => undefined;
  const makeDeck = (): Deck<DeckMapViewDef> => {
    const canvas = makeCanvas();
    const d = new Deck<DeckMapViewDef>({
      canvas,
      views: views(),
      viewState: vs,
      controller: interactive ? CONTROLLER : false,
      // In an article, one finger scrolls the page (the browser pans), two move the map.
      touchAction: opts.cooperative ? 'pan-x pan-y' : 'none',
      useDevicePixels: true,
      layers: [],
      parameters: FLAT_DRAWING,
      // Before any layer links a program: a new layer's pipeline then never waits on the GPU process.
      onDeviceInitialized: memoizeDeviceQueries,
      ...handlers,
      onViewStateChange: ({ viewState, interactionState }) => {
        if (interactionState.isDragging || interactionState.isPanning || interactionState.isZooming) stopFlight();
        // A drag or a wheel never shows beyond the world's edges (MapLibre's renderWorldCopies: false).
        const { width, height } = size();
        setViewState(
          viewStateFor(
            constrainPose(poseOf(viewState as MapViewState, padding, width, height), width, height),
            width,
            height,
          ),
        );
        return viewState;
      },
      onInteractionStateChange: (s) => {
        const now = !!(s.isDragging || s.isPanning || s.isZooming || s.inTransition);
        if (interacting && !now) {
          interacting = false;
          settled();
        } else interacting = now;
      },
      onLoad: () => {
        render();
        void waitDeck().then(() => {
          if (!drawnOnce) {
            drawnOnce = true;
            opts.onFirstDraw?.();
          }
        });
      },
      onAfterRender: () => {
        performance.mark('atlas:deck-frame');
        deckDrawn = true;
      },
    });
    // Lost WebGL (a mobile browser reclaiming the GPU): the deck and its canvas are made again when it comes back.
    unwatch = contextLoss.watch('deck', canvas, () => {
      unwatch();
      d.finalize();
      canvas.remove();
      deck = makeDeck();
      render();
    });
    return d;
  };
  let deck = makeDeck();
  const deckLost = (): boolean => contextLoss.isLost('deck');

  const afterPaint = createAfterPaint();
  const atlas = atlasRenderer(store, { labels, basemap }, afterPaint.wait, () => {
    performance.mark('atlas:deck-render');
    const s = store.getState();
    if (!s.dataset || deckLost()) return null;
    deckDrawn = false;
    const base = deckBasemapLayers(basemap, palette, vs.zoom);
    const layers = [...base, ...atlasLayers(s, { labels, basemap, palette, hovered, onDensity })];
    deck.setProps({ layers });
    const p = pose();
    controls.update(p.lat, p.zoom);
    return layers;
  });
  const render = atlas.render;
  const setViewState = (next: MapViewState): void => {
    // A view no map can show (a feature at no real place, a fit to one point): kept where it is, as MapLibre does.
    if (![next.longitude, next.latitude, next.zoom].every(Number.isFinite)) return;
    vs = { ...next, zoom: clampZoom(next.zoom) };
    deck.setProps({ viewState: vs });
    // Line widths follow the zoom (uniforms only), as the MapLibre map's do: redrawn each tenth of a zoom level.
    const rank = Math.round(vs.zoom * 10);
    if (rank !== lastZoomRank) {
      lastZoomRank = rank;
      render();
    }
  };
  /** The view settled (a drag ended, a flight landed, a jump): names placed again, listeners told. */
  const settled = (): void => {
    flyingTo = null;
    render();
    moved();
  };

  const stopFlight = (): void => {
    if (flight) cancelAnimationFrame(flight);
    flight = 0;
    flyingTo = null;
  };
  /** Flies (or eases, `linear`) from here to `to` in `duration` ms ('auto': deck.gl's fly-to speed, as MapLibre's). */
  /**
   * Where a move asked for lands: kept inside the world as MapLibre keeps it — with the padding in
   * effect when the move starts (MapLibre constrains the centre before it sets the new padding; the
   * app's story steps land there, and so do the embed's).
   */
  const landing = (to: Pose): Pose => {
    const { width, height } = size();
    return { ...constrainPose({ ...to, padding }, width, height), padding: to.padding };
  };
  const fly = (target: Pose, duration: number | 'auto', linear = false): void => {
    const to = landing(target);
    stopFlight();
    const { width, height } = size();
    const from = pose();
    const interp = new FlyToInterpolator({ speed: 1.2, curve: 1.42 });
    const a = { longitude: from.lon, latitude: from.lat, zoom: from.zoom, width, height, pitch: 0, bearing: 0 };
    const b = { longitude: to.lon, latitude: to.lat, zoom: to.zoom, width, height, pitch: 0, bearing: 0 };
    const ms = duration === 'auto' ? Math.min(interp.getDuration(a, b) as number, 3000) : duration;
    const t0 = performance.now();
    flyingTo = { lat: round(to.lat, 4), lon: round(to.lon, 4), zoom: round(to.zoom, 2) };
    const step = (): void => {
      const t = Math.min(1, (performance.now() - t0) / Math.max(1, ms));
      const e = t * t * (3 - 2 * t); // ease in and out, as MapLibre's default easing
      const mix = (x: number, y: number): number => x + (y - x) * e;
      const at = linear
        ? { longitude: mix(a.longitude, b.longitude), latitude: mix(a.latitude, b.latitude), zoom: mix(a.zoom, b.zoom) }
        : (interp.interpolateProps(a, b, e) as { longitude: number; latitude: number; zoom: number });
      padding = {
        top: mix(from.padding.top, to.padding.top),
        right: mix(from.padding.right, to.padding.right),
        bottom: mix(from.padding.bottom, to.padding.bottom),
        left: mix(from.padding.left, to.padding.left),
      };
      setViewState(viewStateFor({ lon: at.longitude, lat: at.latitude, zoom: at.zoom, padding }, width, height));
      if (t < 1) flight = requestAnimationFrame(step);
      else {
        flight = 0;
        settled();
      }
    };
    flight = requestAnimationFrame(step);
    moved();
  };
  const jump = (target: Pose): void => {
    // Kept inside the world with the padding it brings, as the MapLibre view's jump (map-view.ts sets
    // the padding first); a flight keeps MapLibre's landing with the padding it had.
    const to = constrainPose(target, size().width, size().height);
    stopFlight();
    padding = to.padding;
    setViewState(viewStateFor(to, size().width, size().height));
    settled();
  };
  const easeTo = (to: Pose, ms: number): void => (reduceMotion() ? jump(to) : fly(to, ms, true));

  const flyToItem = (id: string): void => {
    const target = featureTarget(store, id);
    if (!target) return;
    const here = pose();
    let to: Pose;
    if ('bounds' in target) {
      const { width, height } = size();
      const fit = new WebMercatorViewport({ width, height }).fitBounds(target.bounds, {
        padding: Math.min(60, Math.floor(Math.min(width, height) / 4)),
        maxZoom: 6,
      });
      to = { lon: fit.longitude, lat: fit.latitude, zoom: clampZoom(Math.min(6, fit.zoom)), padding: NO_PADDING };
    } else to = { lon: target.center[0], lat: target.center[1], zoom: Math.max(vs.zoom, 5.5), padding: here.padding };
    if (reduceMotion()) jump(to);
    else fly(to, 'auto');
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
  // The map's box changes size (a phone turned, the frame made wider): deck.gl resizes its canvas; names are placed again.
  const resize = new ResizeObserver(() => render());
  resize.observe(container);

  const waitDeck = async (): Promise<void> => {
    for (let i = 0; i < 120 && (!deckDrawn || !atlas.settled() || deck.needsRedraw({ clearRedrawFlags: false })); i++)
      await nextFrame();
    await nextFrame();
  };

  return {
    map: camera,
    view() {
      if (flyingTo) return flyingTo;
      const p = pose();
      return { lat: round(p.lat, 4), lon: round(p.lon, 4), zoom: round(p.zoom, 2) };
    },
    moveTo(v: View, o: MoveOptions = {}) {
      const to: Pose = { lon: v.lon, lat: v.lat, zoom: clampZoom(v.zoom), padding: o.padding ?? padding };
      if (o.animate && !reduceMotion()) fly(to, 1600);
      else jump(to);
    },
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
      const p = camera.project([lon, lat]);
      const r = container.getBoundingClientRect();
      return [p.x + r.left, p.y + r.top];
    },
    pick: (x, y) => (deckLost() ? null : pickAt(deck, container, x, y)),
    pickRect: (x, y, width, height) => (deckLost() ? [] : pickIn(deck, container, x, y, width, height)),
    async idle() {
      await nextFrame();
      await afterPaint.settled();
      while (camera.isMoving()) await nextFrame();
      for (let i = 0; i < 600 && !drawnOnce; i++) await nextFrame(); // the first draw (device, programs)
      await waitDeck();
    },
    setPalette(next) {
      palette = next;
      deck.setProps({ views: views() });
      render();
    },
    destroy() {
      atlas.destroy();
      stopFlight();
      unsubscribe();
      typing.destroy();
      resize.disconnect();
      moveListeners.clear();
      unwatch();
      contextLoss.destroy();
      controls.destroy();
      deck.finalize();
      container.querySelector('.atlas-deck-canvas')?.remove();
    },
  };
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
