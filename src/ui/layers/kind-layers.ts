// The deck.gl sub-layers of one prepared data layer, by its kind: areas, area labels, windowed strike points, uncertainty discs, symbols.
import { DataMeshLayer } from './data-mesh-layer';
import { AREA_DASH, filterOf, meshOf, shapesMesh } from './data-meshes';
import type { Layer } from '@deck.gl/core';
import type { Item } from '../../core/columnar/dataset';
import {
  DEPLOYMENT_FILL,
  DEPLOYMENT_LINE,
  DEPLOYMENT_TEXT,
  UNCERTAINTY_FILL,
  UNCERTAINTY_LINE,
  type RGBA,
} from '../../core/config';
import { filterValueAccessor, type FilterRange } from './time-filter';
import { pointSetOf, type MarkRange, type PointSet } from './point-sets';
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { canvasMeasure, type Measure } from './labels';
import { glyphAtlas } from './glyph-atlas';
import { textMesh } from './text-mesh';
import { DataMeshBuilder, type DataMesh } from './data-mesh';
import type { Mark } from './marks';
import { AREA_LABEL_SIZE, areaLabel } from './area-labels';
import { RING_RADIUS_PX, ringColor } from './ring-sources';
import type { AtlasGeo, FilterFns, Prepared, PreparedLayer } from './prepare-data';

/** Module constants: a new array or object each render would look like a change to deck.gl. */
const WHITE: RGBA = [255, 255, 255, 255];
/** The light halo round strike symbols: separates overlapping marks without adding dark ink. */
const HALO: RGBA = [255, 255, 255, 210];
const LABEL_BACKGROUND: RGBA = [255, 255, 255, 200];
const LABEL_PADDING: [number, number] = [3, 1];

/** The area labels' nudges in pixels by id, so that no two collide (area-labels.ts), and their signature. */
export type LabelNudges =
  | { offset: ReadonlyMap<string, [number, number]>; hidden?: ReadonlySet<string>; key: string }
  | undefined;

/**
 * A layer's areas, fills and outlines in one mesh, built once per layer's shapes (data-meshes.ts):
 * one program for every area. layer-prepare.ts builds it ahead for an import (~30 ms at 1M rows).
 */
export function shapeMeshOf(pl: PreparedLayer): DataMesh {
  const strikeLike = pl.def.kind === 'strike';
  const fill = strikeLike ? STRIKE_AREA_FILL : DEPLOYMENT_FILL;
  const line = strikeLike ? STRIKE_AREA_LINE : DEPLOYMENT_LINE;
  return meshOf(pl.shapes, () =>
    shapesMesh(
      pl.shapes,
      (f) => f.geometry,
      (f) => ({ fill, line, widthPx: 2, dashed: !!f.properties.approximate }),
    ),
  );
}

export function shapeLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  const mesh = shapeMeshOf(pl);
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
/** One offset accessor per set of nudges, and their signature `key`. */
interface Nudge {
  key: string;
  get: (it: Item) => [number, number];
  /** False for a label left out (no room for it: area-labels.ts `hidden`). */
  shown: (it: Item) => boolean;
}
let lastNudge: Nudge = { key: '', get: () => NO_NUDGE, shown: () => true };
function nudgeAccessor(nudges: LabelNudges): Nudge {
  const key = nudges?.key ?? '';
  if (key === lastNudge.key) return lastNudge;
  const offset = nudges?.offset;
  const hidden = nudges?.hidden;
  lastNudge = { key, get: (it) => offset?.get(it.id) ?? NO_NUDGE, shown: (it) => !hidden?.has(it.id) };
  return lastNudge;
}

let measure: Measure | null = null;
/** The boxes and the text of the last nudges, by the layer's area items (rebuilt only when the nudges change). */
const labelMeshes = new WeakMap<readonly Item[], { key: string; boxes: DataMesh; text: DataMesh }>();

function areaLabelMeshes(items: readonly Item[], nudge: Nudge): { boxes: DataMesh; text: DataMesh } {
  const cached = labelMeshes.get(items);
  if (cached && cached.key === nudge.key) return cached;
  measure ??= canvasMeasure();
  const b = new DataMeshBuilder();
  const [px, py] = LABEL_PADDING;
  items.forEach((it, i) => {
    if (!nudge.shown(it)) return;
    const w = (measure as Measure)(areaLabel(it), AREA_LABEL_SIZE, true);
    const [dx, dy] = nudge.get(it);
    const h = AREA_LABEL_SIZE / 2;
    b.box(it.anchor[0], it.anchor[1], dx - w / 2 - px, dy - h - py, dx + w / 2 + px, dy + h + py, LABEL_BACKGROUND, i);
  });
  // A label left out draws no glyphs (its index, and so its filter values, stay the item's).
  const texts = items.map((it) => (nudge.shown(it) ? areaLabel(it) : ''));
  const text = textMesh(
    items.map((it, i) => ({
      lon: it.anchor[0],
      lat: it.anchor[1],
      text: texts[i],
      sizePx: AREA_LABEL_SIZE,
      anchor: 'middle',
      baseline: 'center',
      offset: nudge.get(it),
      color: DEPLOYMENT_TEXT,
    })),
    glyphAtlas().font(true, texts),
  );
  const made = { key: nudge.key, boxes: b.build(), text };
  labelMeshes.set(items, made);
  return made;
}

/**
 * The area labels' white boxes, as TextLayer's `background` drew them (the text's width and the
 * label's height, padded by LABEL_PADDING, nudged with the text) but in the data's mesh program:
 * TextLayer's background layer was one more program and first draw.
 */
export function areaLabelBoxLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
  nudges: LabelNudges,
): Layer {
  const mesh = areaLabelMeshes(pl.shapeItems, nudgeAccessor(nudges)).boxes;
  return new DataMeshLayer<Item>({
    id: `${prefix}${pl.def.key}:label-boxes`,
    mesh,
    data: pl.shapeItems,
    filter: filterOf(mesh, pl.shapeItems, fns.item),
    filterRange,
    visible,
  });
}
/** The area labels' text (bold, DEPLOYMENT_TEXT), over their boxes, by the data's mesh program from the glyph atlas. */
export function areaLabelLayer(
  prefix: string,
  pl: PreparedLayer,
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
  nudges: LabelNudges,
): Layer {
  const mesh = areaLabelMeshes(pl.shapeItems, nudgeAccessor(nudges)).text;
  return new DataMeshLayer<Item>({
    id: `${prefix}${pl.def.key}:labels`,
    mesh,
    data: pl.shapeItems,
    filter: filterOf(mesh, pl.shapeItems, fns.item),
    filterRange,
    visible,
    glyphs: true,
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
/** Style of the uncertainty circles (radius per mark, in metres; their faint fill in the colour buffer). */
export const UNCERTAINTY_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'meters',
  stroked: true,
  filled: true,
  getLineColor: UNCERTAINTY_LINE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1,
};
/** Facilities: a white disc (its fill in the buffer) ringed in the layer's colour, and a core of that colour. */
const RING_STYLE = (color: RGBA): WindowedPointsProps['style'] => ({
  pickable: true,
  radiusUnits: 'pixels',
  stroked: true,
  filled: true,
  getLineColor: color,
  lineWidthUnits: 'pixels',
  getLineWidth: 3.5,
});
const CORE_STYLE: WindowedPointsProps['style'] = { radiusUnits: 'pixels', stroked: false, filled: true };
const ringStyles = new Map<string, WindowedPointsProps['style']>();
function ringStyle(color: RGBA): WindowedPointsProps['style'] {
  const key = color.join();
  let s = ringStyles.get(key);
  if (!s) {
    s = RING_STYLE(color);
    ringStyles.set(key, s);
  }
  return s;
}

export type WindowedInputs = Pick<WindowedPointsProps, 'range' | 'filterRange' | 'mask' | 'itemAt' | 'radiusScale'> & {
  visible: boolean;
};

/**
 * A set of points (a strike layer's windowed marks, their uncertainty circles, or any of the sets
 * below): only `range`, `filterRange` and `mask` vary. Every point layer of the data and the
 * places' dots are this one layer type with the same buffers (point-sets.ts), so they share one
 * compiled program and one vertex layout.
 */
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
    perMarkColor: true,
    pickable: style.pickable ?? false,
    ...inputs,
  });
}

/** Marks' sets by marks array and what they are drawn as: made once per prepared layer. */
const markSets = new WeakMap<readonly Mark[], Map<string, PointSet>>();
function markSet(
  marks: readonly Mark[],
  key: string,
  p: Prepared,
  radius: (m: Mark) => number,
  color: (m: Mark) => RGBA,
): PointSet {
  let byKey = markSets.get(marks);
  if (!byKey) {
    byKey = new Map();
    markSets.set(marks, byKey);
  }
  let set = byKey.get(key);
  if (!set) {
    const value = filterValueAccessor(p.dataset);
    set = pointSetOf(marks.length, (k) => {
      const m = marks[k];
      return {
        lon: m.position[0],
        lat: m.position[1],
        radius: radius(m),
        color: color(m),
        filter: value(m.item),
        row: m.item.index,
      };
    });
    byKey.set(key, set);
  }
  return set;
}
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;
const uncertaintyFill = (): RGBA => UNCERTAINTY_FILL;
const whole = (set: PointSet): MarkRange => [0, set.n, 0, 0];

/** The faint discs round a layer's long-lived marks known only to a radius. */
export function uncertaintyLayer(
  prefix: string,
  pl: PreparedLayer,
  p: Prepared,
  mask: Uint8Array | null,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  const set = markSet(pl.uncertain, 'uncertainty', p, getUncertaintyRadius, uncertaintyFill);
  return windowedLayer(
    prefix + (pl.windowed ? `${pl.def.key}:uncertainty-long` : `${pl.def.key}:uncertainty`),
    set,
    UNCERTAINTY_STYLE,
    { visible, range: whole(set), filterRange, mask, itemAt: p.itemAt, radiusScale: 1 },
  );
}

export function pointLayers(
  prefix: string,
  pl: PreparedLayer,
  p: Prepared,
  mask: Uint8Array | null,
  filterRange: FilterRange,
  visible: boolean,
  radiusScale: number,
): Layer[] {
  const common = { visible, filterRange, mask, itemAt: p.itemAt };
  if (pl.def.kind === 'strike') {
    const set = markSet(pl.marks, 'strike', p, p.strikeRadius, p.strikeColor);
    const id = prefix + (pl.windowed ? `${pl.def.key}:long` : pl.def.key);
    return [windowedLayer(id, set, STRIKE_STYLE, { ...common, range: whole(set), radiusScale })];
  }
  const color = ringColor(pl);
  const ring = markSet(
    pl.marks,
    'ring',
    p,
    () => RING_RADIUS_PX,
    () => WHITE,
  );
  const core = markSet(
    pl.marks,
    `core ${color.join()}`,
    p,
    () => 3.5,
    () => color,
  );
  return [
    windowedLayer(prefix + pl.def.key, ring, ringStyle(color), { ...common, range: whole(ring), radiusScale: 1 }),
    windowedLayer(`${prefix}${pl.def.key}:cores`, core, CORE_STYLE, {
      ...common,
      range: whole(core),
      radiusScale: 1,
    }),
  ];
}
