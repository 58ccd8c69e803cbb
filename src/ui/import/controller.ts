// Runs the analyst's imports (files, `#data=` URLs) in the data worker and puts bundled + imported data in the store; the list of imports is the store's.
import type { AtlasStore } from '../../app/store';
import type { ImportsState } from '../../app/imports';
import type { AtlasFeature } from '../../core/schema/schema';
import type { FieldMapping } from '../../core/import/import';
import { checkFileSize } from '../../core/import/import';
import { DataClient, type ImportSource } from './data-client';
import { ImportsPanel } from './imports-panel';
import { nextTask, prepareAhead } from '../layers/layer-prepare';
import { prepareQueryFor, watchRemoteTerms } from './remote-query';
import type { BasemapData } from '../map/basemap-data';

export type { HeldImport, PendingImport, FailedImport, ImportsState } from '../../app/imports';

export class ImportController {
  readonly panel: ImportsPanel;
  private nextId = 1;
  private sources = new Map<string, ImportSource>();
  private readonly client = new DataClient();
  /** What cancels each pending import (kept here: the store holds data only). */
  private readonly cancels = new Map<number, () => void>();
  /** The latest apply(); an older build that arrives late is dropped. */
  private applySeq = 0;
  /** Callers of apply() waiting for a dataset built at or after their call to be in the store. */
  private landed: (() => void)[] = [];

  constructor(
    private readonly store: AtlasStore,
    private readonly bundled: AtlasFeature[],
    host: HTMLElement,
    /** The base map the map draws with (its region features are made ahead), when the map has one. */
    private readonly basemap?: BasemapData,
    /** Resolves once the map has drawn what the store holds (the worker then makes its search index). */
    private readonly whenDrawn: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.panel = new ImportsPanel(store, this);
    host.prepend(this.panel.element);
    // The page holds no copy of an import's search text: queries not typed ask the worker.
    watchRemoteTerms(store);
  }

  /** The list of imports (the store's). */
  get state(): ImportsState {
    return this.store.getState().imports;
  }

  private update(patch: Partial<ImportsState>): void {
    this.store.getState().setImports({ ...this.state, ...patch });
  }

  private fail(id: number, name: string, message: string): void {
    this.update({ failed: [...this.state.failed, { id, name, message }] });
  }

  /** Imports files (from the picker or a drop), each in its own worker, in parallel. */
  addFiles(files: Iterable<File>): Promise<void> {
    return Promise.all([...files].map((file) => this.importSource({ name: file.name, file }))).then(() => undefined);
  }

  /**
   * Imports a dataset from a URL (same origin or CORS-enabled), e.g. from `#data=`. Resolves once
   * the data holding it are in the store (or it failed).
   */
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
      this.fail(id, url, `Could not load ${url}: only http(s) addresses and paths on this site can be loaded`);
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
      this.fail(id, url, `Could not load ${url}: ${e instanceof Error ? e.message : String(e)}${why}`);
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
    this.update({ imports: this.state.imports.filter((i) => i.key !== key) });
    this.sources.delete(key);
    void this.apply();
  }

  /** Cancels a file being imported. */
  cancel(id: number): void {
    this.cancels.get(id)?.();
  }

  dismissFailure(id: number): void {
    this.update({ failed: this.state.failed.filter((f) => f.id !== id) });
  }

  setIncludeBundled(include: boolean): void {
    this.update({ includeBundled: include });
    void this.apply();
  }

  private async importSource(source: ImportSource, mapping?: FieldMapping, replaceKey?: string): Promise<void> {
    const id = this.nextId++;
    const abort = new AbortController();
    this.cancels.set(id, () => abort.abort());
    this.update({ pending: [...this.state.pending, { id, name: source.name, progress: 0 }] });
    try {
      const run = this.client.import(source, {
        mapping,
        signal: abort.signal,
        onProgress: (f) => {
          this.update({ pending: this.state.pending.map((p) => (p.id === id ? { ...p, progress: f } : p)) });
        },
      });
      const result = await run.done;
      if (result.fatal && !result.loaded) {
        this.client.forget(run.id);
        this.fail(id, source.name, `${source.name}: ${result.fatal}`);
      } else {
        const key = replaceKey ?? `f${id}`;
        const entry = { key, result, workerId: run.id };
        const imports = [...this.state.imports];
        const at = imports.findIndex((i) => i.key === key);
        if (at >= 0) {
          this.client.forget(imports[at].workerId);
          imports[at] = entry;
        } else imports.push(entry);
        this.update({ imports });
        this.sources.set(key, source);
      }
    } catch (e) {
      const cancelled = e instanceof DOMException && e.name === 'AbortError';
      this.fail(id, source.name, cancelled ? `${source.name}: import cancelled` : (e as Error).message);
    } finally {
      this.cancels.delete(id);
      this.update({ pending: this.state.pending.filter((p) => p.id !== id) });
    }
    await this.apply();
  }

  /**
   * Rebuilds the dataset from the bundled data and every import — in the data worker, which
   * holds the imports' features and sends back columns — and hands it to the store. Resolves
   * once a dataset built from this call (or a later one) is in the store, or the build failed.
   */
  private apply(): Promise<void> {
    const seq = ++this.applySeq;
    const landed = new Promise<void>((resolve) => this.landed.push(resolve));
    const land = (): void => {
      // A link applied while this was built is applied again to the new data (its window, its selection).
      for (const w of this.store.getState().rebuildLanded()) console.warn(w);
      for (const resolve of this.landed.splice(0)) resolve();
    };
    this.update({ preparing: true });
    this.store.getState().rebuildStarted();
    const imports = this.state.imports.map((i) => ({ key: i.key, id: i.workerId }));
    const stale = (): boolean => seq !== this.applySeq;
    this.client.build(this.bundled, imports, this.state.includeBundled).then(
      async ({ dataset, conflicts, drawn }) => {
        if (stale()) return;
        // The map's data made a step per task (a frame can be drawn between), then the store
        // told in a task of its own: no one long task from the worker's message to the map.
        // A failure here only costs the head start: the map's layer prepares what is missing itself.
        // At the map's zoom: the density model's hexagon grid at it is made ahead too.
        const zoom = this.store.getState().camera.view().zoom;
        await prepareAhead(dataset, nextTask, stale, zoom, this.basemap).catch((e: unknown) =>
          console.warn('preparing the map ahead failed', e),
        );
        // A query already set (a link's q=, the one typed before this file) is answered from the
        // worker, which holds the text, before the dataset is shown under it.
        await prepareQueryFor(dataset, this.store.getState().filters.q).catch((e: unknown) =>
          console.warn('searching the new data failed', e),
        );
        await nextTask();
        if (stale()) return;
        this.update({ conflicts, preparing: false });
        this.store.getState().setDataset(dataset);
        land();
        // The worker's search index (a few seconds of its time at 1M rows) once the map has drawn the
        // new data: made meanwhile, it shared the two cores with the landing frames.
        void this.whenDrawn().then(
          () => drawn(),
          () => drawn(),
        );
      },
      (e: Error) => {
        if (stale()) return;
        this.update({ preparing: false });
        this.fail(this.nextId++, 'the merged data', `The data could not be combined: ${e.message}`);
        land();
      },
    );
    return landed;
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
export function mountImportController(
  store: AtlasStore,
  bundled: AtlasFeature[],
  host: HTMLElement,
  basemap?: BasemapData,
  whenDrawn?: () => Promise<void>,
): ImportController {
  controller ??= new ImportController(store, bundled, host, basemap, whenDrawn);
  return controller;
}
