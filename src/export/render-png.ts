// At the edge: renders the map off-screen at the target size (MapLibre pixelRatio + deck.gl useDevicePixels), composes captions, encodes PNG.
import { Map as MapLibreMap } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { Dataset } from '../data/dataset';
import type { BasemapData } from '../map/basemap-data';
import { basemapStyle } from '../map/basemap-style';
import type { BasemapPalette } from '../config';
import { buildDataLayers } from '../layers/data-layers';
import type { Filters } from '../filters/filters';
import { buildLabelLayers, canvasMeasure as measureLabels, labelSites, placeSites, type Place } from '../layers/labels';
import { buildRegionLayers } from '../layers/region-layers';
import type { DayRange } from '../time/window';
import { layoutCaptions, type CaptionContent, type Layout } from './layout';
import { canvasMeasure, drawCaptions, type ScaleBarValue } from './draw-captions';
import { metersPerPixel, niceScaleBar } from './legend-model';
import type { ResolvedSize } from './size';
import { checkAborted, nextTask, waitFor, type RunOptions } from './tasks';

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
  const { size } = input;
  const progress = (f: number, m: string): void => onProgress?.(f, m);
  progress(0.02, 'Preparing the image');
  const canvas = document.createElement('canvas');
  canvas.width = size.pixelWidth;
  canvas.height = size.pixelHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`Export: this browser could not create a ${size.pixelWidth} × ${size.pixelHeight} px canvas`);
  const layout = layoutCaptions(size.width, size.height, input.captions, canvasMeasure(ctx));
  const mapW = layout.map.width;
  const mapH = layout.map.height;
  const zoom = input.zoomFor ? input.zoomFor({ width: mapW, height: mapH }) : input.zoom;

  // Off-screen but laid out (ResizeObserver and IntersectionObserver must see it): fixed, invisible, inert.
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.dataset.atlasExport = 'render';
  Object.assign(container.style, {
    position: 'fixed', left: '0px', top: '0px', width: `${mapW}px`, height: `${mapH}px`,
    opacity: '0', pointerEvents: 'none', zIndex: '-1', overflow: 'hidden', contain: 'strict',
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
    const mapError = new Promise<never>((_, reject) => m.once('error', (e) => reject(e.error instanceof Error ? e.error : new Error('the off-screen map failed'))));
    await waitFor(Promise.race([loaded, mapError]), signal, LOAD_TIMEOUT_MS, 'loading the base map');

    progress(0.35, 'Drawing the layers');
    // Names placed for the image's own size and zoom, so none collide in it either.
    const project = (lon: number, lat: number): [number, number] => {
      const p = m.project([lon, lat]);
      return [p.x, p.y];
    };
    const placement = placeSites(labelSites(input.basemap, input.places, new Set(), zoom), project, { width: mapW, height: mapH }, [], measureLabels());
    const [dots, names] = buildLabelLayers(placement, input.palette);
    const regions = buildRegionLayers({ dataset: input.dataset, window: input.window, layers: input.layers, filters: input.filters, basemap: input.basemap });
    const layers: Layer[] = [dots, ...regions, ...buildDataLayers({ dataset: input.dataset, window: input.window, layers: input.layers, selected: null, filters: input.filters }), names];
    let renders = 0;
    overlay = new MapboxOverlay({ interleaved: false, useDevicePixels: size.scale, layers, onAfterRender: () => void renders++ });
    map.addControl(overlay);
    await waitFor(Promise.race([idle, mapError]), signal, LOAD_TIMEOUT_MS, 'drawing the base map');
    await waitDeck(layers, () => renders, signal);

    progress(0.6, 'Waiting for the graphics card');
    await gpuFinished(map.getCanvas(), signal);
    const deckCanvas = overlay.getCanvas();
    if (deckCanvas) await gpuFinished(deckCanvas, signal);
    progress(0.7, 'Composing the image');
    await nextTask();
    checkAborted(signal);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const dest = [layout.map.x * size.scale, layout.map.y * size.scale, mapW * size.scale, mapH * size.scale] as const;
    const warnings: string[] = [];
    for (const [what, c] of [['base map', map.getCanvas()], ['data layers', deckCanvas]] as const) {
      if (c && c.width < Math.floor(dest[2]) - 1) warnings.push(`The ${what} could only be drawn ${c.width} px wide (of ${Math.round(dest[2])}) and is scaled up to fit.`);
    }
    ctx.drawImage(map.getCanvas(), ...dest);
    if (deckCanvas) ctx.drawImage(deckCanvas, ...dest);
    const bar = scaleBarValue(map, layout, zoom);
    ctx.save();
    ctx.scale(size.scale, size.scale);
    drawCaptions(ctx, layout, bar);
    ctx.restore();
    const probes = (input.probes ?? []).map(([lon, lat]): [number, number] => {
      const p = m.project([lon, lat]);
      return [(layout.map.x + p.x) * size.scale, (layout.map.y + p.y) * size.scale];
    });
    teardown();

    progress(0.8, 'Encoding the PNG');
    await nextTask();
    checkAborted(signal);
    const blob = await waitFor(toPng(canvas), signal, LOAD_TIMEOUT_MS, 'encoding the PNG');
    progress(1, 'Done');
    return { blob, width: canvas.width, height: canvas.height, layout, zoom, probes, warnings };
  } finally {
    teardown();
    canvas.width = 0;
    canvas.height = 0;
  }

  function teardown(): void {
    if (map && overlay) map.removeControl(overlay);
    overlay = null;
    map?.remove();
    map = null;
    container.remove();
  }
}

/**
 * Waits until deck.gl has loaded every layer and drawn with them: a frame drawn after they were
 * seen loaded, or, when the draw that loaded them was already the last one needed, three quiet
 * frames after it. Gives up after ~10 s of frames (and draws what there is).
 */
async function waitDeck(layers: Layer[], renders: () => number, signal: AbortSignal | undefined): Promise<void> {
  let loadedAt = -1;
  let quiet = 0;
  for (let i = 0; i < 600; i++) {
    checkAborted(signal);
    if (layers.every((l) => l.isLoaded) && renders() > 0) {
      if (loadedAt < 0) loadedAt = renders();
      else if (renders() > loadedAt || ++quiet >= 3) break;
    }
    await frame();
  }
  await frame();
}

/**
 * Resolves once the GPU has run every command queued on the canvas's WebGL2 context, polling a
 * fence once a frame: reading the canvas afterwards no longer blocks the page while a software
 * renderer catches up. Without WebGL2 (or a fence) it resolves at once.
 */
async function gpuFinished(canvas: HTMLCanvasElement, signal: AbortSignal | undefined): Promise<void> {
  // getContext with the type the canvas already has returns its existing context.
  const gl = canvas.getContext('webgl2');
  if (!gl) return;
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return;
  gl.flush();
  try {
    for (let i = 0; i < 3600; i++) {
      checkAborted(signal);
      if (gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED || gl.isContextLost()) return;
      await frame();
    }
  } finally {
    gl.deleteSync(sync);
  }
}

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Export: the browser could not encode the PNG'))), 'image/png'));
}

/** The scale bar for the map as rendered: metres per pixel at the bar's own latitude. */
function scaleBarValue(map: MapLibreMap, layout: Layout, zoom: number): ScaleBarValue | null {
  const s = layout.scaleBar;
  if (!s) return null;
  const lat = map.unproject([s.x - layout.map.x, s.y - layout.map.y]).lat;
  const bar = niceScaleBar(metersPerPixel(lat, zoom), s.maxPx);
  return bar.px > 0 ? { px: bar.px, label: bar.label } : null;
}
