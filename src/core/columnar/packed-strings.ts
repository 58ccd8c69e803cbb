// Many strings sent between threads as one joined text (or its UTF-8 bytes, transferred) and a transferred offsets array, cut out on the page.

/**
 * Structured clone copies each string of a message on its own: 300k ids and dictionary values
 * cost the page about a quarter of a second to deserialise, and the garbage collection after it
 * as much again. Here they are joined into one text with `ends[i]`, the UTF-16 offset where
 * string i ends; the page cuts string i out with `slice` when it is read.
 *
 *   strings: ["UKR1", "Kharkiv", "UKR2"]
 *   text:    "UKR1KharkivUKR2"      ends: [4, 11, 15]
 *
 * The text goes either as itself (one flat string: the clone is a copy of its bytes) or, with
 * `utf8`, as UTF-8 bytes in a transferred buffer, decoded with one TextDecoder pass. Measured in
 * Chromium at 300k ACLED rows (68 MB of text) the decode (323 ms) costs more than the clone of
 * the one string (~130 ms), so the text is the default. Text with a lone surrogate would not
 * survive UTF-8, so it always goes as itself; nothing is changed in transit.
 */
export interface PackedStrings {
  /** UTF-8 of the joined strings; null when `text` is sent instead. */
  bytes: Uint8Array | null;
  /** The joined strings, only when they are not well-formed UTF-16. */
  text: string | null;
  ends: Uint32Array;
  /**
   * Sent as text (not `utf8`), the strings with a character above U+00FF, apart: one such
   * character makes V8 keep a whole joined string two bytes a character, so a million rows of
   * Latin-1 notes would take twice their size on the page for a few bundled titles with "’" or
   * "—". Each of these has an empty place in `text` (ends[i] = ends[i - 1]) and is string k of
   * `wide.text`, where `wide.index[k] = i` (ascending). Null when there are none.
   */
  wide: { text: string; ends: Uint32Array; index: Uint32Array } | null;
}

/** A character that needs two bytes in a V8 string (above U+00FF). */
const WIDE = /[\u0100-\uffff]/;

/** Collects strings to send: add() gives each an index. */
export class StringPacker {
  private readonly parts: string[] = [];
  private readonly lists: { values: readonly unknown[]; at: Int32Array }[] = [];
  private at = 0;

  /** `utf8`: send UTF-8 bytes (transferred) instead of the one joined string (cloned); see PackedStrings. */
  constructor(private readonly utf8 = false) {}

  add(s: string): number {
    this.at += s.length;
    if (this.at > 0xffffffff) throw new Error('packed strings: more than 4 G characters');
    return this.parts.push(s) - 1;
  }

  /**
   * The index of each string of a list (-1 for an entry that is not a string). A long list shares
   * the strings it has, in the same order, with a long list added before: an ACLED row's notes are
   * its summary, its source's quote and its `original.notes`, three dictionaries of nearly one list
   * (the bundled rows' summaries and quotes differ, and a row without notes has no quote). Each entry
   * is looked for a little ahead of the last one found (`alignWith`), so the cost is about one
   * comparison an entry; a Map over every string would cost the worker ~0.6 s at 300k rows.
   */
  addList(values: readonly unknown[]): Int32Array {
    const long = values.length >= MIN_SHARED_LIST;
    if (long)
      for (const l of this.lists) if (l.values.length === values.length && sameList(l.values, values)) return l.at;
    const at = new Int32Array(values.length).fill(-1);
    const shared = long ? new Uint8Array(values.length) : null;
    if (shared) for (const l of this.lists) alignWith(l, values, at, shared);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string' && !shared?.[i]) at[i] = this.add(v);
    }
    if (long) this.lists.push({ values, at });
    return at;
  }

  /** The packet; its buffers are added to `transfer`. */
  pack(transfer: ArrayBuffer[]): PackedStrings {
    if (!this.utf8) return this.packText(transfer);
    const ends = new Uint32Array(this.parts.length);
    let at = 0;
    for (let i = 0; i < this.parts.length; i++) {
      at += this.parts[i].length;
      ends[i] = at;
    }
    const joined = this.parts.join('');
    this.parts.length = 0;
    this.lists.length = 0;
    transfer.push(ends.buffer);
    if (!isWellFormed(joined)) return { bytes: null, text: joined, ends, wide: null };
    const bytes = new TextEncoder().encode(joined);
    transfer.push(bytes.buffer as ArrayBuffer);
    return { bytes, text: null, ends, wide: null };
  }

  /** As text: the strings of Latin-1 characters joined (one byte a character), the others apart (PackedStrings.wide). */
  private packText(transfer: ArrayBuffer[]): PackedStrings {
    const parts = this.parts;
    const ends = new Uint32Array(parts.length);
    const wideIndex: number[] = [];
    const wideParts: string[] = [];
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (WIDE.test(p)) {
        wideIndex.push(i);
        wideParts.push(p);
        parts[i] = '';
      } else at += p.length;
      ends[i] = at;
    }
    const text = parts.join('');
    this.parts.length = 0;
    this.lists.length = 0;
    transfer.push(ends.buffer);
    if (!wideParts.length) return { bytes: null, text, ends, wide: null };
    const wideEnds = new Uint32Array(wideParts.length);
    for (let k = 0, w = 0; k < wideParts.length; k++) wideEnds[k] = w += wideParts[k].length;
    const index = Uint32Array.from(wideIndex);
    transfer.push(wideEnds.buffer, index.buffer);
    return { bytes: null, text, ends, wide: { text: wideParts.join(''), ends: wideEnds, index } };
  }
}

/** The strings again: the bytes decoded once (a BOM kept as text), string i cut out on demand. */
export class StringTable {
  readonly text: string;
  readonly ends: Uint32Array;
  private readonly wide: PackedStrings['wide'];

  constructor(p: PackedStrings) {
    this.text = p.text ?? new TextDecoder('utf-8', { ignoreBOM: true }).decode(p.bytes ?? new Uint8Array(0));
    this.ends = p.ends;
    this.wide = p.wide ?? null;
  }

  get length(): number {
    return this.ends.length;
  }

  get(i: number): string {
    const from = i === 0 ? 0 : this.ends[i - 1];
    const to = this.ends[i];
    if (from === to && this.wide) {
      const k = indexOf(this.wide.index, i);
      if (k >= 0) return this.wide.text.slice(k === 0 ? 0 : this.wide.ends[k - 1], this.wide.ends[k]);
    }
    return this.text.slice(from, to);
  }
}

/** Position of `v` in an ascending array, or -1. */
function indexOf(sorted: Uint32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === v) return mid;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const MIN_SHARED_LIST = 64;
/** How far ahead of the last entry found an entry is looked for in an earlier list. */
const ALIGN_WINDOW = 64;
/** Entries tried before an earlier list that matches under a quarter of them is left; and misses in a row that leave it. */
const ALIGN_PROBE = 256;
const ALIGN_MISSES = 1024;

/**
 * Sets at[i] (and shared[i]) for the strings of `values` found, in order, in the earlier list `l`:
 * a greedy walk, each entry looked for within ALIGN_WINDOW entries after the last one found.
 */
function alignWith(
  l: { values: readonly unknown[]; at: Int32Array },
  values: readonly unknown[],
  at: Int32Array,
  shared: Uint8Array,
): void {
  const a = l.values;
  let p = 0;
  let tried = 0;
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < values.length && p < a.length; i++) {
    const v = values[i];
    if (shared[i] || typeof v !== 'string') continue;
    const end = Math.min(a.length, p + ALIGN_WINDOW);
    misses++;
    for (let j = p; j < end; j++) {
      if (a[j] === v) {
        at[i] = l.at[j];
        shared[i] = 1;
        p = j + 1;
        hits++;
        misses = 0;
        break;
      }
    }
    // A list that matches little (at first, or for long) costs ALIGN_WINDOW comparisons an entry: left.
    if ((++tried === ALIGN_PROBE && hits < ALIGN_PROBE / 4) || misses > ALIGN_MISSES) return;
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** No lone surrogate (String.prototype.isWellFormed, ES2024; a scan where an engine lacks it). */
function isWellFormed(s: string): boolean {
  const native = (s as string & { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const d = s.charCodeAt(++i);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
  }
  return true;
}
