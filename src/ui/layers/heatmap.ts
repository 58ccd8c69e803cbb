// Pure: a heatmap image of a window's marks in view — counts on a fine world grid, blurred, coloured.
import type { BinSource } from './bins';
import type { DayRange } from '../../core/time/window';
import { rampColor } from './density-scale';

/**
 * The grid covers the view (plus a margin as wide as the blur) in cells of `cell` world units
 * (a few screen pixels). Each mark in the window adds 1 to its cell; three box blurs (≈ a
 * Gaussian) spread it; the ramp colours it, fading to transparent where there is nothing. Cost:
 * the window's marks plus the view's cells; it is recomputed when the window or the view moves.
 */
export interface HeatInput {
  sources: readonly BinSource[];
  win: DayRange;
  end: Int32Array;
  mask: Uint8Array | null;
  /** The view in world units: x0 < x1 (west → east), y0 < y1 (south → north). */
  bounds: [number, number, number, number];
  /** Cell size in world units. */
  cell: number;
  /** Blur radius in cells. */
  blur: number;
  /** Density (events per cell, after the blur) shown as the ramp's end; null = this image's largest. */
  domain: number | null;
}

export interface HeatImage {
  width: number;
  height: number;
  /** RGBA, row 0 at the north edge. */
  data: Uint8ClampedArray;
  /** World bounds the image covers (the view plus the margin, snapped to cells). */
  bounds: [number, number, number, number];
  /** The largest blurred density in the image, and the one the ramp's end stands for. */
  max: number;
  domain: number;
  /** Marks counted (in view, with the margin). */
  counted: number;
}

const MAX_CELLS = 600 * 400;

export function heatImage(input: HeatInput): HeatImage {
  const { sources, win, end, mask, blur } = input;
  let cell = input.cell;
  const margin = (blur + 1) * cell;
  let [x0, y0, x1, y1] = input.bounds;
  x0 -= margin;
  y0 -= margin;
  x1 += margin;
  y1 += margin;
  // Never more than MAX_CELLS: a huge view (a zoomed-out export) gets coarser cells.
  while (((x1 - x0) / cell) * ((y1 - y0) / cell) > MAX_CELLS) cell *= 1.5;
  x0 = Math.floor(x0 / cell) * cell;
  y0 = Math.floor(y0 / cell) * cell;
  const w = Math.max(1, Math.ceil((x1 - x0) / cell));
  const h = Math.max(1, Math.ceil((y1 - y0) / cell));
  const grid = new Float32Array(w * h);
  let counted = 0;
  for (const src of sources) {
    if (!src.range) continue;
    const { set, world } = src;
    const [lo1, hi1, lo2, hi2] = src.range;
    for (const [lo, hi] of [
      [lo1, hi1],
      [lo2, hi2],
    ]) {
      for (let k = lo; k < hi; k++) {
        const row = set.row[k];
        if ((mask && !mask[row]) || (k >= set.instantCount && end[row] < win.from)) continue;
        const cx = Math.floor((world[2 * k] - x0) / cell);
        const cy = Math.floor((world[2 * k + 1] - y0) / cell);
        if (cx < 0 || cy < 0 || cx >= w || cy >= h) continue;
        grid[(h - 1 - cy) * w + cx] += 1; // row 0 = north
        counted++;
      }
    }
  }
  const tmp = new Float32Array(w * h);
  for (let pass = 0; pass < 3; pass++) {
    boxBlur(grid, tmp, w, h, blur, true);
    boxBlur(tmp, grid, w, h, blur, false);
  }
  let max = 0;
  for (let i = 0; i < grid.length; i++) if (grid[i] > max) max = grid[i];
  const domain = input.domain && input.domain > 0 ? input.domain : max;
  const data = new Uint8ClampedArray(w * h * 4);
  // Below a hundredth of the domain (a lone event far from others, blurred) stays faintly visible.
  const floor = domain / 400;
  for (let i = 0; i < grid.length; i++) {
    const v = grid[i];
    if (v <= floor / 4) continue;
    const t = Math.min(1, Math.log1p(v / floor) / Math.log1p(domain / floor));
    const c = rampColor(t);
    data[4 * i] = c[0];
    data[4 * i + 1] = c[1];
    data[4 * i + 2] = c[2];
    data[4 * i + 3] = Math.round(255 * Math.min(0.85, 1.4 * t));
  }
  return { width: w, height: h, data, bounds: [x0, y0, x0 + w * cell, y0 + h * cell], max, domain, counted };
}

/** One box blur of radius r along rows (horizontal) or columns, normalised: the sum is kept. */
function boxBlur(src: Float32Array, dst: Float32Array, w: number, h: number, r: number, horizontal: boolean): void {
  const len = horizontal ? w : h;
  const lines = horizontal ? h : w;
  const step = horizontal ? 1 : w;
  const norm = 1 / (2 * r + 1);
  for (let l = 0; l < lines; l++) {
    const base = horizontal ? l * w : l;
    let acc = 0;
    for (let i = -r; i <= r; i++) if (i >= 0 && i < len) acc += src[base + i * step];
    for (let i = 0; i < len; i++) {
      dst[base + i * step] = acc * norm;
      const add = i + r + 1;
      const drop = i - r;
      if (add < len) acc += src[base + add * step];
      if (drop >= 0) acc -= src[base + drop * step];
    }
  }
}
