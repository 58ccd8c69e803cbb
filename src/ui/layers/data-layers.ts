// Layer factories for the data: one group of deck.gl layers per data layer, drawn by its kind.
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type DataFilterExtensionProps, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item, LayerDef } from '../../core/columnar/dataset';
import type { AtlasProperties } from '../../core/schema/schema';
import type { DayRange } from '../../core/time/window';
import {
  DEPLOYMENT_FILL,
  DEPLOYMENT_LINE,
  FACILITY_COLOR,
  UNCERTAINTY_FILL,
  UNCERTAINTY_LINE,
  type RGBA,
} from '../../core/config';
import type { AggMode } from '../../app/agg-mode';
import {
  filterRangeFor,
  filterTriggers,
  filterValueAccessor,
  timeFilterExtension,
  type FilterRange,
  type FilterValue,
} from './time-filter';
import { linkArcLayer, linkHighlightLayers, type LinkFilterFns } from './link-layers';
import { linkHighlight, type LinkHighlight } from '../../core/links/link-index';
import { passMask, type Filters } from '../../core/filters/filters';
import { FEW_MARKS, markScale, strikeMagnitude, strikeRadiusPx, weaponColor } from '../../core/style';
import { categoryColors, type CategoryColors } from './categories';
import {
  buildPointSet,
  isWindowedRow,
  markRange,
  maxStrikeMagnitude,
  type MarkRange,
  type PointSet,
} from './point-sets';
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { FONT_SETTINGS, LABEL_FONT } from './labels';
import { isPlacedItem, isPointItem, marksOf, remember, type Mark } from './marks';
import { focusUncertaintyLayer, selectionLayers, uncertaintyDiscs } from './selection-layers';
import { drawnAsRegion } from './region-layers';
import { AREA_LABEL_SIZE, areaLabel } from './area-labels';
export { areaLabel } from './area-labels';

export interface DataLayerInputs {
  dataset: Dataset;
  /** The window after the mode is applied. */
  window: DayRange;
  /** Keys of the layers shown. */
  layers: readonly string[];
  selected: string | null;
  /** Weapon, figure and search filters (default none): they set the third filter value, not the data. */
  filters?: Filters;
  /** How point layers are drawn: `auto` (dots, or hexagons when the view holds many), or pinned. Default auto. */
  agg?: AggMode;
  /** The area labels' nudges in pixels by id, so that no two collide (area-labels.ts), and their signature. */
  labelNudges?: { dy: ReadonlyMap<string, number>; key: string };
}

type AtlasGeo = Feature<Geometry, AtlasProperties>;
export { marksOf, type Mark } from './marks';

/** Module constants: a new array or object each render would look like a change to deck.gl. */
const TIME_EXTENSIONS = [timeFilterExtension];
const AREA_EXTENSIONS = [timeFilterExtension, new PathStyleExtension({ dash: true })];
const WHITE: RGBA = [255, 255, 255, 255];
/** The light halo round strike symbols: separates overlapping marks without adding dark ink. */
const HALO: RGBA = [255, 255, 255, 210];
const LABEL_BACKGROUND: RGBA = [255, 255, 255, 200];
const LABEL_PADDING: [number, number] = [3, 1];

/** Everything derived from one data layer once, so a window change reuses it by reference. */
export interface PreparedLayer {
  def: LayerDef;
  marks: Mark[];
  /** Marks whose place is known only to a radius (> 1 km). */
  uncertain: Mark[];
  /** Features with lines or areas (deployments, and imported lines/polygons). */
  shapes: AtlasGeo[];
  /** Area items, for their labels. */
  shapeItems: Item[];
  /** Links, drawn as arcs. */
  links: Item[];
  /**
   * Strike layers: their short-lived points (nearly all of them), drawn by window from GPU
   * buffers (WindowedPointsLayer); `marks` and `uncertain` then hold only the rest (long ranges).
   */
  windowed: { points: PointSet; uncertain: PointSet } | null;
  /** The layer's one colour (an imported category), or null: coloured per mark by weapon. */
  color: RGBA | null;
}

/** The accessors that read the filter mask: one set per mask, so a window change reuses them. */
export interface FilterFns extends LinkFilterFns {
  item: (it: Item) => FilterValue;
  mark: (m: Mark) => FilterValue;
  shape: (f: AtlasGeo) => FilterValue;
}

/**
 * What the data layers keep per dataset (AtlasDataLayer's state, made in its updateState when the
 * data change): nothing here outlives the dataset, and nothing is cached outside it.
 */
export interface Prepared {
  dataset: Dataset;
  layers: Map<string, PreparedLayer>;
  categories: CategoryColors;
  strikeRadius: (m: Mark) => number;
  selectionRadius: (m: Mark) => number;
  strikeColor: (m: Mark) => RGBA;
  /** Filter accessors of the last few masks (by mask; `null` = no filter). */
  filterFns: Map<Uint8Array | null, FilterFns>;
  selection: Map<string, { marks: Mark[]; shapes: AtlasGeo[] }>;
  highlight: Map<string, LinkHighlight>;
  itemAt: (row: number) => Item;
  /** The filter ranges of an empty window, given to hidden layers (one object per dataset). */
  hidden: { filterRange: FilterRange };
}

const HIDDEN_MARKS: MarkRange = [0, 0, 0, 0];

/** What prepareLayer needs of the whole dataset, worked out once. */
export interface PrepareContext {
  maxMagnitude: number;
  categories: CategoryColors;
}

export function prepareContext(dataset: Dataset): PrepareContext {
  return { maxMagnitude: maxStrikeMagnitude(dataset), categories: categoryColors(dataset) };
}

/** One data layer's part of prepareData (layer-prepare.ts runs them a task each, ahead of the store). */
export function prepareLayer(dataset: Dataset, code: number, ctx: PrepareContext): PreparedLayer {
  const def = dataset.layers[code];
  const { maxMagnitude, categories } = ctx;
  const rows = dataset.columns.rowsOfLayer[code];
  const color = categories.layerColor.get(def.key) ?? null;
  // Strikes are the many: their points are drawn by window and never become Items here.
  const windowed =
    def.kind === 'strike'
      ? {
          points: buildPointSet(dataset, rows, 'strike', maxMagnitude, color ?? undefined),
          uncertain: buildPointSet(dataset, rows, 'uncertainty', maxMagnitude),
        }
      : null;
  const items = Array.from(windowed ? rows.filter((r) => !isWindowedRow(dataset, r)) : rows, (r) => dataset.itemAt(r));
  const marks = marksOf(items);
  const shapeItems = items.filter((it) => isPlacedItem(it) && !isPointItem(it) && it.kind !== 'link');
  return {
    def,
    marks,
    uncertain: marks.filter(
      (m) => m.item.feature.properties.place_precision_km > 1 && !drawnAsRegion(dataset, m.item.index),
    ),
    shapes: shapeItems.map((it) => it.feature as AtlasGeo), // placed items only (filtered above)
    shapeItems,
    links: items.filter((it) => it.kind === 'link'),
    windowed,
    color,
  };
}

/**
 * Derives everything the layers draw from a dataset (once per dataset; AtlasDataLayer keeps it).
 * `ready` holds parts made ahead (layer-prepare.ts): the context and any layers already prepared.
 */
export function prepareData(
  dataset: Dataset,
  ready?: { ctx: PrepareContext; layers: Map<string, PreparedLayer> },
): Prepared {
  const ctx = ready?.ctx ?? prepareContext(dataset);
  const { maxMagnitude, categories } = ctx;
  const layers = new Map<string, PreparedLayer>();
  dataset.layers.forEach((def, code) => {
    layers.set(def.key, ready?.layers.get(def.key) ?? prepareLayer(dataset, code, ctx));
  });
  const strikeRadius = (m: Mark): number => strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude);
  return {
    dataset,
    layers,
    categories,
    strikeRadius,
    selectionRadius: (m) => (m.item.kind === 'strike' ? strikeRadius(m) + 5 : 14),
    strikeColor: (m) => categories.layerColor.get(m.item.layer) ?? weaponColor(m.item.feature.properties.weapon),
    filterFns: new Map(),
    selection: new Map(),
    highlight: new Map(),
    itemAt: (row) => dataset.itemAt(row),
    hidden: {
      filterRange: filterRangeFor(dataset, { from: dataset.origin, to: dataset.origin - 1 }),
    },
  };
}

function filterFns(p: Prepared, mask: Uint8Array | null): FilterFns {
  return remember(p.filterFns, mask, () => {
    const item = filterValueAccessor(p.dataset, mask);
    return {
      item,
      mark: (m) => item(m.item),
      shape: (f) => item(p.dataset.find(f.properties.id) as Item),
      link: item,
      end: (e) => item(e.link),
      triggers: filterTriggers(mask),
    };
  });
}

const getMarkPosition = (m: Mark): [number, number] => m.position;
const getAnchor = (it: Item): [number, number] => it.anchor;
const getShapeDash = (f: AtlasGeo): [number, number] => (f.properties.approximate ? [3, 2] : [0, 0]);

/** How the point layers are drawn this time (AtlasDataLayer decides; tests pass nothing: dots). */
export interface RenderOptions {
  /** Prefix of every sub-layer id (the composite layer's id and a dash). */
  idPrefix?: string;
  /** Map zoom: symbols shrink when zoomed out and dense (style.ts markScale). */
  zoom?: number;
  /** Sub-layers drawn instead of the strike dots (hexagons or heatmap), or null/undefined: dots. */
  density?: Layer[] | null;
  /** The feature under the pointer: its uncertainty disc is drawn even in a dense window. */
  hovered?: string | null;
}

/**
 * A module that adds sub-layers of its own (e.g. regions drawn for the `admin_area` field, carto's
 * issue #11): `prepare` runs once per dataset, `render` on every update, and its layers go in
 * above the areas and below the uncertainty discs, arcs and points. Append to SUB_LAYER_MODULES.
 */
export interface SubLayerModule<S = unknown> {
  name: string;
  prepare(dataset: Dataset): S;
  render(state: S, input: DataLayerInputs, filterRange: FilterRange, idPrefix: string): Layer[];
}
export const SUB_LAYER_MODULES: SubLayerModule[] = [];

/** The modules' prepared state, per dataset (kept with Prepared by its owner). */
export function prepareModules(dataset: Dataset): unknown[] {
  return SUB_LAYER_MODULES.map((m) => m.prepare(dataset));
}

/**
 * Builds the data layers: under everything the areas and uncertainty circles, then the link arcs,
 * the points (or their hexagons / heatmap), the area labels, the selection's links and ends, the
 * selected mark again (on top of all others) and the selection ring.
 * Only `filterRange`, `visible` and the selection depend on the window and toggles; a filter
 * change swaps the filter accessors and their `updateTriggers` (once, not per frame).
 */
export function renderDataLayers(
  p: Prepared,
  input: DataLayerInputs,
  opts: RenderOptions = {},
  modules: unknown[] = [],
): Layer[] {
  const { dataset, window: win, layers, selected } = input;
  const prefix = opts.idPrefix ?? '';
  const mask = input.filters ? passMask(dataset, input.filters) : null;
  const fns = filterFns(p, mask);
  const filterRange = filterRangeFor(dataset, win);
  const shapes: Layer[] = [];
  const extra: Layer[] = [];
  const circles: Layer[] = [];
  const arcs: Layer[] = [];
  const points: Layer[] = [];
  const labels: Layer[] = [];
  // How many strike marks the window draws: few → every disc, full-size symbols.
  let drawn = 0;
  for (const pl of p.layers.values()) {
    if (!pl.windowed || !layers.includes(pl.def.key)) continue;
    const r = markRange(pl.windowed.points, win);
    drawn += r[1] - r[0] + r[3] - r[2];
  }
  const few = drawn <= FEW_MARKS;
  const radiusScale = markScale(opts.zoom ?? 8, few);
  const density = opts.density ?? null;
  for (const pl of p.layers.values()) {
    const visible = layers.includes(pl.def.key);
    // A hidden layer keeps the same (empty) window, so moving the window does not touch it at all.
    const range = visible ? filterRange : p.hidden.filterRange;
    if (pl.links.length) arcs.push(linkArcLayer(prefix + pl.def.key, pl.links, visible, fns, range));
    if (pl.shapes.length) {
      shapes.push(shapeLayer(prefix, pl, fns, range, visible));
      if (pl.def.kind === 'deployment') labels.push(areaLabelLayer(prefix, pl, fns, range, visible, input.labelNudges));
    }
    if (pl.windowed) {
      // Binned or a dense window: the strike layers and their discs stay (buffers kept) but are not drawn.
      const dots = visible && !density;
      const common = { filterRange: range, mask, itemAt: p.itemAt };
      const { points: set, uncertain } = pl.windowed;
      const marks = (s: PointSet, on: boolean): MarkRange => (on ? markRange(s, win) : HIDDEN_MARKS);
      if (uncertain.n)
        circles.push(
          windowedLayer(`${prefix}${pl.def.key}:uncertainty`, uncertain, UNCERTAINTY_STYLE, {
            ...common,
            visible: dots && few,
            radiusScale: 1,
            range: marks(uncertain, dots && few),
          }),
        );
      if (set.n)
        points.push(
          windowedLayer(prefix + pl.def.key, set, STRIKE_STYLE, {
            ...common,
            visible: dots,
            radiusScale,
            range: marks(set, dots),
          }),
        );
    }
    if (!pl.marks.length) continue;
    if (pl.uncertain.length) circles.push(uncertaintyLayer(prefix, pl, fns, range, visible && few));
    points.push(...pointLayers(prefix, pl, p, fns, range, visible, radiusScale));
  }
  SUB_LAYER_MODULES.forEach((m, i) => {
    extra.push(...m.render(modules[i], input, filterRange, prefix));
  });
  const out = [...shapes, ...extra, ...circles, ...arcs, ...(density ?? []), ...points, ...labels];
  // The hovered and the selected feature's discs, whatever the density.
  const focus = [opts.hovered, selected]
    .map((id) => (id ? dataset.find(id) : undefined))
    .filter((it): it is Item => !!it && layers.includes(it.layer) && isPointItem(it));
  const focusMarks = focus
    .flatMap((it) => marksOf([it]))
    .filter((m) => m.item.feature.properties.place_precision_km > 1 && !drawnAsRegion(input.dataset, m.item.index));
  if (focusMarks.length && (!few || density)) out.push(focusUncertaintyLayer(prefix, focusMarks, fns, filterRange));
  const sel = selected ? dataset.find(selected) : undefined;
  if (sel) {
    const h = remember(p.highlight, sel.id, () => linkHighlight(dataset, sel.id));
    if (h.links.some((l) => layers.includes(l.layer))) out.push(...linkHighlightLayers(h, fns, filterRange, prefix));
    if (sel.kind !== 'link' && layers.includes(sel.layer))
      out.push(...selectionLayers(prefix, sel, p, fns, filterRange));
  }
  return out;
}

/** The data layers with a fresh Prepared each call (scripts and tests; the map keeps one in AtlasDataLayer). */
export function buildDataLayers(input: DataLayerInputs, p: Prepared = prepareData(input.dataset)): Layer[] {
  return renderDataLayers(p, input);
}

function shapeLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  const strikeLike = pl.def.kind === 'strike';
  return new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<AtlasGeo> & PathStyleExtensionProps<AtlasGeo>>({
    id: `${prefix}${pl.def.key}:areas`,
    data: pl.shapes,
    visible,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: strikeLike ? STRIKE_AREA_FILL : DEPLOYMENT_FILL,
    getLineColor: strikeLike ? STRIKE_AREA_LINE : DEPLOYMENT_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    extensions: AREA_EXTENSIONS,
    getFilterValue: fns.shape,
    filterRange,
    updateTriggers: fns.triggers,
    getDashArray: getShapeDash,
    dashJustified: true,
  });
}
const STRIKE_AREA_FILL: RGBA = [222, 45, 38, 50];
const STRIKE_AREA_LINE: RGBA = [222, 45, 38, 220];

const NO_NUDGE: [number, number] = [0, 0];
/** One offset accessor per set of nudges (deck.gl re-reads it only when `key` changes). */
interface Nudge {
  key: string;
  get: (it: Item) => [number, number];
  /** The layer's updateTriggers for each filter trigger object: the same object while nothing changed. */
  triggers: WeakMap<object, object>;
}
let lastNudge: Nudge = { key: '', get: () => NO_NUDGE, triggers: new WeakMap() };
function nudgeAccessor(nudges: DataLayerInputs['labelNudges']): Nudge {
  const key = nudges?.key ?? '';
  if (key === lastNudge.key) return lastNudge;
  const dy = nudges?.dy;
  lastNudge = {
    key,
    get: (it) => {
      const d = dy?.get(it.id);
      return d ? [0, d] : NO_NUDGE;
    },
    triggers: new WeakMap(),
  };
  return lastNudge;
}
function labelTriggers(nudge: Nudge, base: object): object {
  let t = nudge.triggers.get(base);
  if (!t) {
    t = { ...base, getPixelOffset: nudge.key };
    nudge.triggers.set(base, t);
  }
  return t;
}

function areaLabelLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
  nudges: DataLayerInputs['labelNudges'],
): Layer {
  const nudge = nudgeAccessor(nudges);
  return new TextLayer<Item, DataFilterExtensionProps<Item>>({
    id: `${prefix}${pl.def.key}:labels`,
    data: pl.shapeItems,
    visible,
    getPosition: getAnchor,
    getText: areaLabel,
    getPixelOffset: nudge.get,
    getSize: AREA_LABEL_SIZE,
    getColor: DEPLOYMENT_LINE,
    fontFamily: LABEL_FONT,
    fontWeight: 'bold',
    characterSet: 'auto',
    fontSettings: FONT_SETTINGS,
    background: true,
    getBackgroundColor: LABEL_BACKGROUND,
    backgroundPadding: LABEL_PADDING,
    extensions: TIME_EXTENSIONS,
    getFilterValue: fns.item,
    filterRange,
    updateTriggers: labelTriggers(nudge, fns.triggers),
  });
}

/** Style of the windowed strike symbols (colour and radius come per mark from the GPU buffers). */
const STRIKE_STYLE: WindowedPointsProps['style'] = {
  pickable: true,
  radiusUnits: 'pixels',
  stroked: true,
  getLineColor: HALO,
  lineWidthUnits: 'pixels',
  getLineWidth: 1,
  opacity: 0.85,
  radiusMinPixels: 1.5,
};
/** Style of the windowed uncertainty circles (radius per mark, in metres). */
const UNCERTAINTY_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'meters',
  stroked: true,
  filled: true,
  getFillColor: UNCERTAINTY_FILL,
  getLineColor: UNCERTAINTY_LINE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1,
};

type WindowedInputs = Pick<WindowedPointsProps, 'range' | 'filterRange' | 'mask' | 'itemAt' | 'radiusScale'> & {
  visible: boolean;
};

/** A strike layer's points (or their uncertainty circles) in the window: only `range`, `filterRange` and `mask` vary. */
function windowedLayer(id: string, set: PointSet, style: WindowedPointsProps['style'], inputs: WindowedInputs): Layer {
  return new WindowedPointsLayer({
    id,
    set,
    style,
    perMarkColor: style === STRIKE_STYLE,
    pickable: style.pickable ?? false,
    ...inputs,
  });
}

function uncertaintyLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  return uncertaintyDiscs(
    prefix + (pl.windowed ? `${pl.def.key}:uncertainty-long` : `${pl.def.key}:uncertainty`),
    pl.uncertain,
    fns,
    filterRange,
    visible,
  );
}

function pointLayers(
  prefix: string,
  pl: PreparedLayer,
  p: Prepared,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
  radiusScale: number,
): Layer[] {
  const common = {
    data: pl.marks,
    visible,
    getPosition: getMarkPosition,
    extensions: TIME_EXTENSIONS,
    getFilterValue: fns.mark,
    filterRange,
    updateTriggers: fns.triggers,
  };
  if (pl.def.kind === 'strike') {
    return [
      new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
        ...common,
        id: prefix + (pl.windowed ? `${pl.def.key}:long` : pl.def.key),
        pickable: true,
        radiusUnits: 'pixels',
        radiusScale,
        radiusMinPixels: 1.5,
        getRadius: p.strikeRadius,
        getFillColor: p.strikeColor,
        stroked: true,
        getLineColor: HALO,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        opacity: 0.85,
      }),
    ];
  }
  const color = pl.def.kind === 'facility' ? FACILITY_COLOR : DEPLOYMENT_LINE;
  return [
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      ...common,
      id: prefix + pl.def.key,
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: 9,
      stroked: true,
      filled: true,
      getFillColor: WHITE,
      getLineColor: color,
      lineWidthUnits: 'pixels',
      getLineWidth: 3.5,
    }),
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      ...common,
      id: `${prefix}${pl.def.key}:cores`,
      radiusUnits: 'pixels',
      getRadius: 3.5,
      getFillColor: color,
    }),
  ];
}
