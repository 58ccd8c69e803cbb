// The hot loops of a term search, one slice each, as plain functions (V8 optimises a long loop inside a generator poorly; term-rows.ts steps these).
/** Characters of the index one slice of a full search covers (~a few ms of indexOf). */
export const SLICE_CHARS = 1 << 22;
/** The most positions of one term recorded (16 MB); a term found more often keeps its rows only. */
export const MAX_POSITIONS = 1 << 22;

/** A growable list of positions that gives up (null) past its cap. */
export class PositionList {
  private buf: Uint32Array | null = new Uint32Array(1024);
  length = 0;
  constructor(private readonly max = MAX_POSITIONS) {}
  get overflowed(): boolean {
    return !this.buf;
  }
  push(p: number): void {
    if (!this.buf) return;
    if (this.length === this.buf.length) {
      if (this.length >= this.max) {
        this.buf = null;
        return;
      }
      const next = new Uint32Array(Math.min(this.max, this.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = p;
  }
  done(): Uint32Array | null {
    return this.buf ? this.buf.slice(0, this.length) : null;
  }
}

/** The last row r in [lo, hi) with starts[r] <= pos. */
export function rowAt(starts: Uint32Array, pos: number, lo: number, hi: number): number {
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Marks the rows of ascending positions [k0, k1) that hold `term` at (position − offset), from row
 * `r` on, recording those positions when `kept` is given; returns the row reached. With no `term`
 * every position is a hit (a letter's followers group).
 */
export function markPositions(
  text: string,
  term: string | null,
  offset: number,
  from: Uint32Array,
  k0: number,
  k1: number,
  starts: Uint32Array,
  out: Uint8Array,
  r: number,
  kept: PositionList | null,
): number {
  for (let k = k0; k < k1; k++) {
    const p = from[k] - offset;
    if (term !== null && (p < 0 || !text.startsWith(term, p))) continue;
    kept?.push(p);
    while (starts[r + 1] <= p) r++;
    out[r] = 1;
  }
  return r;
}

/** Checks rows [r0, r1) that `base` marks, each alone. */
export function markCandidateRows(
  text: string,
  term: string,
  base: Uint8Array,
  starts: Uint32Array,
  r0: number,
  r1: number,
  out: Uint8Array,
): void {
  for (let r = r0; r < r1; r++) if (base[r] && text.slice(starts[r], starts[r + 1]).includes(term)) out[r] = 1;
}

/**
 * Runs indexOf over rows [r0, r1) of the index (their text, `part`, starts at `from`), marking each
 * row with a hit. With `kept`, records every position (overlapping ones too) for the next
 * keystroke; without, skips to the next row after a hit (a one-letter term is in most rows).
 */
export function scanRows(
  part: string,
  term: string,
  from: number,
  starts: Uint32Array,
  r0: number,
  r1: number,
  out: Uint8Array,
  kept: PositionList | null,
): void {
  // Hits come in row order: each row is found by galloping on from the last one (a term in most
  // rows, "k", costs a step or two a hit instead of a binary search over the slice).
  let r = r0;
  for (let at = part.indexOf(term); at >= 0; ) {
    const pos = from + at;
    let step = 1;
    let hi = r + 1;
    while (hi < r1 && starts[hi] <= pos) {
      r = hi;
      hi = r + step;
      step *= 2;
    }
    r = rowAt(starts, pos, r, Math.min(hi, r1));
    out[r] = 1;
    if (kept) {
      kept.push(pos);
      at = part.indexOf(term, at + 1);
    } else at = part.indexOf(term, starts[r + 1] - from);
  }
}

/** Records every position of `letter` in text [from, to) and counts the character after each (codes ≥ 128 as 128). */
export function scanLetter(
  text: string,
  letter: string,
  from: number,
  to: number,
  kept: PositionList,
  counts: Uint32Array,
): void {
  for (let at = text.indexOf(letter, from); at >= 0 && at < to; at = text.indexOf(letter, at + 1)) {
    kept.push(at);
    counts[Math.min(text.charCodeAt(at + 1), 128)]++;
  }
}
