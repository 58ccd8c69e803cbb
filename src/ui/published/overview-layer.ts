// The deck.gl layer of a published dataset's zoomed-out overview: one disc per grid cell, its area proportional to the cell's events, its colour their most frequent category's.
import { ColumnLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Dataset } from '../../core/columnar/dataset';
import type { DayRange } from '../../core/time/window';
import { categoryColors } from '../layers/categories';
import type { OverviewCells } from '../../core/published/overview';
import { DEPLOYMENT_LINE, FACILITY_COLOR, WEAPON_COLORS, type RGBA } from '../../core/config';
import { publishedOf } from '../../core/published/published-dataset';

const FILL_ALPHA = 170;
/** The disc's outline: the map's light halo, as round the strike symbols (overlapping discs stay apart). */
const LINE: RGBA = [255, 255, 255, 200];

/** Colour groups of a dataset's layers: one per distinct colour (an imported category's, a kind's), and each group's colour. */
export interface OverviewColors {
  groupOf: number[];
  colors: RGBA[];
}

const memo = new WeakMap<Dataset, OverviewColors>();
type CellData = {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>;
};
/** The layer's data per cells object (memoised by the dataset), so a redraw of the same window uploads nothing. */
const drawn = new WeakMap<object, CellData>();

/**
 * The colour of each layer as the legend's key shows it at any zoom (categoryColors: from the
 * manifest for a published dataset), grouped so layers of one category count together in a cell.
 */
export function overviewColors(ds: Dataset): OverviewColors {
  let c = memo.get(ds);
  if (c) return c;
  const layerColor = categoryColors(ds).layerColor;
  const colors: RGBA[] = [];
  const index = new Map<string, number>();
  const groupOf = ds.layers.map((def) => {
    const color =
      layerColor.get(def.key) ??
      (def.kind === 'facility' ? FACILITY_COLOR : def.kind === 'deployment' ? DEPLOYMENT_LINE : WEAPON_COLORS.missile);
    const k = color.join(',');
    let g = index.get(k);
    if (g === undefined) {
      g = colors.length;
      index.set(k, g);
      colors.push(color);
    }
    return g;
  });
  c = { groupOf, colors };
  memo.set(ds, c);
  return c;
}

/** The overview's layers for a dataset and window: none unless it is a published dataset zoomed out. */
export function overviewLayers(ds: Dataset, win: DayRange, layers: readonly string[]): Layer[] {
  const published = publishedOf(ds);
  if (published?.mode !== 'overview') return [];
  const { groupOf, colors } = overviewColors(ds);
  const cells = published.cells(win, layers, groupOf);
  if (!cells?.n) return [warmHexagons()];
  let data = drawn.get(cells);
  if (!data) {
    data = cellData(cells, colors);
    drawn.set(cells, data);
  }
  return [
    warmHexagons(),
    new ScatterplotLayer({
      id: 'published-overview',
      data,
      radiusUnits: 'meters',
      radiusMinPixels: 1.5,
      stroked: true,
      lineWidthMinPixels: 1,
      getLineColor: LINE,
      pickable: false,
    }),
  ];
}

/**
 * Drawn, but never seen: one transparent hexagon off the map's side (at 0°, 0°, its fill alpha 0),
 * drawn as the density view draws its hexagons (atlas-layer.ts: the same layer type, attributes and
 * shader options) while the map shows the overview. So the shaders are linked (luma.gl keeps linked
 * pipelines by their shaders) and software WebGL (SwiftShader, which compiles a program's routines
 * at its first draw) has compiled them before the first frame zoomed in past the overview, which
 * then only draws: that frame took ~0.5 s at 1M rows, ~110 ms of it linking.
 */
const WARM_DATA = {
  length: 1,
  attributes: {
    getPosition: { value: new Float32Array([0, 0]), size: 2 },
    getFillColor: { value: new Uint8Array([0, 0, 0, 0]), size: 4 },
  },
};
const warmHexagons = (): Layer =>
  new ColumnLayer({
    id: 'published-warm-hexagons',
    data: WARM_DATA,
    diskResolution: 6,
    radius: 1e-4,
    radiusUnits: 'common',
    extruded: false,
    stroked: false,
    filled: true,
    pickable: false,
  });

function cellData(cells: OverviewCells, colors: readonly RGBA[]): CellData {
  // The biggest cell's disc fills its cell (diameter = the cell's east-west width there); the others scale by area.
  const cellMetres = cells.cellDeg * 111_000;
  const radius = new Float32Array(cells.n);
  const position = new Float32Array(cells.n * 2);
  const fill = new Uint8Array(cells.n * 4);
  for (let i = 0; i < cells.n; i++) {
    radius[i] = (cellMetres / 2) * Math.cos((cells.lat[i] * Math.PI) / 180) * Math.sqrt(cells.count[i] / cells.max);
    position[2 * i] = cells.lon[i];
    position[2 * i + 1] = cells.lat[i];
    const c = colors[cells.top[i]] ?? colors[0];
    fill.set([c[0], c[1], c[2], FILL_ALPHA], 4 * i);
  }
  return {
    length: cells.n,
    attributes: {
      getPosition: { value: position, size: 2 },
      getRadius: { value: radius, size: 1 },
      getFillColor: { value: fill, size: 4, normalized: true },
    },
  };
}
