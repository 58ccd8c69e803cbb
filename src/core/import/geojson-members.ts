// RFC 7946 checks beside the geometry: `bbox` members (§5) and members that change an object's meaning (§7.1); warnings only.
import { describeValue, isRecord, own } from '../schema/values';

/** What is wrong with a `bbox` value, or null: 2×n finite numbers, [west, south, (low,) east, north, (high)]. */
export function bboxProblem(value: unknown): string | null {
  if (!Array.isArray(value))
    return `"bbox" must be an array of numbers [west, south, east, north], got ${describeValue(value)}; it is ignored`;
  if (value.length !== 4 && value.length !== 6)
    return `"bbox" has ${value.length} number${value.length === 1 ? '' : 's'}; expected 4 [west, south, east, north] (or 6 with altitudes); it is ignored`;
  for (let k = 0; k < value.length; k++) {
    const v: unknown = value[k];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return `"bbox" holds ${describeValue(v)} at position ${k}, expected a number; it is ignored`;
  }
  const d = value.length / 2;
  const [south, north] = [value[1] as number, value[1 + d] as number];
  if (south > north) return `"bbox" south ${south} is above north ${north}; it is ignored`;
  if (south < -90 || north > 90) return `"bbox" latitudes ${south}, ${north} are out of range -90..90; it is ignored`;
  return null;
}

/** Members that only another kind of GeoJSON object may have (RFC 7946 §7.1), by the object's kind. */
const NOT_ALLOWED: Record<'Feature' | 'FeatureCollection' | 'geometry', readonly string[]> = {
  Feature: ['coordinates', 'geometries', 'features'],
  FeatureCollection: ['coordinates', 'geometries', 'geometry', 'properties'],
  geometry: ['properties', 'geometry', 'features'],
};
const KIND_OF: Record<string, string> = {
  coordinates: 'a geometry',
  geometries: 'a GeometryCollection',
  features: 'a FeatureCollection',
  geometry: 'a Feature',
  properties: 'a Feature',
};

/** No warnings (shared: callers only read the list). */
const NONE: readonly string[] = [];

/**
 * Warnings for one object: a bad `bbox`, and §7.1 members (a Feature with `coordinates`, a
 * geometry with `properties`, …), each one sentence naming where (`label`).
 */
export function memberWarnings(
  obj: unknown,
  kind: 'Feature' | 'FeatureCollection' | 'geometry',
  label: string,
): readonly string[] {
  if (!isRecord(obj)) return NONE;
  // (Most objects have none: no list is made for them.)
  let out: string[] | null = null;
  if (Object.hasOwn(obj, 'bbox')) {
    const p = bboxProblem(own(obj, 'bbox'));
    if (p) out = [`${label}: ${p}`];
  }
  for (const m of NOT_ALLOWED[kind]) {
    if (!Object.hasOwn(obj, m)) continue;
    if (!out) out = [];
    out.push(
      `${label} has a "${m}" member, which only ${KIND_OF[m]} may have (RFC 7946 §7.1): it does not change what the ${kind === 'geometry' ? 'geometry' : kind} is and is kept as it came`,
    );
  }
  return out ?? NONE;
}
