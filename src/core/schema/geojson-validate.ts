// RFC 7946 geometry checks: types, nesting, positions, lon/lat ranges and order, rings; no unbounded recursion.
import type { Geometry } from 'geojson';
import { describeValue, isRecord, own, quote } from './values';
import { MAX_POSITIONS_PER_FEATURE } from './limits';

export const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;
type GeometryType = (typeof GEOMETRY_TYPES)[number];

/** Array levels above the positions, per type. */
const LEVELS: Record<GeometryType, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

export interface GeometryCheck {
  /** The first error, with how many more there are; undefined when the geometry is valid. */
  error?: string;
  warnings: string[];
  /** The geometry when it is valid; null for a feature not placed on the map (a null or missing geometry). */
  geometry?: Geometry | null;
  /** Positions (vertices) in a valid geometry. */
  positions?: number;
}

interface Collector {
  first?: string;
  count: number;
  warnings: Set<string>;
  /** Positions seen so far; the walk stops past MAX_POSITIONS_PER_FEATURE. */
  positions: number;
}

function fail(c: Collector, message: string): void {
  c.count++;
  c.first ??= message;
}

/** Checks one position ([lon, lat] or [lon, lat, alt]). `where` names it in messages (computed only on a problem). */
export function checkPosition(p: unknown, where: string | (() => string)): { error?: string; warning?: string } {
  if (isValidPosition(p)) return {};
  const label = typeof where === 'string' ? where : where();
  if (!Array.isArray(p))
    return { error: `${label}: expected a position [longitude, latitude], got ${describeValue(p)}` };
  if (p.some((v) => Array.isArray(v)))
    return { error: `${label}: wrongly nested: expected a position [longitude, latitude], got an array of arrays` };
  if (p.length < 2) return { error: `${label}: a position needs 2 numbers [longitude, latitude], got ${p.length}` };
  for (let k = 0; k < p.length; k++) {
    const v: unknown = p[k];
    if (typeof v !== 'number') return { error: `${label}: coordinate ${k} is ${describeValue(v)}, expected a number` };
    if (!Number.isFinite(v)) return { error: `${label}: coordinate ${k} is ${String(v)}, expected a finite number` };
  }
  const lon = p[0] as number;
  const lat = p[1] as number;
  const error = rangeError(lon, lat, label);
  if (error) return { error };
  if (p.length > 3)
    return { warning: `positions have more than 3 numbers; only longitude, latitude (and altitude) are used` };
  return {};
}

/** A position checkPosition finds nothing wrong with: 2 or 3 finite numbers, longitude and latitude in range. */
function isValidPosition(p: unknown): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return false;
  for (let k = 0; k < p.length; k++) {
    const v: unknown = p[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return p[1] >= -90 && p[1] <= 90 && p[0] >= -180 && p[0] <= 180;
}

/** Why [lon, lat] is not a valid WGS 84 position, or null. */
export function rangeError(lon: number, lat: number, label: string): string | null {
  const latBad = lat < -90 || lat > 90;
  const lonBad = lon < -180 || lon > 180;
  if (!latBad && !lonBad) return null;
  if (latBad && !lonBad && Math.abs(lat) <= 180 && Math.abs(lon) <= 90)
    return `${label}: coordinates look swapped: [lat, lon]? got [${lon}, ${lat}]; GeoJSON order is [longitude, latitude]`;
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000)
    return `${label}: coordinates [${lon}, ${lat}] look projected (e.g. metres), not longitude/latitude degrees (WGS 84)`;
  if (latBad) return `${label}: latitude ${lat} is out of range -90..90`;
  return `${label}: longitude ${lon} is out of range -180..180`;
}

function samePosition(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, k) => v === b[k]);
}

function show(p: unknown): string {
  return Array.isArray(p) ? `[${p.map((v) => (typeof v === 'number' ? String(v) : '?')).join(', ')}]` : '?';
}

const CHILD_NAMES: Record<GeometryType, string[]> = {
  Point: [],
  MultiPoint: ['position'],
  LineString: ['position'],
  MultiLineString: ['line', 'position'],
  Polygon: ['ring', 'position'],
  MultiPolygon: ['polygon', 'ring', 'position'],
};

/**
 * Walks `value`, which should hold `levels` array levels above positions. Recursion is bounded by the
 * geometry type (at most 3 levels); deeper nesting is reported, never followed.
 */
function walk(c: Collector, type: GeometryType, value: unknown, levels: number, path: number[]): void {
  const names = CHILD_NAMES[type];
  const label = (): string =>
    path.length ? path.map((k, d) => `${names[d] ?? 'position'} ${k}`).join(', ') : `${type} coordinates`;
  if (levels === 0) {
    c.positions++;
    const r = checkPosition(value, label);
    if (r.error) fail(c, r.error);
    if (r.warning) c.warnings.add(r.warning);
    return;
  }
  const childName = names[names.length - levels] ?? 'position';
  if (!Array.isArray(value)) {
    fail(c, `${label()}: expected an array of ${childName}s, got ${describeValue(value)}`);
    return;
  }
  if (value.length > 0 && typeof value[0] === 'number') {
    fail(c, `${label()}: wrongly nested: expected an array of ${childName}s, got a single position`);
    return;
  }
  const isRing = type === 'Polygon' ? levels === 1 : type === 'MultiPolygon' && levels === 1;
  const isLine = (type === 'LineString' && levels === 1) || (type === 'MultiLineString' && levels === 1);
  if (value.length === 0) {
    fail(
      c,
      path.length
        ? `${label()}: empty (no ${childName}s)`
        : `empty geometry: the ${type} has no coordinates, so it can't be placed on the map`,
    );
    return;
  }
  if (isLine && value.length < 2)
    fail(c, `${path.length ? `${label()}: ` : ''}a line needs at least 2 positions, got ${value.length}`);
  if (isRing) {
    if (value.length < 4)
      fail(
        c,
        `${label()}: a linear ring needs at least 4 positions (the first repeated at the end), got ${value.length}`,
      );
    else if (!samePosition(value[0], value[value.length - 1]))
      fail(
        c,
        `${label()} is not closed: the first position ${show(value[0])} differs from the last ${show(value[value.length - 1])}`,
      );
  }
  for (let k = 0; k < value.length; k++) {
    path.push(k);
    walk(c, type, value[k], levels - 1, path);
    path.pop();
    if (c.count > 1000 || c.positions > MAX_POSITIONS_PER_FEATURE) return;
  }
}

/** The warning for a feature whose geometry is null (RFC 7946 §3.2: an unlocated feature). */
export const NULL_GEOMETRY =
  'geometry is null: the feature is not placed on the map; it is kept in the data, the list and exports, with no position';
/** The warning for a feature with no `geometry` member at all. */
export const MISSING_GEOMETRY =
  'the feature has no "geometry" member (RFC 7946 asks for one, null when the feature has no place): taken as null, so it is not placed on the map; it is kept in the data, the list and exports';

/** Checks a feature's `geometry` member. A missing or null geometry is kept as null, with a warning: the feature is not placed on the map. */
export function checkGeometry(geometry: unknown, present: boolean): GeometryCheck {
  if (!present) return { warnings: [MISSING_GEOMETRY], geometry: null, positions: 0 };
  if (geometry === null) return { warnings: [NULL_GEOMETRY], geometry: null, positions: 0 };
  if (!isRecord(geometry)) return { error: `geometry must be an object, got ${describeValue(geometry)}`, warnings: [] };
  const type = own(geometry, 'type');
  if (type === undefined) return { error: 'geometry has no type', warnings: [] };
  if (typeof type !== 'string')
    return { error: `geometry type must be a string, got ${describeValue(type)}`, warnings: [] };
  if (type === 'GeometryCollection')
    return {
      error:
        'a GeometryCollection inside a GeometryCollection is not supported: put each geometry in a feature of its own',
      warnings: [],
    };
  const known = GEOMETRY_TYPES.find((t) => t === type);
  if (!known) {
    const near = GEOMETRY_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
    const hint = near
      ? ` — did you mean "${near}"?`
      : ' (expected Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon)';
    return { error: `unknown geometry type ${quote(type)}${hint}`, warnings: [] };
  }
  if (!Object.hasOwn(geometry, 'coordinates')) return { error: `${known} geometry has no coordinates`, warnings: [] };
  const coordinates = own(geometry, 'coordinates');
  // Most features are a valid point: it is known so without the walk (and what the walk makes).
  if (known === 'Point' && isValidPosition(coordinates))
    return { warnings: [], geometry: geometry as unknown as Geometry, positions: 1 };
  const c: Collector = { count: 0, warnings: new Set(), positions: 0 };
  if (known === 'Point' && Array.isArray(coordinates) && coordinates.length === 0)
    fail(c, "empty geometry: the Point has no coordinates, so it can't be placed on the map");
  else if (known === 'Point' && Array.isArray(coordinates) && coordinates.some((v) => Array.isArray(v)))
    fail(c, 'Point coordinates are wrongly nested: expected [longitude, latitude], got an array of arrays');
  else walk(c, known, coordinates, LEVELS[known], []);
  const warnings = [...c.warnings];
  if (c.positions > MAX_POSITIONS_PER_FEATURE) {
    const limit = MAX_POSITIONS_PER_FEATURE.toLocaleString('en-US');
    return {
      error: `the ${known} has more than ${limit} positions (vertices); at most ${limit} per feature can be drawn without freezing the page: simplify it (e.g. mapshaper -simplify 10%) and load it again`,
      warnings,
    };
  }
  if (c.first !== undefined) {
    const more =
      c.count > 1
        ? ` (and ${c.count > 1000 ? 'over 1000' : c.count - 1} more problem${c.count === 2 ? '' : 's'} in this geometry)`
        : '';
    return { error: `${c.first}${more}`, warnings };
  }
  return { warnings, geometry: geometry as unknown as Geometry, positions: c.positions };
}
