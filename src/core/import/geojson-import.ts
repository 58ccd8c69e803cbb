// GeoJSON import: top-level checks, per-feature geometry checks, our schema or a field mapping, one issue per problem.
import { GEOMETRY_TYPES, checkGeometry } from '../schema/geojson-validate';
import { claimsSchema, validateAtlasProperties, type FieldProblem } from './atlas-schema';
import { undatedNotice, type ResultBuilder, type Where } from './builder';
import {
  FIELD_SCAN_FEATURES,
  MAX_FIELD_NAME,
  MAX_PROPERTY_DEPTH,
  MAX_SHAPE_POSITIONS_PER_FILE,
  SAMPLE_ROWS,
  quickWithinLimits,
} from '../schema/limits';
import { applyMapping, mappedId } from './mapping';
import { guessMapping } from './mapping-guess';
import type { FieldMapping, ImportResult } from './types';
import { describeValue, isRecord, nestedDeeperThan, own, quote } from '../schema/values';
import { bboxProblem, memberWarnings } from './geojson-members';
import { fastAtlasProperties } from './atlas-fast';

const NO_PROBLEMS: FieldProblem[] = [];

export const EXPECTED =
  'expected {"type": "FeatureCollection", "features": [...]} or a single {"type": "Feature", ...}';
const FEATURE_MEMBERS = new Set(['type', 'id', 'geometry', 'properties', 'bbox']);
const PROGRESS_EVERY = 1000;

/** The features of a parsed GeoJSON value, or the message why it has none. `bare`: the file is one geometry, read as one feature. */
export function topLevel(value: unknown): { features: unknown[]; crs?: unknown; bare?: string } | { message: string } {
  if (Array.isArray(value)) return { message: `The JSON is an array, not a GeoJSON object: ${EXPECTED}` };
  if (!isRecord(value)) return { message: `The JSON is ${describeValue(value)}, not a GeoJSON object: ${EXPECTED}` };
  const type = own(value, 'type');
  if (type === undefined) return { message: `The JSON object has no "type": ${EXPECTED}` };
  if (type === 'Topology')
    return { message: 'This is TopoJSON, not GeoJSON: convert it to GeoJSON first (e.g. with topo2geo)' };
  if (type === 'GeometryCollection' || (GEOMETRY_TYPES as readonly unknown[]).includes(type))
    return {
      features: [{ type: 'Feature', geometry: value, properties: null }],
      crs: own(value, 'crs'),
      bare: String(type),
    };
  if (type === 'Feature') return { features: [value], crs: own(value, 'crs') };
  if (type !== 'FeatureCollection')
    return {
      message: `Unknown GeoJSON type ${typeof type === 'string' ? quote(type) : describeValue(type)}: ${EXPECTED}`,
    };
  const features = own(value, 'features');
  if (features === undefined)
    return { message: 'The FeatureCollection has no "features" member (expected an array of features)' };
  if (!Array.isArray(features))
    return { message: `The FeatureCollection's "features" must be an array, got ${describeValue(features)}` };
  return { features, crs: own(value, 'crs') };
}

export function isCrs84(crs: unknown): boolean {
  if (!isRecord(crs)) return false;
  const props = own(crs, 'properties');
  const name = isRecord(props) ? own(props, 'name') : undefined;
  return typeof name === 'string' && /CRS84$|EPSG::?4326$/i.test(name);
}

/** Names of properties seen in the first features, and the first few property objects. */
export function scanFields(features: readonly unknown[]): { fields: string[]; sampleRows: Record<string, unknown>[] } {
  const fields = new Set<string>();
  const sampleRows: Record<string, unknown>[] = [];
  for (let i = 0; i < features.length && i < FIELD_SCAN_FEATURES; i++) {
    const f = features[i];
    const props = isRecord(f) ? own(f, 'properties') : undefined;
    if (!isRecord(props)) continue;
    // A name over the limit can't be mapped (its features are rejected, saying why): keep it out of the form.
    for (const k of Object.keys(props)) if (k.length <= MAX_FIELD_NAME) fields.add(k);
    if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(props);
  }
  return { fields: [...fields], sampleRows };
}

/** Schema mode when at least half of the first 100 features with properties claim our schema. */
export function isSchemaFile(features: readonly unknown[]): boolean {
  let seen = 0;
  let claims = 0;
  for (let i = 0; i < features.length && seen < 100; i++) {
    const f = features[i];
    const props = isRecord(f) ? own(f, 'properties') : undefined;
    if (!isRecord(props)) continue;
    seen++;
    if (claimsSchema(props)) claims++;
  }
  return claims > 0 && claims * 2 >= seen;
}

/** Imports parsed GeoJSON into the builder, yielding progress fractions. */
export function* importGeoJson(
  value: unknown,
  b: ResultBuilder,
  given?: FieldMapping,
): Generator<number, ImportResult, void> {
  const top = topLevel(value);
  if ('message' in top) return b.fatal(top.message);
  const { features } = top;
  if (top.bare)
    b.issue(
      {},
      `The file is a bare ${top.bare} geometry, not a Feature: it is loaded as one feature (feature 0), with no properties`,
      'warning',
      'type',
    );
  if (top.crs !== undefined && !isCrs84(top.crs))
    b.issue(
      {},
      'the "crs" member is not part of RFC 7946 and is ignored: coordinates are read as WGS 84 longitude/latitude',
      'warning',
      'crs',
    );
  if (features.length === 0) b.issue({}, 'The FeatureCollection has no features.', 'warning');
  if (own(value as Record<string, unknown>, 'type') === 'FeatureCollection')
    for (const w of memberWarnings(value, 'FeatureCollection', 'the FeatureCollection'))
      b.issue({}, w, 'warning', 'FeatureCollection');
  if (top.bare)
    for (const w of memberWarnings(value, 'geometry', 'the geometry')) b.issue({}, w, 'warning', 'geometry');
  const schema = !given && isSchemaFile(features);
  let mapping: FieldMapping | undefined;
  const extra: Partial<ImportResult> = { mode: schema ? 'schema' : 'mapping' };
  if (!schema) {
    const { fields, sampleRows } = scanFields(features);
    mapping = given ?? guessMapping(fields, sampleRows);
    Object.assign(extra, { mapping, fields, sampleRows });
  }
  const budget = { shapePositions: 0 };
  for (let i = 0; i < features.length; i++) {
    if (i % PROGRESS_EVERY === PROGRESS_EVERY - 1) yield i / features.length;
    importFeature(features[i], i, b, mapping, budget);
  }
  if (mapping && mapping.fields.start === undefined && features.length > 0)
    undatedNotice(b, extra.fields ?? [], 'field', 'properties');
  return { ...b.result(), ...extra };
}

/** The parts of a Feature's GeometryCollection, or null when it has none. A part that is itself a collection is not split again. */
function collectionParts(f: unknown): unknown[] | null {
  if (!isRecord(f) || own(f, 'type') !== 'Feature') return null;
  const g = own(f, 'geometry');
  if (!isRecord(g) || own(g, 'type') !== 'GeometryCollection') return null;
  const parts = own(g, 'geometries');
  return Array.isArray(parts) ? parts : null;
}

/** Part k of a split feature: the same properties and members, that part as its geometry, its ids ending `#k+1`. */
function withPart(
  f: Record<string, unknown>,
  part: unknown,
  k: number,
  fallback: string,
  mapping: FieldMapping | undefined,
): Record<string, unknown> {
  const suffix = `#${k + 1}`;
  const out: Record<string, unknown> = { ...f, geometry: part };
  const fid = own(f, 'id');
  out.id = typeof fid === 'string' || typeof fid === 'number' ? `${String(fid)}${suffix}` : `${fallback}${suffix}`;
  const props = own(f, 'properties');
  if (isRecord(props)) {
    const key = mapping ? mapping.fields.id : 'id';
    const v = key === undefined ? undefined : own(props, key);
    if (key !== undefined && (typeof v === 'string' || typeof v === 'number'))
      out.properties = { ...props, [key]: `${String(v)}${suffix}` };
  }
  return out;
}

/** Positions of the lines and areas accepted so far in this file (MAX_SHAPE_POSITIONS_PER_FILE). */
export interface ShapeBudget {
  shapePositions: number;
}

/** Imports one feature: every problem of it is reported at once (structure, geometry, properties). */
export function importFeature(
  f: unknown,
  index: number,
  b: ResultBuilder,
  mapping: FieldMapping | undefined,
  budget: ShapeBudget,
  split = true,
): void {
  const where: Where = { index };
  const parts = split ? collectionParts(f) : null;
  if (parts && parts.length === 0) {
    b.issue(
      where,
      "empty geometry: the GeometryCollection has no geometries, so the feature can't be placed on the map",
      'error',
      'geometry',
    );
    b.reject();
    return;
  }
  if (parts) {
    b.issue(
      where,
      `the GeometryCollection's ${parts.length} geometries are loaded as ${parts.length} features, one each (ids ending #1 … #${parts.length})`,
      'warning',
      'geometry',
    );
    for (let k = 0; k < parts.length; k++)
      importFeature(
        withPart(f as Record<string, unknown>, parts[k], k, `${b.file}#${index}`, mapping),
        index,
        b,
        mapping,
        budget,
        false,
      );
    return;
  }
  const rejectWith = (reason: string, field?: string): void => {
    b.issue(where, reason, 'error', field);
    b.reject();
  };
  if (!isRecord(f)) {
    rejectWith(`expected a Feature object, got ${describeValue(f)}`);
    return;
  }
  const type = own(f, 'type');
  if (type === undefined) {
    rejectWith('the feature has no "type": expected "Feature"', 'type');
    return;
  }
  if (type !== 'Feature') {
    if (typeof type === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(type))
      rejectWith(
        `expected a Feature, got a bare ${type} geometry (wrap it: {"type": "Feature", "geometry": ..., "properties": {...}})`,
        'type',
      );
    else rejectWith(`expected type "Feature", got ${describeValue(type)}`, 'type');
    return;
  }
  const problems: FieldProblem[] = [];
  const featureIdValue = own(f, 'id');
  let featureId: string | undefined;
  if (typeof featureIdValue === 'string' || (typeof featureIdValue === 'number' && Number.isFinite(featureIdValue)))
    featureId = String(featureIdValue);
  else if (featureIdValue !== undefined)
    problems.push({
      field: 'id',
      reason: `the feature's "id" must be a string or number, got ${describeValue(featureIdValue)}; ignored`,
      severity: 'warning',
    });
  const propsValue = own(f, 'properties');
  let props: Record<string, unknown> = {};
  if (isRecord(propsValue)) props = propsValue;
  else if (propsValue !== undefined && propsValue !== null)
    problems.push({
      field: 'properties',
      reason: `properties must be an object or null, got ${describeValue(propsValue)}`,
      severity: 'error',
    });
  const geo = checkGeometry(own(f, 'geometry'), Object.hasOwn(f, 'geometry'));
  if (geo.error) problems.push({ field: 'geometry', reason: geo.error, severity: 'error' });
  const shape =
    geo.geometry && geo.geometry.type !== 'Point' && geo.geometry.type !== 'MultiPoint' ? (geo.positions ?? 0) : 0;
  if (shape && budget.shapePositions + shape > MAX_SHAPE_POSITIONS_PER_FILE) {
    const limit = MAX_SHAPE_POSITIONS_PER_FILE.toLocaleString('en-US');
    problems.push({
      field: 'geometry',
      reason: `the file's lines and areas pass ${limit} positions (vertices) in all with this feature, more than the map can draw without freezing the page; simplify the file or split it`,
      severity: 'error',
    });
  }
  for (const w of geo.warnings) problems.push({ field: 'geometry', reason: w, severity: 'warning' });
  for (const w of memberWarnings(f, 'Feature', 'the feature'))
    problems.push({ field: 'feature', reason: w, severity: 'warning' });
  for (const w of memberWarnings(own(f, 'geometry'), 'geometry', 'the geometry'))
    problems.push({ field: 'geometry', reason: w, severity: 'warning' });
  // One allocation-free walk of the properties answers both the depth check and (in accept) the
  // text limits for nearly every feature; only one it can't vouch for is walked again.
  const propsWithin = quickWithinLimits(props);
  if (!propsWithin && nestedDeeperThan(props, MAX_PROPERTY_DEPTH))
    problems.push({
      field: 'properties',
      reason: `properties are nested more than ${MAX_PROPERTY_DEPTH} levels deep`,
      severity: 'error',
    });
  // JSON.parse takes any depth, but a value kept with the feature must survive the copy to the page
  // (structured clone) and export (JSON.stringify), which recurse: the geometry's own extra members and
  // the feature's foreign members are bounded like the properties.
  // A valid `bbox` is kept with them (a bad one is warned about and ignored): nothing valid is dropped.
  // (Most features have neither: no list is made for them.)
  let foreign: [string, unknown][] | null = null;
  for (const k in f) {
    if (!Object.hasOwn(f, k)) continue;
    const v = f[k];
    if (FEATURE_MEMBERS.has(k) && (k !== 'bbox' || bboxProblem(v) !== null)) continue;
    foreign ??= [];
    foreign.push([k, v]);
  }
  let deepExtra = false;
  const g = geo.geometry as Record<string, unknown> | null | undefined;
  if (g)
    for (const k in g)
      if (Object.hasOwn(g, k) && k !== 'type' && k !== 'coordinates' && nestedDeeperThan(g[k], MAX_PROPERTY_DEPTH))
        deepExtra = true;
  if (deepExtra)
    problems.push({
      field: 'geometry',
      reason: `the geometry has members nested more than ${MAX_PROPERTY_DEPTH} levels deep`,
      severity: 'error',
    });
  if (foreign?.some(([, v]) => nestedDeeperThan(v, MAX_PROPERTY_DEPTH)))
    problems.push({
      field: 'feature',
      reason: `the feature has foreign members (beside type, geometry and properties) nested more than ${MAX_PROPERTY_DEPTH} levels deep`,
      severity: 'error',
    });
  // (The fallback id is spelled out only for a feature that needs it: most carry properties.id.)
  const fallback = (): string => featureId ?? `${b.file}#${index}`;
  let built: ReturnType<typeof validateAtlasProperties> | undefined;
  let id: string | undefined;
  // Properties are checked even when the geometry is bad, so that every problem of the feature is reported at once.
  if (!problems.some((p) => p.field === 'properties' && p.severity === 'error')) {
    if (mapping) {
      const fallbackId = fallback();
      built = applyMapping(props, mapping, { fallbackId, fileName: b.file, text: false });
      id = mappedId(props, mapping) ?? fallbackId;
    } else {
      const pid = own(props, 'id');
      if (typeof pid === 'string' && pid !== '') {
        id = pid;
        if (featureId !== undefined && featureId !== pid)
          problems.push({
            field: 'id',
            reason: `the feature's id ${quote(featureId)} differs from properties.id ${quote(pid)}; properties.id is used`,
            severity: 'warning',
          });
      } else if (pid !== undefined)
        problems.push({
          field: 'id',
          reason: `field id: expected a non-empty string, got ${describeValue(pid)}`,
          severity: 'error',
        });
      id ??= fallback();
      // Most features have nothing to report: read in one pass (atlas-fast.ts); any other goes the general way, which says what is wrong.
      const fast = fastAtlasProperties(props, id);
      built = fast ? { properties: fast, problems: NO_PROBLEMS } : validateAtlasProperties(props, id);
    }
    for (const p of built.problems) problems.push(p);
  }
  if (problems.length) {
    const shown = id ?? fallback();
    const issueId = shown === `${b.file}#${index}` ? undefined : shown;
    for (const p of problems) b.issue(where, p.reason, p.severity, p.field, issueId);
  }
  const properties = built?.properties;
  if (!properties || geo.geometry === undefined || problems.some((p) => p.severity === 'error')) {
    b.reject();
    return;
  }
  if (b.accept(where, geo.geometry, properties, props, foreign ? Object.fromEntries(foreign) : undefined, propsWithin))
    budget.shapePositions += shape;
}
