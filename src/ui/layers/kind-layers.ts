// The deck.gl sub-layers of one prepared data layer, by its kind: areas, area labels, windowed strike points, uncertainty discs, symbols.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { DataFilterExtensionProps } from '@deck.gl/extensions';
import { DataMeshLayer } from './data-mesh-layer';
import { AREA_DASH, filterOf, meshOf, shapesMesh } from './data-meshes';
import type { Layer } from '@deck.gl/core';
import type { Item } from '../../core/columnar/dataset';
import {
  DEPLOYMENT_FILL,
  DEPLOYMENT_LINE,
  DEPLOYMENT_TEXT,
  FACILITY_COLOR,
  UNCERTAINTY_FILL,
  UNCERTAINTY_LINE,
  type RGBA,
} from '../../core/config';
import { timeFilterExtension, type FilterRange } from './time-filter';
import type { PointSet } from './point-sets';
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { FONT_SETTINGS, LABEL_FONT } from './labels';
import type { Mark } from './marks';
import { uncertaintyDiscs } from './selection-layers';
import { AREA_LABEL_SIZE, areaLabel } from './area-labels';
import type { AtlasGeo, FilterFns, Prepared, PreparedLayer } from './prepare-data';

/** Module constants: a new array or object each render would look like a change to deck.gl. */
const TIME_EXTENSIONS = [timeFilterExtension];
const WHITE: RGBA = [255, 255, 255, 255];
/** The light halo round strike symbols: separates overlapping marks without adding dark ink. */
const HALO: RGBA = [255, 255, 255, 210];
const LABEL_BACKGROUND: RGBA = [255, 255, 255, 200];
const LABEL_PADDING: [number, number] = [3, 1];

/** The area labels' nudges in pixels by id, so that no two collide (area-labels.ts), and their signature. */
export type LabelNudges = { offset: ReadonlyMap<string, [number, number]>; key: string } | undefined;

const getMarkPosition = (m: Mark): [number, number] => m.position;
const getAnchor = (it: Item): [number, number] => it.anchor;

export function shapeLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  const strikeLike = pl.def.kind === 'strike';
  const fill = strikeLike ? STRIKE_AREA_FILL : DEPLOYMENT_FILL;
  const line = strikeLike ? STRIKE_AREA_LINE : DEPLOYMENT_LINE;
  // Fills and outlines in one mesh, built once per layer's shapes (data-meshes.ts): one program for every area.
  const mesh = meshOf(pl.shapes, () =>
    shapesMesh(
      pl.shapes,
      (f) => f.geometry,
      (f) => ({ fill, line, widthPx: 2, dashed: !!f.properties.approximate }),
    ),
  );
  return new DataMeshLayer<AtlasGeo>({
    id: `${prefix}${pl.def.key}:areas`,
    mesh,
    data: pl.shapes,
    filter: filterOf(mesh, pl.shapes, fns.shape),
    filterRange,
    dash: AREA_DASH,
    visible,
    pickable: true,
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
function nudgeAccessor(nudges: LabelNudges): Nudge {
  const key = nudges?.key ?? '';
  if (key === lastNudge.key) return lastNudge;
  const offset = nudges?.offset;
  lastNudge = {
    key,
    get: (it) => offset?.get(it.id) ?? NO_NUDGE,
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

export function areaLabelLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
  nudges: LabelNudges,
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
    getColor: DEPLOYMENT_TEXT,
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
export const STRIKE_STYLE: WindowedPointsProps['style'] = {
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
export const UNCERTAINTY_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'meters',
  stroked: true,
  filled: true,
  getFillColor: UNCERTAINTY_FILL,
  getLineColor: UNCERTAINTY_LINE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1,
};

export type WindowedInputs = Pick<WindowedPointsProps, 'range' | 'filterRange' | 'mask' | 'itemAt' | 'radiusScale'> & {
  visible: boolean;
};

/** A strike layer's points (or their uncertainty circles) in the window: only `range`, `filterRange` and `mask` vary. */
export function windowedLayer(
  id: string,
  set: PointSet,
  style: WindowedPointsProps['style'],
  inputs: WindowedInputs,
): Layer {
  return new WindowedPointsLayer({
    id,
    set,
    style,
    perMarkColor: style === STRIKE_STYLE,
    pickable: style.pickable ?? false,
    ...inputs,
  });
}

export function uncertaintyLayer(
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

export function pointLayers(
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
