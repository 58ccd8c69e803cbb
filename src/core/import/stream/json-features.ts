// Streaming GeoJSON reader: JSON text pushed in chunks → one parsed feature at a time, the other top-level members aside.
import { describeJsonError } from '../json';
import { FeatureRuns } from './feature-runs';

/**
 * A FeatureCollection of a million features is ~500 MB of text: too much to hold as one string
 * and parse at once. This reader walks the top-level object's members as text arrives; the
 * `features` array is handed out element by element (each element's text is parsed alone, then
 * dropped), and every other member (`type`, `crs`, `bbox`, …) is kept as text for the end.
 *
 *   {"type": "FeatureCollection", "features": [ {…}, {…}, … ], "bbox": [...]}
 *    └ member, kept              └ streamed: onFeature(value, index) for each
 *
 * Within an element only strings and brackets are tracked (to find its end); JSON.parse checks
 * the rest. Once two features have been read that way, a chunk's run of complete features is parsed
 * as one array instead (feature-runs.ts: no character of it scanned in JavaScript). Anything that is not an object with a `features` array (a single Feature, a bare
 * geometry, an array, …) is kept whole and returned as `whole` text for the ordinary parse.
 */
export type JsonStreamEnd =
  | { kind: 'collection'; members: Map<string, string>; features: number }
  | { kind: 'whole'; text: string }
  | { kind: 'error'; message: string };

enum S {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  InValue,
  CommaOrEnd,
  FeatFirst,
  FeatElem,
  InFeat,
  FeatNext,
  Done,
  Whole,
  Error,
}

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export class GeoJsonFeatureStream {
  private buf = '';
  private pos = 0;
  private state = S.Start;
  /** Line (1-based) and column (1-based) of buf[0]. */
  private baseLine = 1;
  private baseColumn = 1;
  private key = '';
  private readonly members = new Map<string, string>();
  private sawFeatures = false;
  private count = 0;
  private error = '';
  // The value being scanned: where it starts, bracket depth, string state.
  private vStart = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  /** Earlier text of a long value in progress (moved out of buf, so buf stays small), and where it starts. */
  private parts: string[] = [];
  private partsWhere = { line: 1, column: 1 };
  /** Characters dropped from the front of buf so far (buf positions + dropped = positions in the text). */
  private dropped = 0;
  /** Runs of features parsed as one array (feature-runs.ts). */
  private readonly runs = new FeatureRuns();

  constructor(private readonly onFeature: (value: unknown, index: number) => void) {}

  /** Features handed out so far. */
  get features(): number {
    return this.count;
  }

  /** Adds a chunk; complete features are parsed and handed to onFeature. Stops at the first syntax error. */
  push(chunk: string): void {
    if (this.state === S.Error) return;
    // A value longer than a MB (a huge polygon or string) is kept in parts, scanned once: appending
    // to one ever longer string would copy it again with each chunk.
    if (
      (this.state === S.InFeat || this.state === S.InValue) &&
      this.pos === this.buf.length &&
      this.buf.length - this.vStart > 1 << 20
    ) {
      if (!this.parts.length) this.partsWhere = this.where(this.vStart);
      this.parts.push(this.buf.slice(this.vStart));
      this.advanceBase(this.buf);
      this.dropped += this.buf.length;
      this.buf = '';
      this.pos = 0;
      this.vStart = 0;
    }
    this.buf += chunk;
    this.run(false);
    this.compact();
  }

  end(): JsonStreamEnd {
    if (this.state !== S.Error && this.state !== S.Whole) this.run(true);
    if (this.state === S.Error) return { kind: 'error', message: this.error };
    if (this.state === S.Whole || (this.state === S.Done && !this.sawFeatures))
      return { kind: 'whole', text: this.buf };
    if (this.state !== S.Done) return { kind: 'error', message: this.truncated() };
    return { kind: 'collection', members: this.members, features: this.count };
  }

  /** Drops text already used, once the features are streaming (before that, it may all be needed whole). */
  private compact(): void {
    if (!this.sawFeatures || this.state === S.Error) return;
    const keep = this.state === S.InFeat || this.state === S.InValue ? this.vStart : this.pos;
    if (keep < 1 << 16) return;
    this.advanceBase(this.buf.slice(0, keep));
    this.dropped += keep;
    this.buf = this.buf.slice(keep);
    this.pos -= keep;
    this.vStart -= keep;
  }

  /** Moves the line and column of buf[0] past `dropped` (text about to leave the front of buf). */
  private advanceBase(dropped: string): void {
    let nl = 0;
    let last = -1;
    for (let k = dropped.indexOf('\n'); k !== -1; k = dropped.indexOf('\n', k + 1)) {
      nl++;
      last = k;
    }
    if (nl) {
      this.baseLine += nl;
      this.baseColumn = dropped.length - last;
    } else this.baseColumn += dropped.length;
  }

  /** Line and column of a position in buf, for messages. */
  private where(at: number): { line: number; column: number } {
    let line = this.baseLine;
    let column = this.baseColumn;
    for (let k = 0; k < at; k++) {
      if (this.buf.charCodeAt(k) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    return { line, column };
  }

  private fail(at: number, why: string): void {
    const { line, column } = this.where(at);
    this.error = `Invalid JSON at line ${line}, column ${column}: ${why}`;
    this.state = S.Error;
  }

  private truncated(): string {
    const { line, column } = this.where(this.buf.length);
    const inside =
      this.sawFeatures && this.state >= S.FeatFirst && this.state <= S.FeatNext
        ? `inside the "features" array, after ${this.count.toLocaleString('en-US')} features`
        : 'before the closing }';
    return `Truncated JSON: the file ends ${inside} (line ${line}, column ${column})`;
  }

  /** Starts scanning a value at pos. */
  private begin(): void {
    this.vStart = this.pos;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    const c = this.buf.charCodeAt(this.pos);
    this.scalar = c !== 123 && c !== 91 && c !== 34;
  }

  /** Scans on to the end of the value; true when it is complete (pos just past it). */
  private scanValue(final: boolean): boolean {
    const b = this.buf;
    const n = b.length;
    let i = this.pos;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escape;
    if (this.scalar) {
      // A number or a literal: ends at a delimiter.
      while (i < n) {
        const c = b.charCodeAt(i);
        if (c === 44 || c === 93 || c === 125 || isWs(c)) break;
        i++;
      }
      this.pos = i;
      return i < n || final;
    }
    for (; i < n; i++) {
      const c = b.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (depth === 0) {
            i++;
            break;
          }
        }
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    const done = !inString && depth === 0 && (i > this.vStart || this.parts.length > 0);
    this.pos = i;
    this.depth = depth;
    this.inString = inString;
    this.escape = escaped;
    return done;
  }

  /** Parses the value just scanned; null after a syntax error (reported at its place in the file). */
  private valueText(): string {
    const tail = this.buf.slice(this.vStart, this.pos);
    return this.parts.length ? this.parts.join('') + tail : tail;
  }

  private parseValue(text: string): { value: unknown } | null {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      const why = describeJsonError(text) ?? 'invalid value';
      const m = /^(?:Invalid|Truncated) JSON(?: at line (\d+), column (\d+))?: (.*)$/s.exec(why);
      const start = this.parts.length ? this.partsWhere : this.where(this.vStart);
      if (m?.[1]) {
        const line = start.line + Number(m[1]) - 1;
        const column = Number(m[1]) === 1 ? start.column + Number(m[2]) - 1 : Number(m[2]);
        this.error = `Invalid JSON at line ${line}, column ${column}: ${m[3]}`;
      } else this.error = `Invalid JSON at line ${start.line}, column ${start.column}: ${m ? m[3] : why}`;
      this.state = S.Error;
      return null;
    }
  }

  private run(final: boolean): void {
    const b = this.buf;
    const n = b.length;
    for (;;) {
      const st = this.state;
      if (st === S.Error || st === S.Whole) return;
      if (st === S.InValue || st === S.InFeat) {
        if (!this.scanValue(final)) return;
        const text = this.valueText();
        const parsed = this.parseValue(text);
        this.parts = [];
        if (!parsed) return;
        if (st === S.InFeat) {
          this.runs.featureRead(text, this.dropped + this.pos);
          this.onFeature(parsed.value, this.count++);
          this.state = S.FeatNext;
        } else {
          this.members.set(this.key, text);
          this.state = S.CommaOrEnd;
        }
        continue;
      }
      // Every other state starts at the next character that is not whitespace.
      let i = this.pos;
      while (i < n && (isWs(b.charCodeAt(i)) || (st === S.Start && b.charCodeAt(i) === 0xfeff))) i++;
      this.pos = i;
      if (i >= n) return;
      const c = b.charCodeAt(i);
      switch (st) {
        case S.Start:
          if (c === 123) {
            this.pos++;
            this.state = S.KeyOrEnd;
          } else this.state = S.Whole;
          continue;
        case S.KeyOrEnd:
        case S.Key: {
          if (c === 125 && st === S.KeyOrEnd) {
            this.pos++;
            this.state = S.Done;
            continue;
          }
          if (c !== 34) {
            this.fail(i, 'expected a property name in double quotes');
            return;
          }
          let k = i + 1;
          while (k < n && b.charCodeAt(k) !== 34) k += b.charCodeAt(k) === 92 ? 2 : 1;
          if (k >= n) return;
          try {
            this.key = JSON.parse(b.slice(i, k + 1)) as string;
          } catch {
            this.fail(i, 'invalid property name');
            return;
          }
          this.pos = k + 1;
          this.state = S.Colon;
          continue;
        }
        case S.Colon:
          if (c !== 58) {
            this.fail(i, 'expected ":" after the property name');
            return;
          }
          this.pos++;
          this.state = S.Value;
          continue;
        case S.Value:
          if (this.key === 'features' && !this.sawFeatures && c === 91) {
            this.sawFeatures = true;
            this.pos++;
            this.state = S.FeatFirst;
          } else {
            this.begin();
            this.state = S.InValue;
          }
          continue;
        case S.CommaOrEnd:
          if (c === 44) this.state = S.Key;
          else if (c === 125) this.state = S.Done;
          else {
            this.fail(i, 'expected "," or "}" after a value');
            return;
          }
          this.pos++;
          continue;
        case S.FeatFirst:
        case S.FeatElem:
          if (c === 93 && st === S.FeatFirst) {
            this.pos++;
            this.state = S.CommaOrEnd;
            continue;
          }
          if (c === 93 || c === 44) {
            this.fail(i, 'expected a value');
            return;
          }
          {
            const run = this.runs.at(b, i, this.dropped);
            if (run) {
              this.pos = run.end;
              this.state = S.FeatNext;
              for (let k = 0; k < run.values.length; k++) this.onFeature(run.values[k], this.count++);
              continue;
            }
          }
          this.begin();
          this.state = S.InFeat;
          continue;
        case S.FeatNext:
          if (c === 44) this.state = S.FeatElem;
          else if (c === 93) this.state = S.CommaOrEnd;
          else {
            this.fail(i, 'expected "," or "]" after a value');
            return;
          }
          this.pos++;
          continue;
        case S.Done:
          this.fail(i, 'unexpected text after the end of the JSON value');
          return;
      }
    }
  }
}
