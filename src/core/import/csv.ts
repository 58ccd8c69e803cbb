// RFC 4180 CSV tokeniser: quoted fields (commas, "" and newlines inside), BOM, CRLF/LF/CR, delimiter detection, start lines.
import { CsvRecordStream } from './stream/csv-records';

export type CsvDelimiter = ',' | ';' | '\t';

/** One record: the physical line it starts on (header = line 1), its fields, and what is wrong with it. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is malformed (unterminated quote, text after a closing quote): it must be rejected. */
  problem?: string;
  /** Problems that don't make the record wrong (a stray quote inside an unquoted field, kept as it is). */
  warnings?: string[];
  /** The record's text in the file, as UTF-8 byte offsets [start, end) without its line break (when the stream tracks them). */
  bytes?: [number, number];
}

export interface CsvParse {
  delimiter: CsvDelimiter;
  /** All records, the header first. Blank lines are not records. */
  records: CsvRecord[];
}

/** Characters between progress reports. */
const PROGRESS_CHARS = 1 << 20;

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** The delimiter used in the first record (header): the most frequent of comma, semicolon and tab outside quotes; comma on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  const end = Math.min(text.length, 65536);
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < end; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Tokenises CSV text, yielding the fraction of text read now and then. A leading BOM is skipped. */
export function* tokenizeCsv(text: string, delimiter: CsvDelimiter): Generator<number, CsvParse, void> {
  const records: CsvRecord[] = [];
  const stream = new CsvRecordStream(delimiter);
  for (let at = 0; at < text.length; at += PROGRESS_CHARS) {
    stream.push(text.slice(at, at + PROGRESS_CHARS), records);
    if (at + PROGRESS_CHARS < text.length) yield (at + PROGRESS_CHARS) / text.length;
  }
  stream.end(records);
  return { delimiter, records };
}

/** Tokenises CSV text in one go (delimiter detected unless given). */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvParse {
  const gen = tokenizeCsv(text, delimiter);
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}
