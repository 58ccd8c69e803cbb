// The map at the edge: MapLibre base map plus the deck.gl overlay, drawn from the store; it owns the camera (app/camera.ts).
import { Map as MapLibreMap, NavigationControl, AttributionControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { AtlasStore } from '../../app/store';
import type { Camera, MoveOptions, View } from '../../app/camera';
import { overviewLayers } from '../published/overview-layer';
import { shownWindow } from '../../app/derived';
import { basemapPaint, basemapStyle } from './basemap-style';
import type { BasemapData } from './basemap-data';
import { AtlasDataLayer, isHexPick } from '../layers/atlas-layer';
import type { DensityInfo } from '../layers/density';
import { areaOfPick } from './hex-pick';
import { buildLabelLayers } from '../layers/labels';
import { createLabelController } from './label-controller';
import { basemapAt, type BasemapHit } from './basemap-lookup';
import { buildRegionLayers } from '../layers/region-layers';
import type { PlacedSite } from '../layers/labels';
import { pickedId, tooltipFor } from './picking';
import { BASEMAP, type BasemapPalette } from '../../core/config';
import { mountContextLoss } from './context-loss';
import type { Place } from '../../core/bundled/load-bundled';
import { shallow } from 'zustand/vanilla/shallow';
import { createTypingRedraw } from '../filters/typing-event';

setWorkerUrl(workerUrl);

/** The map; as the app's Camera (the entry attaches it to the store's camera) it is the one source of the view. */
export interface MapView extends Camera {
  map: MapLibreMap;
  /** The deck.gl overlay now (it is made again after its WebGL context comes back). */
  readonly overlay: MapboxOverlay;
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

export function mountMapView(opts: MapViewOptions): MapView {
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
  const makeOverlay = (): MapboxOverlay =>
    new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info: PickingInfo) => {
        // A hexagon narrows the event list to its events; anything else is selected (or nothing).
        if (isHexPick(info.object)) store.getState().setArea(areaOfPick(store.getState().dataset, info.object));
        else store.getState().select(pickedId(info));
      },
      onHover: (info: PickingInfo) => {
        const id = pickedId(info);
        if (id !== hovered) {
          hovered = id;
          // Redrawn in the next frame, not inside deck's pointer handler (which sets the tooltip after it returns).
          requestAnimationFrame(render);
        }
      },
      getTooltip: tooltipFor,
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
  let hovered: string | null = null;
  let density: DensityInfo | null = null;
  const densityListeners = new Set<(info: DensityInfo) => void>();
  const onDensity = (info: DensityInfo): void => {
    density = info;
    for (const l of densityListeners) l(info);
  };
  // Names are placed again (no two collide, none under a control) when the view settles or the data changes.
  const labels = createLabelController({ map, container, basemap, places });
  const render = (): void => {
    const s = store.getState();
    if (!s.dataset || deckLost()) return; // a lost overlay is replaced, and drawn, once its context is back
    deckDrawn = false;
    const [dots, names] = buildLabelLayers(labels.place(s), palette);
    const win = shownWindow(s);
    const data = new AtlasDataLayer({
      id: 'atlas',
      dataset: s.dataset,
      window: win,
      mode: s.mode,
      layers: s.layers,
      selected: s.selected,
      hovered,
      filters: s.filters,
      agg: s.agg,
      playing: s.playing,
      area: s.area,
      onDensity,
      labelDots: labels.dotPoints(),
    });
    // A published dataset zoomed out: its overview's cells under the data (none otherwise).
    const regions = buildRegionLayers({
      dataset: s.dataset,
      window: win,
      layers: s.layers,
      filters: s.filters,
      basemap,
    });
    overlay.setProps({ layers: [dots, ...overviewLayers(s.dataset, win, s.layers), ...regions, data, names] });
  };

  /** Work for after the next paint (two frames on); idle() waits for it. */
  let deferred: Promise<void> = Promise.resolve();
  const afterPaint = (fn: () => void): void => {
    deferred = Promise.all([
      deferred,
      new Promise<void>((res) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            fn();
            res();
          }),
        ),
      ),
    ]).then(() => undefined);
  };
  const typing = createTypingRedraw(() => render());
  const reduceMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const flyToItem = (id: string): void => {
    const item = store.getState().dataset?.find(id);
    const g = item?.feature.geometry;
    if (item && item.kind === 'link' && g?.type === 'LineString') {
      // A link: frame both of its ends.
      const [[x0, y0], [x1, y1]] = [g.coordinates[0], g.coordinates[g.coordinates.length - 1]];
      const bounds: [[number, number], [number, number]] = [
        [Math.min(x0, x1), Math.min(y0, y1)],
        [Math.max(x0, x1), Math.max(y0, y1)],
      ];
      map.fitBounds(bounds, { padding: 60, maxZoom: 6, animate: !reduceMotion(), essential: false });
    } else if (item && Number.isFinite(item.anchor[0]) && Number.isFinite(item.anchor[1])) {
      // (An imported feature not placed on the map, null geometry, has no anchor to fly to.)
      map.flyTo({
        center: item.anchor,
        zoom: Math.max(map.getZoom(), 5.5),
        animate: !reduceMotion(),
        essential: false,
      });
    }
  };
  const unsubscribe = store.subscribe(
    (s) => [s.dataset, s.window, s.mode, s.layers, s.filters, s.agg, s.playing, s.area, s.selected],
    (now, before) => {
      const changed = now.flatMap((v, i) => (v !== before[i] ? [i] : []));
      const filtersOnly = changed.length === 1 && changed[0] === 4;
      // What the layers draw changed (all but the last field): redraw now. The filters alone or a
      // selection alone (a click in the list): the list, counts and details paint in the next frame,
      // the map's redraw a frame later (in software WebGL one map frame of a big import takes a few
      // hundred ms), or, for a search being typed, once the keys pause.
      if (!filtersOnly && changed.some((i) => i < now.length - 1)) return render();
      deckDrawn = false;
      if (!filtersOnly || (now[4] as { q: string }).q === (before[4] as { q: string }).q) return afterPaint(render);
      deferred = Promise.all([deferred, typing.request()]).then(() => undefined);
    },
    { equalityFn: shallow },
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
    } else map.jumpTo(target); // its moveend, at once, says so
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
    for (let i = 0; i < 120 && !deckDrawn; i++) await nextFrame();
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
      afterPaint(() => flyToItem(id));
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
    labelBoxes() {
      const r = container.getBoundingClientRect();
      const names = labels.current().map((l: PlacedSite) => ({
        text: l.text,
        kind: l.site.kind,
        x: l.box.x + r.left,
        y: l.box.y + r.top,
        w: l.box.w,
        h: l.box.h,
      }));
      // Each labelled place's dot (a name of an area may never cover one).
      const dots = labels
        .current()
        .filter((l: PlacedSite) => l.dotBox)
        .map((l: PlacedSite) => {
          const d = l.dotBox as NonNullable<PlacedSite['dotBox']>;
          return { text: `dot of ${l.text}`, kind: 'dot', x: d.x + r.left, y: d.y + r.top, w: d.w, h: d.h };
        });
      const areas = labels
        .areas()
        .filter((a) => a.box.x + a.box.w > 0 && a.box.y + a.box.h > 0 && a.box.x < r.width && a.box.y < r.height)
        .map((a) => ({ text: a.text, kind: 'area', x: a.box.x + r.left, y: a.box.y + r.top, w: a.box.w, h: a.box.h }));
      return [...names, ...dots, ...areas];
    },
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
    pick(x, y) {
      if (deckLost()) return null;
      const r = container.getBoundingClientRect();
      const info = overlay.pickObject({ x: x - r.left, y: y - r.top, radius: 3 });
      return info ? pickedId(info) : null;
    },
    pickRect(x, y, width, height) {
      if (deckLost()) return [];
      const r = container.getBoundingClientRect();
      const left = Math.max(0, x - r.left);
      const top = Math.max(0, y - r.top);
      const w = Math.min(r.width, x - r.left + width) - left;
      const h = Math.min(r.height, y - r.top + height) - top;
      if (w <= 0 || h <= 0) return [];
      const infos = overlay.pickObjects({ x: left, y: top, width: w, height: h });
      return [...new Set(infos.map(pickedId).filter((id): id is string => id !== null))];
    },
    async idle() {
      await nextFrame();
      await deferred;
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

function nextFrame(): Promise<void> {
  return new Promise((res) => requestAnimationFrame(() => res()));
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
