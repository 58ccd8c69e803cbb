// The density of the window's point marks for the map: which view `auto` picks, the hexagon bins, the heatmap, the scale's domain.
import type { Dataset } from '../../core/columnar/dataset';
import { WEAPONS } from '../../core/schema/schema';
import { WEAPON_COLORS, WEAPON_LABELS, type RGBA } from '../../core/config';
import type { DayRange, WindowMode } from '../../core/time/window';
import {
  binWindow,
  buildGridLevel,
  marksInCell,
  spanMax,
  worldOf,
  type BinSource,
  type Bins,
  type GridLevel,
} from './bins';
import { cellOfKey, hexCentre, hexSizeFor, latOf, lonOf, type HexSize } from '../../core/geo/hex-grid';
import { heatImage, type HeatImage } from './heatmap';
import { markRange } from './point-sets';
import type { Prepared } from './prepare-data';
import { autoDrawn, markCover, type AggMode, type DrawnAgg } from '../../app/agg-mode';
import { FEW_MARKS, markScale } from '../../core/style';
import { isBinnedRingLayer, ringBinSet, ringColor } from './ring-sources';

/** One category's share of a hexagon. */
export interface CategoryShare {
  label: string;
  color: RGBA;
  count: number;
}

/** What a hexagon holds in the window (hover, click, the keyboard list). */
export interface CellSummary {
  q: number;
  r: number;
  R: number;
  km: number;
  count: number;
  /** Categories, most events first. */
  categories: CategoryShare[];
  /** Dataset rows of its events (each once, in row order). */
  rows: Uint32Array;
  /** lon, lat of the hexagon's centre. */
  centre: [number, number];
}

/** What the legend says about the density view now. */
export interface DensityInfo {
  requested: AggMode;
  drawn: DrawnAgg;
  size: HexSize;
  /** Point marks in the window, and those in view. */
  total: number;
  inView: number;
  /** The window's busiest hexagon, and the count the ramp's end stands for. */
  max: number;
  domain: number;
  /** True while playing: the domain comes from the whole span, not this frame. */
  fixed: boolean;
  /** The busiest hexagons in the window (at most TOP_CELLS), busiest first, as dense cell indices with counts. */
  top: { cell: number; count: number }[];
  /** The full summary of a cell (O(window); called on demand). */
  describe(cell: number): CellSummary;
}

export interface DensityInput {
  win: DayRange;
  mode: WindowMode;
  layers: readonly string[];
  mask: Uint8Array | null;
  agg: AggMode;
  playing: boolean;
  zoom: number;
  /** The view in world units [x0, y0, x1, y1] (hex-grid.ts), x0 < x1, y0 < y1. */
  view: [number, number, number, number];
}

export interface DensityFrame {
  info: DensityInfo;
  bins: Bins;
  level: GridLevel;
  heat: HeatImage | null;
}

const TOP_CELLS = 8;
/** Grid sizes kept per dataset (each is 4 bytes a mark). */
const LEVELS_KEPT = 3;
/** Heatmap cells, in screen pixels, and its blur radius in cells. */
const HEAT_CELL_PX = 4;
const HEAT_BLUR = 3;

/**
 * Kept per dataset by the data layer (its state). `update` bins the window again only when the
 * window, layers, filters or hexagon size changed; a pan only re-sums the bins in view (and redraws
 * the heatmap, which covers the view).
 */
export class DensityModel {
  private readonly sources: BinSource[];
  private readonly keys: string[];
  private readonly labels: (string | null)[];
  private readonly colors: (RGBA | null)[];
  private readonly refLat: number;
  private readonly levels = new Map<number, GridLevel>();
  private readonly spanMaxes = new Map<string, number>();
  private binsKey = '';
  private bins: Bins | null = null;
  private scratch = new Uint32Array(0);
  private heatKey = '';
  private heat: HeatImage | null = null;
  private frame: DensityFrame | null = null;
  /** The filter masks the bins and the span maxima were counted with. */
  private maskOf: Uint8Array | null = null;
  private spanMaskOf: Uint8Array | null = null;

  /** The strike marks' mean area at full size, px² (how crowded a hexagon of them looks). */
  private readonly meanMarkArea: number;

  constructor(private readonly p: Prepared) {
    const ds = p.dataset;
    this.sources = [];
    this.keys = [];
    this.labels = [];
    this.colors = [];
    for (const pl of p.layers.values()) {
      // The rings (facilities, deployments' points) are binned with the strikes: drawn at 9 px
      // whatever the zoom, a country's facilities piled up on its cities and buried their names.
      if (isBinnedRingLayer(pl)) {
        const set = ringBinSet(ds, pl);
        this.sources.push({ set, world: worldOf(set), range: null });
        this.keys.push(pl.def.key);
        this.labels.push(pl.def.label);
        this.colors.push(ringColor(pl));
        continue;
      }
      if (!pl.windowed?.points.n) continue;
      this.sources.push({ set: pl.windowed.points, world: worldOf(pl.windowed.points), range: null });
      this.keys.push(pl.def.key);
      this.labels.push(pl.color ? pl.def.label : null);
      this.colors.push(pl.color);
    }
    this.refLat = medianLat(ds, this.sources);
    this.meanMarkArea = meanMarkArea(this.sources);
  }

  get dataset(): Dataset {
    return this.p.dataset;
  }

  /**
   * Builds the hexagon grid of the marks at a zoom now, which the first update at that zoom would
   * otherwise do in its frame (a pass over every mark: 30–55 ms at a published block's 12,000–
   * 166,000 rows, on a loaded 2-core machine). layer-prepare.ts calls it ahead of the store.
   */
  prepareZoom(zoom: number): void {
    this.level(hexSizeFor(zoom, this.refLat));
  }

  /** Whether the grid of a zoom is built (tests). */
  hasZoom(zoom: number): boolean {
    return this.levels.has(hexSizeFor(zoom, this.refLat).R);
  }

  private level(size: HexSize): GridLevel {
    let lv = this.levels.get(size.R);
    if (!lv) {
      if (this.levels.size >= LEVELS_KEPT) this.levels.delete(this.levels.keys().next().value as number);
      lv = buildGridLevel(this.sources, size.R);
      this.levels.set(size.R, lv);
    }
    return lv;
  }

  update(input: DensityInput): DensityFrame {
    const ds = this.p.dataset;
    const size = hexSizeFor(input.zoom, this.refLat);
    const level = this.level(size);
    const layersKey = input.layers.join('\u0001');
    this.sources.forEach((s, i) => {
      s.range = input.layers.includes(this.keys[i]) ? markRange(s.set, input.win) : null;
    });
    const key = `${input.win.from}:${input.win.to}:${size.R}:${layersKey}`;
    if (key !== this.binsKey || !this.bins || this.maskOf !== input.mask) {
      if (this.scratch.length < level.keys.length) this.scratch = new Uint32Array(level.keys.length);
      this.bins = binWindow(this.sources, level, input.win, ds.columns.end, input.mask, this.scratch);
      this.binsKey = key;
      this.maskOf = input.mask;
      this.heatKey = '';
    }
    const bins = this.bins;
    const [vx0, vy0, vx1, vy1] = input.view;
    let inView = 0;
    let busiest = 0;
    for (let i = 0; i < bins.n; i++) {
      const [q, r] = cellOfKey(level.keys[bins.cell[i]]);
      const [x, y] = hexCentre(q, r, level.R);
      if (x >= vx0 && x <= vx1 && y >= vy0 && y <= vy1) {
        inView += bins.counts[i];
        if (bins.counts[i] > busiest) busiest = bins.counts[i];
      }
    }
    // The marks are drawn smaller zoomed out (markScale; full size when few): the cover at that size.
    const scale = markScale(input.zoom, bins.total <= FEW_MARKS);
    const cover = markCover(busiest, this.meanMarkArea, scale, level.R * 2 ** input.zoom);
    const drawn: DrawnAgg = input.agg === 'auto' ? autoDrawn(inView, cover) : input.agg;
    let domain = bins.max;
    if (input.playing) {
      const width = input.mode === 'cumulative' ? ds.span.end - ds.span.start + 1 : input.win.to - input.win.from + 1;
      const sk = `${size.R}:${width}:${layersKey}`;
      let m = this.spanMaxes.get(sk);
      if (m === undefined || this.spanMaskOf !== input.mask) {
        if (this.spanMaskOf !== input.mask) this.spanMaxes.clear();
        this.spanMaskOf = input.mask;
        m = spanMax(this.sources, level, ds.span.start, width, input.mask);
        this.spanMaxes.set(sk, m);
      }
      domain = Math.max(m, 1);
    }
    let heat: HeatImage | null = null;
    if (drawn === 'heatmap') {
      const hk = `${this.binsKey}:${input.view.join(',')}:${input.zoom}:${domain}:${input.playing}`;
      if (hk !== this.heatKey || !this.heat) {
        const cell = HEAT_CELL_PX / 2 ** input.zoom;
        // While playing, the ramp's end is the busiest hexagon of the span spread over its area in cells.
        const hexArea = 1.5 * Math.sqrt(3) * size.R * size.R;
        this.heat = heatImage({
          sources: this.sources,
          win: input.win,
          end: ds.columns.end,
          mask: input.mask,
          bounds: input.view,
          cell,
          blur: HEAT_BLUR,
          domain: input.playing ? (domain * cell * cell) / hexArea : null,
        });
        this.heatKey = hk;
      }
      heat = this.heat;
    }
    const top = topCells(bins, TOP_CELLS).map((i) => ({ cell: bins.cell[i], count: bins.counts[i] }));
    const win = input.win;
    const mask = input.mask;
    const info: DensityInfo = {
      requested: input.agg,
      drawn,
      size,
      total: bins.total,
      inView,
      max: bins.max,
      domain,
      fixed: input.playing,
      top,
      describe: (cell) => this.describe(level, size, cell, win, mask),
    };
    this.frame = { info, bins, level, heat };
    return this.frame;
  }

  /** Count, categories and rows of one cell in a window. */
  describe(level: GridLevel, size: HexSize, cell: number, win: DayRange, mask: Uint8Array | null): CellSummary {
    const ds = this.p.dataset;
    const marks = marksInCell(this.sources, level, cell, win, ds.columns.end, mask);
    const tally = new Map<string, CategoryShare>();
    const rows = new Set<number>();
    for (const [s, k] of marks) {
      const row = this.sources[s].set.row[k];
      rows.add(row);
      const label = this.labels[s];
      const weapon = WEAPONS[ds.columns.weapon[row]] ?? 'unknown';
      const name = label ?? WEAPON_LABELS[weapon] ?? weapon;
      const color = this.colors[s] ?? WEAPON_COLORS[weapon] ?? WEAPON_COLORS.unknown;
      const t = tally.get(name) ?? { label: name, color, count: 0 };
      t.count++;
      tally.set(name, t);
    }
    const [q, r] = cellOfKey(level.keys[cell]);
    const [x, y] = hexCentre(q, r, level.R);
    return {
      q,
      r,
      R: level.R,
      km: size.km,
      count: marks.length,
      categories: [...tally.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)),
      rows: Uint32Array.from([...rows].sort((a, b) => a - b)),
      centre: [lonOf(x), latOf(y)],
    };
  }
}

/** Indices of the `n` largest bins, largest first. */
function topCells(bins: Bins, n: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < bins.n; i++) {
    if (top.length < n || bins.counts[i] > bins.counts[top[top.length - 1]]) {
      top.push(i);
      top.sort((a, b) => bins.counts[b] - bins.counts[a]);
      if (top.length > n) top.pop();
    }
  }
  return top;
}

/** The latitude hexagon sizes are given at: the median of the marks' (the data's own latitude). */
/** The mean area, px² at full size, of the sources' marks (0 without any). */
function meanMarkArea(sources: readonly BinSource[]): number {
  let sum = 0;
  let n = 0;
  for (const s of sources) {
    const r = s.set.radius;
    for (let i = 0; i < s.set.n; i++) sum += r[i] * r[i];
    n += s.set.n;
  }
  return n > 0 ? (Math.PI * sum) / n : 0;
}

function medianLat(ds: Dataset, sources: readonly BinSource[]): number {
  let n = 0;
  for (const { set } of sources) n += Math.ceil(set.n / Math.max(1, Math.floor(set.n / 2000)));
  if (!n) return ds.columns.n ? ds.columns.lat[0] : 0;
  // A typed array sorts numbers natively (no comparator call per comparison).
  const lats = new Float64Array(n);
  let at = 0;
  for (const { set } of sources)
    for (let k = 0; k < set.n; k += Math.max(1, Math.floor(set.n / 2000))) lats[at++] = set.positions[2 * k + 1];
  lats.subarray(0, at).sort();
  return lats[at >> 1];
}
