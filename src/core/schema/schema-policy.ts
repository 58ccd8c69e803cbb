// Where bundled data and imports differ under the one schema (what is required, how loud a problem is), and the problem it reports.

export type Severity = 'error' | 'warning';

/**
 * One problem with one field. `what` is the message without the field's name; each caller says
 * where (the bundled check: `data/x.geojson: feature 3 (id): field "start": what`, the import:
 * `field start: what` at its file, feature index or line).
 */
export interface SchemaProblem {
  field: string;
  what: string;
  severity: Severity;
}

/** http(s) URLs only (a citation's link opens in the reader's browser). */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/]+\S*$/i.test(text) && text.length < 4096;
}

/** Where the bundled and the imported data differ: what is required, and how loud a problem is. */
export interface SchemaPolicy {
  kind: 'bundled' | 'import';
  /** Text fields that must be present and non-empty. */
  requiredText: readonly string[];
  /** Optional text fields must be non-empty when present. */
  nonEmptyText: boolean;
  /** date_precision, place_precision_km and (on strikes) weapon are required. */
  strictFields: boolean;
  /** "day" with start ≠ end, a qualifier of an absent figure, approximate without area_note, a bad admin_area. */
  inconsistency: Severity;
  /** `null` figures: the import takes them as not given (a warning); bundled data must not hold them. */
  nullFigure: Severity;
  /** Citations: bundled data cites a seed report (`seed`) with a verbatim `quote`; imports name an outlet or URL. */
  sources: 'seeds' | 'outlets';
  /**
   * A GeometryCollection: the import splits it into its parts, one feature each (geojson-import.ts);
   * bundled data stores each part as a feature of its own, so it holds none.
   */
  geometryCollection: 'split' | 'reject';
}

export const BUNDLED: SchemaPolicy = {
  kind: 'bundled',
  requiredText: ['title', 'summary', 'date_note', 'place'],
  nonEmptyText: true,
  strictFields: true,
  inconsistency: 'error',
  nullFigure: 'error',
  sources: 'seeds',
  geometryCollection: 'reject',
};
export const IMPORT: SchemaPolicy = {
  kind: 'import',
  requiredText: ['title'],
  nonEmptyText: false,
  strictFields: false,
  inconsistency: 'warning',
  nullFigure: 'warning',
  sources: 'outlets',
  geometryCollection: 'split',
};
