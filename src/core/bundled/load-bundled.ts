// Loads the bundled dataset (data/*.geojson) and gazetteer as same-origin assets.
import strikesUrl from '../../../data/strikes.geojson?url';
import facilitiesUrl from '../../../data/facilities.geojson?url';
import deploymentsUrl from '../../../data/deployments.geojson?url';
import linksUrl from '../../../data/links.geojson?url';
import placesUrl from '../../../data/places.json?url';
import type { AtlasCollection, AtlasFeature } from '../schema/schema';

async function getJson<T>(url: string, what: string, fetcher: typeof fetch): Promise<T> {
  const res = await fetcher(url);
  if (!res.ok) throw new Error(`Could not load ${what} (${url}): HTTP ${res.status}`);
  try {
    return (await res.json()) as T;
  } catch (e) {
    throw new Error(`${what} (${url}) is not valid JSON: ${(e as Error).message}`);
  }
}

/** The bundled features of every layer (links included). Their schema is checked at build and test time. */
/** One gazetteer entry (data/places.json, or the base map's places). rank 1 shows at low zoom, 4 only close in. */
export interface Place {
  name: string;
  lon: number;
  lat: number;
  country: string;
  rank: 1 | 2 | 3 | 4;
  population?: number;
}

export async function loadBundledFeatures(fetcher: typeof fetch = fetch): Promise<AtlasFeature[]> {
  const files: [string, string][] = [
    [strikesUrl, 'data/strikes.geojson'],
    [facilitiesUrl, 'data/facilities.geojson'],
    [deploymentsUrl, 'data/deployments.geojson'],
    [linksUrl, 'data/links.geojson'],
  ];
  const collections = await Promise.all(files.map(([url, name]) => getJson<AtlasCollection>(url, name, fetcher)));
  return collections.flatMap((c, i) => {
    if (c?.type !== 'FeatureCollection' || !Array.isArray(c.features))
      throw new Error(`${files[i][1]} is not a GeoJSON FeatureCollection`);
    return c.features;
  });
}

export async function loadPlaces(fetcher: typeof fetch = fetch): Promise<Place[]> {
  return getJson<Place[]>(placesUrl, 'data/places.json', fetcher);
}
