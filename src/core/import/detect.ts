// Format detection from the text (file name as a hint): GeoJSON, ACLED CSV, UCDP GED CSV, generic CSV, or why it is none.
import { detectDelimiter, parseCsv, type CsvDelimiter } from './csv';

export type Detected =
  | { format: 'geojson' }
  | { format: 'acled' | 'ucdp' | 'csv'; delimiter: CsvDelimiter; header: string[] }
  | { format: 'unknown'; message: string };

const SAMPLE = 4096;

/** Why the start of the text shows it is not a dataset (binary, PDF, HTML, XML…), or null. */
export function notADataset(text: string): string | null {
  if (text.length === 0) return 'The file is empty.';
  const start = firstNonSpace(text);
  if (start === text.length) return 'The file contains only whitespace.';
  const head = text.slice(0, SAMPLE);
  if (head.startsWith('%PDF-')) return 'This is a PDF document, not GeoJSON or CSV.';
  if (head.startsWith('PK\u0003\u0004'))
    return 'This is a ZIP archive (a zipped shapefile, KMZ or Excel .xlsx?), not GeoJSON or CSV: unzip it or export the data as GeoJSON or CSV.';
  if (head.startsWith('SQLite format 3')) return 'This is an SQLite database (a GeoPackage?), not GeoJSON or CSV.';
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return 'This is a binary file, not GeoJSON or CSV text.';
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  if (odd * 10 > head.length) return 'This is a binary file, not GeoJSON or CSV text.';
  const body = text.slice(start, start + SAMPLE).toLowerCase();
  if (body.startsWith('<')) {
    if (body.includes('<kml')) return 'This is KML, not GeoJSON or CSV: convert it to GeoJSON first.';
    if (body.includes('<gpx')) return 'This is GPX, not GeoJSON or CSV: convert it to GeoJSON first.';
    if (/<(!doctype html|html|head|body|meta|title|script|div)\b/.test(body))
      return 'This is an HTML page (perhaps a login or error page saved instead of the data), not GeoJSON or CSV.';
    return 'This is XML or HTML, not GeoJSON or CSV.';
  }
  return null;
}

/** Index of the first character that is not whitespace or a BOM (the length when there is none). */
export function firstNonSpace(text: string): number {
  let k = 0;
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff && c !== 0xa0 && c !== 11 && c !== 12) break;
  }
  return k;
}

/** Lower-cased, trimmed column names. */
function hasAll(header: readonly string[], names: readonly string[]): boolean {
  const set = new Set(header.map((h) => h.trim().toLowerCase()));
  return names.every((n) => set.has(n));
}

/** Detects the format of a file's text; `fileName` only breaks ties (a `.json`/`.geojson` name is read as JSON). */
export function detectFormat(text: string, fileName = ''): Detected {
  const why = notADataset(text);
  if (why) return { format: 'unknown', message: why };
  const firstChar = text[firstNonSpace(text)] ?? '';
  if (firstChar === '{' || firstChar === '[' || /\.(geo)?json$/i.test(fileName)) return { format: 'geojson' };
  const delimiter = detectDelimiter(text);
  const header = parseCsv(firstRecordText(text), delimiter).records[0]?.fields ?? [];
  if (hasAll(header, ['event_id_cnty', 'event_date', 'event_type'])) return { format: 'acled', delimiter, header };
  if (hasAll(header, ['type_of_violence', 'date_start', 'date_end'])) return { format: 'ucdp', delimiter, header };
  return { format: 'csv', delimiter, header };
}

/** The text of the first CSV record (quote-aware), at most 1 MB. */
function firstRecordText(text: string): string {
  let inQuotes = false;
  const end = Math.min(text.length, 1 << 20);
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text.slice(0, end);
}
