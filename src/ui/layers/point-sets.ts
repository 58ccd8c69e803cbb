// Pure: a layer's point marks as GPU-ready typed arrays sorted by start, and the mark range a time window draws.
import type { Dataset } from '../../core/columnar/dataset';
import { WEAPONS } from '../../core/schema/schema';
import { UNCERTAINTY_FILL, type RGBA } from '../../core/config';
import { FILTER_SIZE } from './time-filter';
import { SHORT_MAX_DAYS } from '../../core/columnar/time-index';
import { KINDS } from '../../core/columnar/columns';
import { lowerBound, upperBound } from '../../core/columnar/sorted-search';
import type { DayRange } from '../../core/time/window';
import { strikeRadiusPx, weaponColor } from '../../core/style';
import { drawnAsRegion } from './region-layers';

/**
 * The marks of one layer that a window finds by binary search: one per point of each short-lived
 * Point or MultiPoint row (see SHORT_MAX_DAYS). Single-day marks come first, then ranged ones
 * (e.g. ACLED's week and month precision), each part in row order, so sorted by start day. Every
 * array is laid out as the GPU reads it; they are uploaded once, and a window draws two slices
 * by byte offset — nothing is copied or re-uploaded when the window moves.
 *
 *   mark:      0      1      2   …   | instantCount …  n-1
 *   start:     d0  <= d0  <= d1  …   | d0' <= d1' …          (binary search in each part)
 *   positions: x y    x y    x y     | …                     Float32 ×2
 *   radius:    r      r      r       | …                     Float32 (pixels for strikes, metres for uncertainty)
 *   colors:    rgba   rgba   rgba    | …                     Uint8 ×4
 *   filter:    start end pass  …     | …                     Float32 ×3: [start, end] - origin, passes the filters 0/1
 *
 * Keeping the ranged marks apart matters: a window must reach back by the longest duration only
 * among them, not among the single-day marks that are nearly all of them.
 */
export interface PointSet {
  n: number;
  /** Marks [0, instantCount) are single-day; [instantCount, n) are ranged. */
  instantCount: number;
  /** Dataset row of each mark (ascending within each part). */
  row: Uint32Array;
  start: Int32Array;
  /** Longest (end - start) among the ranged marks, in days. */
  maxDuration: number;
  positions: Float32Array;
  radius: Float32Array;
  colors: Uint8Array;
  /** Filter values as time-filter.ts lays them out, with pass = 1; `passValues` gives a filter mask's pass per mark. */
  filter: Float32Array;
}

export type PointStyle = 'strike' | 'uncertainty';

/** Which rows of a layer become windowed marks: short-lived points. The rest stays with the old paths. */
export function isWindowedRow(ds: Dataset, row: number): boolean {
  const c = ds.columns;
  const g = c.geometries.get(row);
  // null: not placed on the map (an imported feature with a null geometry): in the list, never drawn.
  return (
    g !== null && (!g || g.type === 'MultiPoint' || g.type === 'Point') && c.end[row] - c.start[row] <= SHORT_MAX_DAYS
  );
}

/** The largest strike magnitude of the dataset (symbol sizes are relative to it). */
export function maxStrikeMagnitude(ds: Dataset): number {
  const { n, kind, magnitude } = ds.columns;
  let max = 0;
  const strike = KINDS.indexOf('strike');
  for (let r = 0; r < n; r++) if (kind[r] === strike && magnitude[r] > max) max = magnitude[r];
  return max;
}

/**
 * Builds the set of a layer's rows (ascending) for a style: strike symbols (radius from the
 * figures, colour from the weapon or, for a layer of one category, `color`), or uncertainty
 * circles (only rows known to > 1 km; radius in metres).
 */
export function buildPointSet(
  ds: Dataset,
  rows: Uint32Array,
  style: PointStyle,
  maxMagnitude: number,
  color?: RGBA,
): PointSet {
  const steps = buildPointSetSteps(ds, rows, style, maxMagnitude, color);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Rows between two of buildPointSetSteps' pauses: at 1M rows one set was ~0.3 s in one task. */
export const POINT_SET_CHUNK = 1 << 16;

/** buildPointSet in steps: it yields after each `chunk` rows (a power of two) of each of its two passes. */
export function* buildPointSetSteps(
  ds: Dataset,
  rows: Uint32Array,
  style: PointStyle,
  maxMagnitude: number,
  color?: RGBA,
  chunk = POINT_SET_CHUNK,
): Generator<void, PointSet> {
  const c = ds.columns;
  const pause = chunk - 1;
  // Two passes over typed arrays (count, then fill at each part's offset): at 1M strikes the
  // JavaScript arrays and spreads of before took ~0.3 s in one task of the import's last steps.
  const marksOf = new Uint32Array(rows.length); // marks of each row kept (0: not kept)
  let instant = 0;
  let ranged = 0;
  for (let i = 0; i < rows.length; i++) {
    if ((i & pause) === pause) yield;
    const r = rows[i];
    if (!isWindowedRow(ds, r)) continue;
    if (style === 'uncertainty' && !(c.placePrecisionKm[r] > 1)) continue;
    if (style === 'uncertainty' && drawnAsRegion(ds, r)) continue; // its unit's outline says where (region-layers.ts)
    const g = c.geometries.get(r);
    const m = g && g.type === 'MultiPoint' ? g.coordinates.length : 1;
    marksOf[i] = m;
    if (c.end[r] === c.start[r]) instant += m;
    else ranged += m;
  }
  const n = instant + ranged;
  const set = emptyPointSet(n, instant);
  const colorOf = WEAPONS.map((w) => weaponColor(w));
  const next = [0, instant]; // where each part's next mark goes
  for (let i = 0; i < rows.length; i++) {
    if ((i & pause) === pause) yield;
    const m = marksOf[i];
    if (!m) continue;
    const r = rows[i];
    const part = c.end[r] === c.start[r] ? 0 : 1;
    const g = m > 1 || c.geometries.has(r) ? c.geometries.get(r) : undefined;
    // Uncertainty discs are one faint fill whatever the weapon (their buffer has colours so that every point layer has one layout).
    const rgba = style === 'uncertainty' ? UNCERTAINTY_FILL : (color ?? (colorOf[c.weapon[r]] as RGBA));
    const radius = style === 'strike' ? strikeRadiusPx(c.magnitude[r], maxMagnitude) : c.placePrecisionKm[r] * 1000;
    if (part === 1) set.maxDuration = Math.max(set.maxDuration, c.end[r] - c.start[r]);
    for (let j = 0; j < m; j++) {
      const k = next[part]++;
      set.row[k] = r;
      set.start[k] = c.start[r];
      if (g && g.type === 'MultiPoint') {
        set.positions[2 * k] = g.coordinates[j][0];
        set.positions[2 * k + 1] = g.coordinates[j][1];
      } else if (g && g.type === 'Point') {
        set.positions[2 * k] = g.coordinates[0];
        set.positions[2 * k + 1] = g.coordinates[1];
      } else {
        set.positions[2 * k] = c.lon[r];
        set.positions[2 * k + 1] = c.lat[r];
      }
      set.radius[k] = radius;
      set.colors[4 * k] = rgba[0];
      set.colors[4 * k + 1] = rgba[1];
      set.colors[4 * k + 2] = rgba[2];
      set.colors[4 * k + 3] = rgba[3];
      set.filter[k * 3] = c.start[r] - ds.origin;
      set.filter[k * 3 + 1] = c.end[r] - ds.origin;
      set.filter[k * 3 + 2] = 1;
    }
  }
  return set;
}

/** 1.0 as a float's bits. */
const ONE_BITS = 0x3f800000;

/**
 * Each mark's pass for a pass mask (by dataset row, 1 passes and 0 does not, as filter-mask.ts
 * makes it), one float a mark: 1 or 0; null passes all. Written into `into` when given (the
 * layer's own array, reused for each filter change), else into a new one. Four bytes, not one:
 * ANGLE rewrites a vertex buffer whose attribute offset or stride is not a multiple of 4 (a
 * one-byte pass made each new window's first draw of a published week 0.2–0.7 s slower in software
 * WebGL). The floats are written as their bits, the mask's 0 or 1 times 1.0's, without a branch:
 * a search's mask is 0 and 1 at random, and the branch cost 25–31 ms of each key's frame at 1M rows
 * (8–10× this loop in node).
 */
export function passValues(set: PointSet, mask: Uint8Array | null, into?: Float32Array): Float32Array {
  const out = into && into.length === set.n ? into : new Float32Array(set.n);
  if (!mask) return out.fill(1);
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  const row = set.row;
  for (let k = 0; k < bits.length; k++) bits[k] = mask[row[k]] * ONE_BITS;
  return out;
}

/** The marks a window draws: [lo, hi) of the single-day part, then [lo, hi) of the ranged part. */
export type MarkRange = [number, number, number, number];

/**
 * Single-day marks: exactly those starting in [from, to]. Ranged marks: those starting by `to`,
 * back to `from - maxDuration` — one starting earlier may still reach into the window; the GPU
 * filter on `end` drops those that do not.
 */
export function markRange(set: PointSet, win: DayRange): MarkRange {
  const ic = set.instantCount;
  const hi1 = upperBound(set.start, win.to, 0, ic);
  const lo1 = Math.min(hi1, lowerBound(set.start, win.from, 0, hi1));
  const hi2 = upperBound(set.start, win.to, ic, set.n);
  const lo2 = Math.min(hi2, lowerBound(set.start, win.from - set.maxDuration, ic, hi2));
  return [lo1, hi1, lo2, hi2];
}

/** One point of a set made from objects (`pointSetOf`): where, how big, its colour, its filter values, its dataset row. */
export interface SetPoint {
  lon: number;
  lat: number;
  radius: number;
  color: RGBA;
  filter: readonly [number, number, number];
  row: number;
}

/** A PointSet of `n` zeroed points, the first `instantCount` of them single-day (buffers the callers fill). */
export function emptyPointSet(n: number, instantCount: number): PointSet {
  return {
    n,
    instantCount,
    row: new Uint32Array(n),
    start: new Int32Array(n),
    maxDuration: 0,
    positions: new Float32Array(n * 2),
    radius: new Float32Array(n),
    colors: new Uint8Array(n * 4),
    filter: new Float32Array(n * FILTER_SIZE),
  };
}

/**
 * A PointSet of `n` points that are not windowed by start (the long-lived marks, facilities, the
 * places' dots): every point in the single-day part, so the whole set is drawn and the GPU time
 * filter alone decides what shows. The same buffers and vertex layout as the windowed strikes, so
 * every point layer shares their one program and layout (each new one costs software WebGL's
 * first frame 0.1–0.4 s). Built once per data (the callers keep it), never per frame.
 */
export function pointSetOf(n: number, at: (k: number) => SetPoint): PointSet {
  const set = emptyPointSet(n, n);
  for (let k = 0; k < n; k++) {
    const p = at(k);
    set.row[k] = p.row;
    set.positions[2 * k] = p.lon;
    set.positions[2 * k + 1] = p.lat;
    set.radius[k] = p.radius;
    set.colors.set(p.color, 4 * k);
    set.filter.set(p.filter, 3 * k);
  }
  return set;
}
