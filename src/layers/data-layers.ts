// Layer factories for the data: strikes, facilities, deployments, place uncertainty and selection.
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension, type DataFilterExtensionProps, type PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item } from '../data/dataset';
import type { AtlasProperties, LayerKey } from '../data/schema';
import type { DayRange } from '../time/window';
import {
  DEPLOYMENT_FILL, DEPLOYMENT_LINE, FACILITY_COLOR, SELECTION_COLOR, UNCERTAINTY_FILL, UNCERTAINTY_LINE, BASEMAP, type RGBA,
} from '../config';
import { filterRangeFor, filterValueAccessor, timeFilterExtension } from './time-filter';
import { strikeMagnitude, strikeRadiusPx, weaponColor } from './style';
import { LABEL_FONT, SDF_FONT } from './labels';

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
const TIME_EXTENSIONS = [timeFilterExtension];
const AREA_EXTENSIONS = [timeFilterExtension, dashExtension];

/** Everything derived from a dataset once, so that a window change reuses it by reference. */
interface Prepared {
  strikes: Item[];
  facilities: Item[];
  deployments: Feature<Geometry, AtlasProperties>[];
  /** Point items whose place is known only to a radius (> 1 km). */
  uncertain: Item[];
  strikeRadius: (it: Item) => number;
  deploymentFilterValue: (f: Feature<Geometry, AtlasProperties>) => [number, number];
}

const preparedCache = new WeakMap<Dataset, Prepared>();

function prepare(dataset: Dataset): Prepared {
  const cached = preparedCache.get(dataset);
  if (cached) return cached;
  const strikes = dataset.byLayer.strikes;
  const maxMagnitude = strikes.reduce((m, it) => Math.max(m, strikeMagnitude(it.feature.properties)), 0);
  const itemValue = filterValueAccessor(dataset);
  const prepared: Prepared = {
    strikes,
    facilities: dataset.byLayer.facilities,
    deployments: dataset.byLayer.deployments.map((it) => it.feature),
    uncertain: [...strikes, ...dataset.byLayer.facilities].filter(
      (it) => it.feature.geometry.type === 'Point' && it.feature.properties.place_precision_km > 1,
    ),
    strikeRadius: (it: Item) => strikeRadiusPx(strikeMagnitude(it.feature.properties), maxMagnitude),
    deploymentFilterValue: (f) => itemValue(dataset.byId.get(f.properties.id) as Item),
  };
  preparedCache.set(dataset, prepared);
  return prepared;
}

const getAnchor = (it: Item): [number, number] => it.anchor;
const getUncertaintyRadius = (it: Item): number => it.feature.properties.place_precision_km * 1000;
const getStrikeColor = (it: Item): RGBA => weaponColor(it.feature.properties.weapon);
const getDeploymentDash = (f: Feature<Geometry, AtlasProperties>): [number, number] => (f.properties.approximate ? [3, 2] : [0, 0]);

/** Builds the data layers. Only `filterRange`, `visible` and the selection layer depend on state. */
export function buildDataLayers(input: DataLayerInputs): Layer[] {
  const { dataset, window: win, layers, selected } = input;
  const p = prepare(dataset);
  const filterRange = filterRangeFor(dataset, win);
  const getFilterValue = filterValueAccessor(dataset);
  const timeProps = { extensions: TIME_EXTENSIONS, getFilterValue, filterRange };
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
      fontSettings: SDF_FONT,
      outlineWidth: 3,
      outlineColor: BASEMAP.labelHalo,
      ...timeProps,
    }),
    new ScatterplotLayer<Item, DataFilterExtensionProps<Item>>({
      id: 'uncertainty',
      data: p.uncertain,
      visible: show('strikes') || show('facilities'),
      radiusUnits: 'meters',
      getRadius: getUncertaintyRadius,
      getPosition: getAnchor,
      stroked: true,
      filled: true,
      getFillColor: UNCERTAINTY_FILL,
      getLineColor: UNCERTAINTY_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      ...timeProps,
    }),
    new ScatterplotLayer<Item, DataFilterExtensionProps<Item>>({
      id: 'strikes',
      data: p.strikes,
      visible: show('strikes'),
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: p.strikeRadius,
      getPosition: getAnchor,
      getFillColor: getStrikeColor,
      stroked: true,
      getLineColor: WHITE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      opacity: 0.9,
      ...timeProps,
    }),
    new ScatterplotLayer<Item, DataFilterExtensionProps<Item>>({
      id: 'facilities',
      data: p.facilities,
      visible: show('facilities'),
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: 9,
      getPosition: getAnchor,
      stroked: true,
      filled: true,
      getFillColor: WHITE,
      getLineColor: FACILITY_COLOR,
      lineWidthUnits: 'pixels',
      getLineWidth: 3.5,
      ...timeProps,
    }),
    new ScatterplotLayer<Item, DataFilterExtensionProps<Item>>({
      id: 'facility-cores',
      data: p.facilities,
      visible: show('facilities'),
      radiusUnits: 'pixels',
      getRadius: 3.5,
      getPosition: getAnchor,
      getFillColor: FACILITY_COLOR,
      ...timeProps,
    }),
  ];
  const sel = selected ? dataset.byId.get(selected) : undefined;
  if (sel && show(sel.layer)) out.push(selectionLayer(sel, p, filterRange, getFilterValue));
  return out;
}

function selectionLayer(
  sel: Item,
  p: Prepared,
  filterRange: [[number, number], [number, number]],
  getFilterValue: (it: Item) => [number, number],
): Layer {
  const radius = sel.layer === 'strikes' ? p.strikeRadius(sel) + 5 : sel.layer === 'facilities' ? 14 : 10;
  return new ScatterplotLayer<Item, DataFilterExtensionProps<Item>>({
    id: 'selection',
    data: [sel],
    radiusUnits: 'pixels',
    getRadius: radius,
    getPosition: getAnchor,
    filled: false,
    stroked: true,
    getLineColor: SELECTION_COLOR,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    extensions: TIME_EXTENSIONS,
    getFilterValue,
    filterRange,
  });
}

function deploymentLabel(it: Item): string {
  const p = it.feature.properties;
  const troops = p.troops ? `${p.figure_qualifiers?.troops === 'more than' ? '>' : p.figure_qualifiers?.troops === 'about' ? '~' : ''}${p.troops.toLocaleString('en-GB')} troops` : p.place;
  return p.approximate ? `${troops} (approx. area)` : troops;
}
