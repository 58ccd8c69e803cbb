// An import kept as columns in the data worker: each validated feature goes into column builders and a property store by chunk, never kept as an object.
import type { ImportedFeature } from './types';
import { buildColumns, type EventColumns } from '../columnar/columns';
import { detach } from '../columnar/property-store-builder';

/** Features held as objects before their chunk is written into columns. */
export const CHUNK_ROWS = 4096;

/** Chunks need no id lookup of their own (the merged columns have one). */
const NO_LOOKUP: EventColumns['rowOfId'] = { get: () => undefined };

/** One chunk: its columns (sorted by start day, then id, within the chunk) and each row's place in the file's order. */
export interface ImportChunk {
  columns: EventColumns;
  /** Row → how many features of the file were accepted before it (0-based), for messages in file order. */
  loadedIndex: Uint32Array;
  /**
   * Row → its CSV record's byte range in the file, where its `original` record is left out of the
   * store and read back from the file when asked for (held-text.ts); length 0: kept in the store.
   */
  fileRows?: FileRows;
}

/** Rows' byte ranges in the file (start, length), by row. */
export interface FileRows {
  start: Float64Array;
  length: Uint32Array;
}

/** Where the importer's accepted features go in the worker (a ResultBuilder sink); `rows()` once the import has ended. */
export class ImportRowsBuilder {
  private pending: ImportedFeature[] = [];
  /** Byte ranges of the pending features' records (2 numbers each; -1: none). */
  private pendingBytes: number[] = [];
  /** Rows whose original record is left for the file to give back. */
  private fileBacked = 0;

  /** `fromFile`: a CSV record with a byte range in the file is kept as that range, without its `original` record. */
  constructor(private readonly fromFile = false) {}
  private readonly chunks: ImportChunk[] = [];
  private loaded = 0;
  /** The import's layer keys (ImportLayer.key), by code; chunks' layer codes index this list. */
  readonly layerKeys: string[] = [];
  private readonly known = new Set<string>();

  /** The sink: keeps the feature until its chunk is full, then writes the chunk into columns. */
  readonly add = (f: ImportedFeature, bytes?: readonly [number, number]): void => {
    this.pending.push(f);
    if (this.fromFile) {
      if (bytes) {
        // The limits were checked on the record (ResultBuilder.accept); the file keeps its text.
        delete (f.properties as { original?: unknown }).original;
        this.pendingBytes.push(bytes[0], bytes[1] - bytes[0]);
        this.fileBacked++;
      } else this.pendingBytes.push(-1, 0);
    }
    if (this.pending.length >= CHUNK_ROWS) this.flush();
  };

  private flush(): void {
    const fs = this.pending;
    if (fs.length === 0) return;
    this.pending = [];
    const bytes = this.pendingBytes;
    this.pendingBytes = [];
    for (const f of fs) {
      // Ids cut from the file's text would keep its chunks alive (see detach).
      f.properties.id = detach(f.properties.id);
      if (f.id !== undefined) f.id = f.properties.id;
      const key = f.properties.layer_key;
      if (!this.known.has(key)) {
        this.known.add(key);
        this.layerKeys.push(key);
      }
    }
    const columns = buildColumns(fs, this.layerKeys, { search: false });
    const loadedIndex = new Uint32Array(fs.length);
    const fileRows = bytes.some((b) => b >= 0)
      ? { start: new Float64Array(fs.length), length: new Uint32Array(fs.length) }
      : undefined;
    fs.forEach((f, i) => {
      const row = columns.rowOfId.get(f.properties.id) as number;
      loadedIndex[row] = this.loaded + i;
      if (fileRows && bytes[2 * i] >= 0) {
        fileRows.start[row] = bytes[2 * i];
        fileRows.length[row] = bytes[2 * i + 1];
      }
    });
    this.loaded += fs.length;
    columns.rowOfId = NO_LOOKUP;
    // No text index: the merge makes it from the store (merge-columns.ts), so the text is not kept twice.
    this.chunks.push(fileRows ? { columns, loadedIndex, fileRows } : { columns, loadedIndex });
  }

  /** The import's rows (the last, partial chunk written out first). */
  rows(): ImportRows {
    this.flush();
    return { n: this.loaded, chunks: this.chunks, layerKeys: this.layerKeys, fileBacked: this.fileBacked };
  }
}

/** An import's rows as the worker keeps them: chunks of columns. */
export interface ImportRows {
  n: number;
  chunks: readonly ImportChunk[];
  layerKeys: readonly string[];
  /** Rows whose original record the file keeps (ImportChunk.fileRows). */
  fileBacked?: number;
}
