// Pure: which country and admin-1 unit of the drawn base map a point falls in, and units by ISO code.
import type { Position } from 'geojson';
import type { Admin1Props, AreaFeature, BasemapData, CountryProps } from './basemap-data';

export interface BasemapHit {
  /** ISO 3166-1 alpha-3, or null at sea / outside the extent. */
  country: string | null;
  /** The admin-1 unit's English name, or null where the base map has no unit there. */
  admin1: string | null;
  /** Its ISO 3166-2 code. */
  admin1Code: string | null;
}

/** Ray casting over one ring. */
function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a Polygon / MultiPolygon (holes respected). */
export function inArea(f: AreaFeature<unknown>, lon: number, lat: number): boolean {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.some((rings) => inRing(rings[0], lon, lat) && !rings.slice(1).some((h) => inRing(h, lon, lat)));
}

export function basemapAt(b: BasemapData, lon: number, lat: number): BasemapHit {
  const c = b.countries.features.find((f) => inArea(f, lon, lat));
  const a = b.admin1.features.find((f) => inArea(f, lon, lat));
  return {
    country: c?.properties.a3 ?? a?.properties.a3 ?? null,
    admin1: a?.properties.name ?? null,
    admin1Code: a?.properties.iso ?? null,
  };
}

/** A unit of the `admin_area` contract: an ISO 3166-2 code (admin-1) or an alpha-2 country code. */
export type AreaUnit =
  | { level: 'admin1'; code: string; name: string; feature: AreaFeature<Admin1Props>; point: [number, number] }
  | { level: 'country'; code: string; name: string; feature: AreaFeature<CountryProps>; point: [number, number] };

const unitCache = new WeakMap<BasemapData, Map<string, AreaUnit>>();

/** Every unit an `admin_area` may name, by code. */
export function areaUnits(b: BasemapData): Map<string, AreaUnit> {
  let m = unitCache.get(b);
  if (m) return m;
  m = new Map();
  for (const f of b.admin1.features)
    m.set(f.properties.iso, {
      level: 'admin1',
      code: f.properties.iso,
      name: f.properties.name,
      feature: f,
      point: [f.properties.lx, f.properties.ly],
    });
  for (const f of b.countries.features) {
    const { a2, lx, ly, name } = f.properties;
    if (a2 && lx !== undefined && ly !== undefined)
      m.set(a2, { level: 'country', code: a2, name, feature: f, point: [lx, ly] });
  }
  unitCache.set(b, m);
  return m;
}

export function areaUnit(b: BasemapData, code: string): AreaUnit | undefined {
  return areaUnits(b).get(code);
}
