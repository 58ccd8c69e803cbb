// Streaming RFC 4180 tokeniser: CSV text pushed in chunks → complete records, with quotes and CRLF split across chunks.
import type { CsvDelimiter, CsvRecord } from '../csv';

const QUOTE = 34;
/** A character that needs two bytes in a V8 string (above U+00FF). */
const WIDE = /[\u0100-\uffff]/;

/**
 * A one-byte copy of a string of Latin-1 characters cut from a text that has a wider one. V8
 * keeps such a slice two bytes a character (its representation follows the text it came from,
 * not its content), and one two-byte string among a million joined makes the whole join two-byte
 * (the page's packet, packed-strings.ts); JSON.parse makes strings by their content.
 */
function narrow(s: string): string {
  return WIDE.test(s) ? s : (JSON.parse(JSON.stringify(s)) as string);
}
const NON_ASCII = /[\u0080-\uffff]/;
const LF = 10;
const CR = 13;

/**
 * Text arrives in chunks of any size; a record is handed out only once it is complete. A chunk
 * may end anywhere: inside a quoted field, between the two quotes of an escaped `""`, right after
 * a closing quote, or between the CR and LF of a line break. The unfinished record stays as
 * `carry` and is scanned again, from its start, with the next chunk:
 *
 *   chunk 1: `a,"x\r`        → nothing (the quote is open)
 *   chunk 2: `\ny",b\r`      → nothing (CR: is an LF next?)
 *   chunk 3: `\nc,d\n`       → [a, "x\r\ny", b] (line 1), [c, d] (line 3)
 *
 * A record is rescanned with each chunk it spans that holds a line break (without one, no record
 * can end): fine for records far smaller than a chunk (64 kB), which CSV records are.
 */
export class CsvRecordStream {
  private carry = '';
  /** Line (1-based) where `carry` starts. */
  private line = 1;
  private started = false;
  /** Line of the last record when the text ended without a line break (set by end()). */
  unterminatedLine: number | undefined;
  /** Whether the text seen so far ends in a line break (for a truncated last row). */
  private lastChar = -1;
  private readonly delim: number;
  /**
   * Byte offset in the file where `carry` starts, while records' byte ranges are tracked (null:
   * not tracked). Text with U+FFFD stops the tracking: an invalid byte decoded as that character
   * no longer counts as its bytes, so later offsets could be wrong.
   */
  private carryByte: number | null;
  /** The text being scanned: its first byte in the file, and a cursor (character → byte) that only moves forward. */
  private base = 0;
  private ascii = true;
  private atChar = 0;
  private atByte = 0;

  /** `startByte`: the file's byte offset of the first character pushed (3 after a UTF-8 BOM the decoder dropped); records then carry `bytes`. */
  constructor(
    readonly delimiter: CsvDelimiter,
    startByte: number | null = null,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.carryByte = startByte;
  }

  /** Starts the byte cursor on a text beginning at `carryByte`. */
  private track(text: string): void {
    if (this.carryByte === null) return;
    if (text.includes('\ufffd')) {
      this.carryByte = null;
      return;
    }
    this.base = this.carryByte;
    this.ascii = !NON_ASCII.test(text);
    this.atChar = 0;
    this.atByte = 0;
  }

  /** The file's byte offset of character `k` of the text scanned (k never less than the last asked). */
  private byteAt(text: string, k: number): number {
    if (this.ascii) return this.base + k;
    let b = this.atByte;
    for (let i = this.atChar; i < k; i++) {
      const c = text.charCodeAt(i);
      // A surrogate pair is 4 bytes, 2 for each half (the decoder makes no lone halves).
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    }
    this.atChar = k;
    this.atByte = b;
    return this.base + b;
  }

  /** Adds a chunk; complete records are appended to `out`. */
  push(chunk: string, out: CsvRecord[]): void {
    if (chunk.length === 0) return;
    // A record ends only at a line break: without one, the chunk can't finish the carried record.
    if (this.carry && chunk.indexOf('\n') < 0 && chunk.indexOf('\r') < 0) {
      this.carry += chunk;
      this.lastChar = chunk.charCodeAt(chunk.length - 1);
      return;
    }
    let text = this.carry ? this.carry + chunk : chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        if (this.carryByte !== null) this.carryByte += 3;
      }
    }
    this.lastChar = chunk.charCodeAt(chunk.length - 1);
    const before = out.length;
    this.track(text);
    const consumed = this.scan(text, false, out);
    if (this.carryByte !== null) this.carryByte = this.byteAt(text, consumed);
    this.carry = consumed === text.length ? '' : text.slice(consumed);
    // Text with a character above U+00FF is held two bytes a character, and so is every field
    // cut from it: those of Latin-1 characters are copied by content (and the carry, which would
    // make the next chunk's text two-byte too).
    if (WIDE.test(text)) this.narrowFrom(out, before);
  }

  private narrowFrom(out: CsvRecord[], from: number): void {
    for (let k = from; k < out.length; k++) {
      const f = out[k].fields;
      for (let i = 0; i < f.length; i++) f[i] = narrow(f[i]);
    }
    this.carry = narrow(this.carry);
  }

  /** The text has ended: the unfinished record, if any, is complete as it stands. */
  end(out: CsvRecord[]): void {
    const text = this.carry;
    this.carry = '';
    const before = out.length;
    this.track(text);
    this.scan(text, true, out);
    if (WIDE.test(text)) this.narrowFrom(out, before);
    if (out.length > before && this.lastChar !== LF && this.lastChar !== CR)
      this.unterminatedLine = out[out.length - 1].line;
  }

  /** Scans whole records from the start of `text`; returns where the first unfinished one starts (`text.length` when none). */
  private scan(text: string, final: boolean, out: CsvRecord[]): number {
    const n = text.length;
    const delim = this.delim;
    let i = 0;
    let line = this.line;
    while (i < n) {
      const c0 = text.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && i + 1 >= n && !final) break;
        i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      const recordStart = i;
      const recordLine = line;
      const record: CsvRecord = { line, fields: [] };
      let complete = true;
      let recordEnd = n;
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
              if (i + 1 >= n && !final) break; // `"` or `""`? the next chunk says
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
            if (!final) {
              complete = false;
              break;
            }
            value += text.slice(seg, n);
            record.problem ??= `unterminated quoted field: the quote opened on line ${openLine} is never closed, so the rest of the file is inside it`;
            record.fields.push(value);
            break;
          }
          if (i >= n && !final) {
            complete = false;
            break;
          }
          if (i < n) {
            const after = text.charCodeAt(i);
            if (after !== delim && after !== LF && after !== CR) {
              const s = i;
              while (i < n) {
                const ch = text.charCodeAt(i);
                if (ch === delim || ch === LF || ch === CR) break;
                i++;
              }
              if (i >= n && !final) {
                complete = false;
                break;
              }
              record.problem ??= `malformed quoting in field ${record.fields.length + 1}: text after the closing quote (a quote inside a quoted field must be doubled: "")`;
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
          if (i >= n && !final) {
            complete = false;
            break;
          }
          if (strayQuote) {
            record.warnings ??= [];
            record.warnings.push(
              `field ${record.fields.length + 1} contains a quote but is not quoted (kept as it is)`,
            );
          }
          record.fields.push(text.slice(s, i));
        }
        recordEnd = i;
        if (i >= n) break;
        const ch = text.charCodeAt(i);
        if (ch === delim) {
          i++;
          continue;
        }
        if (ch === CR && i + 1 >= n && !final) {
          complete = false;
          break;
        }
        i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (!complete) {
        this.line = recordLine;
        return recordStart;
      }
      if (this.carryByte !== null && !record.problem)
        record.bytes = [this.byteAt(text, recordStart), this.byteAt(text, recordEnd)];
      out.push(record);
    }
    this.line = line;
    return i;
  }
}
