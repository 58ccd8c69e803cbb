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
import { filterRangeFor, filterValueAccessor, timeFilterExtension } from './time-filter';
import { strikeMagnitude, strikeRadiusPx, weaponColor } from './style';
import { FONT_SETTINGS, LABEL_FONT } from './labels';

export interface DataLayerInputs {
  dataset: Dataset;
  /** The window after the mode is applied. */
  window: DayRange;
  /** Keys of the layers shown. */
  layers: readonly string[];
  selected: string | null;
}

type AtlasGeo = Feature<Geometry, AtlasProperties>;
type FilterRange = [[number, number], [number, number]];

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
}

interface Prepared {
  layers: Map<string, PreparedLayer>;
  strikeRadius: (m: Mark) => number;
  selectionRadius: (m: Mark) => number;
  markFilterValue: (m: Mark) => [number, number];
  shapeFilterValue: (f: AtlasGeo) => [number, number];
  selection: WeakMap<Item, { marks: Mark[]; shapes: AtlasGeo[] }>;
}

const preparedCache = new WeakMap<Dataset, Prepared>();

function prepare(dataset: Dataset): Prepared {
  const cached = preparedCache.get(dataset);
  if (cached) return cached;
  const strikes = dataset.items.filter((it) => it.kind === 'strike');
  const maxMagnitude = strikes.reduce((m, it) => Math.max(m, strikeMagnitude(it.feature.properties)), 0);
  const itemValue = filterValueAccessor(dataset);
  const layers = new Map<string, PreparedLayer>();
  for (const def of dataset.layers) {
    const items = dataset.byLayer[def.key] ?? [];
    const marks = marksOf(items);
    const shapeItems = items.filter((it) => !isPointItem(it));
    layers.set(def.key, {
      def,
      marks,
      uncertain: marks.filter((m) => m.item.feature.properties.place_precision_km > 1),
      shapes: shapeItems.map((it) => it.feature),
      shapeItems,
    });
  }
  const prepared: Prepared = {
    layers,
    strikeRadius: (m) => strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude),
    selectionRadius: (m) => (m.item.kind === 'strike' ? strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude) + 5 : 14),
    markFilterValue: (m) => itemValue(m.item),
    shapeFilterValue: (f) => itemValue(dataset.byId.get(f.properties.id) as Item),
    selection: new WeakMap(),
  };
  preparedCache.set(dataset, prepared);
  return prepared;
}

const getMarkPosition = (m: Mark): [number, number] => m.position;
const getAnchor = (it: Item): [number, number] => it.anchor;
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;
const getStrikeColor = (m: Mark): RGBA => weaponColor(m.item.feature.properties.weapon);
const getShapeDash = (f: AtlasGeo): [number, number] => (f.properties.approximate ? [3, 2] : [0, 0]);

/**
 * Builds the data layers: under everything the uncertainty circles and areas, then the points,
 * then the selection ring. Only `filterRange`, `visible` and the selection depend on state.
 */
export function buildDataLayers(input: DataLayerInputs): Layer[] {
  const { dataset, window: win, layers, selected } = input;
  const p = prepare(dataset);
  const filterRange = filterRangeFor(dataset, win);
  const shapes: Layer[] = [];
  const circles: Layer[] = [];
  const points: Layer[] = [];
  const labels: Layer[] = [];
  for (const pl of p.layers.values()) {
    const visible = layers.includes(pl.def.key);
    if (pl.shapes.length) {
      shapes.push(shapeLayer(pl, p, filterRange, visible));
      if (pl.def.kind === 'deployment') labels.push(areaLabelLayer(pl, dataset, filterRange, visible));
    }
    if (!pl.marks.length) continue;
    if (pl.uncertain.length) circles.push(uncertaintyLayer(pl, p, filterRange, visible));
    points.push(...pointLayers(pl, p, filterRange, visible));
  }
  const out = [...shapes, ...circles, ...points, ...labels];
  const sel = selected ? dataset.byId.get(selected) : undefined;
  if (sel && layers.includes(sel.layer)) out.push(selectionLayer(sel, p, filterRange));
  return out;
}

function shapeLayer(pl: PreparedLayer, p: Prepared, filterRange: FilterRange, visible: boolean): Layer {
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
    getFilterValue: p.shapeFilterValue,
    filterRange,
    getDashArray: getShapeDash,
    dashJustified: true,
  });
}
const STRIKE_AREA_FILL: RGBA = [222, 45, 38, 50];
const STRIKE_AREA_LINE: RGBA = [222, 45, 38, 220];

function areaLabelLayer(pl: PreparedLayer, dataset: Dataset, filterRange: FilterRange, visible: boolean): Layer {
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
    getFilterValue: filterValueAccessor(dataset),
    filterRange,
  });
}

function uncertaintyLayer(pl: PreparedLayer, p: Prepared, filterRange: FilterRange, visible: boolean): Layer {
  return new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
    id: `${pl.def.key}:uncertainty`,
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
    getFilterValue: p.markFilterValue,
    filterRange,
  });
}

function pointLayers(pl: PreparedLayer, p: Prepared, filterRange: FilterRange, visible: boolean): Layer[] {
  const common = { data: pl.marks, visible, getPosition: getMarkPosition, extensions: TIME_EXTENSIONS, getFilterValue: p.markFilterValue, filterRange };
  if (pl.def.kind === 'strike') {
    return [
      new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
        ...common,
        id: pl.def.key,
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
function selectionLayer(sel: Item, p: Prepared, filterRange: FilterRange): Layer {
  let data = p.selection.get(sel);
  if (!data) {
    data = isPointItem(sel) ? { marks: marksOf([sel]), shapes: [] } : { marks: [], shapes: [sel.feature] };
    p.selection.set(sel, data);
  }
  if (data.shapes.length) {
    return new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<AtlasGeo>>({
      id: 'selection',
      data: data.shapes,
      filled: false,
      stroked: true,
      getLineColor: SELECTION_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getPointRadius: 0,
      extensions: TIME_EXTENSIONS,
      getFilterValue: p.shapeFilterValue,
      filterRange,
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
    getFilterValue: p.markFilterValue,
    filterRange,
  });
}

function areaLabel(it: Item): string {
  const p = it.feature.properties;
  const q = p.figure_qualifiers?.troops;
  const prefix = q === 'more than' ? '>' : q === 'about' ? '~' : q === 'at least' ? '≥' : '';
  const text = p.troops ? `${prefix}${p.troops.toLocaleString('en-GB')} troops` : p.place;
  return p.approximate ? `${text} (approx. area)` : text;
}
