// Layer factories for the data: strikes, facilities, deployments, place uncertainty and selection.
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type DataFilterExtensionProps, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item } from '../data/dataset';
import type { AtlasProperties, LayerKey } from '../data/schema';
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
  layers: readonly LayerKey[];
  selected: string | null;
}

const dashExtension = new PathStyleExtension({ dash: true });
/** Extension lists are module constants: a new array each render would re-initialise the layers. */
const WHITE: RGBA = [255, 255, 255, 255];
const LABEL_BACKGROUND: RGBA = [255, 255, 255, 200];
const LABEL_PADDING: [number, number] = [3, 1];
const TIME_EXTENSIONS = [timeFilterExtension];
const AREA_EXTENSIONS = [timeFilterExtension, dashExtension];

/**
 * One drawn point. A MultiPoint feature (e.g. one attack on two cities that the report counts
 * together) gets a mark at each of its points, all pointing back to the same item.
 */
export interface Mark {
  item: Item;
  position: [number, number];
}

/** Marks for point items: one per position of a Point or MultiPoint, the anchor otherwise. */
export function marksOf(items: Item[]): Mark[] {
  return items.flatMap((item) => {
    const g = item.feature.geometry;
    if (g.type === 'MultiPoint') return g.coordinates.map((c) => ({ item, position: [c[0], c[1]] as [number, number] }));
    return [{ item, position: item.anchor }];
  });
}

/** Everything derived from a dataset once, so that a window change reuses it by reference. */
interface Prepared {
  strikes: Mark[];
  facilities: Mark[];
  deployments: Feature<Geometry, AtlasProperties>[];
  /** Point marks whose place is known only to a radius (> 1 km). */
  uncertain: Mark[];
  strikeRadius: (m: Mark) => number;
  markFilterValue: (m: Mark) => [number, number];
  selectionRadius: (m: Mark) => number;
  deploymentFilterValue: (f: Feature<Geometry, AtlasProperties>) => [number, number];
}

const preparedCache = new WeakMap<Dataset, Prepared>();

function prepare(dataset: Dataset): Prepared {
  const cached = preparedCache.get(dataset);
  if (cached) return cached;
  const strikes = marksOf(dataset.byLayer.strikes);
  const facilities = marksOf(dataset.byLayer.facilities);
  const maxMagnitude = dataset.byLayer.strikes.reduce((m, it) => Math.max(m, strikeMagnitude(it.feature.properties)), 0);
  const itemValue = filterValueAccessor(dataset);
  const prepared: Prepared = {
    strikes,
    facilities,
    deployments: dataset.byLayer.deployments.map((it) => it.feature),
    uncertain: [...strikes, ...facilities].filter((m) => m.item.feature.properties.place_precision_km > 1),
    strikeRadius: (m: Mark) => strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude),
    markFilterValue: (m: Mark) => itemValue(m.item),
    selectionRadius: (m: Mark) => strikeRadiusPx(strikeMagnitude(m.item.feature.properties), maxMagnitude) + 5,
    deploymentFilterValue: (f) => itemValue(dataset.byId.get(f.properties.id) as Item),
  };
  preparedCache.set(dataset, prepared);
  return prepared;
}

const getAnchor = (it: Item): [number, number] => it.anchor;
const getMarkPosition = (m: Mark): [number, number] => m.position;
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;
const getStrikeColor = (m: Mark): RGBA => weaponColor(m.item.feature.properties.weapon);
const getDeploymentDash = (f: Feature<Geometry, AtlasProperties>): [number, number] => (f.properties.approximate ? [3, 2] : [0, 0]);

/** Builds the data layers. Only `filterRange`, `visible` and the selection layer depend on state. */
export function buildDataLayers(input: DataLayerInputs): Layer[] {
  const { dataset, window: win, layers, selected } = input;
  const p = prepare(dataset);
  const filterRange = filterRangeFor(dataset, win);
  const getFilterValue = filterValueAccessor(dataset);
  const timeProps = { extensions: TIME_EXTENSIONS, getFilterValue, filterRange };
  const markProps = { extensions: TIME_EXTENSIONS, getFilterValue: p.markFilterValue, filterRange };
  const show = (k: LayerKey): boolean => layers.includes(k);

  const out: Layer[] = [
    new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<Feature<Geometry, AtlasProperties>> & PathStyleExtensionProps<Feature<Geometry, AtlasProperties>>>({
      id: 'deployments',
      data: p.deployments,
      visible: show('deployments'),
      pickable: true,
      stroked: true,
      filled: true,
      getFillColor: DEPLOYMENT_FILL,
      getLineColor: DEPLOYMENT_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      extensions: AREA_EXTENSIONS,
      getFilterValue: p.deploymentFilterValue,
      filterRange,
      getDashArray: getDeploymentDash,
      dashJustified: true,
    }),
    new TextLayer<Item, DataFilterExtensionProps<Item>>({
      id: 'deployment-labels',
      data: dataset.byLayer.deployments,
      visible: show('deployments'),
      getPosition: getAnchor,
      getText: deploymentLabel,
      getSize: 12,
      getColor: DEPLOYMENT_LINE,
      fontFamily: LABEL_FONT,
      fontWeight: 'bold',
      characterSet: 'auto',
      fontSettings: FONT_SETTINGS,
      background: true,
      getBackgroundColor: LABEL_BACKGROUND,
      backgroundPadding: LABEL_PADDING,
      ...timeProps,
    }),
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      id: 'uncertainty',
      data: p.uncertain,
      visible: show('strikes') || show('facilities'),
      radiusUnits: 'meters',
      getRadius: getUncertaintyRadius,
      getPosition: getMarkPosition,
      stroked: true,
      filled: true,
      getFillColor: UNCERTAINTY_FILL,
      getLineColor: UNCERTAINTY_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      ...markProps,
    }),
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      id: 'strikes',
      data: p.strikes,
      visible: show('strikes'),
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: p.strikeRadius,
      getPosition: getMarkPosition,
      getFillColor: getStrikeColor,
      stroked: true,
      getLineColor: WHITE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      opacity: 0.9,
      ...markProps,
    }),
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      id: 'facilities',
      data: p.facilities,
      visible: show('facilities'),
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: 9,
      getPosition: getMarkPosition,
      stroked: true,
      filled: true,
      getFillColor: WHITE,
      getLineColor: FACILITY_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3.5,
      ...markProps,
    }),
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      id: 'facility-cores',
      data: p.facilities,
      visible: show('facilities'),
      radiusUnits: 'pixels',
      getRadius: 3.5,
      getPosition: getMarkPosition,
      getFillColor: FACILITY_COLOR,
      ...markProps,
    }),
  ];
  const sel = selected ? dataset.byId.get(selected) : undefined;
  if (sel && show(sel.layer)) out.push(selectionLayer(sel, p, filterRange));
  return out;
}

/** Per-item data for the selection layer, kept by reference so a window change never rebuilds it. */
const selectionData = new WeakMap<Item, Mark[]>();

function selectionLayer(sel: Item, p: Prepared, filterRange: [[number, number], [number, number]]): Layer {
  let data = selectionData.get(sel);
  if (!data) {
    data = sel.layer === 'deployments' ? [] : marksOf([sel]);
    selectionData.set(sel, data);
  }
  if (sel.layer === 'deployments') {
    return new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<Feature<Geometry, AtlasProperties>>>({
      id: 'selection',
      data: selectionFeature(sel),
      filled: false,
      stroked: true,
      getLineColor: SELECTION_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      extensions: TIME_EXTENSIONS,
      getFilterValue: p.deploymentFilterValue,
      filterRange,
    });
  }
  const radius = sel.layer === 'strikes' ? p.selectionRadius : 14;
  return new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
    id: 'selection',
    data,
    radiusUnits: 'pixels',
    getRadius: radius,
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

const selectionFeatures = new WeakMap<Item, Feature<Geometry, AtlasProperties>[]>();
function selectionFeature(sel: Item): Feature<Geometry, AtlasProperties>[] {
  let f = selectionFeatures.get(sel);
  if (!f) {
    f = [sel.feature];
    selectionFeatures.set(sel, f);
  }
  return f;
}

function deploymentLabel(it: Item): string {
  const p = it.feature.properties;
  const troops = p.troops ? `${p.figure_qualifiers?.troops === 'more than' ? '>' : p.figure_qualifiers?.troops === 'about' ? '~' : ''}${p.troops.toLocaleString('en-GB')} troops` : p.place;
  return p.approximate ? `${troops} (approx. area)` : troops;
}
