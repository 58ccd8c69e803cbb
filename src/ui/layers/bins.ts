// Pure: hexagon bins of a time window's marks, over the point sets' columns (cost ∝ the marks in the window).
import type { PointSet, MarkRange } from './point-sets';
import type { DayRange } from '../../core/time/window';
import { cellOfKey, hexCellKey, hexCentre, latOf, lonOf, worldX, worldY } from '../../core/geo/hex-grid';

/**
 * deck.gl 9.4's HexagonLayer does not honour DataFilterExtension (deck.gl #9058), and feeding it a
 * new `data` per frame runs its accessors over every point; so bins are counted here, from the same
 * sorted marks the dots are drawn from (point-sets.ts):
 *
 *   once per set         world x/y of every mark                      (Float32, 8 bytes a mark)
 *   once per set & size  the grid cell of every mark, as a dense index (Uint32)       → GridLevel
 *   per window           counts[cell[k]]++ for k in the window's mark range, skipping ranged
 *                        marks that end before the window and rows the filters reject
 *
 * so a frame costs the marks in the window plus the grid's cells, whatever the dataset's size.
 */
export interface BinSource {
  set: PointSet;
  /** World x, y of each mark (see hex-grid.ts). */
  world: Float32Array;
  /** Marks to count now (markRange of the window), or null for a hidden layer. */
  range: MarkRange | null;
}

/** World coordinates of a set's marks (once per set). */
export function worldOf(set: PointSet): Float32Array {
  const out = new Float32Array(set.n * 2);
  for (let k = 0; k < set.n; k++) {
    out[2 * k] = worldX(set.positions[2 * k]);
    out[2 * k + 1] = worldY(set.positions[2 * k + 1]);
  }
  return out;
}

/** Every cell any mark of the sets falls in at one size, and each mark's cell (dense index). */
export interface GridLevel {
  R: number;
  /** Cell keys (hex-grid cellKey), by dense index. */
  keys: number[];
  /** Per source (same order as the sets given), each mark's dense cell index. */
  cellOf: Uint32Array[];
}

export function buildGridLevel(sources: readonly Pick<BinSource, 'set' | 'world'>[], R: number): GridLevel {
  const cells = new CellTable();
  const cellOf = sources.map(({ set, world }) => {
    const out = new Uint32Array(set.n);
    for (let k = 0; k < set.n; k++) out[k] = cells.idOf(hexCellKey(world[2 * k], world[2 * k + 1], R));
    return out;
  });
  return { R, keys: cells.keys(), cellOf };
}

/** A cell key's two halves (q and r, each under 2^21: hex-grid.ts) mixed into 32 bits. */
function hashOf(key: number): number {
  const hi = Math.floor(key / 0x200000);
  return (Math.imul(hi, 0x9e3779b1) ^ Math.imul(key - hi * 0x200000, 0x85ebca77)) >>> 0;
}

/**
 * Dense ids of cell keys, in the order first seen: an open-addressing table over the keys (a Map's
 * get and set for each of a million marks took ~50 ms of the 80 a grid level took at 1M rows).
 */
class CellTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private ids = new Float64Array(1 << 11);
  private size = 0;

  idOf(key: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id < 0) {
        const made = this.size++;
        if (made === this.ids.length) {
          const more = new Float64Array(made * 2);
          more.set(this.ids);
          this.ids = more;
        }
        this.ids[made] = key;
        this.slots[slot] = made;
        if (this.size * 2 > this.slots.length) this.rehash();
        return made;
      }
      if (this.ids[id] === key) return id;
    }
  }

  keys(): number[] {
    return Array.from(this.ids.subarray(0, this.size));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = hashOf(this.ids[id]) & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

/** The bins of one window: only cells with at least one mark. */
export interface Bins {
  R: number;
  /** Number of non-empty cells. */
  n: number;
  /** Dense cell index (into GridLevel.keys) of each bin. */
  cell: Uint32Array;
  counts: Uint32Array;
  /** lon, lat of each bin's centre (what the hexagon layer draws). */
  centres: Float32Array;
  /** Largest count, and the sum of all counts (= the marks counted). */
  max: number;
  total: number;
}

/** Whether mark k of a set counts in the window: single-day marks in range do; ranged ones must still be on; the row must pass the filters. */
function counts(set: PointSet, k: number, win: DayRange, end: Int32Array, mask: Uint8Array | null): boolean {
  const row = set.row[k];
  if (mask && !mask[row]) return false;
  return k < set.instantCount || end[row] >= win.from;
}

/**
 * Counts the window's marks per cell. `end` is the dataset's end column (ranged marks that end
 * before the window are in the range but not in the window); `mask` the filters' pass mask by row.
 */
export function binWindow(
  sources: readonly BinSource[],
  level: GridLevel,
  win: DayRange,
  end: Int32Array,
  mask: Uint8Array | null,
  scratch?: Uint32Array,
): Bins {
  const all = scratch && scratch.length >= level.keys.length ? scratch : new Uint32Array(level.keys.length);
  all.fill(0, 0, level.keys.length);
  let total = 0;
  sources.forEach((src, s) => {
    if (!src.range) return;
    const cellOf = level.cellOf[s];
    const [lo1, hi1, lo2, hi2] = src.range;
    for (const [lo, hi] of [
      [lo1, hi1],
      [lo2, hi2],
    ]) {
      for (let k = lo; k < hi; k++) {
        if (!counts(src.set, k, win, end, mask)) continue;
        all[cellOf[k]]++;
        total++;
      }
    }
  });
  let n = 0;
  for (let i = 0; i < level.keys.length; i++) if (all[i]) n++;
  const cell = new Uint32Array(n);
  const cnt = new Uint32Array(n);
  const centres = new Float32Array(n * 2);
  let max = 0;
  for (let i = 0, j = 0; i < level.keys.length; i++) {
    const c = all[i];
    if (!c) continue;
    cell[j] = i;
    cnt[j] = c;
    if (c > max) max = c;
    const [q, r] = cellOfKey(level.keys[i]);
    const [x, y] = hexCentre(q, r, level.R);
    centres[2 * j] = lonOf(x);
    centres[2 * j + 1] = latOf(y);
    j++;
  }
  return { R: level.R, n, cell, counts: cnt, centres, max, total };
}

/** The window's marks in one cell, as [source index, mark index] pairs (hover, click: O(window)). */
export function marksInCell(
  sources: readonly BinSource[],
  level: GridLevel,
  cell: number,
  win: DayRange,
  end: Int32Array,
  mask: Uint8Array | null,
): [number, number][] {
  const out: [number, number][] = [];
  sources.forEach((src, s) => {
    if (!src.range) return;
    const cellOf = level.cellOf[s];
    const [lo1, hi1, lo2, hi2] = src.range;
    for (const [lo, hi] of [
      [lo1, hi1],
      [lo2, hi2],
    ]) {
      for (let k = lo; k < hi; k++) if (cellOf[k] === cell && counts(src.set, k, win, end, mask)) out.push([s, k]);
    }
  });
  return out;
}

/**
 * The largest count any cell reaches in any window of `width` days over the span, estimated by
 * tiling the span with consecutive windows of that width (each mark counted in the tile of its
 * start). While playing, the colour scale uses it, so a busy day looks busier than a quiet one.
 */
export function spanMax(
  sources: readonly BinSource[],
  level: GridLevel,
  spanStart: number,
  width: number,
  mask: Uint8Array | null,
): number {
  const w = Math.max(1, Math.round(width));
  const cells = level.keys.length;
  const tally = new Map<number, number>();
  let max = 0;
  sources.forEach((src, s) => {
    if (!src.range) return; // hidden layers are not shown while playing either
    const cellOf = level.cellOf[s];
    const { set } = src;
    for (let k = 0; k < set.n; k++) {
      if (mask && !mask[set.row[k]]) continue;
      const key = Math.floor((set.start[k] - spanStart) / w) * cells + cellOf[k];
      const c = (tally.get(key) ?? 0) + 1;
      tally.set(key, c);
      if (c > max) max = c;
    }
  });
  return max;
}
