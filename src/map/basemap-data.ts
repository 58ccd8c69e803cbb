// Loads Natural Earth countries shipped by the world-atlas package and turns TopoJSON into GeoJSON.
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, MultiLineString } from 'geojson';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export interface BasemapData {
  countries: FeatureCollection;
  borders: MultiLineString;
}

/** Converts the world-atlas topology: country polygons plus borders shared by two countries. */
export function basemapFromTopology(topology: Topology): BasemapData {
  const object = topology.objects.countries as GeometryCollection;
  const countries = feature(topology, object) as FeatureCollection;
  const borders = mesh(topology, object, (a, b) => a !== b);
  return { countries, borders };
}

/** Fetches the bundled TopoJSON (a same-origin asset) and converts it. */
export async function loadBasemap(fetcher: typeof fetch = fetch): Promise<BasemapData> {
  const res = await fetcher(countriesUrl);
  if (!res.ok) throw new Error(`Base map: could not load ${countriesUrl} (HTTP ${res.status})`);
  return basemapFromTopology((await res.json()) as Topology);
}
