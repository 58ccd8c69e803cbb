// Pure: the CSV export — RFC 4180 quoting, spreadsheet-formula guard, geometry as lon/lat or WKT, sources flattened.
import type { Feature, Geometry } from 'geojson';
import type { Source } from '../../core/schema/schema';
import { toWkt } from './wkt';

/** Columns every export starts with, in this order; other properties follow, then `sources`. */
export const LEADING_COLUMNS = [
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
] as const;
/** Geometry columns: `lon`/`lat` for a Point, `wkt` for every other geometry. */
export const GEOMETRY_COLUMNS = ['lon', 'lat', 'wkt'] as const;
export const SOURCES_COLUMN = 'sources';
/** UTF-8 byte order mark: lets spreadsheet programs read the file as UTF-8. */
export const BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

/** Any GeoJSON feature: bundled, imported, or hand-made in tests. */
type AnyFeature = Feature<Geometry | null, object | null>;

/**
 * A text cell a spreadsheet would run as a formula (starts with = + - @, or a tab or carriage
 * return, which some programs strip first) gets a leading apostrophe. Numbers are never touched.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a quote, comma, CR or LF (or edge spaces) is quoted, quotes doubled. */
export function quoteField(text: string): string {
  if (text === '') return text;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell: numbers as JavaScript prints them, strings guarded, lists joined, objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return guardFormula(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return guardFormula(value.join('; '));
  }
  return guardFormula(JSON.stringify(value));
}

/** Sources flattened into one cell: `file or outlet (url): "quote" | next…`. */
export function flattenSources(sources: unknown): string {
  if (!Array.isArray(sources)) return formatValue(sources);
  return guardFormula(
    (sources as Source[])
      .map((s) => {
        const who = s.seed ?? s.name ?? s.url ?? 'source';
        const url = s.url && s.url !== who ? ` (${s.url})` : '';
        return s.quote ? `${who}${url}: "${s.quote}"` : `${who}${url}`;
      })
      .join(' | '),
  );
}

/** The property holding an imported row's input record (import.md): its members get columns of their own. */
export const ORIGINAL = 'original';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A property's column: its name, or `properties.<name>` for one named like a geometry column or
 * like a column this header makes itself (`original.…`, `properties.…`).
 */
function columnOf(key: string): string {
  const made = (GEOMETRY_COLUMNS as readonly string[]).includes(key) || /^(original|properties)\./.test(key);
  return made ? `properties.${key}` : key;
}

/**
 * The header's columns, gathered feature by feature (csvColumns; the streamed export's first pass
 * over the rows): the leading columns, geometry, then every other property in order of first use,
 * then sources. An `original` record (an imported row's input: ACLED's or UCDP's columns, a
 * GeoJSON feature's own properties) gives a column per member, `original.<name>`, where it first
 * appears: a spreadsheet gets the input's columns as columns, not one cell of JSON a row (which also
 * repeated every name on every row: a 1M-row ACLED export was 4× the file imported).
 */
export class CsvHeader {
  private readonly taken = new Set<string>([...LEADING_COLUMNS, SOURCES_COLUMN]);
  private readonly extra: string[] = [];
  /** Property keys and `original` members already placed: most rows repeat the same ones, so no column name is made again for them. */
  private readonly seenKeys = new Set<string>();
  private readonly seenOriginal = new Set<string>();

  add(f: AnyFeature): void {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(p)) {
      const value = p[key];
      if (key === ORIGINAL && isRecord(value)) {
        for (const k of Object.keys(value)) {
          if (this.seenOriginal.has(k)) continue;
          this.seenOriginal.add(k);
          this.take(`${ORIGINAL}.${k}`);
        }
      } else if (!this.seenKeys.has(key)) {
        this.seenKeys.add(key);
        this.take(columnOf(key));
      }
    }
  }

  columns(): string[] {
    return [...LEADING_COLUMNS, ...GEOMETRY_COLUMNS, ...this.extra, SOURCES_COLUMN];
  }

  private take(col: string): void {
    if (this.taken.has(col)) return;
    this.taken.add(col);
    this.extra.push(col);
  }
}

/** The header: see CsvHeader. */
export function csvColumns(features: readonly AnyFeature[]): string[] {
  const h = new CsvHeader();
  for (const f of features) h.add(f);
  return h.columns();
}

/** What a column reads from a feature, worked out once per header (not once per cell). */
type Cell =
  | { kind: 'lon' | 'lat' | 'wkt' | 'sources' | 'original' }
  | { kind: 'member'; key: string }
  | { kind: 'property'; key: string };

function cellOf(col: string): Cell {
  if (col === 'lon' || col === 'lat' || col === 'wkt' || col === SOURCES_COLUMN || col === ORIGINAL)
    return { kind: col === SOURCES_COLUMN ? 'sources' : col };
  if (col.startsWith('original.')) return { kind: 'member', key: col.slice('original.'.length) };
  return { kind: 'property', key: col.startsWith('properties.') ? col.slice('properties.'.length) : col };
}

/** One feature's CSV line under `cells` (the header's columns as cellOf reads them), quoted, without its newline. */
function lineOf(f: AnyFeature, cells: readonly Cell[]): string {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const g = f.geometry;
  const point = g && g.type === 'Point' && g.coordinates.length >= 2 ? g.coordinates : null;
  const original = isRecord(p[ORIGINAL]) ? (p[ORIGINAL] as Record<string, unknown>) : null;
  const line = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    let cell: string;
    if (c.kind === 'property') cell = formatValue(p[c.key]);
    else if (c.kind === 'member') cell = original ? formatValue(original[c.key]) : '';
    else if (c.kind === 'lon') cell = point ? formatValue(point[0]) : '';
    else if (c.kind === 'lat') cell = point ? formatValue(point[1]) : '';
    else if (c.kind === 'wkt') cell = g && !point ? toWkt(g) : '';
    else if (c.kind === 'sources') cell = flattenSources(p.sources);
    // A record's `original` is in its own columns; one that is not a record (a text) stays here.
    else cell = original ? '' : formatValue(p[ORIGINAL]);
    line[i] = quoteField(cell);
  }
  // Joined, the line is one flat string (a chain of += is a rope that the encoder flattens again).
  return line.join(',');
}

/**
 * The CSV's lines (no newline characters between them), header first. With `columns` given (from
 * csvColumns over the same features) the features may be any iterable, read once (a stream).
 */
export function* csvLines(features: Iterable<AnyFeature>, columns?: readonly string[]): Generator<string> {
  const cols = columns ?? csvColumns(Array.isArray(features) ? (features as AnyFeature[]) : [...features]);
  yield cols.map(quoteField).join(',');
  const cells = cols.map(cellOf);
  for (const f of features) yield lineOf(f, cells);
}

/** The whole CSV: BOM, header, one CRLF-terminated line per feature. */
export function toCsv(features: readonly AnyFeature[]): string {
  let out = BOM;
  for (const line of csvLines(features)) out += line + CSV_NEWLINE;
  return out;
}

/** Parses RFC 4180 CSV (for tests and round trips): rows of fields, quotes undone. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      // CRLF: the \r is dropped, and the \n after it ends the row.
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
