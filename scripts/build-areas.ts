// Regenerates each deployment's geometry in data/deployments.geojson from its area_places and area_buffer_km.
// Run: node scripts/run-ts.mjs scripts/build-areas.ts   (see docs/data-format.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { areaFromPlaces, type GazetteerPlace } from '../src/core/geo/areas.ts';

/** JSON with 2-space indent, but each [lon, lat] position kept on one line. */
export function formatGeoJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\s+(-?[\d.eE+-]+),\s+(-?[\d.eE+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

interface RawFeature {
  type: string;
  properties: Record<string, unknown>;
  geometry: unknown;
}

function main(): void {
  const root = new URL('../', import.meta.url);
  const deploymentsUrl = new URL('data/deployments.geojson', root);
  const places = JSON.parse(readFileSync(new URL('data/places.json', root), 'utf8')) as GazetteerPlace[];
  const collection = JSON.parse(readFileSync(deploymentsUrl, 'utf8')) as { features: RawFeature[] };
  let rebuilt = 0;
  for (const feature of collection.features) {
    const { id, area_places: names, area_buffer_km: km } = feature.properties;
    if (names === undefined && km === undefined) continue;
    if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string') || typeof km !== 'number') {
      throw new Error(`${String(id)}: area_places must be a list of names and area_buffer_km a number`);
    }
    // Assigning keeps the key's position, so the file's key order is unchanged.
    feature.geometry = areaFromPlaces(names, km, places);
    rebuilt += 1;
    console.log(`${String(id)}: ${names.length} places, ${km} km buffer`);
  }
  writeFileSync(deploymentsUrl, formatGeoJson(collection));
  console.log(`rebuilt ${rebuilt} deployment area(s) in data/deployments.geojson`);
}

main();
