// Approximate areas for the map: unions of circles around named places, uncertainty circles, rounding.
import circle from '@turf/circle';
import union from '@turf/union';
import { featureCollection } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/** A WGS84 position, longitude first. */
export type LonLat = [number, number];
/** What `approximateArea` returns. */
export type AreaGeometry = Polygon | MultiPolygon;
/** One gazetteer entry (data/places.json). */
export interface GazetteerPlace {
  name: string;
  lon: number;
  lat: number;
  country: string;
  rank: 1 | 2 | 3;
}

/** Vertices per circle; 64 keeps chords within 0.12 % of the radius. */
export const DEFAULT_STEPS = 64;
/** Output coordinates are rounded to this many decimals (~11 m), so stored data is stable. */
export const COORD_DECIMALS = 4;
/** Mean Earth radius in km, the one turf uses. */
export const EARTH_RADIUS_KM = 6371.0088;

const SCALE = 10 ** COORD_DECIMALS;

/** Rounds one coordinate to `COORD_DECIMALS` decimals (and turns -0 into 0). */
export function roundCoord(value: number): number {
  const r = Math.round(value * SCALE) / SCALE;
  return r === 0 ? 0 : r;
}

function isLonLat(p: unknown): p is LonLat {
  return (
    Array.isArray(p) &&
    p.length === 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    p[0] >= -180 &&
    p[0] <= 180 &&
    p[1] >= -90 &&
    p[1] <= 90
  );
}

function checkPoint(fn: string, label: string, p: unknown): LonLat {
  if (!isLonLat(p)) {
    throw new RangeError(
      `${fn}: ${label} ${JSON.stringify(p)} is not a [lon, lat] pair of finite numbers in range (lon -180..180, lat -90..90)`,
    );
  }
  return p;
}

function checkKm(fn: string, label: string, km: unknown): number {
  if (typeof km !== 'number' || !Number.isFinite(km) || km <= 0) {
    throw new RangeError(`${fn}: ${label} must be a finite number of km greater than 0, got ${String(km)}`);
  }
  if (km > 5000) throw new RangeError(`${fn}: ${label} of ${km} km is too large (at most 5000 km)`);
  return km;
}

function checkSteps(fn: string, steps: unknown): number {
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 8 || steps > 1024) {
    throw new RangeError(`${fn}: steps must be an integer from 8 to 1024, got ${String(steps)}`);
  }
  return steps;
}

/** Rounds a ring and drops consecutive duplicate positions that rounding created; keeps it closed. */
function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [roundCoord(p[0]!), roundCoord(p[1]!)];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out;
}

/** Rounds every position of a polygon or multipolygon (see `COORD_DECIMALS`). */
export function roundGeometry(geometry: AreaGeometry): AreaGeometry {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map(roundRing) };
  }
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(roundRing)) };
}

function circleFeature(center: LonLat, km: number, steps: number): Feature<Polygon> {
  return circle(center, km, { steps, units: 'kilometers' });
}

/**
 * A circle of radius `km` around `center` (geodesic, `steps` vertices), rounded: the shape used
 * for "the true spot is within `km` of here".
 */
export function uncertaintyCircle(center: LonLat, km: number, steps: number = DEFAULT_STEPS): Polygon {
  const fn = 'uncertaintyCircle';
  const c = checkPoint(fn, 'center', center);
  const r = checkKm(fn, 'radius', km);
  const s = checkSteps(fn, steps);
  const g = roundGeometry(circleFeature(c, r, s).geometry);
  if (g.type !== 'Polygon') throw new Error(`${fn}: internal error, expected a Polygon`);
  return g;
}

/**
 * The area within `bufferKm` of any of `points`: the union of a geodesic circle of radius
 * `bufferKm` around each point (a Polygon when the circles touch, a MultiPolygon when they fall
 * apart). Unlike a buffered convex hull it never covers ground far from every named place, so a
 * curved chain of towns (a border) stays a band. One point gives a circle. Coordinates are rounded
 * to `COORD_DECIMALS`. Not meant for areas that cross the antimeridian or reach a pole.
 */
export function approximateArea(points: LonLat[], bufferKm: number, steps: number = DEFAULT_STEPS): AreaGeometry {
  const fn = 'approximateArea';
  if (!Array.isArray(points) || points.length === 0) {
    throw new RangeError(`${fn}: needs at least one [lon, lat] point, got ${JSON.stringify(points)}`);
  }
  const pts = points.map((p, i) => checkPoint(fn, `point ${i}`, p));
  const r = checkKm(fn, 'bufferKm', bufferKm);
  const s = checkSteps(fn, steps);
  for (const p of pts) {
    if (Math.abs(p[1]) + (r / EARTH_RADIUS_KM) * (180 / Math.PI) >= 89) {
      throw new RangeError(`${fn}: point ${JSON.stringify(p)} with a ${r} km buffer comes too close to a pole`);
    }
  }
  const circles = pts.map((p) => circleFeature(p, r, s));
  const first = circles[0];
  if (circles.length === 1 && first) return roundGeometry(first.geometry);
  const merged = union(featureCollection<Polygon | MultiPolygon>(circles));
  if (!merged) throw new Error(`${fn}: the union of ${circles.length} circles came back empty`);
  return roundGeometry(merged.geometry);
}

/** Great-circle distance in km (haversine, turf's Earth radius). */
export function distanceKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing(pt: LonLat, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > pt[1] !== yj > pt[1] && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether `pt` lies inside the polygon(s) (planar even-odd test in lon/lat; holes excluded). */
export function containsPoint(geometry: AreaGeometry, pt: LonLat): boolean {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.some((rings) => {
    const [outer, ...holes] = rings;
    return outer !== undefined && inRing(pt, outer) && !holes.some((h) => inRing(pt, h));
  });
}

/** Every ring of the geometry, outer rings and holes alike. */
export function ringsOf(geometry: AreaGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Looks names up in a gazetteer; throws naming every missing one. */
export function lookUpPlaces(names: readonly string[], gazetteer: readonly GazetteerPlace[]): LonLat[] {
  const byName = new Map(gazetteer.map((p) => [p.name, p] as const));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length > 0) {
    throw new RangeError(`lookUpPlaces: not in the gazetteer (data/places.json): ${missing.join(', ')}`);
  }
  return names.map((n) => {
    const p = byName.get(n)!;
    return [p.lon, p.lat];
  });
}

/** The approximate area for gazetteer place names and a buffer: what deployments store. */
export function areaFromPlaces(
  names: readonly string[],
  bufferKm: number,
  gazetteer: readonly GazetteerPlace[],
): AreaGeometry {
  return approximateArea(lookUpPlaces(names, gazetteer), bufferKm);
}
