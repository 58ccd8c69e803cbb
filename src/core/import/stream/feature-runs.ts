// A chunk's run of complete GeoJSON features found by the text between two features and parsed as one array (one JSON.parse a chunk, not one a feature).

/** Runs that may fail to parse before the file is read feature by feature only. */
const RUN_FAILURES = 3;

/**
 * The streaming reader (json-features.ts) reads its first features one by one, scanning each for
 * its end. From two in a row it learns the boundary between features: `}`, what came between
 * them (`,\n`), and the second's start up to its first comma (`{"type":"Feature"`). Then, at the
 * start of a feature, the buffer's last occurrence of that boundary ends a run of whole features,
 * parsed at once as `[run]`. Only a run of whole values, comma-separated, parses so: a boundary
 * inside a string leaves one open (a string holds no raw newline or quote, so it rarely has one),
 * one inside a nested value leaves brackets unbalanced. A run that does not parse is read feature by
 * feature, which finds and places any syntax error as before; after RUN_FAILURES the file is read
 * that way to its end.
 *
 * Positions "in the text" count from the start of the stream: the reader drops text it has used
 * from the front of its buffer (`dropped` characters so far).
 */
export class FeatureRuns {
  /** While no boundary is known: where the last feature ended (in the text; -1: not at a `}`), and the text from there to the next. */
  private lastEnd = -1;
  private between: string | null = null;
  private boundary: string | null = null;
  private failures = 0;
  /** False once runs failed RUN_FAILURES times: no boundary is learnt again. */
  private learning = true;
  /** The text up to which features are read one by one after a failed run (in the text). */
  private slowUntil = 0;

  /** Runs that did not parse so far. */
  get runFailures(): number {
    return this.failures;
  }

  /** A feature read one by one: its text, and where it ended (in the text). */
  featureRead(text: string, end: number): void {
    if (this.boundary !== null || !this.learning) return;
    if (this.between !== null && text.charCodeAt(0) === 123) {
      let k = 1;
      while (k < text.length && k < 40 && text.charCodeAt(k) !== 44) k++;
      this.boundary = `}${this.between}${text.slice(0, k)}`;
      return;
    }
    this.lastEnd = text.charCodeAt(text.length - 1) === 125 ? end : -1;
  }

  /**
   * At `at` in `buf`, the start of a feature: the run of whole features up to the last boundary,
   * parsed, and where it ends in buf (just after its `}`); null when there is none to parse (no
   * boundary known or ahead, or the run does not parse): then the next feature is read alone.
   */
  at(buf: string, at: number, dropped: number): { values: unknown[]; end: number } | null {
    if (this.boundary === null) {
      this.between = this.learning && this.lastEnd >= dropped ? buf.slice(this.lastEnd - dropped, at) : null;
      return null;
    }
    if (dropped + at < this.slowUntil) return null;
    const j = buf.lastIndexOf(this.boundary);
    if (j < at) return null;
    try {
      return { values: JSON.parse(`[${buf.slice(at, j + 1)}]`) as unknown[], end: j + 1 };
    } catch {
      this.slowUntil = dropped + j + 1;
      if (++this.failures >= RUN_FAILURES) {
        this.boundary = null;
        this.learning = false;
      }
      return null;
    }
  }
}
