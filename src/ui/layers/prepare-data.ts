// Prepares a dataset for the data layers once: per layer its marks, shapes, links and GPU point sets, and the filter accessors.
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item, LayerDef } from '../../core/columnar/dataset';
import type { AtlasProperties } from '../../core/schema/schema';
import type { RGBA } from '../../core/config';
import { filterRangeFor, filterTriggers, filterValueAccessor, type FilterRange, type FilterValue } from './time-filter';
import type { LinkFilterFns } from './link-layers';
import type { LinkHighlight } from '../../core/links/link-index';
import { strikeMagnitude, strikeRadiusPx, weaponColor } from '../../core/style';
import { categoryColors, type CategoryColors } from './categories';
import { buildPointSetSteps, isWindowedRow, maxStrikeMagnitude, POINT_SET_CHUNK, type PointSet } from './point-sets';
import { isPlacedItem, isPointItem, marksOf, remember, type Mark } from './marks';
import { drawnAsRegion } from './region-layers';

export type AtlasGeo = Feature<Geometry, AtlasProperties>;

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

/** What prepareLayer needs of the whole dataset, worked out once. */
export interface PrepareContext {
  maxMagnitude: number;
  categories: CategoryColors;
}

export function prepareContext(dataset: Dataset): PrepareContext {
  return { maxMagnitude: maxStrikeMagnitude(dataset), categories: categoryColors(dataset) };
}

/** One data layer's part of prepareData, in one go. */
export function prepareLayer(dataset: Dataset, code: number, ctx: PrepareContext): PreparedLayer {
  const steps = prepareLayerSteps(dataset, code, ctx);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * One data layer's part of prepareData as steps: it yields after each point set, and within each
 * after every POINT_SET_CHUNK rows (at 1M strikes a set was ~0.3 s), so layer-prepare.ts can give
 * the page a task between them, ahead of the store.
 */
export function* prepareLayerSteps(
  dataset: Dataset,
  code: number,
  ctx: PrepareContext,
): Generator<void, PreparedLayer> {
  const def = dataset.layers[code];
  const { maxMagnitude, categories } = ctx;
  const rows = dataset.columns.rowsOfLayer[code];
  const color = categories.layerColor.get(def.key) ?? null;
  // Strikes are the many: their points are drawn by window and never become Items here.
  let windowed: PreparedLayer['windowed'] = null;
  if (def.kind === 'strike') {
    const points = yield* buildPointSetSteps(dataset, rows, 'strike', maxMagnitude, color ?? undefined);
    yield;
    const uncertain = yield* buildPointSetSteps(dataset, rows, 'uncertainty', maxMagnitude);
    yield;
    windowed = { points, uncertain };
  }
  // The rest (few, where the layer's windowed) become Items: picked out a chunk of rows a step.
  const rest: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!windowed || !isWindowedRow(dataset, rows[i])) rest.push(rows[i]);
    if ((i & (POINT_SET_CHUNK - 1)) === POINT_SET_CHUNK - 1) yield;
  }
  const items = rest.map((r) => dataset.itemAt(r));
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

/** The filter accessors for a mask (made once per mask and kept in `p.filterFns`). */
export function filterFns(p: Prepared, mask: Uint8Array | null): FilterFns {
  return remember(p.filterFns, mask, () => {
    const item = filterValueAccessor(p.dataset, mask);
    return {
      item,
      mark: (m) => item(m.item),
      shape: (f) => item(p.dataset.find(f.properties.id) as Item),
      link: item,
      end: (e) => item(e.link),
      triggers: filterTriggers(mask),
      mask,
    };
  });
}
