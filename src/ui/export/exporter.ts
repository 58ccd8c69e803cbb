// The export API the dialog, the embed and the snapshot script share: PNG, GeoJSON and CSV of what the map shows.
import type { AtlasStore } from '../../app/store';
import { shownView, shownWindow, visibleItems } from '../../app/derived';
import type { MapView } from '../map/map-view';
import { NATURAL_EARTH_ATTRIBUTION } from '../map/basemap-style';
import { formatIsoDay } from '../../core/time/days';
import { exportFileName, type ExportFormat } from './file-names';
import { fitZoom, maxPixelSide, resolveSize, type ResolvedSize } from './size';
import { glLimits } from './gl-limits';
import { attributionText, legendRows, sourceEntries, timeCaption } from './legend-model';
import { numberedSources, type Bbox } from './selection';
import { rowsInView, streamExport } from './data-export-stream';
import { scaleRect, type Corner, type Layout, type Rect } from './layout';
import { renderPng } from './render-png';
import { categoryColors } from '../layers/categories';
import type { ExportMeta } from './geojson-export';
import type { RunOptions } from './tasks';

export interface PngOptions {
  /** CSS pixels of the image; the scale multiplies them. */
  width: number;
  height: number;
  scale: number;
  /** 'zoom': the map's zoom as it is (a bigger image shows more); 'extent': zoom to keep what the map shows now. */
  frame: 'zoom' | 'extent';
  /** Title text; null or '' for none. */
  title: string | null;
  time: boolean;
  legend: boolean;
  legendPosition: Corner;
  scaleBar: boolean;
  attribution: boolean;
  sources: boolean;
}

export const DEFAULT_PNG_OPTIONS: PngOptions = {
  width: 1280,
  height: 720,
  scale: 2,
  frame: 'zoom',
  title: 'Conflict Atlas',
  time: true,
  legend: true,
  legendPosition: 'bottom-left',
  scaleBar: true,
  attribution: true,
  sources: true,
};

export interface DataOptions {
  /** Only the features whose geometry meets the map's current view. */
  inView: boolean;
}

export interface PngResult {
  blob: Blob;
  fileName: string;
  width: number;
  height: number;
  size: ResolvedSize;
  /** Why the scale was lowered ('' when it was not). */
  message: string;
  /** What did not fit or was changed: the scale clamp, legend rows or sources left out. */
  warnings: string[];
  zoom: number;
  /** Image-pixel boxes of the captions and of each legend swatch (for tests). */
  boxes: ImageBoxes;
  /** Image pixels of `probes` (lon/lat) asked for. */
  probes: [number, number][];
}

export interface ImageBoxes {
  map: Rect;
  title: Rect | null;
  legend: Rect | null;
  swatches: { text: string; rect: Rect }[];
  scaleBar: Rect | null;
  attribution: Rect | null;
  sources: Rect | null;
}

export interface DataResult {
  blob: Blob;
  fileName: string;
  /** Features written. */
  count: number;
}

export interface ExportRun extends RunOptions {
  probes?: readonly [number, number][];
}

/** The largest side, in device pixels, the map and deck.gl canvases may have in this browser. */
export function maxExportSide(): number {
  return maxPixelSide(glLimits());
}

/** The map's size in CSS px now (the "current view" aspect). */
export function currentViewSize(view: MapView): { width: number; height: number } {
  const c = view.map.getContainer();
  return { width: Math.max(1, c.clientWidth), height: Math.max(1, c.clientHeight) };
}

/** Renders the PNG the options describe from the store's current state. */
export async function exportPng(
  store: AtlasStore,
  view: MapView,
  options: PngOptions,
  run: ExportRun = {},
): Promise<PngResult> {
  const s = store.getState();
  if (!s.dataset) throw new Error('Export: the data has not loaded yet');
  const maxSide = maxExportSide();
  const size = resolveSize({ width: options.width, height: options.height, scale: options.scale }, maxSide);
  const win = shownWindow(s);
  const items = visibleItems(s);
  const sources = numberedSources(items);
  const shownDefs = s.dataset.layers.filter((d) => s.layers.includes(d.key));
  const counts = new Map<string, number>(shownDefs.map((d) => [d.key, 0]));
  for (const it of items) counts.set(it.layer, (counts.get(it.layer) ?? 0) + 1);
  const center = view.map.getCenter();
  const currentZoom = view.map.getZoom();
  const viewSize = currentViewSize(view);
  const source = view.exportSource();
  const out = await renderPng(
    {
      dataset: s.dataset,
      window: win,
      layers: s.layers,
      filters: s.filters,
      // What the map draws now (dots, hexagons or heatmap: `auto` as decided on screen), so the legend above holds.
      agg: view.density()?.drawn ?? s.agg,
      mode: s.mode,
      center: { lon: center.lng, lat: center.lat },
      zoom: currentZoom,
      zoomFor: options.frame === 'extent' ? (mapSize) => fitZoom(currentZoom, viewSize, mapSize) : undefined,
      size,
      maxSide,
      captions: {
        title: options.title?.trim() ? options.title.trim() : null,
        time: options.time ? timeCaption(win, s.mode) : null,
        legend: options.legend
          ? legendRows(shownDefs, counts, { colors: categoryColors(s.dataset).layerColor, density: view.density() })
          : null,
        legendPosition: options.legendPosition,
        scaleBar: options.scaleBar,
        attribution: options.attribution ? attributionText(NATURAL_EARTH_ATTRIBUTION, sources, options.sources) : null,
        sources: options.sources ? sourceEntries(sources) : null,
      },
      basemap: source.basemap,
      places: source.places,
      palette: source.palette,
      probes: run.probes,
    },
    run,
  );
  const warnings = [...(size.message ? [size.message] : []), ...out.warnings];
  const legendRowsLeft = options.legend && shownDefs.length ? (out.layout.legend?.dropped ?? -1) : 0;
  if (legendRowsLeft !== 0) {
    warnings.push(
      legendRowsLeft < 0
        ? 'The legend did not fit in the image and is left out: make the image larger.'
        : `The legend did not fit: its last ${legendRowsLeft} rows are left out; make the image larger or move the legend.`,
    );
  }
  const sourcesLeft = out.layout.sources?.dropped ?? 0;
  if (sourcesLeft > 0)
    warnings.push(
      `The source list did not fit: ${sourcesLeft} sources are left out of the image (every one is in the GeoJSON and CSV exports).`,
    );
  return {
    blob: out.blob,
    fileName: fileNameFor(store, 'png', false),
    warnings,
    width: out.width,
    height: out.height,
    size,
    message: size.message,
    zoom: out.zoom,
    boxes: imageBoxes(out.layout, size.scale),
    probes: out.probes,
  };
}

/** The GeoJSON or CSV of the features in the current window (optionally only those in view), streamed from the columns (data-export-stream.ts). */
export async function exportData(
  store: AtlasStore,
  view: MapView | null,
  format: Exclude<ExportFormat, 'png'>,
  options: DataOptions,
  run: RunOptions = {},
): Promise<DataResult> {
  const s = store.getState();
  if (!s.dataset) throw new Error('Export: the data has not loaded yet');
  const bbox = options.inView && view ? viewBbox(view) : null;
  const rows = rowsInView(s.dataset, shownView(s).rows(), bbox);
  const { blob, count } = await streamExport(s.dataset, rows, format, exportMeta(store, bbox), run);
  return { blob, fileName: fileNameFor(store, format, Boolean(bbox)), count };
}

/** The file name an export of the store's current state gets. */
export function fileNameFor(store: AtlasStore, format: ExportFormat, inView: boolean): string {
  const s = store.getState();
  const win = shownWindow(s);
  return exportFileName(
    {
      from: formatIsoDay(win.from),
      to: formatIsoDay(win.to),
      layers: s.layers,
      allLayers: s.dataset?.layers.map((l) => l.key),
      inView,
    },
    format,
  );
}

function exportMeta(store: AtlasStore, bbox: Bbox | null): ExportMeta {
  const s = store.getState();
  const win = shownWindow(s);
  const meta: ExportMeta = {
    window: { from: formatIsoDay(win.from), to: formatIsoDay(win.to) },
    mode: s.mode,
    layers: [...s.layers],
    in_view: bbox !== null,
  };
  if (bbox) meta.view_bbox = bbox;
  return meta;
}

function viewBbox(view: MapView): Bbox {
  const b = view.map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

function imageBoxes(layout: Layout, scale: number): ImageBoxes {
  const sc = (r: Rect | undefined): Rect | null => (r ? scaleRect(r, scale) : null);
  return {
    map: scaleRect(layout.map, scale),
    title: sc(layout.title?.box),
    legend: sc(layout.legend?.box),
    swatches: (layout.legend?.rows ?? []).map((r) => ({ text: r.row.text, rect: scaleRect(r.swatch, scale) })),
    scaleBar: sc(layout.scaleBar?.box),
    attribution: sc(layout.attribution?.box),
    sources: sc(layout.sources?.box),
  };
}

/** How many features a data export would hold: all in the window, and those in the map's view (no Items made). */
export function dataCounts(store: AtlasStore, view: MapView | null): { all: number; inView: number | null } {
  const s = store.getState();
  const v = shownView(s);
  return { all: v.count, inView: view && s.dataset ? rowsInView(s.dataset, v.rows(), viewBbox(view)).length : null };
}
