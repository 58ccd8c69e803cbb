// What the data worker holds and does, without the messaging: each import kept as columns (never as feature objects), and the merged columns built for the page. DOM-free.
import { ImportSession, type FieldMapping, type ImportResult } from './import';
import type { AtlasFeature } from '../schema/schema';
import { packColumns, type ColumnsPacket } from '../columnar/columns-packet';
import { ImportRowsBuilder } from './import-rows';
import type { LayerDef } from '../columnar/dataset';
import type { SearchIndex } from '../columnar/search-index';
import { mergeImportRows, type KeptImport } from './merge-rows';
import type { HeldValues } from '../columnar/held-text';
import { heldReader } from './held-rows';

export interface Built {
  packet: ColumnsPacket;
  transfer: ArrayBuffer[];
  layers: LayerDef[];
  conflicts: Map<string, ImportResult['issues']>;
  /** The merged rows' text index, the same as the packet's: the worker answers searches from it. */
  search: SearchIndex;
  /** Held rows' notes, original records and quotes, which the page reads back by row (held-text.ts). */
  held: (rows: ArrayLike<number>, keysOnly?: boolean) => Promise<(HeldValues | null)[]>;
}

/**
 * The import validates each record straight into this worker's column builders (the session's
 * sink is an ImportRowsBuilder): each feature is written into its chunk's columns as it is
 * accepted and dropped, and the result the page gets carries no features.
 */
export class WorkerData {
  private readonly kept = new Map<number, Omit<KeptImport, 'key'>>();
  private readonly building = new Map<number, { rows: ImportRowsBuilder; file?: Blob }>();

  /**
   * A session for an import; feed it, then call finish. `file`: the file being read, from its
   * byte `startByte` on (3 after a UTF-8 BOM the decoder drops): a CSV row's original record is
   * then left in the file and read back by its byte range when asked for (readHeld).
   */
  session(
    id: number,
    name: string,
    mapping: FieldMapping | undefined,
    bytes: number,
    file?: { blob: Blob; startByte: number },
  ): ImportSession {
    const rows = new ImportRowsBuilder(file !== undefined);
    this.building.set(id, { rows, ...(file ? { file: file.blob } : {}) });
    return new ImportSession(name, mapping, bytes, rows.add, file ? file.startByte : null);
  }

  /** Ends an import's session and keeps its rows; returns the result (no features: they are the rows kept here). */
  finish(id: number, session: ImportSession): ImportResult {
    const result = session.end();
    const building = this.building.get(id);
    const builder = building?.rows;
    this.building.delete(id);
    // A file that turns out unreadable after some features were written (a syntax error half way,
    // a "features" array under another type) loads nothing, as its result says: its rows go.
    if (!builder || result.fatal) return result;
    const rows = builder.rows();
    if (rows.n !== result.loaded)
      throw new Error(`${result.file}: ${rows.n} rows were written but ${result.loaded} features loaded`);
    const table = session.csvTable;
    const file = building?.file && table && rows.fileBacked ? { blob: building.file, table } : undefined;
    this.kept.set(id, { result: { file: result.file, layers: result.layers }, rows, ...(file ? { file } : {}) });
    return result;
  }

  /** Drops an import (or one being read). */
  forget(id: number): void {
    this.kept.delete(id);
    this.building.delete(id);
  }

  /** The merged columns of the bundled data (when included) and the imports, packed for the page. */
  build(bundled: AtlasFeature[], imports: readonly { key: string; id: number }[], includeBundled: boolean): Built {
    const loaded = imports.flatMap(({ key, id }) => {
      const kept = this.kept.get(id);
      return kept ? [{ key, ...kept }] : [];
    });
    // The imports' notes, original records and quotes stay here, in their chunks: the page reads a row's back when it shows it.
    const merged = mergeImportRows(bundled, loaded, includeBundled, true);
    const { held: heldRows, from } = merged.columns;
    // (a copy of the held mask: the packet's is transferred)
    const held = heldRows ? heldReader(heldRows.rows.slice(), merged.parts, from, merged.partFiles) : async () => [];
    // The worker keeps the index for its searches (its offsets copied, as the packet's are
    // transferred); the page gets the offsets without the text and asks here for a term's rows.
    const { packet, transfer } = packColumns(merged.columns, { searchText: false });
    const { text, starts } = merged.columns.search;
    return {
      packet,
      transfer,
      layers: merged.layers,
      conflicts: merged.conflicts,
      search: { text, starts: starts.slice() },
      held,
    };
  }
}
