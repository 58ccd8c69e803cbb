// The selection on top of every other mark (the selected strike again, its ring, an area's outline) and the focus discs of place uncertainty.
import type { Layer } from '@deck.gl/core';
import type { Geometry } from 'geojson';
import type { Item } from '../../core/columnar/dataset';
import { SELECTION_COLOR, UNCERTAINTY_FILL, type RGBA } from '../../core/config';
import type { FilterRange, FilterValue } from './time-filter';
import { isPlacedItem, isPointItem, marksOf, remember, type Mark } from './marks';
import type { AtlasGeo, FilterFns, Prepared } from './prepare-data';
import { pointSetOf, type MarkRange, type PointSet } from './point-sets';
import type { WindowedPointsProps } from './windowed-points-layer';
import { UNCERTAINTY_STYLE, windowedLayer } from './kind-layers';
import { DataMeshBuilder, type DataMesh } from './data-mesh';
import { DataMeshLayer } from './data-mesh-layer';
import { addShape, filterOf, meshOf } from './data-meshes';

/**
 * Every layer here is one of the data's two layer types (WindowedPointsLayer over a small PointSet,
 * DataMeshLayer): in software WebGL a stock ScatterplotLayer / GeoJsonLayer of its own cost the
 * first click on a list row its first draws (517 ms after a 300k import). Their sets and meshes are
 * made once per selection (a filter change is the layer's `mask`, one buffer write), never per frame.
 */
const WHITE: RGBA = [255, 255, 255, 255];
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;
const uncertaintyFill = (): RGBA => UNCERTAINTY_FILL;
const selectionFill = (): RGBA => SELECTION_COLOR;
const whole = (set: PointSet): MarkRange => [0, set.n, 0, 0];

/** The selected strike drawn again: its own colour, a white edge, opaque. */
const MARK_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'pixels',
  stroked: true,
  getLineColor: WHITE,
  lineWidthUnits: 'pixels',
  getLineWidth: 1.5,
};
/** A ring round the selection, and round each end of a selection's links (link-layers.ts). */
export const SELECTION_RING_STYLE: WindowedPointsProps['style'] = {
  radiusUnits: 'pixels',
  filled: false,
  stroked: true,
  getLineColor: SELECTION_COLOR,
  lineWidthUnits: 'pixels',
  getLineWidth: 3,
};

/** Sets of a few objects by (objects, what they are drawn as): made once each. */
const sets = new WeakMap<object, Map<string, PointSet>>();
/** A small PointSet of `objects` drawn whole (the GPU's time filter and the mask decide what shows); `filter` gives its dates. */
function smallSet<T>(
  objects: readonly T[],
  key: string,
  filter: (o: T) => FilterValue,
  place: (o: T) => readonly number[],
  radius: (o: T) => number,
  color: (o: T) => RGBA,
  row: (o: T) => number,
): PointSet {
  let byKey = sets.get(objects);
  if (!byKey) {
    byKey = new Map();
    sets.set(objects, byKey);
  }
  let set = byKey.get(key);
  if (!set) {
    set = pointSetOf(objects.length, (k) => {
      const o = objects[k];
      const [lon, lat] = place(o);
      const [start, end] = filter(o);
      // Passing: the filters reach the set as the layer's `mask` (by row), as the other point layers'.
      return { lon, lat, radius: radius(o), color: color(o), filter: [start, end, 1], row: row(o) };
    });
    byKey.set(key, set);
  }
  return set;
}
const markPlace = (m: Mark): readonly number[] => m.position;
const markRow = (m: Mark): number => m.item.index;

/** A set of marks drawn whole, as a WindowedPointsLayer (not pickable: the marks under it pick). */
function marksLayer(
  id: string,
  set: PointSet,
  style: WindowedPointsProps['style'],
  fns: FilterFns,
  filterRange: FilterRange,
): Layer {
  return windowedLayer(id, set, style, {
    visible: true,
    range: whole(set),
    filterRange,
    mask: fns.mask,
    itemAt: null,
    radiusScale: 1,
  });
}

/** The focus marks kept by their ids: the caller makes a new array each render, the set must not be. */
const focusKept = new Map<string, Mark[]>();

/** The hovered and selected features' uncertainty discs, drawn even when the window is dense. */
export function focusUncertaintyLayer(prefix: string, marks: Mark[], fns: FilterFns, filterRange: FilterRange): Layer {
  const key = marks.map((m) => `${m.item.id}@${m.position.join()}`).join('|');
  const kept = remember(focusKept, key, () => marks);
  return uncertaintyDiscs(`${prefix}focus:uncertainty`, kept, fns, filterRange);
}

/** Faint discs of `place_precision_km` round marks, in metres, the long-ranged ones' style. */
export function uncertaintyDiscs(id: string, marks: readonly Mark[], fns: FilterFns, filterRange: FilterRange): Layer {
  const set = smallSet(marks, 'uncertainty', fns.mark, markPlace, getUncertaintyRadius, uncertaintyFill, markRow);
  return marksLayer(id, set, UNCERTAINTY_STYLE, fns, filterRange);
}

/** The outline of a selected area, 3 px in the selection's colour (polygons' rings and lines). */
function outlineMesh(shapes: readonly AtlasGeo[]): DataMesh {
  const b = new DataMeshBuilder();
  const style = { fill: SELECTION_COLOR, line: SELECTION_COLOR, widthPx: 3, dashed: false };
  shapes.forEach((s, i) => {
    addShape(b, s.geometry as Geometry | null, style, i, 'outline');
  });
  return b.build();
}

/** The selected strike drawn again over every other mark, then a ring round it; or an outline round the selected area. */
export function selectionLayers(
  prefix: string,
  sel: Item,
  p: Prepared,
  fns: FilterFns,
  filterRange: FilterRange,
): Layer[] {
  const data = remember(p.selection, sel.id, () =>
    isPointItem(sel)
      ? { marks: marksOf([sel]), shapes: [] }
      : { marks: [], shapes: isPlacedItem(sel) ? [sel.feature as AtlasGeo] : [] },
  );
  if (data.shapes.length) {
    const mesh = meshOf(data.shapes, () => outlineMesh(data.shapes));
    return [
      new DataMeshLayer<AtlasGeo>({
        // Its own id: deck.gl hands a layer's state to the next layer of the same id, whatever its class.
        id: `${prefix}selection:area`,
        mesh,
        data: data.shapes,
        filter: filterOf(mesh, data.shapes, fns.shape),
        filterRange,
      }),
    ];
  }
  const out: Layer[] = [];
  if (sel.kind === 'strike') {
    const set = smallSet(data.marks, 'mark', fns.mark, markPlace, p.strikeRadius, p.strikeColor, markRow);
    out.push(marksLayer(`${prefix}selection:mark`, set, MARK_STYLE, fns, filterRange));
  }
  const ring = smallSet(data.marks, 'ring', fns.mark, markPlace, p.selectionRadius, selectionFill, markRow);
  out.push(marksLayer(`${prefix}selection`, ring, SELECTION_RING_STYLE, fns, filterRange));
  // The selection keeps its full size whatever the zoom: it is the one mark the reader is looking at.
  return out;
}
