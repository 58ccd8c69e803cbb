// Checks the bundled data files (data/*.geojson, data/places.json) against the one schema (feature-schema.ts, bundled policy), the seed reports and each other.
import { ADMIN_AREA_PATTERN, ASSERTIONS, RELATIONS, type LayerKind } from '../schema/schema.ts';
import {
  BUNDLED,
  checkFeatureGeometry,
  checkProperties as checkSchema,
  ID_PATTERN,
  LINK_PROPERTIES,
} from '../schema/feature-schema.ts';
import { matchesLine, type Endpoint } from '../links/link-geometry.ts';

/** One problem found in a bundled file; `message` is the full, human-readable line. */
export interface BundledIssue {
  file: string;
  /** Feature (or gazetteer entry) index in the file, 0-based; null for file-level problems. */
  index: number | null;
  field: string;
  message: string;
}

export { ID_PATTERN, KNOWN_PROPERTIES, LINK_PROPERTIES, QUALIFIERS } from '../schema/feature-schema.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Builds the one-line message, e.g. `data/strikes.geojson: feature 3 (strike-x): field "start": ...`. */
export function issueMessage(
  file: string,
  index: number | null,
  id: string | null,
  field: string,
  what: string,
): string {
  const where = index === null ? '' : ` feature ${index}${id ? ` (${id})` : ''}:`;
  return `${file}:${where} field "${field}": ${what}`;
}

/** Collects issues for one feature; `add(field, what)` records one. */
type Add = (field: string, what: string) => void;

function checkProperties(p: Obj, expectedLayer: LayerKind, seeds: Record<string, string>, add: Add): void {
  if (typeof p.id !== 'string') add('id', 'must be a string');
  else if (!ID_PATTERN.test(p.id)) add('id', `must match ${ID_PATTERN.source}, got ${JSON.stringify(p.id)}`);
  if (p.layer !== expectedLayer)
    add('layer', `must be "${expectedLayer}" in this file, got ${JSON.stringify(p.layer)}`);
  // The one schema (feature-schema.ts) under the bundled policy: every problem is an error here.
  checkSchema(p, expectedLayer, BUNDLED, (problem) => add(problem.field, problem.what), seeds);
  if (expectedLayer === 'link') checkLinkProperties(p, add);
  else for (const k of LINK_PROPERTIES) if (p[k] !== undefined) add(k, 'is a link property (data/links.geojson only)');
}

function checkLinkProperties(p: Obj, add: Add): void {
  for (const k of ['from', 'to', 'assertion_note']) if (!isNonEmptyString(p[k])) add(k, 'must be a non-empty string');
  if (isNonEmptyString(p.from) && p.from === p.to) add('to', 'must differ from "from"');
  if (!(RELATIONS as readonly unknown[]).includes(p.relation))
    add('relation', `must be one of ${RELATIONS.join(', ')}, got ${JSON.stringify(p.relation)}`);
  if (!(ASSERTIONS as readonly unknown[]).includes(p.assertion))
    add('assertion', `must be one of ${ASSERTIONS.join(', ')}, got ${JSON.stringify(p.assertion)}`);
}

/**
 * Validates one bundled FeatureCollection. `fileName` is used in messages (e.g. `data/strikes.geojson`),
 * `seeds` maps a seed file name to its text (quotes must occur in it verbatim). Returns [] when valid.
 */
export function validateBundled(
  collection: unknown,
  fileName: string,
  expectedLayer: LayerKind,
  seeds: Record<string, string>,
): BundledIssue[] {
  const issues: BundledIssue[] = [];
  const fileIssue = (field: string, what: string): void => {
    issues.push({ file: fileName, index: null, field, message: issueMessage(fileName, null, null, field, what) });
  };
  if (!isObj(collection)) {
    fileIssue('type', 'the file must hold a GeoJSON FeatureCollection object');
    return issues;
  }
  if (collection.type !== 'FeatureCollection')
    fileIssue('type', `must be "FeatureCollection", got ${JSON.stringify(collection.type)}`);
  if (!Array.isArray(collection.features)) {
    fileIssue('features', 'must be an array');
    return issues;
  }
  const seen = new Map<string, number>();
  collection.features.forEach((feature: unknown, index: number) => {
    const props = isObj(feature) && isObj(feature.properties) ? feature.properties : null;
    const id = props && typeof props.id === 'string' ? props.id : null;
    const add: Add = (field, what) => {
      issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, what) });
    };
    if (!isObj(feature)) {
      add('feature', 'must be a GeoJSON Feature object');
      return;
    }
    if (feature.type !== 'Feature') add('type', `must be "Feature", got ${JSON.stringify(feature.type)}`);
    const geo = checkFeatureGeometry(feature.geometry, Object.hasOwn(feature, 'geometry'), BUNDLED);
    if (geo.error) add('geometry', geo.error);
    for (const w of geo.warnings) add('geometry', w);
    if (expectedLayer === 'link' && (!isObj(feature.geometry) || feature.geometry.type !== 'LineString'))
      add('geometry.type', 'a link must be a LineString from its "from" end to its "to" end');
    if (!props) {
      add('properties', 'must be an object');
      return;
    }
    checkProperties(props, expectedLayer, seeds, add);
    if (id !== null) {
      const prev = seen.get(id);
      if (prev !== undefined) add('id', `duplicates the id of feature ${prev}`);
      else seen.set(id, index);
    }
  });
  return issues;
}

/** Ids must be unique across all bundled files; reports every repeat after the first. */
export function checkUniqueIds(files: readonly { fileName: string; collection: unknown }[]): BundledIssue[] {
  const issues: BundledIssue[] = [];
  const seen = new Map<string, string>();
  for (const { fileName, collection } of files) {
    if (!isObj(collection) || !Array.isArray(collection.features)) continue;
    collection.features.forEach((f: unknown, index: number) => {
      const id = isObj(f) && isObj(f.properties) && typeof f.properties.id === 'string' ? f.properties.id : null;
      if (id === null) return;
      const where = `${fileName} feature ${index}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, where);
      else
        issues.push({
          file: fileName,
          index,
          field: 'id',
          message: issueMessage(fileName, index, id, 'id', `is not unique: already used by ${first}`),
        });
    });
  }
  return issues;
}

/** Validates data/places.json: name, lon, lat, country, rank 1|2|3; names unique. */
export function validatePlaces(places: unknown, fileName: string): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!Array.isArray(places)) {
    return [
      { file: fileName, index: null, field: '(root)', message: `${fileName}: the file must hold an array of places` },
    ];
  }
  const names = new Set<string>();
  places.forEach((p: unknown, index: number) => {
    const name = isObj(p) && typeof p.name === 'string' ? p.name : null;
    const add: Add = (field, what) => {
      const message = `${fileName}: place ${index}${name ? ` (${name})` : ''}: field "${field}": ${what}`;
      issues.push({ file: fileName, index, field, message });
    };
    if (!isObj(p)) {
      add('(entry)', 'must be an object');
      return;
    }
    if (!isNonEmptyString(p.name)) add('name', 'must be a non-empty string');
    else if (names.has(p.name)) add('name', 'is not unique');
    else names.add(p.name);
    if (!isFiniteNumber(p.lon) || p.lon < -180 || p.lon > 180)
      add('lon', `must be a number in -180..180, got ${JSON.stringify(p.lon)}`);
    if (!isFiniteNumber(p.lat) || p.lat < -90 || p.lat > 90)
      add('lat', `must be a number in -90..90, got ${JSON.stringify(p.lat)}`);
    if (!isNonEmptyString(p.country)) add('country', 'must be a non-empty string');
    if (p.rank !== 1 && p.rank !== 2 && p.rank !== 3) add('rank', `must be 1, 2 or 3, got ${JSON.stringify(p.rank)}`);
    if (p.geonames !== undefined && !isNonEmptyString(p.geonames))
      add('geonames', 'must be a non-empty string (the GeoNames name the place stands for) when present');
  });
  return issues;
}

/** What checkAdminAreas needs to know of a unit of the base map. */
export interface AdminUnitLookup {
  /** The unit's name, or undefined when the base map has no such unit. */
  name(code: string): string | undefined;
  /** True when the point lies inside the unit. */
  contains(code: string, lon: number, lat: number): boolean;
}

/**
 * Every `admin_area` must name a unit of the base map (public/basemap/, its admin-1 units and
 * countries), and a feature's points must lie inside that unit (its mark stands for the unit).
 */
export function checkAdminAreas(collection: unknown, fileName: string, units: AdminUnitLookup): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p || typeof p.admin_area !== 'string' || !ADMIN_AREA_PATTERN.test(p.admin_area)) return;
    const code = p.admin_area;
    const id = typeof p.id === 'string' ? p.id : null;
    const add = (field: string, what: string): void =>
      void issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, what) });
    const name = units.name(code);
    if (name === undefined) {
      add('admin_area', `"${code}" is not an admin-1 unit or country of the base map (public/basemap/basemap.json)`);
      return;
    }
    const g = isObj(f) ? (f as Obj).geometry : null;
    const points =
      isObj(g) && g.type === 'Point'
        ? [g.coordinates]
        : isObj(g) && g.type === 'MultiPoint' && Array.isArray(g.coordinates)
          ? g.coordinates
          : [];
    for (const pt of points) {
      if (Array.isArray(pt) && isFiniteNumber(pt[0]) && isFiniteNumber(pt[1]) && !units.contains(code, pt[0], pt[1])) {
        add('geometry', `the point ${pt[0]}, ${pt[1]} is outside ${name} (${code}), the unit admin_area names`);
      }
    }
  });
  return issues;
}

/** Every `area_places` name must be in the gazetteer. */
export function checkAreaPlaces(
  collection: unknown,
  fileName: string,
  placeNames: ReadonlySet<string>,
): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p || !Array.isArray(p.area_places)) return;
    const id = typeof p.id === 'string' ? p.id : null;
    p.area_places.forEach((n: unknown, i: number) => {
      if (typeof n === 'string' && !placeNames.has(n)) {
        const field = `area_places[${i}]`;
        issues.push({
          file: fileName,
          index,
          field,
          message: issueMessage(fileName, index, id, field, `"${n}" is not in data/places.json`),
        });
      }
    });
  });
  return issues;
}

/**
 * Links: `from` and `to` must each name a feature of the other files or a gazetteer place
 * (`resolve`, see src/core/links/link-geometry.ts), and the stored line must run from one to the other.
 */
export function checkLinkEnds(
  collection: unknown,
  fileName: string,
  resolve: (ref: string) => Endpoint | null,
): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p) return;
    const id = typeof p.id === 'string' ? p.id : null;
    const add = (field: string, what: string): void => {
      issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, what) });
    };
    const ends = (['from', 'to'] as const).map((k) => {
      const ref = p[k];
      const end = typeof ref === 'string' ? resolve(ref) : null;
      if (!end)
        add(k, `${JSON.stringify(ref)} is neither a feature id of the bundled data nor a place in data/places.json`);
      return end;
    });
    const [a, b] = ends;
    if (a && b && !matchesLine((f as Obj).geometry, a.position, b.position)) {
      add('geometry', `must be the line from ${a.ref} to ${b.ref}; run node scripts/run-ts.mjs scripts/build-links.ts`);
    }
  });
  return issues;
}
