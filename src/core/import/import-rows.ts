// An import kept as columns in the data worker: each validated feature is written into column builders and a property store as it comes, never kept as an object.
import type { ImportedFeature } from './types';
import { featureDays, type EventColumns } from '../columnar/columns';
import { ColumnsWriter } from '../columnar/columns-writer';
import { detach } from '../columnar/json-values';
import { SearchIndexBuilder } from '../columnar/search-index';

/** Rows of one chunk of columns (each chunk's store and dictionaries are its own). */
export const CHUNK_ROWS = 4096;

/** Chunks need no id lookup of their own (the merged columns have one). */
const NO_LOOKUP: EventColumns['rowOfId'] = { get: () => undefined };
/** Nor a text index (the merge makes one from the store). */
const NO_SEARCH = new SearchIndexBuilder(0).build();

/** One chunk: its columns (rows in the file's order, not sorted: the merge sorts) and each row's place in the file's order. */
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

/**
 * Where the importer's accepted features go in the worker (a ResultBuilder sink); `rows()` once
 * the import has ended. Each feature is written into its chunk's columns as it comes, and dropped:
 * none waits for its chunk to fill, so the parsed objects die young (a scavenge, not a major GC).
 * A chunk's rows are in the file's order (the merge sorts all rows by start and id, merge-columns.ts).
 */
export class ImportRowsBuilder {
  private writer: ColumnsWriter | null = null;
  /** Rows written into the current chunk. */
  private at = 0;
  private fileRows: FileRows | null = null;
  /** Rows whose original record is left for the file to give back. */
  private fileBacked = 0;

  /** `fromFile`: a CSV record with a byte range in the file is kept as that range, without its `original` record. */
  constructor(private readonly fromFile = false) {}
  private readonly chunks: ImportChunk[] = [];
  private loaded = 0;
  /** The import's layer keys (ImportLayer.key), by code; chunks' layer codes index this list. */
  readonly layerKeys: string[] = [];
  private readonly codes = new Map<string, number>();

  /** The sink: writes the feature into the current chunk's columns, closing the chunk when it is full. */
  readonly add = (f: ImportedFeature, bytes?: readonly [number, number]): void => {
    this.writer ??= new ColumnsWriter(CHUNK_ROWS);
    const writer = this.writer;
    const r = this.at++;
    const p = f.properties;
    if (this.fromFile && bytes) {
      // The limits were checked on the record (ResultBuilder.accept); the file keeps its text.
      delete (p as { original?: unknown }).original;
      this.fileRows ??= { start: new Float64Array(CHUNK_ROWS), length: new Uint32Array(CHUNK_ROWS) };
      const rows = this.fileRows;
      rows.start[r] = bytes[0];
      rows.length[r] = bytes[1] - bytes[0];
      this.fileBacked++;
    }
    // Ids cut from the file's text would keep its chunks alive (see detach).
    p.id = detach(p.id);
    if (f.id !== undefined) f.id = p.id;
    const key = p.layer_key;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.layerKeys.push(key) - 1;
      this.codes.set(key, code);
    }
    const days = featureDays(p);
    if (typeof days === 'string') throw new Error(`feature ${this.loaded + r} (${p.id}): ${days}`);
    writer.write(r, f, code, days[0], days[1]);
    if (this.at === CHUNK_ROWS) this.flush();
  };

  private flush(): void {
    const writer = this.writer;
    const n = this.at;
    if (!writer || n === 0) return;
    this.writer = null;
    this.at = 0;
    const columns = writer.columns(n, this.layerKeys.length, NO_SEARCH, NO_LOOKUP);
    const loadedIndex = new Uint32Array(n);
    for (let r = 0; r < n; r++) loadedIndex[r] = this.loaded + r;
    this.loaded += n;
    const rows = this.fileRows;
    this.fileRows = null;
    // No text index: the merge makes it from the store (merge-columns.ts), so the text is not kept twice.
    this.chunks.push(
      rows
        ? {
            columns,
            loadedIndex,
            fileRows: n === CHUNK_ROWS ? rows : { start: rows.start.slice(0, n), length: rows.length.slice(0, n) },
          }
        : { columns, loadedIndex },
    );
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
