// The messages between the page (ui/published/source.ts) and the published-data reader (entries/reader-worker.ts), and a decoded row group.
import type { ColumnsPacket } from '../columnar/columns-packet';
import type { LayerKind } from '../schema/schema';
import type { RangeStats } from './range-fetch';

/**
 * Builds the columns of chosen row groups (several files) here, off the page's thread: reads the
 * groups not cached, keeps decoded groups in an LRU cache, builds the app's columns straight from
 * the decoded groups (group-rows.ts: buildColumnsFrom, no feature array), and transfers them
 * packed. With `warm`, only
 * fills the cache (the next week, while playing).
 */
export interface BuildRequest {
  type: 'build';
  id: number;
  files: Omit<ReadRequest, 'type' | 'id'>[];
  layers: { key: string; kind: LayerKind }[];
  warm?: boolean;
}

export interface ReadRequest {
  type: 'read';
  /** Request id, echoed in the answers. */
  id: number;
  /** Absolute URL of the Parquet file. */
  url: string;
  bytes: number;
  footer: { offset: number; length: number };
  /**
   * Row-group indices to read, each with its first row in the file and, from the manifest, its bytes
   * (first page to last byte): fetched at once, beside the footer, not after it.
   */
  groups: { group: number; rowStart: number; rows: number; offset?: number; length?: number }[];
  columns: string[];
}

/** One decoded row group: each column's values (numbers as Float64Array, transferred; text as arrays). */
export interface DecodedGroup {
  rows: number;
  columns: Record<string, Float64Array | (string | boolean | null)[]>;
}

export type ReaderMessage =
  | {
      type: 'built';
      id: number;
      packet: ColumnsPacket | null;
      rows: number;
      stats: RangeStats;
      /** Milliseconds the worker spent on each step (read: fetch and decode; features; columns; pack). */
      ms?: Record<string, number>;
    }
  | { type: 'group'; id: number; group: number; data: DecodedGroup; stats: RangeStats }
  | { type: 'done'; id: number; stats: RangeStats }
  | { type: 'error'; id: number; message: string };
