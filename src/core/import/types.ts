// Types shared by the import core: issues, results, options and the field mapping.
import type { Feature, Geometry } from 'geojson';
import type { AtlasProperties, FigureField, LayerKind } from '../schema/schema';

export type ImportFormat = 'geojson' | 'acled' | 'ucdp' | 'csv' | 'unknown';
export type Severity = 'error' | 'warning';

/** One problem found in a file. `index` (0-based feature) for GeoJSON, `line` (1-based, where the record starts) for CSV; neither for the whole file. */
export interface ImportIssue {
  file: string;
  index?: number;
  line?: number;
  featureId?: string;
  /** The field (property, column or `geometry`) the problem is about, when there is one. */
  field?: string;
  /** A complete sentence for people, e.g. `field killed: expected a number, got the string "12"`. */
  reason: string;
  severity: Severity;
}

/** Properties of an imported feature: our schema plus where it came from and everything it carried. */
export interface ImportedProperties extends AtlasProperties {
  /** The file the feature came from. */
  source_file: string;
  /** Key of the entry in `ImportResult.layers` this feature belongs to. */
  layer_key: string;
  /** The record as it came in (GeoJSON properties, or the CSV row by column name): nothing lost, for export later. */
  original: Record<string, unknown>;
  /** GeoJSON foreign members of the feature (keys beside type/id/geometry/properties/bbox), when it had any. */
  foreign_members?: Record<string, unknown>;
}

/** An imported feature; `geometry` is null for one not placed on the map. */
export type ImportedFeature = Feature<Geometry | null, ImportedProperties>;

/** One layer of an import: the features of one file with one category (and layer kind). */
export interface ImportLayer {
  key: string;
  label: string;
  layer: LayerKind;
  count: number;
  file: string;
  category?: string;
}

/** What `guessMapping` and `applyMapping` map to: our fields, coordinates (CSV) and figures. */
export type MappingTarget =
  | 'id'
  | 'start'
  | 'end'
  | 'title'
  | 'summary'
  | 'category'
  | 'layer'
  | 'place'
  | 'place_precision_km'
  | 'date_note'
  | 'actor'
  | 'weapon'
  | 'source_name'
  | 'source_url'
  | 'latitude'
  | 'longitude'
  | FigureField;

/** Which input field (property or column name) feeds each of our fields; the UI lets the user correct it. */
export interface FieldMapping {
  fields: Partial<Record<MappingTarget, string>>;
  /** The layer for features whose `layer` field is not mapped. */
  defaultLayer: LayerKind;
}

export interface ImportOptions {
  /** Called with the fraction done, 0..1, now and then and with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Aborts the import (importText rejects with the signal's reason). */
  signal?: AbortSignal;
  /** The mapping to use for GeoJSON with arbitrary properties and generic CSV, instead of the guess. */
  mapping?: FieldMapping;
}

export interface ImportResult {
  file: string;
  format: ImportFormat;
  /** For GeoJSON: whether the features were read as our schema or through a field mapping. */
  mode?: 'schema' | 'mapping';
  features: ImportedFeature[];
  issues: ImportIssue[];
  loaded: number;
  rejected: number;
  layers: ImportLayer[];
  /** Set when the whole file could not be read (not a dataset, empty, truncated, too large…); also in `issues`. */
  fatal?: string;
  /** Mapping used (guessed or given), for GeoJSON with arbitrary properties and generic CSV. */
  mapping?: FieldMapping;
  /** Field names seen (CSV header, or GeoJSON property names), for the mapping dialog. */
  fields?: string[];
  /** The first few records, for the mapping dialog and `guessMapping`. */
  sampleRows?: Record<string, unknown>[];
}
