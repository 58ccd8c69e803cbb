// Pure: the byte ranges of a file's row groups that a build reads, joined where they touch, so a run of adjacent groups is one range request.
import type { FileMetaData } from 'hyparquet';

export interface ByteSpan {
  start: number;
  end: number;
}

/** A joined range at most this long (a run of row groups longer than this is fetched in pieces). */
export const MAX_JOINED_BYTES = 8 << 20;

/**
 * The bytes of row group `group` that hold the columns `names` (their column chunks, dictionary
 * pages included): from the first chunk's start to the last one's end, as hyparquet reads them.
 */
export function groupSpan(md: FileMetaData, group: number, names: readonly string[]): ByteSpan | null {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const chunk of md.row_groups[group]?.columns ?? []) {
    const meta = chunk.meta_data;
    if (!meta || !names.includes(meta.path_in_schema[0])) continue;
    const s = Number(meta.dictionary_page_offset || meta.data_page_offset); // as hyparquet reads it (0: none)
    start = Math.min(start, s);
    end = Math.max(end, s + Number(meta.total_compressed_size));
  }
  return end > 0 ? { start, end } : null;
}

/**
 * Spans joined where one ends where the next starts (or overlaps it), in file order: no byte that
 * no span holds is fetched. A joined range stays within `maxBytes` (unless one span alone is longer).
 */
export function joinSpans(spans: readonly ByteSpan[], maxBytes = MAX_JOINED_BYTES): ByteSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: ByteSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end && Math.max(last.end, s.end) - last.start <= maxBytes)
      last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** The joined range that holds all of [start, end), if one does. */
export function spanHolding(spans: readonly ByteSpan[], start: number, end: number): number {
  return spans.findIndex((s) => s.start <= start && end <= s.end);
}
