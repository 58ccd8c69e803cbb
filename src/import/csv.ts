// RFC 4180 CSV tokeniser: quoted fields (commas, "" and newlines inside), BOM, CRLF/LF/CR, delimiter detection, start lines.

export type CsvDelimiter = ',' | ';' | '\t';

/** One record: the physical line it starts on (header = line 1), its fields, and what is wrong with it. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is malformed (unterminated quote, text after a closing quote): it must be rejected. */
  problem?: string;
  /** Problems that don't make the record wrong (a stray quote inside an unquoted field, kept as it is). */
  warnings?: string[];
}

export interface CsvParse {
  delimiter: CsvDelimiter;
  /** All records, the header first. Blank lines are not records. */
  records: CsvRecord[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
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
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextYield = PROGRESS_CHARS;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        let value = '';
        let seg = i;
        let closed = false;
        while (i < n) {
          const ch = text.charCodeAt(i);
          if (ch === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(seg, i + 1);
              i += 2;
              seg = i;
              continue;
            }
            value += text.slice(seg, i);
            i++;
            closed = true;
            break;
          }
          if (ch === LF || (ch === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        if (!closed) {
          value += text.slice(seg, n);
          record.problem ??= `unterminated quoted field: the quote opened on line ${openLine} is never closed, so the rest of the file is inside it`;
          record.fields.push(value);
          break;
        }
        if (i < n) {
          const after = text.charCodeAt(i);
          if (after !== delim && after !== LF && after !== CR) {
            record.problem ??= `malformed quoting in field ${record.fields.length + 1}: text after the closing quote (a quote inside a quoted field must be doubled: "")`;
            const s = i;
            while (i < n) {
              const ch = text.charCodeAt(i);
              if (ch === delim || ch === LF || ch === CR) break;
              i++;
            }
            value += text.slice(s, i);
          }
        }
        record.fields.push(value);
      } else {
        const s = i;
        let strayQuote = false;
        while (i < n) {
          const ch = text.charCodeAt(i);
          if (ch === delim || ch === LF || ch === CR) break;
          if (ch === QUOTE) strayQuote = true;
          i++;
        }
        if (strayQuote) (record.warnings ??= []).push(`field ${record.fields.length + 1} contains a quote but is not quoted (kept as it is)`);
        record.fields.push(text.slice(s, i));
      }
      if (i >= n) break;
      const ch = text.charCodeAt(i);
      if (ch === delim) {
        i++;
        continue;
      }
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(record);
    if (i >= nextYield) {
      nextYield = i + PROGRESS_CHARS;
      yield i / n;
    }
  }
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
