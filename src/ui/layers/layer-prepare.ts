// A dataset's map data (point sets, density model) made ahead of the store, a layer per task, so the map's first frame with it only draws.
import type { Dataset } from '../../core/columnar/dataset';
import { prepareContext, prepareData, prepareLayerSteps, type Prepared, type PreparedLayer } from './prepare-data';
import { prepareRegions } from './region-layers';
import type { BasemapData } from '../map/basemap-data';
import { DensityModel } from './density';
import { FIGURE_FIELDS } from '../../core/schema/schema';
import { shapeMeshOf } from './kind-layers';

/**
 * An import's dataset arrives in one message; preparing it for the map (a point set per strike
 * layer, the density model's grid) in the map's next frame made one long task of the frame
 * (~0.2 s at 100k rows on a quiet machine, beside the layers' own set-up and the upload).
 * `prepareAhead` does the same work a step per task before the dataset is given to the store;
 * `takePrepared` hands it to the AtlasDataLayer that draws the dataset. Nothing is kept but by
 * the dataset (a WeakMap): a dataset dropped takes its prepared data with it.
 */
interface Ahead {
  prepared: Prepared;
  /** The density model, for the first layer that draws the dataset (it keeps per-view state). */
  density: DensityModel | null;
}

const ahead = new WeakMap<Dataset, Ahead>();

/**
 * Prepares a dataset's map data, awaiting `pause()` before each step; stops early when `cancelled()`.
 * With `zoom` (the map's, when the dataset will be drawn at it), the density model's hexagon grid at
 * that zoom too, so the first frame with the dataset only bins the window; with `basemap` (the
 * one the map draws), the region layers' features.
 */
export async function prepareAhead(
  dataset: Dataset,
  pause: () => Promise<void>,
  cancelled: () => boolean = () => false,
  zoom?: number,
  basemap?: BasemapData,
): Promise<void> {
  if (ahead.has(dataset)) return;
  await pause();
  if (cancelled()) return;
  const ctx = prepareContext(dataset);
  const layers = new Map<string, PreparedLayer>();
  for (let code = 0; code < dataset.layers.length; code++) {
    const steps = prepareLayerSteps(dataset, code, ctx);
    for (;;) {
      await pause();
      if (cancelled()) return;
      const step = steps.next();
      if (!step.done) continue;
      layers.set(dataset.layers[code].key, step.value);
      break;
    }
  }
  if (basemap) {
    // The regions' features (rows placed by an admin unit: its polygon from the base map), made
    // in the first frame's task before (~40 ms at 300k ACLED rows).
    await pause();
    if (cancelled()) return;
    prepareRegions(dataset, basemap);
  }
  // The figures' columns, decoded once for the filter panel's counts: a task each, not one of ~90 ms
  // at 1M rows in the first frame's task.
  for (const field of FIGURE_FIELDS) {
    if (!dataset.columns.props.keys.includes(field)) continue;
    await pause();
    if (cancelled()) return;
    dataset.columns.props.numbers(field);
  }
  // Each layer's areas as one mesh (kept by its shapes: the first frame's shapeLayer finds it).
  for (const pl of layers.values()) {
    if (!pl.shapes.length) continue;
    await pause();
    if (cancelled()) return;
    shapeMeshOf(pl);
  }
  await pause();
  if (cancelled()) return;
  const prepared = prepareData(dataset, { ctx, layers });
  await pause();
  if (cancelled()) return;
  const density = new DensityModel(prepared);
  if (zoom !== undefined) {
    await pause();
    if (cancelled()) return;
    density.prepareZoom(zoom);
  }
  ahead.set(dataset, { prepared, density });
}

/** The dataset's prepared data: what prepareAhead made (its density model handed out once), or made now. */
export function takePrepared(dataset: Dataset): { prepared: Prepared; density: DensityModel; ahead: boolean } {
  const a = ahead.get(dataset);
  if (a) {
    const density = a.density ?? new DensityModel(a.prepared);
    a.density = null;
    return { prepared: a.prepared, density, ahead: true };
  }
  const prepared = prepareData(dataset);
  return { prepared, density: new DensityModel(prepared), ahead: false };
}

/** A pause that lets the page draw a frame and handle input: the next task. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
