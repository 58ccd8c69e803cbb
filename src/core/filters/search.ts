// Pure text search: case-, accent- and quote-style-insensitive matching, with the matched ranges in the original text.
import type { AtlasProperties } from '../schema/schema';
import { fold } from '../columnar/fold';

/** The terms of a query, folded: words, or "quoted phrases"; repeats dropped. At most 12 terms. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const m of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const t = fold((m[1] ?? m[2] ?? '').trim()).text;
    if (t && !terms.includes(t)) terms.push(t);
  }
  return terms.slice(0, 12);
}

/** The fields a search looks in, in the order a match is reported. */
export type SearchField = 'title' | 'place' | 'summary' | 'quote';

/** The texts of a feature a search looks in: title, place, summary and every source quote. */
export function searchFields(p: AtlasProperties): { field: SearchField; text: string }[] {
  const out: { field: SearchField; text: string }[] = [
    { field: 'title', text: p.title },
    { field: 'place', text: p.place },
    { field: 'summary', text: p.summary },
  ];
  for (const s of p.sources) if (s.quote) out.push({ field: 'quote', text: s.quote });
  return out;
}

/** One folded string holding every searched field, for a fast "does it match" test. */
export function searchBlob(p: AtlasProperties): string {
  return searchFields(p)
    .map((f) => fold(f.text).text)
    .join('\u0000');
}

/** True when every term occurs in the blob (an empty query matches everything). */
export function blobMatches(blob: string, terms: readonly string[]): boolean {
  for (const t of terms) if (!blob.includes(t)) return false;
  return true;
}

/** Ranges [start, end) in the original `text` where any term occurs, sorted and merged. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  if (!terms.length) return [];
  const f = fold(text);
  const ranges: [number, number][] = [];
  for (const t of terms) {
    for (let at = f.text.indexOf(t); at >= 0; at = f.text.indexOf(t, at + 1)) {
      ranges.push([f.map[at], f.map[at + t.length - 1] + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** A piece of text to show, cut around a match, with its match ranges relative to `text`. */
export interface Snippet {
  field: SearchField;
  text: string;
  ranges: [number, number][];
}

/**
 * Where the terms the title does not show were found: the first other field holding one of them,
 * cut to about `width` characters starting shortly before the first match ("…" marks a cut). Null when the title
 * holds every term (or there are no terms).
 */
export function matchSnippet(p: AtlasProperties, terms: readonly string[], width = 90): Snippet | null {
  const titleFolded = fold(p.title).text;
  const missing = terms.filter((t) => !titleFolded.includes(t));
  if (!missing.length) return null;
  for (const { field, text } of searchFields(p)) {
    if (field === 'title') continue;
    const ranges = matchRanges(text, missing);
    if (!ranges.length) continue;
    const first = ranges[0];
    // A little context before the match, so it shows even where the row cuts the line short.
    let start = Math.max(0, first[0] - Math.min(20, Math.floor(width / 4)));
    let end = Math.min(text.length, start + width);
    // Cut at word boundaries where there is one near.
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space >= 0 && space < first[0]) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > first[1]) end = space;
    }
    const pre = start > 0 ? '…' : '';
    const post = end < text.length ? '…' : '';
    const shift = start - pre.length;
    const inside = matchRanges(text, terms)
      .filter((r) => r[0] >= start && r[1] <= end)
      .map((r): [number, number] => [r[0] - shift, r[1] - shift]);
    return { field, text: pre + text.slice(start, end) + post, ranges: inside };
  }
  return null;
}
