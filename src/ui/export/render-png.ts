// At the edge: renders the map off-screen at the target size (MapLibre pixelRatio + deck.gl useDevicePixels), composes captions, encodes PNG.
import { Map as MapLibreMap } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Dataset } from '../../core/columnar/dataset';
import type { BasemapData } from '../map/basemap-data';
import { basemapStyle } from '../map/basemap-style';
import type { BasemapPalette } from '../../core/config';
import type { AggMode } from '../../app/agg-mode';
import type { DensityInfo } from '../layers/density';
import type { Filters } from '../../core/filters/filters';
import type { DayRange, WindowMode } from '../../core/time/window';
import { layoutCaptions, type CaptionContent, type Layout, type Measure } from './layout';
import { canvasMeasure, drawCaptions, type ScaleBarValue } from './draw-captions';
import { metersPerPixel, niceScaleBar } from './legend-model';
import type { ResolvedSize } from './size';
import { checkAborted, nextTask, waitFor, type RunOptions } from './tasks';
import { exportLayers } from './export-layers';
import { gpuFinished, waitDeck } from './render-waits';
import type { Place } from '../../core/bundled/load-bundled';
import type { Mounted } from '../controls/control';
import { FLAT_DRAWING } from '../map/flat-drawing';
import { memoizeDeviceQueries } from '../layers/program-queries';

export interface RenderInput {
  dataset: Dataset;
  /** The window shown (mode applied). */
  window: DayRange;
  layers: readonly string[];
  /** The filters in force (weapon, minimum, search): the image shows what the map shows. */
  filters?: Filters;
  center: { lon: number; lat: number };
  zoom: number;
  size: ResolvedSize;
  /** Largest canvas side WebGL allows here (device px). */
  maxSide: number;
  captions: CaptionContent;
  basemap: BasemapData;
  places: Place[];
  palette: BasemapPalette;
  /** Zoom for a map of this size: lets the caller fit an extent once the map's own rectangle is known. */
  zoomFor?: (map: { width: number; height: number }) => number;
  /** Lon/lat points to report the image pixel of (tests, debugging). */
  probes?: readonly [number, number][];
  /** Dots, hexagons or heatmap, as the map shows them (default auto: decided for the image's own view). */
  agg?: AggMode;
  /** The window's mode (default `window`), and whether frames are a playback (video: the colour scale then comes from the whole span). */
  mode?: WindowMode;
  playing?: boolean;
  /** The selected feature, drawn on top with its ring (default none). */
  selected?: string | null;
  /** Told what the density view of the image shows (its hexagon size and scale), e.g. for its legend. */
  onDensity?: (info: DensityInfo) => void;
}

export interface RenderOutput {
  blob: Blob;
  width: number;
  height: number;
  /** The layout in CSS px; multiply by `size.scale` for image pixels. */
  layout: Layout;
  zoom: number;
  /** Image pixels of each probe. */
  probes: [number, number][];
  /** Set when a WebGL canvas came out smaller than asked (it was then scaled up to fit). */
  warnings: string[];
}

const LOAD_TIMEOUT_MS = 90_000;

/** Renders the PNG. Every step yields to the event loop and checks `signal`; the off-screen map is always removed. */
export async function renderPng(input: RenderInput, run: RunOptions = {}): Promise<RenderOutput> {
  const { signal, onProgress } = run;
  const progress = (f: number, m: string): void => onProgress?.(f, m);
  const session = await mountRender(input, run);
  try {
    const warnings = await session.draw(input.window, session.layout, run);
    const probes = session.probe(input.probes ?? []);
    const { canvas, layout, zoom } = session;
    session.closeMap();
    progress(0.8, 'Encoding the PNG');
    await nextTask();
    checkAborted(signal);
    const blob = await waitFor(toPng(canvas), signal, LOAD_TIMEOUT_MS, 'encoding the PNG');
    progress(1, 'Done');
    return { blob, width: canvas.width, height: canvas.height, layout, zoom, probes, warnings };
  } finally {
    session.destroy();
  }
}

/**
 * The off-screen map and deck.gl overlay at the export's size, and the canvas the image is
 * composed on. `draw` composes the image for a window (the PNG draws once; the video once per
 * step, with that step's captions), `destroy` removes everything; the session is removed on error.
 */
export interface RenderSession extends Mounted {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  /** The layout of `input.captions` (CSS px); its map rectangle is the off-screen map's size. */
  layout: Layout;
  zoom: number;
  /** Measures text as the captions are drawn (to lay out another frame's captions). */
  measure: Measure;
  /** Draws `window`'s layers and composes map, layers and `layout`'s captions; resolves with warnings. */
  draw(window: DayRange, layout: Layout, run?: RunOptions): Promise<string[]>;
  /** Image pixels of lon/lat points on the map as drawn. */
  probe(points: readonly [number, number][]): [number, number][];
  /** Removes the off-screen map, keeping the composed canvas. */
  closeMap(): void;
  /** Removes the map and frees the canvas. */
  destroy(): void;
}

/** Mounts the off-screen map for `input` and waits until the base map has loaded; `destroy()` removes it. */
export async function mountRender(input: RenderInput, run: RunOptions = {}): Promise<RenderSession> {
  const { signal, onProgress } = run;
  const { size } = input;
  const progress = (f: number, m: string): void => onProgress?.(f, m);
  progress(0.02, 'Preparing the image');
  const canvas = document.createElement('canvas');
  canvas.width = size.pixelWidth;
  canvas.height = size.pixelHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx)
    throw new Error(`Export: this browser could not create a ${size.pixelWidth} × ${size.pixelHeight} px canvas`);
  const g: CanvasRenderingContext2D = ctx;
  const measure = canvasMeasure(ctx);
  const layout = layoutCaptions(size.width, size.height, input.captions, measure);
  const mapW = layout.map.width;
  const mapH = layout.map.height;
  const zoom = input.zoomFor ? input.zoomFor({ width: mapW, height: mapH }) : input.zoom;

  // Off-screen but laid out (ResizeObserver and IntersectionObserver must see it): fixed, invisible, inert.
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.dataset.atlasExport = 'render';
  Object.assign(container.style, {
    position: 'fixed',
    left: '0px',
    top: '0px',
    width: `${mapW}px`,
    height: `${mapH}px`,
    opacity: '0',
    pointerEvents: 'none',
    zIndex: '-1',
    overflow: 'hidden',
    contain: 'strict',
  });
  document.body.append(container);
  let map: MapLibreMap | null = null;
  let overlay: MapboxOverlay | null = null;
  try {
    await nextTask();
    checkAborted(signal);
    progress(0.1, 'Drawing the base map');
    map = new MapLibreMap({
      container,
      style: basemapStyle(input.basemap, input.palette),
      center: [input.center.lon, input.center.lat],
      zoom,
      interactive: false,
      attributionControl: false,
      renderWorldCopies: false,
      trackResize: false,
      fadeDuration: 0,
      pixelRatio: size.scale,
      maxCanvasSize: [input.maxSide, input.maxSide],
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    const m = map;
    const loaded = new Promise<void>((resolve) => m.once('load', () => resolve()));
    const idle = new Promise<void>((resolve) => m.once('idle', () => resolve()));
    const mapError = new Promise<never>((_, reject) =>
      m.once('error', (e) => reject(e.error instanceof Error ? e.error : new Error('the off-screen map failed'))),
    );
    await waitFor(Promise.race([loaded, mapError]), signal, LOAD_TIMEOUT_MS, 'loading the base map');
    let renders = 0;
    let mapIdle = false;
    overlay = new MapboxOverlay({
      interleaved: false,
      useDevicePixels: size.scale,
      parameters: FLAT_DRAWING,
      layers: [],
      onAfterRender: () => void renders++,
      onDeviceInitialized: memoizeDeviceQueries,
    });
    map.addControl(overlay);
    const session: RenderSession = {
      canvas,
      ctx,
      layout,
      zoom,
      measure,
      async draw(win, frameLayout, frameRun = run) {
        const o = overlay;
        if (!map || !o) throw new Error('Export: the off-screen map was already removed');
        frameRun.onProgress?.(0.35, 'Drawing the layers');
        const layers = exportLayers(input, win, zoom, {
          project: (lon, lat) => {
            const p = map!.project([lon, lat]);
            return [p.x, p.y];
          },
          width: mapW,
          height: mapH,
          obstacles: captionBoxes(frameLayout),
        });
        o.setProps({ layers });
        if (!mapIdle) {
          await waitFor(Promise.race([idle, mapError]), frameRun.signal, LOAD_TIMEOUT_MS, 'drawing the base map');
          mapIdle = true;
        }
        await waitDeck(layers, () => renders, frameRun.signal);

        frameRun.onProgress?.(0.6, 'Waiting for the graphics card');
        await gpuFinished(map.getCanvas(), frameRun.signal);
        const deckCanvas = o.getCanvas();
        if (deckCanvas) await gpuFinished(deckCanvas, frameRun.signal);
        frameRun.onProgress?.(0.7, 'Composing the image');
        await nextTask();
        checkAborted(frameRun.signal);
        return compose(map, deckCanvas, frameLayout);
      },
      probe(points) {
        const mm = map;
        if (!mm) return [];
        return points.map(([lon, lat]): [number, number] => {
          const p = mm.project([lon, lat]);
          return [(layout.map.x + p.x) * size.scale, (layout.map.y + p.y) * size.scale];
        });
      },
      closeMap: teardown,
      destroy() {
        teardown();
        canvas.width = 0;
        canvas.height = 0;
      },
    };
    return session;
  } catch (e) {
    teardown();
    canvas.width = 0;
    canvas.height = 0;
    throw e;
  }

  function compose(mm: MapLibreMap, deckCanvas: HTMLCanvasElement | null, frameLayout: Layout): string[] {
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    const dest = [layout.map.x * size.scale, layout.map.y * size.scale, mapW * size.scale, mapH * size.scale] as const;
    const warnings: string[] = [];
    for (const [what, c] of [
      ['base map', mm.getCanvas()],
      ['data layers', deckCanvas],
    ] as const) {
      if (c && c.width < Math.floor(dest[2]) - 1)
        warnings.push(
          `The ${what} could only be drawn ${c.width} px wide (of ${Math.round(dest[2])}) and is scaled up to fit.`,
        );
    }
    g.drawImage(mm.getCanvas(), ...dest);
    if (deckCanvas) g.drawImage(deckCanvas, ...dest);
    const bar = scaleBarValue(mm, frameLayout, zoom);
    g.save();
    g.scale(size.scale, size.scale);
    drawCaptions(g, frameLayout, bar);
    g.restore();
    return warnings;
  }

  function teardown(): void {
    if (map && overlay) map.removeControl(overlay);
    overlay = null;
    map?.remove();
    map = null;
    container.remove();
  }
}

/** The title, legend, scale bar and attribution boxes drawn over the map, in the map's own pixels (names keep clear of them). */
function captionBoxes(layout: Layout): { x: number; y: number; w: number; h: number }[] {
  const m = layout.map;
  return [layout.title, layout.legend, layout.scaleBar, layout.attribution]
    .flatMap((c) => (c ? [c.box] : []))
    .map((b) => ({ x: b.x - m.x, y: b.y - m.y, w: b.width, h: b.height }));
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('Export: the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}

/** The scale bar for the map as rendered: metres per pixel at the bar's own latitude. */
function scaleBarValue(map: MapLibreMap, layout: Layout, zoom: number): ScaleBarValue | null {
  const s = layout.scaleBar;
  if (!s) return null;
  const lat = map.unproject([s.x - layout.map.x, s.y - layout.map.y]).lat;
  const bar = niceScaleBar(metersPerPixel(lat, zoom), s.maxPx);
  return bar.px > 0 ? { px: bar.px, label: bar.label } : null;
}
