// The page's side of the data worker: imports with progress and cancel, and merged datasets built there, by promise.
import type { FieldMapping } from '../../core/import/import';
import type { AtlasFeature } from '../../core/schema/schema';
import { datasetFromColumns, type Dataset } from '../../core/columnar/dataset';
import { unpackColumns } from '../../core/columnar/columns-packet';
import type { DataMessage, DataRequest, ImportSummary } from '../../core/import/data-protocol';
import { abortError, nextTask, setRemoteSearch } from '../../core/filters/search-run';
import type { HeldValues } from '../../core/columnar/held-text';

/** What to import: a file (picked or dropped) or text already fetched (a `#data=` URL). */
export interface ImportSource {
  name: string;
  file?: File;
  text?: string;
}

interface Waiting<T> {
  resolve(v: T): void;
  reject(e: Error): void;
  onProgress?: (f: number) => void;
}

export interface BuiltDataset {
  dataset: Dataset;
  conflicts: Map<string, ImportSummary['issues']>;
  /** Tells the worker that this dataset is drawn: it makes its search index now (worker-search.ts). */
  drawn(): void;
}

/**
 * One worker for the session. An import's features never come to the page: the worker keeps
 * them and, on `build`, merges the bundled data with the imports named and sends the columns
 * back as transferred ArrayBuffers, so the page makes the dataset without a pass over the rows.
 */
export class DataClient {
  private readonly worker = new Worker(new URL('../../entries/data-worker.ts', import.meta.url), {
    type: 'module',
    name: 'conflict-atlas-data',
  });
  private readonly imports = new Map<number, Waiting<ImportSummary>>();
  private readonly builds = new Map<number, Waiting<BuiltDataset>>();
  private readonly searches = new Map<number, (rows: Uint8Array[] | null) => void>();
  private readonly helds = new Map<number, (values: (HeldValues | null)[] | null, error?: string) => void>();
  private nextId = 1;
  private nextSeq = 1;
  private nextQuery = 1;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<DataMessage>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      const err = new Error(`the data worker failed${e.message ? `: ${e.message}` : ''}`);
      for (const w of [...this.imports.values(), ...this.builds.values()]) w.reject(err);
      this.imports.clear();
      this.builds.clear();
      for (const done of this.searches.values()) done(null);
      this.searches.clear();
      for (const done of this.helds.values()) done(null);
      this.helds.clear();
    };
  }

  /** Imports a file or text; resolves with its id in the worker and the result without features. */
  import(
    source: ImportSource,
    opts: { mapping?: FieldMapping; onProgress?: (f: number) => void; signal?: AbortSignal } = {},
  ): { id: number; done: Promise<ImportSummary> } {
    const id = this.nextId++;
    const done = new Promise<ImportSummary>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new DOMException('Import cancelled', 'AbortError'));
        return;
      }
      this.imports.set(id, { resolve, reject, onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => this.post({ type: 'cancel', id }));
      this.post({
        type: 'import',
        id,
        name: source.name,
        file: source.file,
        text: source.file ? undefined : (source.text ?? ''),
        mapping: opts.mapping,
      });
    });
    return { id, done };
  }

  /** Drops an import's features from the worker. */
  forget(id: number): void {
    this.post({ type: 'forget', id });
  }

  /** The merged dataset of the bundled data (when included) and these imports, in this order. */
  build(
    bundled: AtlasFeature[],
    imports: { key: string; id: number }[],
    includeBundled: boolean,
  ): Promise<BuiltDataset> {
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.builds.set(seq, { resolve, reject });
      this.post({ type: 'build', seq, bundled, imports, includeBundled });
    });
  }

  /**
   * Each term's rows in build `seq`'s index, found in the worker (which keeps that index) so the
   * page's main thread never scans it; null when the worker no longer holds that build. Aborting
   * tells the worker to drop the search; a newer search drops an older one there too.
   */
  search(seq: number, terms: readonly string[], signal: AbortSignal): Promise<Uint8Array[] | null> {
    if (signal.aborted) return Promise.reject(abortError());
    const qid = this.nextQuery++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.searches.delete(qid);
        this.post({ type: 'search-cancel', qid });
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.searches.set(qid, (rows) => {
        signal.removeEventListener('abort', onAbort);
        resolve(rows);
      });
      this.post({ type: 'search', seq, qid, terms: [...terms] });
    });
  }

  /** Held rows' notes, original records and quotes of build `seq` (held-text.ts), read from the worker. */
  held(seq: number, rows: Uint32Array, keysOnly = false): Promise<(HeldValues | null)[]> {
    const qid = this.nextQuery++;
    return new Promise((resolve, reject) => {
      this.helds.set(qid, (values, error) =>
        values ? resolve(values) : reject(new Error(error ?? 'the data worker no longer holds this dataset')),
      );
      this.post({ type: 'held', seq, qid, rows, keysOnly });
    });
  }

  private post(m: DataRequest): void {
    this.worker.postMessage(m);
  }

  private receive(m: DataMessage): void {
    if (m.type === 'searched') {
      const done = this.searches.get(m.qid);
      this.searches.delete(m.qid);
      done?.(m.rows);
    } else if (m.type === 'held') {
      const done = this.helds.get(m.qid);
      this.helds.delete(m.qid);
      done?.(m.values, m.error);
    } else if (m.type === 'progress') this.imports.get(m.id)?.onProgress?.(m.fraction);
    else if (m.type === 'imported' || m.type === 'failed') {
      const w = this.imports.get(m.id);
      this.imports.delete(m.id);
      if (!w) return;
      if (m.type === 'imported') w.resolve(m.result);
      else w.reject(m.cancelled ? new DOMException('Import cancelled', 'AbortError') : new Error(m.message));
    } else {
      const w = this.builds.get(m.seq);
      this.builds.delete(m.seq);
      if (!w) return;
      if (m.type === 'built') {
        const columns = unpackColumns(m.columns);
        const seq = m.seq;
        const held = columns.held;
        if (held) held.reader = (rows, keysOnly) => this.held(seq, rows, keysOnly);
        const { layers, conflicts } = m;
        // The dataset's time index in a task of its own (at 1M rows each step is ~0.1 s of the page's time).
        void nextTask().then(() => {
          try {
            const dataset = datasetFromColumns(columns, layers);
            setRemoteSearch(
              dataset.columns.search,
              (terms, signal) => this.search(seq, terms, signal),
              (terms) => this.post({ type: 'search-ahead', seq, qid: this.nextQuery++, terms: [...terms] }),
            );
            w.resolve({ dataset, conflicts, drawn: () => this.post({ type: 'search-index', seq }) });
          } catch (err) {
            w.reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      } else w.reject(new Error(m.message));
    }
  }
}
