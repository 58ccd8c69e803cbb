// The selection on top of every other mark (the selected strike again, its ring, an area's outline) and the focus discs of place uncertainty.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { DataFilterExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Item } from '../../core/columnar/dataset';
import type { AtlasProperties } from '../../core/schema/schema';
import { SELECTION_COLOR, UNCERTAINTY_FILL, UNCERTAINTY_LINE, type RGBA } from '../../core/config';
import { timeFilterExtension, type FilterRange } from './time-filter';
import { isPlacedItem, isPointItem, marksOf, remember, type Mark } from './marks';
import type { FilterFns, Prepared } from './prepare-data';

type AtlasGeo = Feature<Geometry, AtlasProperties>;
/** The data layers' own extension instance: the same shaders, one compiled program. */
const TIME_EXTENSIONS = [timeFilterExtension];
const WHITE: RGBA = [255, 255, 255, 255];
const getMarkPosition = (m: Mark): [number, number] => m.position;
const getUncertaintyRadius = (m: Mark): number => m.item.feature.properties.place_precision_km * 1000;

/** The hovered and selected features' uncertainty discs, drawn even when the window is dense. */
export function focusUncertaintyLayer(prefix: string, marks: Mark[], fns: FilterFns, filterRange: FilterRange): Layer {
  return uncertaintyDiscs(`${prefix}focus:uncertainty`, marks, fns, filterRange, true);
}

/** Faint discs of `place_precision_km` round marks (a layer's long-ranged ones, or the focus's). */
export function uncertaintyDiscs(
  id: string,
  marks: Mark[],
  fns: FilterFns,
  filterRange: FilterRange,
  visible: boolean,
): Layer {
  return new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
    id,
    data: marks,
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
    return [
      new GeoJsonLayer<AtlasProperties, DataFilterExtensionProps<AtlasGeo>>({
        // Its own id: deck.gl hands a layer's state to the next layer of the same id, whatever its class.
        id: `${prefix}selection:area`,
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
      }),
    ];
  }
  const out: Layer[] = [];
  if (sel.kind === 'strike') {
    out.push(
      new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
        id: `${prefix}selection:mark`,
        data: data.marks,
        radiusUnits: 'pixels',
        getRadius: p.strikeRadius,
        getPosition: getMarkPosition,
        getFillColor: p.strikeColor,
        stroked: true,
        getLineColor: WHITE,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        extensions: TIME_EXTENSIONS,
        getFilterValue: fns.mark,
        filterRange,
        updateTriggers: fns.triggers,
      }),
    );
  }
  out.push(
    new ScatterplotLayer<Mark, DataFilterExtensionProps<Mark>>({
      id: `${prefix}selection`,
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
    }),
  );
  // The selection keeps its full size whatever the zoom: it is the one mark the reader is looking at.
  return out;
}
