// Benchmark page: loads generated events like the app's import does, then times frames per method, ingest and parse; driven by bench/bench.ts.
import { Deck, type Layer } from '@deck.gl/core';
import type { Device } from '@luma.gl/core';
import { buildDataset, type Dataset, type LayerDef } from '../src/core/columnar/dataset';
import { parseJson } from '../src/core/import/json';
import { importGeoJson } from '../src/core/import/geojson-import';
import { ResultBuilder } from '../src/core/import/builder';
import type { ImportResult } from '../src/core/import/import';
import { windowView } from '../src/core/columnar/window-query';
import { methodRun, strikeMarks, visibleMarks, type Marks, type Method } from './methods';
import type { DayRange } from '../src/core/time/window';

/**
 * One Deck (and WebGL context) per method, so the methods can be timed in turn on the same
 * window — paired measurements, which this noisy 2-core machine needs — while each keeps its
 * own layers and GPU buffers alive between frames.
 */
interface Surface {
  deck: Deck;
  gl: WebGL2RenderingContext | null;
}

function surface(canvas: HTMLCanvasElement): Surface {
  const s: Surface = { deck: null as unknown as Deck, gl: null };
  s.deck = new Deck({
    canvas,
    width: 1024,
    height: 700,
    useDevicePixels: false,
    controller: false,
    initialViewState: { longitude: 33.5, latitude: 48.6, zoom: 5.2 },
    layers: [],
    onDeviceInitialized: (device: Device) => {
      s.gl = (device as unknown as { gl: WebGL2RenderingContext }).gl;
    },
  });
  return s;
}

const surfaces = new Map<Method, Surface>();
function surfaceFor(m: Method): Surface {
  let s = surfaces.get(m);
  if (!s) {
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'position: absolute; left: 0; top: 0; width: 1024px; height: 700px';
    document.body.append(canvas);
    s = surface(canvas);
    surfaces.set(m, s);
  }
  return s;
}
const main = surface(document.getElementById('deck') as HTMLCanvasElement);
const pixel = new Uint8Array(4);

let lastCpu = 0;

/**
 * One frame, finished: the 1×1 readPixels waits for the drawing (gl.finish returns at once in
 * Chromium). `lastCpu` keeps the part before readPixels: the JavaScript and GL calls, not the drawing.
 */
function frame(layers: Layer[], s: Surface = main): number {
  const t0 = performance.now();
  s.deck.setProps({ layers });
  // deck.gl updates layers on its next animation frame; a timed frame must do it now.
  (s.deck as unknown as { layerManager: { updateLayers(): void } }).layerManager.updateLayers();
  s.deck.redraw('bench');
  lastCpu = performance.now() - t0;
  (s.gl as WebGL2RenderingContext).readPixels(
    0,
    0,
    1,
    1,
    WebGL2RenderingContext.RGBA,
    WebGL2RenderingContext.UNSIGNED_BYTE,
    pixel,
  );
  return performance.now() - t0;
}

async function ready(s: Surface): Promise<void> {
  while (!s.gl) await new Promise((r) => setTimeout(r, 20));
}

let text: string | null = null;
let dataset: Dataset | null = null;
let marks: Marks | null = null;

/** The import core's steps for a GeoJSON file (what the app's import worker runs), then the columns. */
function ingest(source: string, file: string): { ds: Dataset; parseMs: number; validateMs: number; columnsMs: number } {
  const t0 = performance.now();
  const parsed = parseJson(source);
  if (!parsed.ok) throw new Error(parsed.message);
  const t1 = performance.now();
  const b = new ResultBuilder(file, 'geojson');
  const steps = importGeoJson(parsed.value, b);
  let step = steps.next();
  while (!step.done) step = steps.next();
  const result: ImportResult = step.value;
  if (result.rejected) throw new Error(`${result.rejected} features rejected`);
  const t2 = performance.now();
  const layers: LayerDef[] = result.layers.map((l) => ({ key: l.key, label: l.label, kind: l.layer, group: file }));
  const ds = buildDataset(result.features, layers);
  const t3 = performance.now();
  return { ds, parseMs: t1 - t0, validateMs: t2 - t1, columnsMs: t3 - t2 };
}

const api = {
  ready: ready(main),

  async fetchText(url: string): Promise<number> {
    text = await (await fetch(url)).text();
    return text.length;
  },

  /** A bare JSON.parse of the same text (its result dropped). */
  parseOnly(): number {
    const t0 = performance.now();
    const value = JSON.parse(text as string) as { features: unknown[] };
    const ms = performance.now() - t0;
    if (!Array.isArray(value.features)) throw new Error('not a FeatureCollection');
    return ms;
  },

  /** Parse, validate, normalise to sorted columns; the text and everything but the dataset are then dropped. */
  ingest(file: string): {
    ms: number;
    parseMs: number;
    validateMs: number;
    columnsMs: number;
    n: number;
    strikes: number;
  } {
    const t0 = performance.now();
    const r = ingest(text as string, file);
    const ms = performance.now() - t0;
    text = null;
    dataset = r.ds;
    marks = strikeMarks(r.ds);
    return {
      ms,
      parseMs: r.parseMs,
      validateMs: r.validateMs,
      columnsMs: r.columnsMs,
      n: r.ds.columns.n,
      strikes: marks.symbols.n,
    };
  },

  /** Draws the app's layers once (building what it keeps per dataset), so the heap holds what the app holds. */
  primeApp(): void {
    const ds = dataset as Dataset;
    const run = methodRun('ours', ds, marks as Marks);
    frame(run.layers({ from: ds.span.start, to: ds.span.start }));
  },

  /** Bytes in the typed arrays of the dataset and of our layers' point sets (outside the JS heap). */
  typedBytes(): number {
    const c = (dataset as Dataset).columns;
    const arrays = [
      c.start,
      c.end,
      c.layer,
      c.kind,
      c.lon,
      c.lat,
      c.weapon,
      c.magnitude,
      c.placePrecisionKm,
      c.idMember,
      ...c.rowsOfLayer,
    ];
    const m = marks as Marks;
    const sets = [m.symbols, m.circles].flatMap((s) => [s.row, s.start, s.positions, s.radius, s.colors, s.filter]);
    return [...arrays, ...sets].reduce((a, x) => a + x.byteLength, 0) + c.props.typedBytes();
  },

  /**
   * Times `steps` frames per method with the window moving across the span: at each window every
   * method draws in turn (after `warmup` untimed windows). Returns ms per frame and strikes drawn.
   */
  async frames(
    methods: Method[],
    steps: number,
    widthDays: number,
    warmup = 2,
  ): Promise<{ ms: Record<string, number[]>; cpu: Record<string, number[]>; visible: number[] }> {
    const ds = dataset as Dataset;
    for (const m of methods) await ready(surfaceFor(m));
    const runs = methods.map((m) => methodRun(m, ds, marks as Marks));
    const span = ds.span;
    const last = Math.max(span.start, span.end - widthDays + 1);
    const windows: DayRange[] = [];
    for (let k = 0; k < steps; k++) {
      const from = Math.round(span.start + (k * (last - span.start)) / Math.max(1, steps - 1));
      windows.push({ from, to: from + widthDays - 1 });
    }
    const ms: Record<string, number[]> = Object.fromEntries(methods.map((m) => [m, []]));
    const cpu: Record<string, number[]> = Object.fromEntries(methods.map((m) => [m, []]));
    const visible: number[] = [];
    for (let k = -warmup; k < steps; k++) {
      const win = windows[Math.max(0, k)];
      methods.forEach((m, i) => {
        const s = surfaceFor(m);
        const layers = runs[i].layers(win);
        if (runs[i].staticPerWindow) frame(layers, s); // the upload of the window's static layer, untimed
        const t = frame(layers, s);
        if (k >= 0) {
          ms[m].push(t);
          cpu[m].push(lastCpu);
        }
      });
      if (k >= 0) visible.push(visibleMarks(ds, (marks as Marks).symbols, win).length);
    }
    for (const m of methods) frame([], surfaceFor(m));
    return { ms, cpu, visible };
  },

  /** Sanity: the app's visible count for a window against brute force. */
  countCheck(widthDays: number): { index: number; brute: number } {
    const ds = dataset as Dataset;
    const win = { from: ds.span.start + 200, to: ds.span.start + 200 + widthDays - 1 };
    const index = windowView(
      ds,
      win,
      ds.layers.map((l) => l.key),
    ).count;
    let brute = 0;
    for (let r = 0; r < ds.columns.n; r++) if (ds.columns.start[r] <= win.to && ds.columns.end[r] >= win.from) brute++;
    return { index, brute };
  },

  span(): { start: number; end: number } {
    return (dataset as Dataset).span;
  },
};

(window as unknown as { __bench: typeof api }).__bench = api;
