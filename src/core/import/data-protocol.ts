// The messages between the page (ui/import/data-client.ts) and the data worker (entries/data-worker.ts).
import type { FieldMapping, ImportResult } from './import';
import type { AtlasFeature } from '../schema/schema';
import type { ColumnsPacket } from '../columnar/columns-packet';
import type { LayerDef } from '../columnar/dataset';
import type { HeldValues } from '../columnar/held-text';

export type DataRequest =
  | { type: 'import'; id: number; name: string; file?: File; text?: string; mapping?: FieldMapping }
  | { type: 'cancel'; id: number }
  | { type: 'forget'; id: number }
  /** The rows of each term in the index of build `seq` (search-run.ts); a newer search drops this one. */
  | { type: 'search'; seq: number; qid: number; terms: string[] }
  | { type: 'search-cancel'; qid: number }
  /** Build `seq` is drawn: the worker may make its search index now (it waited, not to share the cores with the landing). */
  | { type: 'search-index'; seq: number }
  /** A key in a burst: each term's rows found and kept for the search that follows, nothing answered (worker-search.ts). */
  | { type: 'search-ahead'; seq: number; qid: number; terms: string[] }
  /** Held rows' notes, original records and quotes in build `seq` (held-text.ts). */
  | { type: 'held'; seq: number; qid: number; rows: Uint32Array; keysOnly?: boolean }
  | {
      type: 'build';
      seq: number;
      bundled: AtlasFeature[];
      imports: { key: string; id: number }[];
      includeBundled: boolean;
    };

/** An import's result as the page keeps it: everything but the features, which stay here. */
export type ImportSummary = Omit<ImportResult, 'features'> & { features: [] };

export type DataMessage =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'imported'; id: number; result: ImportSummary }
  | { type: 'failed'; id: number; message: string; cancelled?: boolean }
  | {
      type: 'built';
      seq: number;
      columns: ColumnsPacket;
      layers: LayerDef[];
      conflicts: Map<string, ImportResult['issues']>;
    }
  | { type: 'build-failed'; seq: number; message: string }
  /** A search's rows, one array per term (1 per row holding it); null when the worker no longer holds that build or the search was dropped. */
  | { type: 'searched'; qid: number; rows: Uint8Array[] | null }
  /** The held values of the rows asked for, in order; null when the worker no longer holds that build. */
  | { type: 'held'; qid: number; values: (HeldValues | null)[] | null; error?: string };
