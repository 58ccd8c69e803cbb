// Collects one file's result: accepted features (duplicate ids rejected), issues, counts and layers.
import type { Geometry } from 'geojson';
import type { AtlasProperties, LayerKind } from '../schema/schema';
import { bundledLayerKey } from '../schema/layers';
import type { ImportFormat, ImportIssue, ImportLayer, ImportResult, ImportedFeature, Severity } from './types';
import { FieldTexts, MAX_SHORT_TEXT, textOverLimit } from '../schema/limits';
import { quote } from '../schema/values';

/** Where a record is: feature index (GeoJSON) or line (CSV). */
export interface Where {
  index?: number;
  line?: number;
  /** A CSV record's byte range in the file, when the stream tracks it (csv-records.ts): the sink may keep it instead of the record. */
  bytes?: readonly [number, number];
}

const LAYER_LABELS: Record<LayerKind, string> = {
  strike: 'Strikes',
  facility: 'Facilities',
  deployment: 'Deployments',
  link: 'Links',
};

/**
 * The key (the identity, schema/layers.ts) of the layer of one file, kind and category:
 * `file.csv::strikes::Battles` (the kind's bundled key in the middle, as links have always named it).
 */
export function layerKey(file: string, layer: LayerKind, category: string | undefined): string {
  return `${file}::${bundledLayerKey(layer) ?? layer}::${category ?? ''}`;
}

/** A record's line (CSV) or feature index as one number: 2 × line + 1, 2 × index, or -1 for neither. */
function whereCode(w: Where): number {
  return w.line !== undefined ? 2 * w.line + 1 : w.index !== undefined ? 2 * w.index : -1;
}

function whereOfCode(code: number): Where {
  return code < 0 ? {} : code % 2 ? { line: (code - 1) / 2 } : { index: code / 2 };
}

function describeWhere(w: Where): string {
  return w.line !== undefined ? `line ${w.line}` : `feature ${w.index ?? '?'}`;
}

/**
 * Where accepted features go: by default into `ImportResult.features`; the data worker passes
 * one that writes each into column builders at once (import-rows.ts), so no feature object
 * outlives its own import and the result's `features` stays empty.
 */
export type FeatureSink = (feature: ImportedFeature, bytes?: readonly [number, number]) => void;

export class ResultBuilder {
  readonly issues: ImportIssue[] = [];
  readonly features: ImportedFeature[] = [];
  rejected = 0;
  /** Features accepted (in `features`, or given to the sink). */
  loaded = 0;
  /** Where each id was first used (whereCode: a number, not an object kept per row). */
  private readonly ids = new Map<string, number>();
  private readonly layers = new Map<string, ImportLayer>();

  constructor(
    readonly file: string,
    readonly format: ImportFormat,
    readonly sink?: FeatureSink,
    /**
     * The sink keeps a CSV row that has a byte range as that range, without its `original` record
     * (ImportRowsBuilder with `fromFile`): the importers then give FieldTexts, not a record.
     */
    readonly originalsInFile = false,
  ) {}

  /** A new builder for the same file and sink (a GeoJSON file read again the ordinary way). */
  fresh(format: ImportFormat = this.format): ResultBuilder {
    return new ResultBuilder(this.file, format, this.sink, this.originalsInFile);
  }

  /** Adds an issue about a record (or the whole file when `where` is empty). */
  issue(where: Where, reason: string, severity: Severity, field?: string, featureId?: string): void {
    const issue: ImportIssue = { file: this.file, reason, severity };
    if (where.index !== undefined) issue.index = where.index;
    if (where.line !== undefined) issue.line = where.line;
    if (featureId !== undefined) issue.featureId = featureId;
    if (field !== undefined) issue.field = field;
    this.issues.push(issue);
  }

  /** The whole file can't be read. */
  fatal(reason: string): ImportResult {
    this.issue({}, reason, 'error');
    return { ...this.result(), fatal: reason };
  }

  /** Counts a rejected record (its issues are already added). */
  reject(): void {
    this.rejected++;
  }

  /**
   * Accepts a feature (taking ownership of `props`, which it completes in place) unless a text is over the limits (limits.ts)
   * or its id was already used in this file (then the second is rejected, naming both).
   * Returns whether it was accepted.
   */
  accept(
    where: Where,
    geometry: Geometry | null,
    props: AtlasProperties,
    /** The record as it came in; FieldTexts: a CSV row left in the file (originalsInFile), checked but not kept. */
    original: Record<string, unknown> | FieldTexts,
    foreign?: Record<string, unknown>,
    /** The caller found every text and key of `original` within the limits already (quickWithinLimits). */
    originalWithin = false,
  ): boolean {
    // Texts over the limits would freeze the page that shows them (a 10-million-character title in the list).
    const long = textOverLimit(props as unknown as Record<string, unknown>, originalWithin ? null : original, foreign);
    if (long) {
      this.issue(
        where,
        `${long.reason}; the feature is not loaded`,
        'error',
        long.field,
        props.id.length <= MAX_SHORT_TEXT ? props.id : undefined,
      );
      this.rejected++;
      return false;
    }
    const firstCode = this.ids.get(props.id);
    if (firstCode !== undefined) {
      const first = whereOfCode(firstCode);
      this.issue(
        where,
        `duplicate id ${JSON.stringify(props.id.slice(0, 80))}: ${describeWhere(first)} and ${describeWhere(where)} both use it; the second (${describeWhere(where)}) is rejected`,
        'error',
        'id',
        props.id,
      );
      this.rejected++;
      return false;
    }
    this.ids.set(props.id, whereCode(where));
    // Rows of one file come mostly in few layers: the last row's layer is reused without making its key again.
    let layer = this.lastLayer;
    if (
      layer === null ||
      props.layer !== this.lastKind ||
      props.category !== this.lastCategory ||
      (props.timeless === true) !== this.lastTimeless
    )
      layer = this.layerOf(props);
    layer.count++;
    const key = layer.key;
    // The properties object was built by the importer for this feature alone, so it is completed in place.
    const properties = props as AtlasProperties & Record<string, unknown>;
    properties.source_file = this.file;
    properties.layer_key = key;
    if (!(original instanceof FieldTexts)) properties.original = original;
    if (foreign) properties.foreign_members = foreign;
    const feature: ImportedFeature = {
      type: 'Feature',
      id: props.id,
      geometry,
      properties: properties as unknown as ImportedFeature['properties'],
    };
    this.loaded++;
    if (this.sink) this.sink(feature, where.bytes);
    else this.features.push(feature);
    return true;
  }

  private lastLayer: ImportLayer | null = null;
  private lastKind: LayerKind | null = null;
  private lastCategory: string | undefined = undefined;
  private lastTimeless = false;

  /** The layer of a row's kind and category (made on its first row), kept as the last one. */
  private layerOf(props: AtlasProperties): ImportLayer {
    const key = layerKey(this.file, props.layer, props.category);
    let layer = this.layers.get(key);
    if (!layer) {
      const label = (props.category || LAYER_LABELS[props.layer]) + (props.timeless ? ' (undated)' : '');
      layer = { key, label, layer: props.layer, count: 0, file: this.file };
      if (props.category !== undefined) layer.category = props.category;
      this.layers.set(key, layer);
    }
    this.lastLayer = layer;
    this.lastKind = props.layer;
    this.lastCategory = props.category;
    this.lastTimeless = props.timeless === true;
    return layer;
  }

  result(): ImportResult {
    return {
      file: this.file,
      format: this.format,
      features: this.features,
      issues: this.issues,
      loaded: this.loaded,
      rejected: this.rejected,
      layers: [...this.layers.values()],
    };
  }
}

/**
 * The notice for a file whose features carry no date: they load as an undated layer, shown at
 * every time of the slider (each feature's own problems are still reported, one by one).
 */
export function undatedNotice(
  b: ResultBuilder,
  fields: readonly string[],
  what: 'field' | 'column',
  of: 'properties' | 'columns',
): void {
  const names = fields
    .slice(0, 20)
    .map((f) => quote(f))
    .join(', ');
  const why = fields.length
    ? `none of the ${of} (${names}${fields.length > 20 ? ', …' : ''}) holds dates`
    : `the features have no ${of}`;
  const n = b.loaded.toLocaleString('en-US');
  b.issue(
    {},
    `No date ${what} found: ${why}, so the ${n} feature${b.loaded === 1 ? ' is' : 's are'} loaded undated, in a layer shown at every time of the slider; map a start date ${what} to place them in time.`,
    'warning',
    'start',
  );
}
