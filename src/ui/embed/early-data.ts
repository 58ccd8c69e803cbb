// Starts the embed's downloads (data, places, base map) from the boot chunk, so they run while the map's code is still arriving.
import { loadBundledFeatures, loadPlaces } from '../../core/bundled/load-bundled';
import { loadBasemap, type BasemapData } from '../map/basemap-data';
import type { AtlasFeature } from '../../core/schema/schema';
import type { Place } from '../../core/bundled/load-bundled';

let started: Promise<[AtlasFeature[], Place[], BasemapData]> | null = null;

/** The first call starts the three loads; every call gets the same promise. */
export function earlyData(): Promise<[AtlasFeature[], Place[], BasemapData]> {
  started ??= Promise.all([loadBundledFeatures(), loadPlaces(), loadBasemap()]);
  return started;
}
