// The data worker's side of held text (held-text.ts): a merged row's notes, quotes and original record read from the part it came from, the original from the file by its CSV record's byte range.
import type { EventColumns } from '../columnar/columns';
import { HELD_KEYS, type HeldValues } from '../columnar/held-text';
import type { CsvRecord } from './csv';
import { rowRecord } from './csv-import';
import type { PartFile } from './merge-rows';
import { CsvRecordStream } from './stream/csv-records';

/** Records of one file read together when their byte ranges lie this close (a block of rows in time order is mostly one stretch of the file). */
const GAP_BYTES = 1 << 16;
/** At most this much of the file read at once. */
const SPAN_BYTES = 8 << 20;

/**
 * The reader of held rows' values for one build: each row's HELD_KEYS from its part's store
 * (`from`: merge-columns.ts), and its `original` record parsed again from its bytes where the
 * file keeps it (partFiles). Null for a row that holds nothing elsewhere. Rejects, saying so, when
 * the file can't be read or its bytes are no longer that row's (the file changed since it was loaded).
 */
export function heldReader(
  heldRows: Uint8Array,
  parts: readonly EventColumns[],
  from: { part: ArrayLike<number>; local: ArrayLike<number> },
  partFiles: readonly (PartFile | null)[],
): (rows: ArrayLike<number>, keysOnly?: boolean) => Promise<(HeldValues | null)[]> {
  // keysOnly: each key the row has, valued null (a CSV export's header: no file read, little to clone).
  return async (rows, keysOnly = false) => {
    const names = new OriginalNames();
    const out: (HeldValues | null)[] = [];
    const reads: { at: number; file: PartFile; start: number; length: number }[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!heldRows[r]) {
        out.push(null);
        continue;
      }
      const p = from.part[r];
      const l = from.local[r];
      const store = parts[p].props;
      const values: HeldValues = {};
      for (const k of HELD_KEYS) {
        const v = store.get(l, k);
        if (v !== undefined) values[k] = !keysOnly ? v : k === 'original' ? names.of(v) : null;
      }
      out.push(values);
      const file = partFiles[p];
      const length = file?.rows.length[l] ?? 0;
      if (file && length > 0) {
        if (keysOnly) values.original = names.ofFile(file);
        else reads.push({ at: i, file, start: file.rows.start[l], length });
      }
    }
    if (reads.length) await readOriginals(reads, out);
    return out;
  };
}

/**
 * For a read of keys only: an `original` record's member names, each valued null (a CSV export's
 * header gives each its column, export/csv.ts), one object for a run of rows with the same names
 * and one for each file's rows, so the message clones each once, not once a row.
 */
class OriginalNames {
  private last: { keys: string[]; record: Record<string, null> } | null = null;
  private readonly files = new Map<PartFile, Record<string, null>>();

  of(value: unknown): Record<string, null> | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const keys = Object.keys(value);
    const last = this.last;
    if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.record;
    const record = Object.fromEntries(keys.map((k) => [k, null])) as Record<string, null>;
    this.last = { keys, record };
    return record;
  }

  ofFile(file: PartFile): Record<string, null> {
    let record = this.files.get(file);
    if (!record) {
      // The names rowRecord gives the file's records (Object.fromEntries makes "__proto__" an own member, as it does).
      record = Object.fromEntries(file.table.keys.map((k) => [k ?? '', null])) as Record<string, null>;
      this.files.set(file, record);
    }
    return record;
  }
}

/** Puts each read's original record (in the key order of the other values: `original` last of HELD_KEYS) into `out[at]`. */
async function readOriginals(
  reads: { at: number; file: PartFile; start: number; length: number }[],
  out: (HeldValues | null)[],
): Promise<void> {
  // By file, then in the file's order.
  const byFile = new Map<Blob, typeof reads>();
  for (const r of reads) {
    const list = byFile.get(r.file.blob);
    if (list) list.push(r);
    else byFile.set(r.file.blob, [r]);
  }
  reads = [...byFile.values()].flatMap((list) => list.sort((a, b) => a.start - b.start));
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < reads.length; ) {
    const first = reads[k];
    let end = k + 1;
    let to = first.start + first.length;
    while (
      end < reads.length &&
      reads[end].file.blob === first.file.blob &&
      reads[end].start - to < GAP_BYTES &&
      reads[end].start + reads[end].length - first.start <= SPAN_BYTES
    ) {
      to = Math.max(to, reads[end].start + reads[end].length);
      end++;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await first.file.blob.slice(first.start, to).arrayBuffer());
    } catch (err) {
      throw new Error(
        `the file can't be read again (${err instanceof Error ? err.message : String(err)}): was it moved or changed since it was loaded? Load it again.`,
      );
    }
    if (bytes.length < to - first.start) throw new Error('the file is shorter than when it was loaded: load it again');
    // A stretch of ASCII text is decoded once, its records cut by byte = character offsets.
    const ascii = isAscii(bytes);
    const span = ascii ? decoder.decode(bytes) : '';
    for (let j = k; j < end; j++) {
      const r = reads[j];
      const at = r.start - first.start;
      const text = ascii ? span.slice(at, at + r.length) : decoder.decode(bytes.subarray(at, at + r.length));
      const stream = new CsvRecordStream(r.file.table.delimiter);
      const recs: CsvRecord[] = [];
      // (With its line break the record completes in one scan.)
      stream.push(`${text}\n`, recs);
      stream.end(recs);
      const rec = recs[0];
      if (recs.length !== 1 || rec.problem || rec.fields.length !== r.file.table.header.length)
        throw new Error(
          "the file's bytes are no longer those of its rows: was it changed since it was loaded? Load it again.",
        );
      (out[r.at] as HeldValues).original = rowRecord(rec, r.file.table);
    }
    k = end;
  }
}

/** True when every byte is below 0x80. */
function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
