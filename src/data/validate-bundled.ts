// Checks the bundled data files (data/*.geojson, data/places.json) against the schema and the seed reports.
import { parseIsoDay } from '../time/days.ts';
import { ADMIN_AREA_PATTERN, ASSERTIONS, FIGURE_FIELDS, RELATIONS, WEAPONS, type FigureQualifier, type LayerKind } from './schema.ts';
import { matchesLine, type Endpoint } from '../links/link-geometry.ts';

/** One problem found in a bundled file; `message` is the full, human-readable line. */
export interface BundledIssue {
  file: string;
  /** Feature (or gazetteer entry) index in the file, 0-based; null for file-level problems. */
  index: number | null;
  field: string;
  message: string;
}

/** The pattern every feature id follows: lower-case words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const QUALIFIERS: readonly FigureQualifier[] = ['exactly', 'at least', 'more than', 'about'];
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
const FIGURES: readonly string[] = FIGURE_FIELDS;
/** Properties only links carry (data/links.geojson). */
export const LINK_PROPERTIES: readonly string[] = ['from', 'to', 'relation', 'assertion', 'assertion_note'];
/** Every property a bundled feature may carry; anything else is reported (it is usually a typo). */
export const KNOWN_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'layer', 'title', 'summary', 'start', 'end', 'date_precision', 'date_note', 'place', 'place_precision_km',
  'admin_area', 'place_note', 'category', 'weapon', 'actor', 'figure_qualifiers', 'produces', 'approximate', 'area_note', 'area_places',
  'area_buffer_km', 'sources', ...FIGURE_FIELDS, ...LINK_PROPERTIES,
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Builds the one-line message, e.g. `data/strikes.geojson: feature 3 (strike-x): field "start": ...`. */
export function issueMessage(file: string, index: number | null, id: string | null, field: string, what: string): string {
  const where = index === null ? '' : ` feature ${index}${id ? ` (${id})` : ''}:`;
  return `${file}:${where} field "${field}": ${what}`;
}

/** Collects issues for one feature; `add(field, what)` records one. */
type Add = (field: string, what: string) => void;

function checkPositions(value: unknown, path: string, depth: number, add: Add): void {
  if (!Array.isArray(value)) {
    add(path, 'must be an array');
    return;
  }
  if (depth === 0) {
    const [lon, lat] = value as unknown[];
    if (value.length < 2 || !isFiniteNumber(lon) || !isFiniteNumber(lat)) {
      add(path, `must be a [lon, lat] position of finite numbers, got ${JSON.stringify(value)}`);
    } else if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      add(path, `position ${JSON.stringify(value)} is out of range (lon -180..180, lat -90..90)`);
    }
    return;
  }
  value.forEach((v, i) => checkPositions(v, `${path}[${i}]`, depth - 1, add));
}

function checkRings(rings: unknown, path: string, add: Add): void {
  if (!Array.isArray(rings)) return;
  rings.forEach((ring, i) => {
    if (!Array.isArray(ring)) return;
    const first = ring[0] as unknown;
    const last = ring[ring.length - 1] as unknown;
    if (ring.length < 4) add(`${path}[${i}]`, `a polygon ring needs at least 4 positions, got ${ring.length}`);
    else if (JSON.stringify(first) !== JSON.stringify(last)) add(`${path}[${i}]`, 'polygon ring is not closed (first position != last)');
  });
}

function checkGeometry(geometry: unknown, path: string, add: Add): void {
  if (!isObj(geometry)) {
    add(path, 'must be a GeoJSON geometry object');
    return;
  }
  const type = geometry.type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.includes(type)) {
    add(`${path}.type`, `must be one of ${GEOMETRY_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
    return;
  }
  if (type === 'GeometryCollection') {
    const parts = geometry.geometries;
    if (!Array.isArray(parts)) add(`${path}.geometries`, 'must be an array');
    else parts.forEach((g, i) => checkGeometry(g, `${path}.geometries[${i}]`, add));
    return;
  }
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[type] ?? 0;
  const coords = geometry.coordinates;
  checkPositions(coords, `${path}.coordinates`, depth, add);
  if (type === 'Polygon') checkRings(coords, `${path}.coordinates`, add);
  if (type === 'MultiPolygon' && Array.isArray(coords)) {
    coords.forEach((poly, i) => checkRings(poly, `${path}.coordinates[${i}]`, add));
  }
}

function checkDates(p: Obj, layer: LayerKind, add: Add): void {
  const start = typeof p.start === 'string' ? parseIsoDay(p.start) : null;
  if (typeof p.start !== 'string' || start === null) add('start', `must be a strict YYYY-MM-DD calendar date, got ${JSON.stringify(p.start)}`);
  let end: number | null = null;
  if (p.end === null) {
    if (layer === 'strike') add('end', 'null (still active) is allowed only for facilities, deployments and links');
  } else if (typeof p.end !== 'string' || (end = parseIsoDay(p.end)) === null) {
    add('end', `must be a strict YYYY-MM-DD calendar date or null, got ${JSON.stringify(p.end)}`);
  }
  if (start !== null && end !== null && start > end) add('end', `${String(p.end)} is before start ${String(p.start)}`);
  if (p.date_precision === 'day') {
    if (start !== null && end !== start) add('date_precision', '"day" requires end == start');
  } else if (p.date_precision === 'range') {
    if (start !== null && end !== null && start === end) add('date_precision', '"range" with start == end should be "day"');
  } else {
    add('date_precision', `must be "day" or "range", got ${JSON.stringify(p.date_precision)}`);
  }
}

function checkFigures(p: Obj, add: Add): void {
  for (const f of FIGURES) {
    if (f in p && (!isFiniteNumber(p[f]) || (p[f] as number) < 0)) {
      add(f, `must be a non-negative finite number, got ${JSON.stringify(p[f])}`);
    }
  }
  const q = p.figure_qualifiers;
  if (q === undefined) return;
  if (!isObj(q)) {
    add('figure_qualifiers', 'must be an object');
    return;
  }
  for (const [k, v] of Object.entries(q)) {
    if (!FIGURES.includes(k)) add(`figure_qualifiers.${k}`, `is not a figure field (${FIGURE_FIELDS.join(', ')})`);
    else if (!(k in p)) add(`figure_qualifiers.${k}`, 'qualifies a figure the feature does not give');
    if (!(QUALIFIERS as readonly unknown[]).includes(v)) add(`figure_qualifiers.${k}`, `must be one of ${QUALIFIERS.join(', ')}, got ${JSON.stringify(v)}`);
  }
}

function checkSources(p: Obj, seeds: Record<string, string>, add: Add): void {
  const sources = p.sources;
  if (!Array.isArray(sources) || sources.length === 0) {
    add('sources', 'must be a non-empty array of { seed, quote }');
    return;
  }
  sources.forEach((s, i) => {
    const f = `sources[${i}]`;
    if (!isObj(s)) {
      add(f, 'must be an object { seed, quote }');
      return;
    }
    const seedText = typeof s.seed === 'string' ? seeds[s.seed] : undefined;
    if (typeof s.seed !== 'string' || seedText === undefined) {
      add(`${f}.seed`, `must name a seed file in data/sources (${Object.keys(seeds).join(', ')}), got ${JSON.stringify(s.seed)}`);
    }
    if (!isNonEmptyString(s.quote)) add(`${f}.quote`, 'must be a non-empty string copied from the seed');
    else if (seedText !== undefined && !seedText.includes(s.quote)) add(`${f}.quote`, `not found verbatim in ${String(s.seed)}`);
  });
}

function checkProperties(p: Obj, expectedLayer: LayerKind, seeds: Record<string, string>, add: Add): void {
  for (const k of Object.keys(p)) if (!KNOWN_PROPERTIES.has(k)) add(k, 'is not a known property (see src/data/schema.ts)');
  if (typeof p.id !== 'string') add('id', 'must be a string');
  else if (!ID_PATTERN.test(p.id)) add('id', `must match ${ID_PATTERN.source}, got ${JSON.stringify(p.id)}`);
  if (p.layer !== expectedLayer) add('layer', `must be "${expectedLayer}" in this file, got ${JSON.stringify(p.layer)}`);
  for (const k of ['title', 'summary', 'date_note', 'place']) {
    if (!isNonEmptyString(p[k])) add(k, 'must be a non-empty string');
  }
  checkDates(p, expectedLayer, add);
  if (!isFiniteNumber(p.place_precision_km) || p.place_precision_km < 0) {
    add('place_precision_km', `must be a non-negative finite number, got ${JSON.stringify(p.place_precision_km)}`);
  }
  if (p.admin_area !== undefined && (typeof p.admin_area !== 'string' || !ADMIN_AREA_PATTERN.test(p.admin_area))) {
    add('admin_area', `must be an ISO 3166-1 alpha-2 country ("UA") or ISO 3166-2 first-level code ("UA-48", "RU-KRS"), got ${JSON.stringify(p.admin_area)}`);
  }
  checkFigures(p, add);
  if (expectedLayer === 'strike' || p.weapon !== undefined) {
    if (!(WEAPONS as readonly unknown[]).includes(p.weapon)) add('weapon', `must be one of ${WEAPONS.join(', ')}, got ${JSON.stringify(p.weapon)}`);
  }
  for (const k of ['actor', 'produces', 'category', 'area_note', 'place_note']) {
    if (p[k] !== undefined && !isNonEmptyString(p[k])) add(k, 'must be a non-empty string when present');
  }
  if (p.approximate !== undefined && typeof p.approximate !== 'boolean') add('approximate', 'must be true or false');
  if (p.approximate === true && !isNonEmptyString(p.area_note)) add('area_note', 'is required when approximate is true');
  if (p.area_places !== undefined) {
    const ok = Array.isArray(p.area_places) && p.area_places.length > 0 && p.area_places.every(isNonEmptyString);
    if (!ok) add('area_places', 'must be a non-empty array of gazetteer names');
    if (!isFiniteNumber(p.area_buffer_km) || p.area_buffer_km <= 0) add('area_buffer_km', 'must be a positive number when area_places is given');
  } else if (p.area_buffer_km !== undefined) {
    add('area_places', 'is required when area_buffer_km is given');
  }
  if (expectedLayer === 'link') checkLinkProperties(p, add);
  else for (const k of LINK_PROPERTIES) if (p[k] !== undefined) add(k, 'is a link property (data/links.geojson only)');
  checkSources(p, seeds, add);
}

function checkLinkProperties(p: Obj, add: Add): void {
  for (const k of ['from', 'to', 'assertion_note']) if (!isNonEmptyString(p[k])) add(k, 'must be a non-empty string');
  if (isNonEmptyString(p.from) && p.from === p.to) add('to', 'must differ from "from"');
  if (!(RELATIONS as readonly unknown[]).includes(p.relation)) add('relation', `must be one of ${RELATIONS.join(', ')}, got ${JSON.stringify(p.relation)}`);
  if (!(ASSERTIONS as readonly unknown[]).includes(p.assertion)) add('assertion', `must be one of ${ASSERTIONS.join(', ')}, got ${JSON.stringify(p.assertion)}`);
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
  if (collection.type !== 'FeatureCollection') fileIssue('type', `must be "FeatureCollection", got ${JSON.stringify(collection.type)}`);
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
    checkGeometry(feature.geometry, 'geometry', add);
    if (expectedLayer === 'link' && (!isObj(feature.geometry) || feature.geometry.type !== 'LineString')) add('geometry.type', 'a link must be a LineString from its "from" end to its "to" end');
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
      else issues.push({ file: fileName, index, field: 'id', message: issueMessage(fileName, index, id, 'id', `is not unique: already used by ${first}`) });
    });
  }
  return issues;
}

/** Validates data/places.json: name, lon, lat, country, rank 1|2|3; names unique. */
export function validatePlaces(places: unknown, fileName: string): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!Array.isArray(places)) {
    return [{ file: fileName, index: null, field: '(root)', message: `${fileName}: the file must hold an array of places` }];
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
    if (!isFiniteNumber(p.lon) || p.lon < -180 || p.lon > 180) add('lon', `must be a number in -180..180, got ${JSON.stringify(p.lon)}`);
    if (!isFiniteNumber(p.lat) || p.lat < -90 || p.lat > 90) add('lat', `must be a number in -90..90, got ${JSON.stringify(p.lat)}`);
    if (!isNonEmptyString(p.country)) add('country', 'must be a non-empty string');
    if (p.rank !== 1 && p.rank !== 2 && p.rank !== 3) add('rank', `must be 1, 2 or 3, got ${JSON.stringify(p.rank)}`);
    if (p.geonames !== undefined && !isNonEmptyString(p.geonames)) add('geonames', 'must be a non-empty string (the GeoNames name the place stands for) when present');
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
    const add = (field: string, what: string): void => void issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, what) });
    const name = units.name(code);
    if (name === undefined) {
      add('admin_area', `"${code}" is not an admin-1 unit or country of the base map (public/basemap/basemap.json)`);
      return;
    }
    const g = isObj(f) ? (f as Obj).geometry : null;
    const points = isObj(g) && g.type === 'Point' ? [g.coordinates] : isObj(g) && g.type === 'MultiPoint' && Array.isArray(g.coordinates) ? g.coordinates : [];
    for (const pt of points) {
      if (Array.isArray(pt) && isFiniteNumber(pt[0]) && isFiniteNumber(pt[1]) && !units.contains(code, pt[0], pt[1])) {
        add('geometry', `the point ${pt[0]}, ${pt[1]} is outside ${name} (${code}), the unit admin_area names`);
      }
    }
  });
  return issues;
}

/** Every `area_places` name must be in the gazetteer. */
export function checkAreaPlaces(collection: unknown, fileName: string, placeNames: ReadonlySet<string>): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p || !Array.isArray(p.area_places)) return;
    const id = typeof p.id === 'string' ? p.id : null;
    p.area_places.forEach((n: unknown, i: number) => {
      if (typeof n === 'string' && !placeNames.has(n)) {
        const field = `area_places[${i}]`;
        issues.push({ file: fileName, index, field, message: issueMessage(fileName, index, id, field, `"${n}" is not in data/places.json`) });
      }
    });
  });
  return issues;
}

/**
 * Links: `from` and `to` must each name a feature of the other files or a gazetteer place
 * (`resolve`, see src/links/link-geometry.ts), and the stored line must run from one to the other.
 */
export function checkLinkEnds(collection: unknown, fileName: string, resolve: (ref: string) => Endpoint | null): BundledIssue[] {
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
      if (!end) add(k, `${JSON.stringify(ref)} is neither a feature id of the bundled data nor a place in data/places.json`);
      return end;
    });
    const [a, b] = ends;
    if (a && b && !matchesLine((f as Obj).geometry, a.position, b.position)) {
      add('geometry', `must be the line from ${a.ref} to ${b.ref}; run node scripts/run-ts.mjs scripts/build-links.ts`);
    }
  });
  return issues;
}
