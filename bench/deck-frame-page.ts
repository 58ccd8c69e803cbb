// Dev aid page: a deck.gl alone with synthetic scatterplot layers; times the frame after each kind of update (bench/frame-bisect-deck.ts drives it).
import { Deck, MapView, type Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Device } from '@luma.gl/core';

export interface DeckFrameSetup {
  width: number;
  height: number;
  antialias: boolean;
  /** Scatterplot layers, and points in each. */
  layers: number;
  points: number;
}

/** What changes before a frame: nothing, new layer instances (same data), new data (same ids), new layers (new ids). */
export type Update = 'same' | 'instances' | 'data' | 'ids' | 'radius';

let deck: Deck<MapView> | null = null;
let gl: WebGL2RenderingContext | null = null;
let setup: DeckFrameSetup | null = null;
let generation = 0;
let datas: { position: Float32Array; n: number }[] = [];
const pixel = new Uint8Array(4);

function makeData(n: number, seed: number): { position: Float32Array; n: number } {
  const position = new Float32Array(n * 2);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < n * 2; i += 2) {
    x = (x * 9301 + 49297) % 233280;
    position[i] = 22 + (x / 233280) * 18;
    x = (x * 9301 + 49297) % 233280;
    position[i + 1] = 44 + (x / 233280) * 9;
  }
  return { position, n };
}

function layersOf(ids: number, radius: number): Layer[] {
  return datas.map(
    (d, i) =>
      new ScatterplotLayer({
        id: `points-${ids}-${i}`,
        data: { length: d.n, attributes: { getPosition: { value: d.position, size: 2 } } },
        getRadius: 3000,
        radiusScale: radius,
        radiusMinPixels: 2,
        getFillColor: [200, 40 + i * 20, 40, 200],
        stroked: true,
        getLineColor: [255, 255, 255],
        lineWidthMinPixels: 1,
      }),
  );
}

let ids = 0;
let radius = 1;

function init(s: DeckFrameSetup): Promise<void> {
  setup = s;
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `width: ${s.width}px; height: ${s.height}px`;
  document.body.append(canvas);
  datas = Array.from({ length: s.layers }, (_, i) => makeData(s.points, i + 1));
  return new Promise((resolve) => {
    deck = new Deck<MapView>({
      views: new MapView({ id: 'map' }),
      canvas,
      width: s.width,
      height: s.height,
      useDevicePixels: false,
      controller: false,
      _animate: false,
      deviceProps: { type: 'webgl', webgl: { antialias: s.antialias, preserveDrawingBuffer: true } },
      initialViewState: { longitude: 31, latitude: 48.5, zoom: 5 },
      layers: layersOf(ids, radius),
      onDeviceInitialized: (device: Device) => {
        gl = (device as unknown as { gl: WebGL2RenderingContext }).gl;
      },
      onLoad: () => resolve(),
    } as ConstructorParameters<typeof Deck<MapView>>[0]);
  });
}

/** One update and its frame: the CPU part (setProps, layer updates, GL calls) and the GPU's wait after it. */
function frame(update: Update): { cpu: number; gpu: number } {
  if (!deck || !gl || !setup) throw new Error('not set up');
  const t0 = performance.now();
  if (update === 'data') {
    generation++;
    datas = datas.map((d, i) => makeData(d.n, generation * 100 + i));
  }
  if (update === 'ids') ids++;
  if (update === 'radius') radius = radius === 1 ? 1.5 : 1;
  if (update !== 'same') deck.setProps({ layers: layersOf(ids, radius) });
  (deck as unknown as { layerManager: { updateLayers(): void } }).layerManager.updateLayers();
  deck.redraw('bench');
  const t1 = performance.now();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  return { cpu: t1 - t0, gpu: performance.now() - t1 };
}

(window as unknown as { __deckFrame: object }).__deckFrame = { init, frame };

/**
 * Raw WebGL2, no deck.gl: `n` quads of `px` pixels drawn either instanced (4 vertices, n instances)
 * or as one mesh (6n vertices), in a minimal program; returns the GPU's ms for each of `frames` frames.
 */
function raw(opts: {
  n: number;
  px: number;
  instanced: boolean;
  frames: number;
  size: number;
  antialias: boolean;
}): number[] {
  const canvas = document.createElement('canvas');
  canvas.width = opts.size;
  canvas.height = opts.size;
  document.body.append(canvas);
  const g = canvas.getContext('webgl2', {
    antialias: opts.antialias,
    preserveDrawingBuffer: true,
  }) as WebGL2RenderingContext;
  const vs = opts.instanced
    ? `#version 300 es
in vec2 corner; in vec2 center; uniform float size;
void main() { gl_Position = vec4(center + corner * size, 0.0, 1.0); }`
    : `#version 300 es
in vec2 corner; in vec2 center; uniform float size;
void main() { gl_Position = vec4(center + corner * size, 0.0, 1.0); }`;
  const fs = `#version 300 es
precision highp float; out vec4 color;
void main() { color = vec4(0.8, 0.2, 0.2, 0.8); }`;
  const sh = (type: number, src: string): WebGLShader => {
    const s = g.createShader(type) as WebGLShader;
    g.shaderSource(s, src);
    g.compileShader(s);
    return s;
  };
  const prog = g.createProgram() as WebGLProgram;
  g.attachShader(prog, sh(g.VERTEX_SHADER, vs));
  g.attachShader(prog, sh(g.FRAGMENT_SHADER, fs));
  g.linkProgram(prog);
  g.useProgram(prog);
  g.uniform1f(g.getUniformLocation(prog, 'size'), opts.px / opts.size);
  const corners = [-1, -1, 1, -1, -1, 1, 1, 1];
  const tri = [0, 1, 2, 2, 1, 3];
  const centers = new Float32Array(opts.n * 2);
  for (let i = 0; i < centers.length; i++) centers[i] = Math.random() * 1.8 - 0.9;
  const cLoc = g.getAttribLocation(prog, 'corner');
  const pLoc = g.getAttribLocation(prog, 'center');
  const vao = g.createVertexArray();
  g.bindVertexArray(vao);
  if (opts.instanced) {
    const cb = g.createBuffer();
    g.bindBuffer(g.ARRAY_BUFFER, cb);
    g.bufferData(g.ARRAY_BUFFER, new Float32Array(corners), g.STATIC_DRAW);
    g.enableVertexAttribArray(cLoc);
    g.vertexAttribPointer(cLoc, 2, g.FLOAT, false, 0, 0);
    const pb = g.createBuffer();
    g.bindBuffer(g.ARRAY_BUFFER, pb);
    g.bufferData(g.ARRAY_BUFFER, centers, g.STATIC_DRAW);
    g.enableVertexAttribArray(pLoc);
    g.vertexAttribPointer(pLoc, 2, g.FLOAT, false, 0, 0);
    g.vertexAttribDivisor(pLoc, 1);
  } else {
    const c = new Float32Array(opts.n * 12);
    const p = new Float32Array(opts.n * 12);
    for (let i = 0; i < opts.n; i++)
      for (let k = 0; k < 6; k++) {
        c[i * 12 + k * 2] = corners[tri[k] * 2];
        c[i * 12 + k * 2 + 1] = corners[tri[k] * 2 + 1];
        p[i * 12 + k * 2] = centers[i * 2];
        p[i * 12 + k * 2 + 1] = centers[i * 2 + 1];
      }
    const cb = g.createBuffer();
    g.bindBuffer(g.ARRAY_BUFFER, cb);
    g.bufferData(g.ARRAY_BUFFER, c, g.STATIC_DRAW);
    g.enableVertexAttribArray(cLoc);
    g.vertexAttribPointer(cLoc, 2, g.FLOAT, false, 0, 0);
    const pb = g.createBuffer();
    g.bindBuffer(g.ARRAY_BUFFER, pb);
    g.bufferData(g.ARRAY_BUFFER, p, g.STATIC_DRAW);
    g.enableVertexAttribArray(pLoc);
    g.vertexAttribPointer(pLoc, 2, g.FLOAT, false, 0, 0);
  }
  g.enable(g.BLEND);
  g.blendFunc(g.SRC_ALPHA, g.ONE_MINUS_SRC_ALPHA);
  const px = new Uint8Array(4);
  const out: number[] = [];
  for (let f = 0; f < opts.frames; f++) {
    g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, px);
    const t0 = performance.now();
    g.clearColor(0.8, 0.9, 0.95, 1);
    g.clear(g.COLOR_BUFFER_BIT);
    if (opts.instanced) g.drawArraysInstanced(g.TRIANGLE_STRIP, 0, 4, opts.n);
    else g.drawArrays(g.TRIANGLES, 0, opts.n * 6);
    g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, px);
    out.push(Math.round(performance.now() - t0));
  }
  canvas.remove();
  return out;
}

(window as unknown as { __raw: typeof raw }).__raw = raw;

/**
 * The floor of a frame that changes WebGL canvases: `canvases` canvases of `size` px, each cleared
 * to a new colour every animation frame for `ms`; returns the frame intervals' median and max.
 */
function clearLoop(opts: {
  canvases: number;
  size: number;
  antialias: boolean;
  preserve: boolean;
  ms: number;
}): Promise<string> {
  const gls = Array.from({ length: opts.canvases }, () => {
    const c = document.createElement('canvas');
    c.width = opts.size;
    c.height = opts.size;
    c.style.cssText = 'position: absolute; left: 0; top: 0';
    document.body.append(c);
    return c.getContext('webgl2', {
      antialias: opts.antialias,
      preserveDrawingBuffer: opts.preserve,
    }) as WebGL2RenderingContext;
  });
  const frames: number[] = [];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const tick = (t: number): void => {
      frames.push(t);
      for (const g of gls) {
        g.clearColor(Math.random(), 0.5, 0.5, 1);
        g.clear(g.COLOR_BUFFER_BIT | g.DEPTH_BUFFER_BIT);
      }
      if (performance.now() - t0 < opts.ms) requestAnimationFrame(tick);
      else {
        const gaps = frames
          .slice(1)
          .map((x, i) => x - frames[i])
          .sort((a, b) => a - b);
        for (const g of gls) g.canvas instanceof HTMLCanvasElement && g.canvas.remove();
        resolve(
          `frames ${frames.length}, median ${gaps[gaps.length >> 1]?.toFixed(0)} ms, max ${gaps[gaps.length - 1]?.toFixed(0)} ms`,
        );
      }
    };
    requestAnimationFrame(tick);
  });
}

(window as unknown as { __clearLoop: typeof clearLoop }).__clearLoop = clearLoop;
