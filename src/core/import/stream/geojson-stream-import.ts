// GeoJSON import fed one feature at a time (from GeoJsonFeatureStream): schema or mapping decided on the first features.
import type { ResultBuilder } from '../builder';
import { ResultBuilder as Builder } from '../builder';
import {
  EXPECTED,
  importFeature,
  importGeoJson,
  isCrs84,
  isSchemaFile,
  scanFields,
  topLevel,
  type ShapeBudget,
} from '../geojson-import';
import { undatedNotice } from '../builder';
import { parseJson } from '../json';
import { FIELD_SCAN_FEATURES } from '../../schema/limits';
import { guessMapping } from '../mapping-guess';
import type { FieldMapping, ImportResult } from '../types';
import { describeValue, quote } from '../../schema/values';
import type { JsonStreamEnd } from './json-features';
import { memberWarnings } from '../geojson-members';

/**
 * The first FIELD_SCAN_FEATURES features are held until it is known whether the file is in our
 * schema (most of the first 100 with properties claim it) or needs a field mapping (guessed from
 * their property names); then they and every later feature are imported as they come and dropped.
 */
export class GeoJsonStreamImport {
  private pending: unknown[] = [];
  private decided = false;
  private mapping: FieldMapping | undefined;
  private noDates = false;
  private count = 0;
  private readonly budget: ShapeBudget = { shapePositions: 0 };
  private readonly extra: Partial<ImportResult> = {};

  constructor(
    private readonly b: ResultBuilder,
    private readonly given?: FieldMapping,
  ) {}

  feature(value: unknown, index: number): void {
    this.count++;
    if (this.decided) {
      importFeature(value, index, this.b, this.mapping, this.budget);
      return;
    }
    this.pending.push(value);
    if (this.pending.length >= FIELD_SCAN_FEATURES) this.decide();
  }

  private decide(): void {
    this.decided = true;
    const features = this.pending;
    this.pending = [];
    const schema = !this.given && isSchemaFile(features);
    this.extra.mode = schema ? 'schema' : 'mapping';
    if (!schema) {
      const { fields, sampleRows } = scanFields(features);
      this.mapping = this.given ?? guessMapping(fields, sampleRows);
      Object.assign(this.extra, { mapping: this.mapping, fields, sampleRows });
      if (features.length > 0 && this.mapping.fields.start === undefined) this.noDates = true;
    }
    for (let i = 0; i < features.length; i++) importFeature(features[i], i, this.b, this.mapping, this.budget);
  }

  /** The result, once the stream has ended (`end` says how). */
  finish(end: JsonStreamEnd): ImportResult {
    const b = this.b;
    if (end.kind === 'error') return new Builder(b.file, 'geojson').fatal(end.message);
    if (end.kind === 'whole') {
      // Not a FeatureCollection: small or wrong, read the ordinary way (with its messages).
      const fresh = b.fresh('geojson');
      const parsed = parseJson(end.text);
      if (!parsed.ok) return fresh.fatal(parsed.message);
      const gen = importGeoJson(parsed.value, fresh, this.given);
      for (;;) {
        const step = gen.next();
        if (step.done) return step.value;
      }
    }
    const member = (key: string): unknown => {
      const text = end.members.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    };
    const type = member('type');
    if (type !== 'FeatureCollection') {
      const top = topLevel({ type, crs: member('crs') });
      const why =
        type === 'Feature'
          ? `The JSON object has type "Feature" and a "features" member: ${EXPECTED}`
          : 'message' in top
            ? top.message
            : `Unknown GeoJSON type ${typeof type === 'string' ? quote(type) : describeValue(type)}: ${EXPECTED}`;
      return new Builder(b.file, 'geojson').fatal(why);
    }
    if (!this.decided) this.decide();
    const crs = member('crs');
    if (crs !== undefined && !isCrs84(crs))
      b.issue(
        {},
        'the "crs" member is not part of RFC 7946 and is ignored: coordinates are read as WGS 84 longitude/latitude',
        'warning',
        'crs',
      );
    if (this.count === 0) b.issue({}, 'The FeatureCollection has no features.', 'warning');
    const top: Record<string, unknown> = {};
    for (const k of end.members.keys()) if (k !== 'type') top[k] = member(k);
    for (const w of memberWarnings(top, 'FeatureCollection', 'the FeatureCollection'))
      b.issue({}, w, 'warning', 'FeatureCollection');
    if (this.noDates) undatedNotice(b, this.extra.fields ?? [], 'field', 'properties');
    return { ...b.result(), ...this.extra };
  }
}
