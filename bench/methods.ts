// Benchmark: the four ways of drawing a time window of strikes — our app's layers, the naive way, DataFilterExtension over all, the floor.
import { ScatterplotLayer } from '@deck.gl/layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Dataset } from '../src/core/columnar/dataset';
import { AtlasDataLayer } from '../src/ui/layers/atlas-layer';
import type { AggMode } from '../src/app/agg-mode';
import { buildPointSet, maxStrikeMagnitude, type PointSet } from '../src/ui/layers/point-sets';
import { UNCERTAINTY_FILL, UNCERTAINTY_LINE, type RGBA } from '../src/core/config';
import type { DayRange } from '../src/core/time/window';

/**
 * Every method draws the same picture: for each strike in the window its symbol (radius from
 * the figures, colour from the weapon, white outline) over a faint circle where its place is known
 * only to > 1 km — as the app does. Only how the window reaches the GPU differs.
 */
export type Method = 'ours' | 'naive' | 'dfe' | 'floor' | 'hexagons' | 'heatmap';
export const METHODS: readonly Method[] = ['ours', 'naive', 'dfe', 'floor'];
/** The app's layer drawing the window as dots, hexagons and heatmap (bench/binned.ts). */
export const BINNED_METHODS: readonly Method[] = ['ours', 'hexagons', 'heatmap'];

/** The app's one data layer (src/ui/layers/atlas-layer.ts) over the strike layers, as the map draws it. */
function appLayer(ds: Dataset, id: string, agg: AggMode): MethodRun {
  const strikeKeys = ds.layers.filter((l) => l.kind === 'strike').map((l) => l.key);
  const base = {
    id,
    dataset: ds,
    layers: strikeKeys,
    mode: 'window' as const,
    selected: null,
    hovered: null,
    filters: undefined,
    agg,
    playing: false,
    area: null,
    onDensity: null,
  };
  return { staticPerWindow: false, layers: (win) => [new AtlasDataLayer({ ...base, window: win })] };
}

const WHITE: RGBA = [255, 255, 255, 255];
const SYMBOL = {
  radiusUnits: 'pixels',
  stroked: true,
  getLineColor: WHITE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1.5,
  opacity: 0.9,
} as const;
const CIRCLE = {
  radiusUnits: 'meters',
  stroked: true,
  filled: true,
  getFillColor: UNCERTAINTY_FILL,
  getLineColor: UNCERTAINTY_LINE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1,
} as const;
const BIG = 1e7;

/** The dataset's strike marks as the app builds them: symbols, and circles for the uncertain ones. */
export interface Marks {
  symbols: PointSet;
  circles: PointSet;
}

export function strikeMarks(ds: Dataset): Marks {
  const strikeLayers = ds.layers.map((l, i) => (l.kind === 'strike' ? i : -1)).filter((i) => i >= 0);
  const rows = Uint32Array.from(strikeLayers.flatMap((i) => Array.from(ds.columns.rowsOfLayer[i]))).sort();
  const max = maxStrikeMagnitude(ds);
  return { symbols: buildPointSet(ds, rows, 'strike', max), circles: buildPointSet(ds, rows, 'uncertainty', max) };
}

/** Marks of a set overlapping the window (brute force: the floor's and the naive way's own work). */
export function visibleMarks(ds: Dataset, set: PointSet, win: DayRange): number[] {
  const out: number[] = [];
  const { end } = ds.columns;
  for (let k = 0; k < set.n; k++) if (set.start[k] <= win.to && end[set.row[k]] >= win.from) out.push(k);
  return out;
}

/** Builds each method's layers for a window. `prepare` work (untimed) is done once per method. */
export interface MethodRun {
  layers(win: DayRange): Layer[];
  /** The floor rebuilds its static layers outside the timed frame. */
  staticPerWindow: boolean;
}

export function methodRun(method: Method, ds: Dataset, marks: Marks): MethodRun {
  switch (method) {
    case 'ours':
      return appLayer(ds, 'ours', 'dots');
    case 'hexagons':
      return appLayer(ds, 'hexagons', 'hexagons');
    case 'heatmap':
      return appLayer(ds, 'heatmap', 'heatmap');
    case 'naive': {
      type Obj = { p: [number, number]; r: number; c: RGBA; s: number; e: number };
      const objects = (set: PointSet): Obj[] =>
        Array.from({ length: set.n }, (_, k) => ({
          p: [set.positions[2 * k], set.positions[2 * k + 1]] as [number, number],
          r: set.radius[k],
          c: Array.from(set.colors.subarray(4 * k, 4 * k + 4)) as RGBA,
          s: set.start[k],
          e: ds.columns.end[set.row[k]],
        }));
      const symbols = objects(marks.symbols);
      const circles = objects(marks.circles);
      const getPosition = (o: Obj): [number, number] => o.p;
      const getRadius = (o: Obj): number => o.r;
      const getFillColor = (o: Obj): RGBA => o.c;
      return {
        staticPerWindow: false,
        layers: (win) => {
          const inWin = (o: Obj): boolean => o.s <= win.to && o.e >= win.from;
          return [
            new ScatterplotLayer<Obj>({
              id: 'naive-circles',
              data: circles.filter(inWin),
              getPosition,
              getRadius,
              ...CIRCLE,
            }),
            new ScatterplotLayer<Obj>({
              id: 'naive-symbols',
              data: symbols.filter(inWin),
              getPosition,
              getRadius,
              getFillColor,
              ...SYMBOL,
            }),
          ];
        },
      };
    }
    case 'dfe': {
      const ext = [new DataFilterExtension({ filterSize: 2 })];
      const binary = (set: PointSet, colors: boolean) => {
        const filter = new Float32Array(set.n * 2);
        for (let k = 0; k < set.n; k++) {
          filter[2 * k] = set.start[k] - ds.origin;
          filter[2 * k + 1] = ds.columns.end[set.row[k]] - ds.origin;
        }
        const attributes: Record<string, { value: Float32Array | Uint8Array; size: number }> = {
          getPosition: { value: set.positions, size: 2 },
          getRadius: { value: set.radius, size: 1 },
          getFilterValue: { value: filter, size: 2 },
        };
        if (colors) attributes.getFillColor = { value: set.colors, size: 4 };
        return { length: set.n, attributes };
      };
      const circles = binary(marks.circles, false);
      const symbols = binary(marks.symbols, true);
      return {
        staticPerWindow: false,
        layers: (win) => {
          const filterRange: [number, number][] = [
            [-BIG, win.to - ds.origin],
            [win.from - ds.origin, BIG],
          ];
          return [
            new ScatterplotLayer({
              id: 'dfe-circles',
              data: circles,
              ...CIRCLE,
              extensions: ext,
              filterRange,
            } as ConstructorParameters<typeof ScatterplotLayer>[0]),
            new ScatterplotLayer({
              id: 'dfe-symbols',
              data: symbols,
              ...SYMBOL,
              extensions: ext,
              filterRange,
            } as ConstructorParameters<typeof ScatterplotLayer>[0]),
          ];
        },
      };
    }
    case 'floor': {
      const subset = (set: PointSet, win: DayRange, colors: boolean) => {
        const ks = visibleMarks(ds, set, win);
        const positions = new Float32Array(ks.length * 2);
        const radius = new Float32Array(ks.length);
        const rgba = new Uint8Array(ks.length * 4);
        ks.forEach((k, i) => {
          positions.set(set.positions.subarray(2 * k, 2 * k + 2), 2 * i);
          radius[i] = set.radius[k];
          rgba.set(set.colors.subarray(4 * k, 4 * k + 4), 4 * i);
        });
        const attributes: Record<string, { value: Float32Array | Uint8Array; size: number }> = {
          getPosition: { value: positions, size: 2 },
          getRadius: { value: radius, size: 1 },
        };
        if (colors) attributes.getFillColor = { value: rgba, size: 4 };
        return { length: ks.length, attributes };
      };
      return {
        staticPerWindow: true,
        layers: (win) => [
          new ScatterplotLayer({ id: 'floor-circles', data: subset(marks.circles, win, false), ...CIRCLE }),
          new ScatterplotLayer({ id: 'floor-symbols', data: subset(marks.symbols, win, true), ...SYMBOL }),
        ],
      };
    }
  }
}
