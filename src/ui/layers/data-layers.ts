// The data layers for a window: the prepared layers' sub-layers in drawing order, with what depends on the window and toggles.
import type { Layer } from '@deck.gl/core';
import type { Dataset, Item } from '../../core/columnar/dataset';
import type { DayRange } from '../../core/time/window';
import type { AggMode } from '../../app/agg-mode';
import { filterRangeFor, type FilterRange } from './time-filter';
import { linkArcLayer, linkHighlightLayers } from './link-layers';
import { linkHighlight } from '../../core/links/link-index';
import type { Filters } from '../../core/filters/filters';
import { filterMask } from '../../app/derived';
import { FEW_MARKS, markScale } from '../../core/style';
import { markRange, type MarkRange, type PointSet } from './point-sets';
import { isPointItem, marksOf, remember } from './marks';
import { focusUncertaintyLayer, selectionLayers } from './selection-layers';
import { drawnAsRegion } from './region-layers';
import { isBinnedRingLayer } from './ring-sources';
import { filterFns, prepareData, type Prepared } from './prepare-data';
import {
  areaLabelBoxLayer,
  areaLabelLayer,
  pointLayers,
  shapeLayer,
  STRIKE_STYLE,
  UNCERTAINTY_STYLE,
  uncertaintyLayer,
  windowedLayer,
  type LabelNudges,
} from './kind-layers';
export { areaLabel } from './area-labels';
export { marksOf, type Mark } from './marks';

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
  labelNudges?: LabelNudges;
}

const HIDDEN_MARKS: MarkRange = [0, 0, 0, 0];

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
 * the points (or their hexagons / heatmap), the selection's links and ends, the area labels, the
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
  const mask = filterMask(dataset, input.filters);
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
      if (pl.def.kind === 'deployment')
        labels.push(
          areaLabelBoxLayer(prefix, pl, fns, range, visible, input.labelNudges),
          areaLabelLayer(prefix, pl, fns, range, visible, input.labelNudges),
        );
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
    // Rings are binned with the strikes (density.ts): hidden, buffers kept, while hexagons or the heatmap are drawn.
    const rings = visible && !(density && isBinnedRingLayer(pl));
    if (pl.uncertain.length) circles.push(uncertaintyLayer(prefix, pl, p, mask, range, rings && few));
    points.push(...pointLayers(prefix, pl, p, mask, range, rings, radiusScale));
  }
  SUB_LAYER_MODULES.forEach((m, i) => {
    extra.push(...m.render(modules[i], input, filterRange, prefix));
  });
  const out = [...shapes, ...extra, ...circles, ...arcs, ...(density ?? []), ...points];
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
  }
  // The area labels over the selection's links (a link ending by a label drew over it), under the selected mark and its ring.
  out.push(...labels);
  if (sel && sel.kind !== 'link' && layers.includes(sel.layer))
    out.push(...selectionLayers(prefix, sel, p, fns, filterRange));
  return out;
}

/** The data layers with a fresh Prepared each call (scripts and tests; the map keeps one in AtlasDataLayer). */
export function buildDataLayers(input: DataLayerInputs, p: Prepared = prepareData(input.dataset)): Layer[] {
  return renderDataLayers(p, input);
}
