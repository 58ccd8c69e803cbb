// Regenerates each link's geometry in data/links.geojson from its from/to (feature anchors or gazetteer places).
// Run: node scripts/run-ts.mjs scripts/build-links.ts   (see docs/data-format.md)
import { readFileSync, writeFileSync } from 'node:fs';
import type { AtlasCollection, AtlasFeature } from '../src/core/schema/schema.ts';
import { endpointResolver, linkLine, type GazetteerPoint } from '../src/core/links/link-geometry.ts';

/** The bundled files whose features a link may point at. */
export const LINKABLE_FILES = ['data/strikes.geojson', 'data/facilities.geojson', 'data/deployments.geojson'] as const;

/** JSON with 2-space indent, each [lon, lat] position on one line (as scripts/build-areas.ts writes; importing it would run it). */
function formatGeoJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\s+(-?[\d.eE+-]+),\s+(-?[\d.eE+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

function main(): void {
  const root = new URL('../', import.meta.url);
  const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, root), 'utf8')) as T;
  const features: AtlasFeature[] = LINKABLE_FILES.flatMap((f) => read<AtlasCollection>(f).features);
  const resolve = endpointResolver(features, read<GazetteerPoint[]>('data/places.json'));
  const linksUrl = new URL('data/links.geojson', root);
  const collection = read<{ features: { properties: Record<string, unknown>; geometry: unknown }[] }>(
    'data/links.geojson',
  );
  for (const feature of collection.features) {
    const { id, from, to } = feature.properties;
    const a = typeof from === 'string' ? resolve(from) : null;
    const b = typeof to === 'string' ? resolve(to) : null;
    if (!a || !b)
      throw new Error(
        `${String(id)}: from "${String(from)}" or to "${String(to)}" is neither a feature id nor a place in data/places.json`,
      );
    feature.geometry = linkLine(a.position, b.position);
    console.log(`${String(id)}: ${a.kind} ${a.ref} -> ${b.kind} ${b.ref}`);
  }
  writeFileSync(linksUrl, formatGeoJson(collection));
  console.log(`rebuilt ${collection.features.length} link line(s) in data/links.geojson`);
}

main();
