// Where a link's ends are (a feature's anchor or a gazetteer place) and the line drawn between them.
import type { LineString } from 'geojson';
import type { AtlasFeature } from '../schema/schema.ts';
import { anchorOf } from '../columnar/dataset.ts';

/** The part of a gazetteer entry (data/places.json) a link end needs. */
export interface GazetteerPoint {
  name: string;
  lon: number;
  lat: number;
}

/** A resolved end: a feature of the data (selectable) or a named place (a state drawn at its capital, a city). */
export type Endpoint =
  | { kind: 'feature'; ref: string; position: [number, number] }
  | { kind: 'place'; ref: string; position: [number, number] };

/** Digits the stored line keeps (~11 m), as for the areas. */
const DIGITS = 4;
const round = (n: number): number => Number(n.toFixed(DIGITS));

/**
 * Resolves `from`/`to` references: a feature id first (links may not point at links), else a
 * gazetteer name. Returns null for a reference that names neither.
 */
export function endpointResolver(
  features: readonly AtlasFeature[],
  places: readonly GazetteerPoint[],
): (ref: string) => Endpoint | null {
  const byId = new Map<string, AtlasFeature>();
  for (const f of features) if (f.properties.layer !== 'link') byId.set(f.properties.id, f);
  const byName = new Map(places.map((p) => [p.name, p]));
  return (ref) => {
    const f = byId.get(ref);
    if (f) return { kind: 'feature', ref, position: anchorOf(f) };
    const p = byName.get(ref);
    if (p) return { kind: 'place', ref, position: [p.lon, p.lat] };
    return null;
  };
}

/** The stored geometry of a link: a straight two-position LineString from one end to the other, rounded. */
export function linkLine(from: [number, number], to: [number, number]): LineString {
  return {
    type: 'LineString',
    coordinates: [
      [round(from[0]), round(from[1])],
      [round(to[0]), round(to[1])],
    ],
  };
}

/** True when `geometry` is exactly what linkLine gives for these ends. */
export function matchesLine(geometry: unknown, from: [number, number], to: [number, number]): boolean {
  return JSON.stringify(geometry) === JSON.stringify(linkLine(from, to));
}

/** The two ends of a stored link geometry (first and last positions), or null if it is not a line. */
export function lineEnds(feature: AtlasFeature): { source: [number, number]; target: [number, number] } | null {
  const g = feature.geometry;
  if (g?.type !== 'LineString' || g.coordinates.length < 2) return null;
  const a = g.coordinates[0];
  const b = g.coordinates[g.coordinates.length - 1];
  return { source: [a[0], a[1]], target: [b[0], b[1]] };
}
