// The one schema of a feature's properties — fields, types, limits, messages, sources, GeometryCollection policy — checked for bundled data and imports alike.
import {
  ADMIN_AREA_PATTERN,
  FIGURE_FIELDS,
  WEAPONS,
  type FigureQualifier,
  type LayerKind,
  type Source,
} from './schema.ts';
import { parseIsoDay } from '../time/days.ts';
import { checkGeometry, type GeometryCheck } from './geojson-validate.ts';
import { describeValue, isRecord, own, quote } from './values.ts';
import type { SchemaPolicy, SchemaProblem } from './schema-policy.ts';
import { checkSources } from './feature-sources.ts';

// The policy and the sources check are parts of this one schema, kept in modules of their own.
export { BUNDLED, IMPORT, isHttpUrl, type SchemaPolicy, type SchemaProblem, type Severity } from './schema-policy.ts';
export { checkSources } from './feature-sources.ts';

/** The pattern every bundled feature id follows: lower-case words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** How a report qualifies a figure ("at least 23 injured"). */
export const QUALIFIERS: readonly FigureQualifier[] = ['exactly', 'at least', 'more than', 'about'];
/** Layers a feature (not a link) may be on. */
export const FEATURE_LAYERS: readonly LayerKind[] = ['strike', 'facility', 'deployment'];
/** Properties only links carry (data/links.geojson). */
export const LINK_PROPERTIES: readonly string[] = ['from', 'to', 'relation', 'assertion', 'assertion_note'];
/** Every property of our schema; anything else is reported (bundled: an error, it is usually a typo; import: kept under `original`). */
export const KNOWN_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'layer',
  'title',
  'summary',
  'start',
  'end',
  'date_precision',
  'date_note',
  'place',
  'place_precision_km',
  'admin_area',
  'place_note',
  'category',
  'weapon',
  'actor',
  'figure_qualifiers',
  'produces',
  'approximate',
  'area_note',
  'area_places',
  'area_buffer_km',
  'sources',
  'timeless',
  ...FIGURE_FIELDS,
  ...LINK_PROPERTIES,
]);
/** Text properties that may be absent; bundled data requires those in BUNDLED.requiredText. */
const OPTIONAL_TEXT = [
  'summary',
  'date_note',
  'place',
  'category',
  'actor',
  'produces',
  'area_note',
  'place_note',
] as const;
const FIGURES: readonly string[] = FIGURE_FIELDS;
/** The text fields checkProperties reads, title first. */
const TEXTS: readonly string[] = ['title', ...OPTIONAL_TEXT];

/** Why a figure (or another count/distance) is not a finite number ≥ 0, or null. Strings are never converted. */
export function numberProblem(value: unknown): string | null {
  if (typeof value !== 'number') return `expected a number, got ${describeValue(value)}`;
  if (!Number.isFinite(value)) return `expected a finite number, got ${String(value)}`;
  if (value < 0) return `expected a number of 0 or more, got ${value}`;
  return null;
}

/** A date field: its day number, or why it is not a strict YYYY-MM-DD calendar date. */
export function dayOf(value: unknown, missing: string): { day: number } | { what: string } {
  if (value === undefined) return { what: missing };
  if (typeof value !== 'string') return { what: `expected a date "YYYY-MM-DD", got ${describeValue(value)}` };
  const day = parseIsoDay(value);
  return day === null ? { what: `${quote(value)} is not a valid date (expected YYYY-MM-DD)` } : { day };
}

/** What is wrong with a GeometryCollection under a policy (the import splits it: nothing). */
export function geometryCollectionProblem(policy: SchemaPolicy): string | null {
  return policy.geometryCollection === 'split'
    ? null
    : 'a GeometryCollection: store each of its geometries as a feature of its own (an import splits a collection into its parts, one feature each)';
}

/** A feature's geometry under a policy: RFC 7946 (geojson-validate.ts), the GeometryCollection policy, and null only in imports. */
export function checkFeatureGeometry(geometry: unknown, present: boolean, policy: SchemaPolicy): GeometryCheck {
  if (isRecord(geometry) && own(geometry, 'type') === 'GeometryCollection') {
    const p = geometryCollectionProblem(policy);
    if (p) return { error: p, warnings: [] };
  }
  if (policy.kind === 'bundled' && (!present || geometry === null))
    return { error: 'missing: every bundled feature is placed on the map (a Point, line or area)', warnings: [] };
  return checkGeometry(geometry, present);
}

/** The values checkProperties read, for the caller that builds properties from them (the import). */
export interface CheckedValues {
  /** An undated feature (import policy): no start or end. */
  timeless?: boolean;
  start?: number;
  /** null: still active. */
  end?: number | null;
  figures: Partial<Record<(typeof FIGURE_FIELDS)[number], number>>;
  sources?: Source[];
}

/**
 * Checks a feature's properties against the schema under a policy: texts, dates and their
 * precision, figures and their qualifiers, place precision, weapon, admin_area, area recipe,
 * sources and unknown properties. The layer (`layer`) is the caller's: the bundled check knows
 * it from the file, the import reads it. Ids and links are the callers' too.
 */
export function checkProperties(
  p: Record<string, unknown>,
  layer: LayerKind,
  policy: SchemaPolicy,
  add: (problem: SchemaProblem) => void,
  seeds?: Record<string, string>,
): CheckedValues {
  const err = (field: string, what: string): void => add({ field, what, severity: 'error' });
  const soft = (field: string, what: string): void => add({ field, what, severity: policy.inconsistency });
  const strict = policy.strictFields;
  const bundled = policy.kind === 'bundled';
  if (bundled) for (const k of unknownProperties(p)) err(k, 'is not a known property (see src/core/schema/schema.ts)');
  for (const f of TEXTS) {
    const v = own(p, f);
    const required = policy.requiredText.includes(f);
    if (v === undefined) {
      if (required) err(f, 'missing');
    } else if (typeof v !== 'string') err(f, `expected a string, got ${describeValue(v)}`);
    else if ((required || policy.nonEmptyText) && v.trim() === '') err(f, 'empty: expected a non-empty string');
  }
  const out: CheckedValues = { figures: {} };
  const timeless = own(p, 'timeless');
  if (timeless !== undefined && typeof timeless !== 'boolean')
    err('timeless', `expected true or false, got ${describeValue(timeless)}`);
  if (timeless === true && bundled)
    err('timeless', 'bundled features are dated: only an imported file without dates loads undated');
  const startText = own(p, 'start');
  const endText = own(p, 'end');
  // An undated feature (an export of an undated import, read again): no dates, and none checked.
  if (timeless === true && !bundled) {
    for (const [f, v] of [
      ['start', startText],
      ['end', endText],
    ] as const)
      if (v !== undefined && v !== '')
        err(f, `${describeValue(v)} on an undated feature (timeless: true): leave it empty, or drop timeless`);
    out.timeless = true;
  } else {
    const start = dayOf(startText, 'missing (a date YYYY-MM-DD)');
    if ('what' in start) err('start', start.what);
    else out.start = start.day;
  }
  if (!out.timeless && endText === null) {
    if (layer === 'strike')
      err(
        'end',
        `null (still active) is only allowed for facilities${bundled ? ', deployments and links' : ' and deployments'}`,
      );
    else out.end = null;
  } else if (!out.timeless) {
    const end = dayOf(endText, 'missing (a date YYYY-MM-DD, or null for a facility or deployment still active)');
    if ('what' in end) err('end', end.what);
    else out.end = end.day;
  }
  if (out.start !== undefined && typeof out.end === 'number' && out.start > out.end)
    err('end', `start ${String(startText)} is after end ${String(endText)}`);
  const precision = own(p, 'date_precision');
  if (precision === undefined) {
    if (strict) err('date_precision', 'missing ("day" or "range")');
  } else if (precision !== 'day' && precision !== 'range')
    err('date_precision', `expected "day" or "range", got ${describeValue(precision)}`);
  else if (out.start !== undefined && out.end !== undefined) {
    if (precision === 'day' && out.end !== out.start) soft('date_precision', '"day" but start and end differ');
    if (precision === 'range' && out.end === out.start && bundled)
      err('date_precision', '"range" with start == end should be "day"');
  }
  for (const f of FIGURE_FIELDS) {
    const v = own(p, f);
    if (v === undefined) continue;
    if (v === null) {
      add({
        field: f,
        what:
          policy.nullFigure === 'error'
            ? 'null: leave the figure out when the report gives none'
            : 'null, taken as not given',
        severity: policy.nullFigure,
      });
      continue;
    }
    const bad = numberProblem(v);
    if (bad) err(f, bad);
    else out.figures[f] = v as number;
  }
  const km = own(p, 'place_precision_km');
  if (km === undefined) {
    if (strict) err('place_precision_km', 'missing (the place is known to within this many km)');
  } else {
    const bad = numberProblem(km);
    if (bad) err('place_precision_km', bad);
  }
  const weapon = own(p, 'weapon');
  if (weapon === undefined) {
    if (strict && layer === 'strike') err('weapon', `missing (one of ${WEAPONS.join(', ')})`);
  } else if (!(typeof weapon === 'string' && (WEAPONS as readonly string[]).includes(weapon)))
    err('weapon', `expected one of ${WEAPONS.join(', ')}, got ${describeValue(weapon)}`);
  const admin = own(p, 'admin_area');
  if (admin !== undefined && !(typeof admin === 'string' && ADMIN_AREA_PATTERN.test(admin)))
    soft(
      'admin_area',
      `${typeof admin === 'string' ? quote(admin.slice(0, 20)) : describeValue(admin)} is not an ISO 3166-1 alpha-2 country code ("UA") or ISO 3166-2 first-level code ("UA-48", "RU-KRS")${bundled ? '' : '; kept under original only'}`,
    );
  checkQualifiers(own(p, 'figure_qualifiers'), (k) => own(p, k) !== undefined, err, soft);
  const approximate = own(p, 'approximate');
  if (approximate !== undefined && typeof approximate !== 'boolean')
    err('approximate', `expected true or false, got ${describeValue(approximate)}`);
  if (
    approximate === true &&
    (typeof own(p, 'area_note') !== 'string' || (own(p, 'area_note') as string).trim() === '')
  )
    soft('area_note', 'missing; an approximate area must say how it was built');
  checkAreaRecipe(p, bundled, err);
  out.sources = checkSources(own(p, 'sources'), policy, add, seeds);
  return out;
}

/** Properties not in the schema (bundled data: each an error; imports: one warning, kept under `original`). */
export function unknownProperties(p: Record<string, unknown>): string[] {
  // Most features have none: the key list is only made for one that has.
  let any = false;
  for (const k in p)
    if (!KNOWN_PROPERTIES.has(k) && Object.hasOwn(p, k)) {
      any = true;
      break;
    }
  return any ? Object.keys(p).filter((k) => !KNOWN_PROPERTIES.has(k)) : [];
}

/** `figure_qualifiers`: an object of figure → qualifier word, each qualifying a figure the feature gives. */
function checkQualifiers(
  q: unknown,
  given: (figure: string) => boolean,
  err: (field: string, what: string) => void,
  soft: (field: string, what: string) => void,
): void {
  if (q === undefined) return;
  if (!isRecord(q)) {
    err('figure_qualifiers', `expected an object, got ${describeValue(q)}`);
    return;
  }
  for (const [k, v] of Object.entries(q)) {
    const field = `figure_qualifiers.${k}`;
    if (!FIGURES.includes(k)) err(field, `${quote(k)} is not a figure (${FIGURE_FIELDS.join(', ')})`);
    else if (!given(k)) soft(field, `qualifies ${k}, a figure the feature does not give`);
    if (!(typeof v === 'string' && (QUALIFIERS as readonly string[]).includes(v)))
      err(field, `expected one of ${QUALIFIERS.join(', ')}, got ${describeValue(v)}`);
  }
}

/** An approximate area's recipe: `area_places` (gazetteer names) and `area_buffer_km`, together in bundled data. */
function checkAreaRecipe(
  p: Record<string, unknown>,
  bundled: boolean,
  err: (field: string, what: string) => void,
): void {
  const places = own(p, 'area_places');
  const buffer = own(p, 'area_buffer_km');
  if (places !== undefined) {
    const ok =
      Array.isArray(places) &&
      places.every((n) => typeof n === 'string' && (!bundled || n.trim() !== '')) &&
      (!bundled || places.length > 0);
    if (!ok)
      err(
        'area_places',
        `expected a${bundled ? ' non-empty' : 'n'} array of place names (data/places.json), got ${describeValue(places)}`,
      );
  }
  if (buffer !== undefined) {
    const bad = numberProblem(buffer);
    if (bad) err('area_buffer_km', bad);
  }
  if (!bundled) return;
  if (places !== undefined && !(typeof buffer === 'number' && buffer > 0))
    err('area_buffer_km', 'must be a positive number when area_places is given');
  if (places === undefined && buffer !== undefined) err('area_places', 'is required when area_buffer_km is given');
}
