// Link arcs (one DataMesh each, source colour to target colour) and the highlight of a selection's links and ends.
import type { Layer } from '@deck.gl/core';
import type { Item } from '../../core/columnar/dataset';
import type { LinkHighlight } from '../../core/links/link-index';
import {
  LINK_CLAIMED_ALPHA,
  LINK_SOURCE_COLOR,
  LINK_TARGET_COLOR,
  SELECTION_COLOR,
  type RGBA,
} from '../../core/config';
import { DataMeshBuilder } from './data-mesh';
import { DataMeshLayer } from './data-mesh-layer';
import { filterOf, meshOf } from './data-meshes';
import type { FilterRange, FilterValue } from './time-filter';
import { pointSetOf, type PointSet } from './point-sets';
import { windowedLayer } from './kind-layers';
import { SELECTION_RING_STYLE } from './selection-layers';

/** One highlighted end: the link it belongs to (its dates and filter decide when it shows) and where it is. */
export type HighlightEnd = LinkHighlight['ends'][number];

/** Accessors that depend on the filter mask; the caller caches them per mask. */
export interface LinkFilterFns {
  link: (it: Item) => FilterValue;
  end: (e: HighlightEnd) => FilterValue;
  triggers: { getFilterValue: number };
  /** The pass mask by dataset row these accessors read (null: everything passes): the point layers' `mask`. */
  mask: Uint8Array | null;
}

const position = (it: Item, i: 0 | 1): [number, number] => {
  const g = it.feature.geometry;
  if (g?.type !== 'LineString') return it.anchor;
  const c = g.coordinates[i === 0 ? 0 : g.coordinates.length - 1];
  return [c[0], c[1]];
};
const getSource = (it: Item): [number, number] => position(it, 0);
const getTarget = (it: Item): [number, number] => position(it, 1);
const firm = (it: Item): boolean => it.feature.properties.assertion === 'reported';
const withAlpha = (c: RGBA, a: number): RGBA => [c[0], c[1], c[2], a];
const SOURCE_CLAIMED = withAlpha(LINK_SOURCE_COLOR, LINK_CLAIMED_ALPHA);
const TARGET_CLAIMED = withAlpha(LINK_TARGET_COLOR, LINK_CLAIMED_ALPHA);
const getSourceColor = (it: Item): RGBA => (firm(it) ? LINK_SOURCE_COLOR : SOURCE_CLAIMED);
const getTargetColor = (it: Item): RGBA => (firm(it) ? LINK_TARGET_COLOR : TARGET_CLAIMED);
/** A reported link is drawn wider than one the reports only claim or that is disputed. */
const getWidth = (it: Item): number => (firm(it) ? 3 : 2);
const getHighlightWidth = (it: Item): number => (firm(it) ? 6 : 5);
/**
 * Arcs follow the great circle between their ends (the shortest way, as flight maps draw it), so a
 * long link does not seem to run through places it has nothing to do with; seen from above the
 * arc's height does not show, and the colour says which way it points.
 */
const getEndPosition = (e: HighlightEnd): [number, number] => e.end.position;

export function linkArcLayer(
  key: string,
  data: Item[],
  visible: boolean,
  fns: LinkFilterFns,
  filterRange: FilterRange,
): Layer {
  // The arcs as one mesh, built once per layer's links (data-meshes.ts): the areas' program, no ArcLayer.
  const mesh = meshOf(data, () => {
    const b = new DataMeshBuilder();
    data.forEach((it, i) => {
      b.arc(getSource(it), getTarget(it), getSourceColor(it), getTargetColor(it), getWidth(it), i);
    });
    return b.build();
  });
  return new DataMeshLayer<Item>({
    id: key,
    mesh,
    data,
    filter: filterOf(mesh, data, fns.link),
    filterRange,
    visible,
    pickable: true,
  });
}

/**
 * The links of a selection drawn again, wider and on top, and a ring on each end they point at.
 * Each shows only while its link passes the window and the filters.
 */
export function linkHighlightLayers(
  h: LinkHighlight,
  fns: LinkFilterFns,
  filterRange: FilterRange,
  idPrefix = '',
): Layer[] {
  if (!h.links.length) return [];
  // The data's two layer types (a stock ArcLayer and ScatterplotLayer cost the first click their first draws):
  // the arcs' mesh once per highlight, the ends' set once per highlight.
  const mesh = meshOf(h, () => {
    const b = new DataMeshBuilder();
    h.links.forEach((it, i) => {
      b.arc(getSource(it), getTarget(it), LINK_SOURCE_COLOR, LINK_TARGET_COLOR, getHighlightWidth(it), i);
    });
    return b.build();
  });
  const ends = endSet(h, fns.end);
  return [
    new DataMeshLayer<Item>({
      id: `${idPrefix}selection:links`,
      mesh,
      data: h.links,
      filter: filterOf(mesh, h.links, fns.link),
      filterRange,
    }),
    windowedLayer(`${idPrefix}selection:ends`, ends, SELECTION_RING_STYLE, {
      visible: true,
      range: [0, ends.n, 0, 0],
      filterRange,
      mask: fns.mask,
      itemAt: null,
      radiusScale: 1,
    }),
  ];
}

const endSets = new WeakMap<LinkHighlight, PointSet>();
/** The ends' points once per highlight: their link's dates from `value`, passing (the filters reach them as the layer's `mask`, by the link's row). */
function endSet(h: LinkHighlight, value: (e: HighlightEnd) => FilterValue): PointSet {
  let set = endSets.get(h);
  if (!set) {
    set = pointSetOf(h.ends.length, (k) => {
      const e = h.ends[k];
      const [lon, lat] = getEndPosition(e);
      const [start, end] = value(e);
      return { lon, lat, radius: 12, color: SELECTION_COLOR, filter: [start, end, 1], row: e.link.index };
    });
    endSets.set(h, set);
  }
  return set;
}
