// Keeps the analyst's imported files, runs their imports, and puts bundled + imported data in the store.
import type { AtlasStore } from '../../app/store';
import type { AtlasFeature } from '../../core/schema/schema';
import type { FieldMapping, ImportResult } from '../../core/import/import';
import { checkFileSize } from '../../core/import/import';
import type { LoadedImport } from '../../core/import/merge';
import { DataClient, type ImportSource } from './data-client';
import { ImportsPanel } from './imports-panel';
import { nextTask, prepareAhead } from '../layers/layer-prepare';

export interface PendingImport {
  id: number;
  name: string;
  progress: number;
  cancel: () => void;
}

/** A file that could not be imported at all, with the one message that says why. */
export interface FailedImport {
  id: number;
  name: string;
  message: string;
}

/** An import as the page keeps it: its report (`result`, without features) and its id in the data worker, which holds the features. */
export interface HeldImport extends LoadedImport {
  workerId: number;
}

export interface ImportsState {
  imports: HeldImport[];
  pending: PendingImport[];
  failed: FailedImport[];
  conflicts: Map<string, ImportResult['issues']>;
  includeBundled: boolean;
  /** The merged data is being built (worker) and made ready for the map (page): the panel says so. */
  preparing: boolean;
}

export class ImportController {
  readonly state: ImportsState = {
    imports: [],
    pending: [],
    failed: [],
    conflicts: new Map(),
    includeBundled: true,
    preparing: false,
  };
  readonly panel: ImportsPanel;
  private nextId = 1;
  private sources = new Map<string, ImportSource>();
  private readonly client = new DataClient();
  /** The latest apply(); an older build that arrives late is dropped. */
  private applySeq = 0;

  constructor(
    private readonly store: AtlasStore,
    private readonly bundled: AtlasFeature[],
    host: HTMLElement,
  ) {
    this.panel = new ImportsPanel(this);
    host.prepend(this.panel.element);
  }

  /** Imports files (from the picker or a drop), each in its own worker, in parallel. */
  addFiles(files: Iterable<File>): Promise<void> {
    return Promise.all([...files].map((file) => this.importSource({ name: file.name, file }))).then(() => undefined);
  }

  /** Imports a dataset from a URL (same origin or CORS-enabled), e.g. from `#data=`. */
  async addUrl(url: string): Promise<void> {
    const id = this.nextId++;
    // parseHash lets only http(s) URLs and same-site paths through; check what the browser resolves, too.
    let target: URL | null = null;
    try {
      target = new URL(url, location.href);
    } catch {
      target = null;
    }
    if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
      this.state.failed.push({
        id,
        name: url,
        message: `Could not load ${url}: only http(s) addresses and paths on this site can be loaded`,
      });
      this.panel.render();
      return;
    }
    const name = fileNameOf(target) || url;
    let file: File;
    try {
      const res = await fetch(target.href, { credentials: 'omit' });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      const tooBig = checkFileSize(Number(res.headers.get('content-length') ?? 0));
      if (tooBig) throw new Error(tooBig);
      // As a Blob, not a string: the bytes stay out of the page's heap and the worker streams them.
      file = new File([await res.blob()], name);
    } catch (e) {
      const why =
        target.origin === location.origin
          ? ''
          : " (a file on another site loads only if its server allows this page's origin (CORS) and this site's Content-Security-Policy lists that site in connect-src)";
      this.state.failed.push({
        id,
        name: url,
        message: `Could not load ${url}: ${e instanceof Error ? e.message : String(e)}${why}`,
      });
      this.panel.render();
      return;
    }
    await this.importSource({ name, file });
  }

  /** Re-runs an import with a corrected field mapping, replacing its result in place. */
  async remap(key: string, mapping: FieldMapping): Promise<void> {
    const source = this.sources.get(key);
    if (!source) return;
    await this.importSource(source, mapping, key);
  }

  remove(key: string): void {
    for (const i of this.state.imports) if (i.key === key) this.client.forget(i.workerId);
    this.state.imports = this.state.imports.filter((i) => i.key !== key);
    this.sources.delete(key);
    this.apply();
  }

  dismissFailure(id: number): void {
    this.state.failed = this.state.failed.filter((f) => f.id !== id);
    this.panel.render();
  }

  setIncludeBundled(include: boolean): void {
    this.state.includeBundled = include;
    this.apply();
  }

  private async importSource(source: ImportSource, mapping?: FieldMapping, replaceKey?: string): Promise<void> {
    const id = this.nextId++;
    const abort = new AbortController();
    const pending: PendingImport = { id, name: source.name, progress: 0, cancel: () => abort.abort() };
    this.state.pending.push(pending);
    this.panel.render();
    try {
      const run = this.client.import(source, {
        mapping,
        signal: abort.signal,
        onProgress: (f) => {
          pending.progress = f;
          this.panel.renderProgress(pending);
        },
      });
      const result = await run.done;
      if (result.fatal && !result.loaded) {
        this.client.forget(run.id);
        this.state.failed.push({ id, name: source.name, message: `${source.name}: ${result.fatal}` });
      } else {
        const key = replaceKey ?? `f${id}`;
        const entry: HeldImport = { key, result, workerId: run.id };
        const at = this.state.imports.findIndex((i) => i.key === key);
        if (at >= 0) {
          this.client.forget(this.state.imports[at].workerId);
          this.state.imports[at] = entry;
        } else this.state.imports.push(entry);
        this.sources.set(key, source);
      }
    } catch (e) {
      const cancelled = e instanceof DOMException && e.name === 'AbortError';
      this.state.failed.push({
        id,
        name: source.name,
        message: cancelled ? `${source.name}: import cancelled` : (e as Error).message,
      });
    } finally {
      this.state.pending = this.state.pending.filter((p) => p.id !== id);
      this.apply();
    }
  }

  /**
   * Rebuilds the dataset from the bundled data and every import — in the data worker, which
   * holds the imports' features and sends back columns — and hands it to the store.
   */
  private apply(): void {
    const seq = ++this.applySeq;
    this.state.preparing = true;
    this.panel.render();
    const imports = this.state.imports.map((i) => ({ key: i.key, id: i.workerId }));
    const stale = (): boolean => seq !== this.applySeq;
    this.client.build(this.bundled, imports, this.state.includeBundled).then(
      async ({ dataset, conflicts }) => {
        if (stale()) return;
        // The map's data made a step per task (a frame can be drawn between), then the store
        // told in a task of its own: no one long task from the worker's message to the map.
        // A failure here only costs the head start: the map's layer prepares what is missing itself.
        await prepareAhead(dataset, nextTask, stale).catch((e: unknown) =>
          console.warn('preparing the map ahead failed', e),
        );
        await nextTask();
        if (stale()) return;
        this.state.conflicts = conflicts;
        this.state.preparing = false;
        this.store.getState().setDataset(dataset);
        this.panel.render();
      },
      (e: Error) => {
        if (stale()) return;
        this.state.preparing = false;
        this.state.failed.push({
          id: this.nextId++,
          name: 'the merged data',
          message: `The data could not be combined: ${e.message}`,
        });
        this.panel.render();
      },
    );
  }
}

/** The last part of a URL's path, decoded when it can be (a malformed %-sequence stays as written). */
function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

let controller: ImportController | null = null;

/** Mounts the page's one import controller (its panel in `host`) on first use; later calls return it (this module loads on demand). */
export function mountImportController(store: AtlasStore, bundled: AtlasFeature[], host: HTMLElement): ImportController {
  controller ??= new ImportController(store, bundled, host);
  return controller;
}
