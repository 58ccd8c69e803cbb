// The layers an export draws for one window: place dots, the regions, the data layer the map draws, and place names placed for the image.
import type { Layer } from '@deck.gl/core';
import { AtlasDataLayer } from '../layers/atlas-layer';
import {
  buildLabelLayers,
  canvasMeasure as measureLabels,
  labelDotPoints,
  labelSites,
  placeSites,
} from '../layers/labels';
import { buildRegionLayers, regionMarkBoxes } from '../layers/region-layers';
import { pointMarkCircles } from '../layers/mark-circles';
import { filterMask } from '../../app/derived';
import { shownBoxes, windowAreaLabels } from '../layers/area-labels';
import type { DayRange } from '../../core/time/window';
import type { RenderInput } from './render-png';
import { namedPlaces } from '../map/label-controller';
import type { Dataset } from '../../core/columnar/dataset';
import type { Place } from '../../core/bundled/load-bundled';

/** The data's named places per dataset and gazetteer (a video asks for every frame). */
const namedCache = new WeakMap<Dataset, WeakMap<readonly Place[], Set<string>>>();
function namedOf(dataset: Dataset, places: readonly Place[]): Set<string> {
  let byPlaces = namedCache.get(dataset);
  if (!byPlaces) {
    byPlaces = new WeakMap();
    namedCache.set(dataset, byPlaces);
  }
  let set = byPlaces.get(places);
  if (!set) {
    set = namedPlaces(dataset, places);
    byPlaces.set(places, set);
  }
  return set;
}

/** The layers an export draws for a window: place dots, the regions, the data layers, place names on top. */
export function exportLayers(
  input: Pick<
    RenderInput,
    | 'dataset'
    | 'layers'
    | 'filters'
    | 'places'
    | 'palette'
    | 'basemap'
    | 'agg'
    | 'mode'
    | 'playing'
    | 'selected'
    | 'onDensity'
  >,
  window: DayRange,
  zoom: number,
  view: {
    project(lon: number, lat: number): [number, number];
    width: number;
    height: number;
    obstacles?: { x: number; y: number; w: number; h: number }[];
  },
): Layer[] {
  // Names placed for the image's own size and zoom, so none collide in it either, nor run under its
  // captions or the deployments' area labels (nudged apart as the data layer draws them).
  const measure = measureLabels();
  // The names the data uses are tried first, as on the map (label-controller.ts).
  const named = namedOf(input.dataset, input.places);
  const labelDots = labelDotPoints(input.basemap, input.places, named);
  const areas = windowAreaLabels(
    input.dataset,
    window,
    input.layers,
    ([lon, lat]) => view.project(lon, lat),
    measure,
    input.selected ?? null,
    labelDots,
    { width: view.width, height: view.height },
  );
  const obstacles = [...(view.obstacles ?? []), ...shownBoxes(areas)];
  const placement = placeSites(
    labelSites(input.basemap, input.places, named, zoom),
    view.project,
    { width: view.width, height: view.height },
    obstacles,
    measure,
    regionMarkBoxes(input.dataset, window, input.layers, ([lon, lat]) => view.project(lon, lat)),
    input.playing
      ? []
      : pointMarkCircles(
          input.dataset,
          window,
          input.layers,
          filterMask(input.dataset, input.filters),
          input.agg ?? 'auto',
          ([lon, lat]) => view.project(lon, lat),
        ),
  );
  const [dots, names] = buildLabelLayers(placement, input.palette);
  const regions = buildRegionLayers({
    dataset: input.dataset,
    window,
    layers: input.layers,
    filters: input.filters,
    basemap: input.basemap,
  });
  // The very layer the map draws (src/ui/layers/atlas-layer.ts); one id, so deck.gl keeps its per-dataset state from frame to frame.
  const data = new AtlasDataLayer({
    id: 'atlas',
    dataset: input.dataset,
    window,
    mode: input.mode ?? 'window',
    layers: input.layers,
    selected: input.selected ?? null,
    hovered: null,
    filters: input.filters,
    agg: input.agg ?? 'auto',
    playing: input.playing ?? false,
    area: null,
    onDensity: input.onDensity ?? null,
    labelDots,
    staged: false, // an exported frame draws every sub-layer at once
  });
  return [dots, ...regions, data, names];
}
