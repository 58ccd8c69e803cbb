// The page's side of the published-data reader (entries/reader-worker.ts): decoded row groups cached and shared between requests, columns built in the worker, transfer counted.
import type { ColumnsPacket } from '../../core/columnar/columns-packet';
import { LruCache } from '../../core/published/lru';
import { refKey, type PublishedFile, type PublishedManifest, type RowGroupRef } from '../../core/published/manifest';
import type { RangeStats } from '../../core/published/range-fetch';
import type { BuildRequest, DecodedGroup, ReaderMessage, ReadRequest } from '../../core/published/reader-protocol';

/** Decoded row groups kept: at most this many rows' worth (a row of columns costs ~150 bytes here), and entries. */
export const CACHE_ROWS = 200_000;
export const CACHE_GROUPS = 96;
/** The overview's file index in refs (the files' own are 0…). */
export const OVERVIEW = -1;

export class ReaderClient {
  private readonly cache = new LruCache<string, DecodedGroup>(CACHE_ROWS, CACHE_GROUPS);
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      onGroup(g: number, d: DecodedGroup): void;
      onBuilt?(p: ColumnsPacket | null): void;
      resolve(): void;
      reject(e: Error): void;
    }
  >();
  /** Row groups being fetched, by key, and who waits for each. */
  private readonly inflight = new Map<string, Promise<DecodedGroup>>();
  private readonly waiting = new Map<string, { resolve(d: DecodedGroup): void; reject(e: Error): void }>();
  /** Each request's last reported stats (they are cumulative within a request). */
  private readonly seen = new Map<number, RangeStats>();

  /**
   * `transfer` is added to as the worker reports requests and bytes (`onTransfer` is told then);
   * `url` is the manifest's, which the files' paths are relative to.
   */
  constructor(
    private readonly manifest: PublishedManifest,
    private readonly url: string,
    private readonly transfer: RangeStats,
    private readonly onTransfer: () => void,
  ) {
    this.worker = new Worker(new URL('../../entries/reader-worker.ts', import.meta.url), {
      type: 'module',
      name: 'conflict-atlas-published',
    });
    this.worker.onmessage = (e: MessageEvent<ReaderMessage>) => this.onMessage(e.data);
  }

  destroy(): void {
    this.worker.terminate();
  }

  private fileOf(ref: RowGroupRef): PublishedFile {
    return ref.file === OVERVIEW ? this.manifest.overview.file : this.manifest.files[ref.file];
  }

  private keyOf(ref: RowGroupRef): string {
    return ref.file === OVERVIEW ? `o:${ref.group}` : refKey(ref);
  }

  /**
   * The decoded row groups, in the order asked: cached ones at once, ones already being fetched (a
   * prefetch) awaited, the others by one worker request per file. Each is cached as it arrives.
   */
  fetchGroups(refs: RowGroupRef[]): Promise<DecodedGroup[]> {
    const missing = new Map<number, RowGroupRef[]>();
    const waits = refs.map((r) => {
      const key = this.keyOf(r);
      const hit = this.cache.get(key);
      if (hit) return Promise.resolve(hit);
      let p = this.inflight.get(key);
      if (!p) {
        p = new Promise<DecodedGroup>((resolve, reject) => this.waiting.set(key, { resolve, reject }));
        this.inflight.set(key, p);
        missing.set(r.file, [...(missing.get(r.file) ?? []), r]);
      }
      return p;
    });
    for (const [file, rs] of missing) {
      this.read(file, rs, (g, d) => {
        const key = this.keyOf({ file, group: g });
        this.cache.set(key, d, d.rows);
        this.inflight.delete(key);
        this.waiting.get(key)?.resolve(d);
        this.waiting.delete(key);
      }).catch((e: unknown) => {
        for (const r of rs) {
          const key = this.keyOf(r);
          if (!this.inflight.has(key)) continue;
          this.inflight.delete(key);
          this.waiting.get(key)?.reject(e instanceof Error ? e : new Error(String(e)));
          this.waiting.delete(key);
        }
      });
    }
    return Promise.all(waits);
  }

  /** Asks the worker for the columns of these row groups (null for a `warm` request, which only fills its cache). */
  build(refs: RowGroupRef[], warm: boolean): Promise<ColumnsPacket | null> {
    const byFile = new Map<number, RowGroupRef[]>();
    for (const r of refs) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
    const id = this.nextId++;
    const req: BuildRequest = {
      type: 'build',
      id,
      warm,
      layers: this.manifest.layers.map((l) => ({ key: l.key, kind: l.kind })),
      files: [...byFile].map(([file, rs]) => {
        const { type: _t, id: _i, ...rest } = this.readRequest(file, rs, 0);
        return rest;
      }),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { onGroup: () => {}, onBuilt: resolve, resolve: () => resolve(null), reject });
      this.worker.postMessage(req);
    });
  }

  private readRequest(file: number, refs: RowGroupRef[], id: number): ReadRequest {
    const f = this.fileOf({ file, group: 0 });
    const firstRow: number[] = [];
    let at = 0;
    for (const g of f.rowGroups) {
      firstRow.push(at);
      at += g.rows;
    }
    const columns = file === OVERVIEW ? ['start', 'cx', 'cy', 'layer', 'n'] : this.manifest.columns;
    return {
      type: 'read',
      id,
      url: new URL(f.path, this.url).href,
      bytes: f.bytes,
      footer: f.footer,
      columns,
      groups: refs.map((r) => {
        const g = f.rowGroups[r.group];
        return { group: r.group, rowStart: firstRow[r.group], rows: g.rows, offset: g.offset, length: g.length };
      }),
    };
  }

  private read(file: number, refs: RowGroupRef[], onGroup: (g: number, d: DecodedGroup) => void): Promise<void> {
    const id = this.nextId++;
    const req = this.readRequest(file, refs, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { onGroup, resolve, reject });
      this.worker.postMessage(req);
    });
  }

  private onMessage(m: ReaderMessage): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'group') p.onGroup(m.group, m.data);
    else if (m.type === 'built') {
      this.pending.delete(m.id);
      // The worker's steps, for the bench and DevTools (source.ts marks the page's).
      if (m.ms) performance.mark('atlas:published:worker', { detail: { rows: m.rows, ...m.ms } });
      p.onBuilt?.(m.packet);
    } else {
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve();
    }
    if (m.type !== 'error') {
      // Stats are per request and cumulative within it: count the difference since its last message.
      const last = this.seen.get(m.id) ?? { requests: 0, bytes: 0 };
      this.transfer.requests += m.stats.requests - last.requests;
      this.transfer.bytes += m.stats.bytes - last.bytes;
      if (m.type === 'done' || m.type === 'built') this.seen.delete(m.id);
      else this.seen.set(m.id, m.stats);
      this.onTransfer();
    }
  }
}
