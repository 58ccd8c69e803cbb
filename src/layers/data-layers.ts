// Layer factories for the data: one group of deck.gl layers per data layer, drawn by its kind.
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type DataFilterExtensionProps, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item, LayerDef } from '../data/dataset';
import type { AtlasProperties } from '../data/schema';
import type { DayRange } from '../time/window';
import {
  DEPLOYMENT_FILL, DEPLOYMENT_LINE, FACILITY_COLOR, SELECTION_COLOR, UNCERTAINTY_FILL, UNCERTAINTY_LINE, type RGBA,
} from '../config';
import { filterRangeFor, filterTriggers, filterValueAccessor, timeFilterExtension, type FilterRange, type FilterValue } from './time-filter';
import { linkArcLayer, linkHighlightLayers, type LinkFilterFns } from './link-layers';
import { linkHighlight, type LinkHighlight } from '../links/link-index';
import { passMask, type Filters } from '../filters/filters';
import { strikeMagnitude, strikeRadiusPx, weaponColor } from './style';
import { buildPointSet, isWindowedRow, markRange, maxStrikeMagnitude, type MarkRange, type PointSet } from './point-sets';
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { FONT_SETTINGS, LABEL_FONT } from './labels';
import { drawnAsRegion } from './region-layers';

export interface DataLayerInputs {
  dataset: Dataset;
  /** The window after the mode is applied. */
  window: DayRange;
  /** Keys of the layers shown. */
  layers: readonly string[];
  selected: string | null;
  /** Weapon, figure and search filters (default none): they set the third filter value, not the data. */
  filters?: Filters;
}

type AtlasGeo = Feature<Geometry, AtlasProperties>;

/**
 * One drawn point. A MultiPoint feature (e.g. one attack on two cities that the report counts
 * together) gets a mark at each of its points, all pointing back to the same item.
 */
export interface Mark {
  item: Item;
  position: [number, number];
}

/** Marks for the point items (Point, MultiPoint) among `items`. */
export function marksOf(items: Item[]): Mark[] {
  return items.flatMap((item) => {
    const g = item.feature.geometry;
    if (g.type === 'MultiPoint') return g.coordinates.map((c) => ({ item, position: [c[0], c[1]] as [number, number] }));
    if (g.type === 'Point') return [{ item, position: item.anchor }];
    return [];
  });
}

const isPointItem = (it: Item): boolean => it.feature.geometry.type === 'Point' || it.feature.geometry.type === 'MultiPoint';

/** Module constants: a new array or object each render would look like a change to deck.gl. */
const TIME_EXTENSIONS = [timeFilterExtension];
const AREA_EXTENSIONS = [timeFilterExtension, new PathStyleExtension({ dash: true })];
const WHITE: RGBA = [255, 255, 255, 255];
const LABEL_BACKGROUND: RGBA = [255, 255, 255, 200];
const LABEL_PADDING: [number, number] = [3, 1];

/** Everything derived from one data layer once, so a window change reuses it by reference. */
interface PreparedLayer {
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
}

/** The accessors that read the filter mask: one set per mask, so a window change reuses them. */
interface FilterFns extends LinkFilterFns {
  item: (it: Item) => FilterValue;
  mark: (m: Mark) => FilterValue;
  shape: (f: AtlasGeo) => FilterValue;
}

interface Prepared {
  layers: Map<string, PreparedLayer>;
  strikeRadius: (m: Mark) => number;
  selectionRadius: (m: Mark) => number;
  /** Keyed by the item accessor, which is one per dataset and mask. */
  filterFns: WeakMap<object, FilterFns>;
  selection: WeakMap<Item, { marks: Mark[]; shapes: AtlasGeo[] }>;
  highlight: WeakMap<Item, LinkHighlight>;
  itemAt: (row: number) => Item;
  /** The filter ranges of an empty window, given to hidden layers (one object per dataset). */
  hidden: { filterRange: FilterRange };
}

const HIDDEN_MARKS: MarkRange = [0, 0, 0, 0];

const preparedCache = new WeakMap<Dataset, Prepared>();

function prepare(dataset: Dataset): Prepared {
  const cached = preparedCache.get(dataset);
  if (cached) return cached;
  const maxMagnitude = maxStrikeMagnitude(dataset);
  const layers = new Map<string, PreparedLayer>();
  dataset.layers.forEach((def, code) => {
    const rows = dataset.columns.rowsOfLayer[code];
    // Strikes are the many: their points are drawn by window and never become Items here.
    const windowed = def.kind === 'strike'
      ? { points: buildPointSet(dataset, rows, 'strike', maxMagnitude), uncertain: buildPointSet(dataset, rows, 'uncertainty', maxMagnitude) }
      : null;
    const items = Array.from(windowed ? rows.filter((r) => !isWindowedRow(dataset, r)) : rows, (r) => dataset.itemAt(r));
    const marks = marksOf(items);
    const shapeItems = items.filter((it) => !isPointItem(it) && it.kind !== 'link');
    layers.set(def.key, {
      def,
      marks,
      uncertain: marks.filter((m) => m.item.feature.properties.place_precision_km > 1 && !drawnAsRegion(dataset, m.item.index)),
      shapes: shapeItems.map((it) => it.feature),
      shapeItems,
      links: items.filter((it) => it.kind === 'link'),
      windowed,
    });
  });
  const prepared: Prepared = {
    layers,
    strikeRadius: (m) => strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude),
    selectionRadius: (m) => (m.item.kind === 'strike' ? strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude) + 5 : 14),
    filterFns: new WeakMap(),
    selection: new WeakMap(),
    highlight: new WeakMap(),
    itemAt: (row) => dataset.itemAt(row),
    hidden: {
      filterRange: filterRangeFor(dataset, { from: dataset.origin, to: dataset.origin - 1 }),
    },
  };
  preparedCache.set(dataset, prepared);
  return prepared;
}

function filterFns(p: Prepared, dataset: Dataset, filters: Filters | undefined): FilterFns {
  const mask = filters ? passMask(dataset, filters) : null;
  const item = filterValueAccessor(dataset, mask);
  let fns = p.filterFns.get(item);
  if (!fns) {
    fns = {
      item,
      mark: (m) => item(m.item),
      shape: (f) => item(dataset.find(f.properties.id) as Item),
      link: item,
      end: (e) => item(e.link),
      triggers: filterTriggers(mask),
    };
    p.filterFns.set(item, fns);
  }
  return fns;
}

const getMarkPosition = (m: Mark): [number, number] => m.position;
const getAnchor = (it: Item): [number, number] => it.anchor;
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;
const getStrikeColor = (m: Mark): RGBA => weaponColor(m.item.feature.properties.weapon);
const getShapeDash = (f: AtlasGeo): [number, number] => (f.properties.approximate ? [3, 2] : [0, 0]);

/**
 * Builds the data layers: under everything the areas and uncertainty circles, then the link arcs,
 * the points, the area labels, the selection's links and ends, and the selection ring.
 * Only `filterRange`, `visible` and the selection depend on the window and toggles; a filter
 * change swaps the filter accessors and their `updateTriggers` (once, not per frame).
 */
export function buildDataLayers(input: DataLayerInputs): Layer[] {
  const { dataset, window: win, layers, selected } = input;
  const p = prepare(dataset);
  const fns = filterFns(p, dataset, input.filters);
  const filterRange = filterRangeFor(dataset, win);
  const mask = input.filters ? passMask(dataset, input.filters) : null;
  const shapes: Layer[] = [];
  const circles: Layer[] = [];
  const arcs: Layer[] = [];
  const points: Layer[] = [];
  const labels: Layer[] = [];
  for (const pl of p.layers.values()) {
    const visible = layers.includes(pl.def.key);
    // A hidden layer keeps the same (empty) window, so moving the window does not touch it at all.
    const range = visible ? filterRange : p.hidden.filterRange;
    if (pl.links.length) arcs.push(linkArcLayer(pl.def.key, pl.links, visible, fns, range));
    if (pl.shapes.length) {
      shapes.push(shapeLayer(pl, fns, range, visible));
      if (pl.def.kind === 'deployment') labels.push(areaLabelLayer(pl, fns, range, visible));
    }
    if (pl.windowed) {
      const common = { visible, filterRange: range, mask, itemAt: p.itemAt };
      const { points: set, uncertain } = pl.windowed;
      const marks = (s: PointSet): MarkRange => (visible ? markRange(s, win) : HIDDEN_MARKS);
      if (uncertain.n) circles.push(windowedLayer(`${pl.def.key}:uncertainty`, uncertain, UNCERTAINTY_STYLE, { ...common, range: marks(uncertain) }));
      if (set.n) points.push(windowedLayer(pl.def.key, set, STRIKE_STYLE, { ...common, range: marks(set) }));
    }
    if (!pl.marks.length) continue;
    if (pl.uncertain.length) circles.push(uncertaintyLayer(pl, fns, range, visible));
    points.push(...pointLayers(pl, p, fns, range, visible));
  }
  const out = [...shapes, ...circles, ...arcs, ...points, ...labels];
  const sel = selected ? dataset.find(selected) : undefined;
  if (sel) {
    let h = p.highlight.get(sel);
    if (!h) p.highlight.set(sel, (h = linkHighlight(dataset, sel.id)));
    if (h.links.some((l) => layers.includes(l.layer))) out.push(...linkHighlightLayers(h, fns, filterRange));
    if (sel.kind !== 'link' && layers.includes(sel.layer)) out.push(selectionLayer(sel, p, fns, filterRange));
  }
  return out;
}

function shapeLayer(pl: PreparedLayer, fns: FilterFns, filterRange: FilterRange, visible: boolean): Layer {
  const strikeLike = pl.def.kind === 'strike';
  return new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<AtlasGeo> & PathStyleExtensionProps<AtlasGeo>>({
    id: `${pl.def.key}:areas`,
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

function areaLabelLayer(pl: PreparedLayer, fns: FilterFns, filterRange: FilterRange, visible: boolean): Layer {
  return new TextLayer<Item, DataFilterExtensionProps<Item>>({
    id: `${pl.def.key}:labels`,
    data: pl.shapeItems,
    visible,
    getPosition: getAnchor,
    getText: areaLabel,
    getSize: 12,
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
    updateTriggers: fns.triggers,
  });
}

/** Style of the windowed strike symbols (colour and radius come per mark from the GPU buffers). */
const STRIKE_STYLE: WindowedPointsProps['style'] = {
  pickable: true, radiusUnits: 'pixels', stroked: true, getLineColor: WHITE, lineWidthUnits: 'pixels', getLineWidth: 1.5, opacity: 0.9,
};
/** Style of the windowed uncertainty circles (radius per mark, in metres). */
const UNCERTAINTY_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'meters', stroked: true, filled: true, getFillColor: UNCERTAINTY_FILL, getLineColor: UNCERTAINTY_LINE, lineWidthUnits: 'pixels', getLineWidth: 1,
};

type WindowedInputs = Pick<WindowedPointsProps, 'range' | 'filterRange' | 'mask' | 'itemAt'> & { visible: boolean };

/** A strike layer's points (or their uncertainty circles) in the window: only `range`, `filterRange` and `mask` vary. */
function windowedLayer(id: string, set: PointSet, style: WindowedPointsProps['style'], inputs: WindowedInputs): Layer {
  return new WindowedPointsLayer({ id, set, style, perMarkColor: style === STRIKE_STYLE, pickable: style.pickable ?? false, ...inputs });
}

function uncertaintyLayer(pl: PreparedLayer, fns: FilterFns, filterRange: FilterRange, visible: boolean): Layer {
  return new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
    id: pl.windowed ? `${pl.def.key}:uncertainty-long` : `${pl.def.key}:uncertainty`,
    data: pl.uncertain,
    visible,
    radiusUnits: 'meters',
    getRadius: getUncertaintyRadius,
    getPosition: getMarkPosition,
    stroked: true,
    filled: true,
    getFillColor: UNCERTAINTY_FILL,
    getLineColor: UNCERTAINTY_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    extensions: TIME_EXTENSIONS,
    getFilterValue: fns.mark,
    filterRange,
    updateTriggers: fns.triggers,
  });
}

function pointLayers(pl: PreparedLayer, p: Prepared, fns: FilterFns, filterRange: FilterRange, visible: boolean): Layer[] {
  const common = { data: pl.marks, visible, getPosition: getMarkPosition, extensions: TIME_EXTENSIONS, getFilterValue: fns.mark, filterRange, updateTriggers: fns.triggers };
  if (pl.def.kind === 'strike') {
    return [
      new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
        ...common,
        id: pl.windowed ? `${pl.def.key}:long` : pl.def.key,
        pickable: true,
        radiusUnits: 'pixels',
        getRadius: p.strikeRadius,
        getFillColor: getStrikeColor,
        stroked: true,
        getLineColor: WHITE,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        opacity: 0.9,
      }),
    ];
  }
  const color = pl.def.kind === 'facility' ? FACILITY_COLOR : DEPLOYMENT_LINE;
  return [
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      ...common,
      id: pl.def.key,
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
      id: `${pl.def.key}:cores`,
      radiusUnits: 'pixels',
      getRadius: 3.5,
      getFillColor: color,
    }),
  ];
}

/** A ring around the selected points, or an outline around the selected area. */
function selectionLayer(sel: Item, p: Prepared, fns: FilterFns, filterRange: FilterRange): Layer {
  let data = p.selection.get(sel);
  if (!data) {
    data = isPointItem(sel) ? { marks: marksOf([sel]), shapes: [] } : { marks: [], shapes: [sel.feature] };
    p.selection.set(sel, data);
  }
  if (data.shapes.length) {
    return new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<AtlasGeo>>({
      // Its own id: deck.gl hands a layer's state to the next layer of the same id, whatever its class.
      id: 'selection:area',
      data: data.shapes,
      filled: false,
      stroked: true,
      getLineColor: SELECTION_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getPointRadius: 0,
      extensions: TIME_EXTENSIONS,
      getFilterValue: fns.shape,
      filterRange,
      updateTriggers: fns.triggers,
    });
  }
  return new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
    id: 'selection',
    data: data.marks,
    radiusUnits: 'pixels',
    getRadius: p.selectionRadius,
    getPosition: getMarkPosition,
    filled: false,
    stroked: true,
    getLineColor: SELECTION_COLOR,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    extensions: TIME_EXTENSIONS,
    getFilterValue: fns.mark,
    filterRange,
    updateTriggers: fns.triggers,
  });
}

/** The text of an area's label (exported: the base map's names keep clear of it). */
export function areaLabel(it: Item): string {
  const p = it.feature.properties;
  const q = p.figure_qualifiers?.troops;
  const prefix = q === 'more than' ? '>' : q === 'about' ? '~' : q === 'at least' ? '≥' : '';
  const text = p.troops ? `${prefix}${p.troops.toLocaleString('en-GB')} troops` : p.place;
  return p.approximate ? `${text} (approx. area)` : text;
}
