// CSV tables for the importers: header checks, row checks (malformed, ragged), records by column name, points, generic CSV.
import type { Point } from 'geojson';
import type { FieldProblem } from './atlas-schema';
import { undatedNotice, type ResultBuilder, type Where } from './builder';
import { DELIMITER_NAMES, type CsvDelimiter, type CsvRecord } from './csv';
import { rangeError } from '../schema/geojson-validate';
import { FieldTexts, MAX_FIELD_NAME, SAMPLE_ROWS } from '../schema/limits';
import { applyMapping, mappedId } from './mapping';
import { guessMapping } from './mapping-guess';
import type { FieldMapping, ImportResult } from './types';
import { notANumberText, own, parseNumberText, quote } from '../schema/values';

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** Column names as written. */
  header: string[];
  /** Keys of the records built from rows: the column names, made unique (`name (column 7)` for a repeated name). */
  keys: string[];
  /** Line of the last record when the file ends without a line break (a short last row there suggests truncation); set before that row is read. */
  unterminatedLine?: number;
}

/** Reads a CSV file's rows one at a time (rows arrive in order, `i` counting from 0 after the header), then gives the result. */
export interface RowImporter {
  row(row: CsvRecord, i: number): void;
  finish(): ImportResult;
}

/** Checks the header record; null (after a fatal issue) when there is none or it can't be read. */
export function csvTable(head: CsvRecord | undefined, delimiter: CsvDelimiter, b: ResultBuilder): CsvTable | null {
  if (!head) {
    b.fatal('The file has no header line.');
    return null;
  }
  if (head.problem) {
    b.fatal(`The header line can't be read: ${head.problem}`);
    return null;
  }
  const header = head.fields;
  const longName = header.findIndex((name) => name.length > MAX_FIELD_NAME);
  if (longName >= 0) {
    b.fatal(
      `The header line can't be read: column ${longName + 1}'s name is ${header[longName].length.toLocaleString('en-US')} characters long; at most ${MAX_FIELD_NAME} are allowed (is the first line really a header?)`,
    );
    return null;
  }
  const keys: string[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, k) => {
    if (name.trim() === '') b.issue({ line: head.line }, `column ${k + 1} has no name`, 'warning');
    const first = seen.get(name);
    if (first !== undefined) {
      b.issue(
        { line: head.line },
        `column name ${quote(name)} appears twice (columns ${first + 1} and ${k + 1}); the first is used, the second is kept as ${quote(`${name} (column ${k + 1})`)}`,
        'warning',
        name,
      );
      keys.push(`${name} (column ${k + 1})`);
    } else {
      seen.set(name, k);
      keys.push(name);
    }
  });
  return { delimiter, header, keys };
}

/** Index of a column by name, ignoring case and surrounding spaces; -1 when absent. */
export function columnIndex(table: CsvTable, name: string): number {
  const n = name.toLowerCase();
  return table.header.findIndex((h) => h.trim().toLowerCase() === n);
}

/** Reports a malformed or ragged row (rejecting it) and the row's warnings; false when rejected. */
export function checkRow(row: CsvRecord, table: CsvTable, b: ResultBuilder): boolean {
  const where: Where = { line: row.line };
  for (const w of row.warnings ?? []) b.issue(where, w, 'warning');
  if (row.problem) {
    b.issue(where, row.problem, 'error');
    b.reject();
    return false;
  }
  if (row.fields.length !== table.header.length) {
    const d = DELIMITER_NAMES[table.delimiter];
    const truncated = row.line === table.unterminatedLine && row.fields.length < table.header.length;
    const why = truncated
      ? 'the file ends in this row without a line break: is it truncated?'
      : `a missing or extra ${d}, or an unquoted ${d} inside a value?`;
    b.issue(
      where,
      `row has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'} but the header has ${table.header.length} (${why})`,
      'error',
    );
    b.reject();
    return false;
  }
  return true;
}

/** The row as a record by column key (own properties only, `__proto__` included safely). */
export function rowRecord(row: CsvRecord, table: CsvTable): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const { keys } = table;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] ?? '';
    if (k === '__proto__')
      Object.defineProperty(record, k, {
        value: row.fields[i] ?? '',
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else record[k] = row.fields[i] ?? '';
  }
  return record;
}

/**
 * The row's `original` for ResultBuilder.accept: its record, or FieldTexts where the builder's
 * sink keeps the row's text in the file (its byte range known), so no record is made.
 */
export function rowOriginal(row: CsvRecord, table: CsvTable, b: ResultBuilder): Record<string, unknown> | FieldTexts {
  return b.originalsInFile && row.bytes ? new FieldTexts(table.keys, row.fields) : rowRecord(row, table);
}

/** The warning for a row whose latitude and longitude are both empty (kept, like a GeoJSON null geometry). */
export const NO_COORDINATES =
  'not placed on the map: both coordinates are empty; the row is kept in the data, the list and exports, with no position';

/**
 * A Point from latitude/longitude text, or the problems. Columns are named, so a swap is reported
 * as such. Both empty: `point` is null (the row has no place, as a GeoJSON null geometry) with a warning.
 */
export function pointFrom(
  latText: string,
  lonText: string,
  latName: string,
  lonName: string,
): { point?: Point | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (latText.trim() === '' && lonText.trim() === '')
    return { point: null, problems: [{ field: latName, reason: NO_COORDINATES, severity: 'warning' }] };
  const read = (text: string, name: string): number | null => {
    if (text.trim() === '') {
      problems.push({
        field: name,
        reason: `field ${name}: missing (empty), so the row can't be placed on the map`,
        severity: 'error',
      });
      return null;
    }
    const n = parseNumberText(text);
    if (n === null) problems.push({ field: name, reason: notANumberText(name, text), severity: 'error' });
    return n;
  };
  const lat = read(latText, latName);
  const lon = read(lonText, lonName);
  if (lat === null || lon === null) return { problems };
  const bad = rangeError(lon, lat, 'coordinates');
  if (bad) {
    const swapped = bad.includes('look swapped');
    problems.push({
      field: swapped || Math.abs(lat) > 90 ? latName : lonName,
      reason: swapped
        ? `coordinates look swapped: [lat, lon]? ${latName} ${lat} is outside -90..90 but ${lonName} ${lon} would be a valid latitude; are the columns swapped?`
        : bad.replace('coordinates: ', ''),
      severity: 'error',
    });
    return { problems };
  }
  if (lat === 0 && lon === 0)
    problems.push({
      field: latName,
      reason: 'coordinates are 0, 0 ("null island"): probably a missing location',
      severity: 'warning',
    });
  return { point: { type: 'Point', coordinates: [lon, lat] }, problems };
}

/** Adds a record's problems as issues; true when there is an error (the caller rejects). */
export function report(b: ResultBuilder, where: Where, problems: readonly FieldProblem[], featureId?: string): boolean {
  for (const p of problems) b.issue(where, p.reason, p.severity, p.field, featureId);
  return problems.some((p) => p.severity === 'error');
}

/** Rows held back to guess the mapping from (SAMPLE_ROWS good ones), at most. */
const MAX_PENDING_ROWS = 10_000;

/** CSV with latitude/longitude columns and any other columns, through a field mapping (guessed from the first good rows unless given). */
export function genericCsvRows(table: CsvTable, b: ResultBuilder, given?: FieldMapping): RowImporter {
  const pending: [CsvRecord, number][] = [];
  let good = 0;
  let count = 0;
  let decided = false;
  let go: ((row: CsvRecord, i: number) => void) | null = null;
  let fatal: ImportResult | null = null;
  let noDates = false;
  const extra: Partial<ImportResult> = { fields: table.keys };
  const isGood = (r: CsvRecord): boolean => !r.problem && r.fields.length === table.header.length;
  const decide = (): void => {
    decided = true;
    const sampleRows = pending
      .filter(([r]) => isGood(r))
      .slice(0, SAMPLE_ROWS)
      .map(([r]) => rowRecord(r, table));
    const mapping = given ?? guessMapping(table.keys, sampleRows);
    Object.assign(extra, { mapping, sampleRows });
    const latName = mapping.fields.latitude;
    const lonName = mapping.fields.longitude;
    if (latName === undefined || lonName === undefined) {
      const names = table.header
        .slice(0, 20)
        .map((h) => quote(h))
        .join(', ');
      fatal = {
        ...b.fatal(
          `No latitude/longitude columns found: this is not GeoJSON, nor a CSV with columns named latitude and longitude (or lat, lon/lng). Columns found: ${names}`,
        ),
        ...extra,
      };
    } else {
      noDates = mapping.fields.start === undefined;
      go = (row, i) => {
        if (!checkRow(row, table, b)) return;
        const where: Where = { line: row.line, bytes: row.bytes };
        const record = rowRecord(row, table);
        const pt = pointFrom(String(own(record, latName) ?? ''), String(own(record, lonName) ?? ''), latName, lonName);
        const built = applyMapping(record, mapping, { fallbackId: `${b.file}#${i}`, fileName: b.file, text: true });
        const id = mappedId(record, mapping);
        const bad = report(b, where, [...pt.problems, ...built.problems], id);
        if (bad || pt.point === undefined || !built.properties) b.reject();
        else b.accept(where, pt.point, built.properties, record);
      };
    }
    for (const [r, i] of pending) go?.(r, i);
    pending.length = 0;
  };
  return {
    row(row, i) {
      count++;
      if (go) return go(row, i);
      if (decided) return;
      pending.push([row, i]);
      if (isGood(row)) good++;
      if (good >= SAMPLE_ROWS || pending.length >= MAX_PENDING_ROWS) decide();
    },
    finish() {
      if (!decided) decide();
      if (fatal) return fatal;
      if (noDates && count > 0) undatedNotice(b, table.keys, 'column', 'columns');
      return { ...b.result(), ...extra };
    },
  };
}
