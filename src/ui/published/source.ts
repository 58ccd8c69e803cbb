// Opens a published dataset: reads its manifest, and on every window, zoom or pan fetches only the row groups needed into the store.
import { prepareAhead as prepareMapAhead } from '../layers/layer-prepare';
import { budgetedPause } from './budgeted-pause';
import type { AtlasStore, AtlasState, View } from '../../app/store';
import { effectiveWindow, type DayRange, type WindowMode } from '../../core/time/window';
import {
  checkManifest,
  refKey,
  rowGroupsFor,
  type Bbox,
  type PublishedManifest,
  type RowGroupRef,
} from '../../core/published/manifest';
import { viewBounds } from '../../core/published/view-bounds';
import { layerDefsOf, PublishedDataset } from '../../core/published/published-dataset';
import { buildDataset, datasetFromColumns } from '../../core/columnar/dataset';
import { unpackColumns, type ColumnsPacket } from '../../core/columnar/columns-packet';
import type { RangeStats } from '../../core/published/range-fetch';
import { aheadDays, blockFor, covers, nextBlock, type LoadedBlock } from '../../core/published/blocks';
import { SPEEDS } from '../../core/config';
import { OVERVIEW, ReaderClient } from './reader-client';
import { shallow } from 'zustand/vanilla/shallow';

export interface SourceStatus {
  name: string;
  mode: 'overview' | 'rows';
  loading: boolean;
  /** Rows loaded for the window and view. */
  loaded: number;
  /** All requests and bytes since the dataset was opened (manifest included). */
  transfer: RangeStats;
  error: string | null;
}

/**
 * A User Timing mark on the way from a window set to its rows in the store (`atlas:published:update`,
 * `…:columns`, `…:dataset`, `…:prepared`, `…:set`): the bench reads them (and DevTools shows them).
 */
const mark = (what: string): void => void performance.mark(`atlas:published:${what}`);

/** The time budget of a task preparing the next block while playing (frames go on meanwhile). */
const AHEAD_BUDGET_MS = 8;

export class PublishedSource {
  readonly transfer: RangeStats = { requests: 0, bytes: 0 };
  private readonly reader: ReaderClient;
  private wanted = '';
  /** The days and box of the rows in the store's dataset (rows mode), and of the load in flight. */
  private loaded: LoadedBlock | null = null;
  private loading: LoadedBlock | null = null;
  /** While playing: the next block's columns, asked for before the window gets there. */
  private ahead: { key: string; block: LoadedBlock; dataset: Promise<PublishedDataset | null> } | null = null;
  private generation = 0;
  /** The last block read ahead into the worker's cache (warm). */
  private warmed = '';
  /** The key of the block read ahead that an update took over (it waits for it: `ahead` is null meanwhile). */
  private taken = '';
  private unsubscribe: () => void = () => {};
  status: SourceStatus;
  /** Rows of the window are on their way: a block is loading that the window left the loaded rows for (PublishedInfo.waiting). */
  private readonly rowsOnTheWay = (): boolean => this.loading !== null;
  onStatus: (s: SourceStatus) => void = () => {};

  constructor(
    private readonly store: AtlasStore,
    readonly url: string,
    readonly manifest: PublishedManifest,
    manifestBytes: number,
    private readonly viewport: () => { width: number; height: number },
  ) {
    this.transfer.requests = 1;
    this.transfer.bytes = manifestBytes;
    this.status = {
      name: manifest.name,
      mode: 'overview',
      loading: false,
      loaded: 0,
      transfer: this.transfer,
      error: null,
    };
    this.reader = new ReaderClient(manifest, url, this.transfer, () => this.setStatus({}));
  }

  /**
   * Puts the archive in the store (its span and histogram, no rows yet), applies the link's window
   * (`t`, `mode`; without one, the archive's last 30 days), then loads what that needs, and again
   * whenever the window, view or layers change.
   */
  start(link: { t?: DayRange; mode?: WindowMode } = {}): Promise<void> {
    const st = this.store.getState();
    st.setDataset(
      new PublishedDataset(
        this.manifest,
        buildDataset([], layerDefsOf(this.manifest)),
        'overview',
        [],
        this.rowsOnTheWay,
      ),
    );
    if (link.t || link.mode)
      for (const w of this.store.getState().applyHash({ t: link.t, mode: link.mode })) console.warn(w);
    if (!link.t) this.store.getState().setWindow(this.manifest.span.end - 29, this.manifest.span.end);
    const first = this.update(this.store.getState());
    const unsubscribe = this.store.subscribe(
      (s) => [s.window, s.mode, s.layers, s.playing, s.speed],
      () => void this.update(this.store.getState()),
      { equalityFn: shallow },
    );
    // The view is the map's: read from the camera (at every update), and planned again when it moves.
    const unlisten = this.store.getState().camera.onMove(this.schedule);
    this.unsubscribe = () => {
      unsubscribe();
      unlisten();
    };
    return first;
  }

  /**
   * A camera move plans again after the task that made it: a link or a story step moves the camera
   * and then sets the window in the store, and the rows needed are those of both at once (the
   * window's update already reads the new view; this one then finds nothing new to fetch).
   */
  private scheduled = false;
  private readonly schedule = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.update(this.store.getState());
    });
  };

  destroy(): void {
    this.unsubscribe();
    this.reader.destroy();
  }

  /**
   * What a state needs: the overview's row groups when zoomed out, else the events' row groups of
   * the block (the window, and while playing the days ahead: blocks.ts) and the view with a margin.
   * `view` is the box the map shows (no margin).
   */
  plan(
    s: Pick<AtlasState, 'window' | 'mode'> & Partial<Pick<AtlasState, 'playing' | 'speed'>>,
    view: View,
  ): {
    mode: 'overview' | 'rows';
    refs: RowGroupRef[];
    win: DayRange;
    block: DayRange;
    bbox: Bbox | null;
    view: Bbox | null;
  } {
    const { from, to } = s.window;
    const win = effectiveWindow({ from: Math.min(from, to), to: Math.max(from, to) }, s.mode, this.manifest.span);
    if (view.zoom < this.manifest.overview.belowZoom) {
      const refs = rowGroupsFor({ files: [this.manifest.overview.file] }, win, null).map((r) => ({
        file: OVERVIEW,
        group: r.group,
      }));
      return { mode: 'overview', refs, win, block: win, bbox: null, view: null };
    }
    const { width, height } = this.viewport();
    const bbox = viewBounds(view, width, height);
    const block = blockFor(win, !!s.playing, this.aheadOf(s));
    return {
      mode: 'rows',
      refs: rowGroupsFor(this.manifest, block, bbox),
      win,
      block,
      bbox,
      view: viewBounds(view, width, height, 0),
    };
  }

  private aheadOf(s: Partial<Pick<AtlasState, 'speed'>>): number {
    return aheadDays(SPEEDS[s.speed ?? 1]?.daysPerSecond ?? 7);
  }

  /** Fetches what `s` needs that is not cached, then puts the dataset made of it in the store. */
  async update(s: AtlasState): Promise<void> {
    const p = this.plan(s, s.camera.view());
    if (p.mode === 'rows' && p.view) {
      // The rows loaded (or being loaded) hold this window and view: it moves within that dataset.
      const held = covers(this.loaded, p.win, p.view)
        ? this.loaded
        : covers(this.loading, p.win, p.view)
          ? this.loading
          : null;
      if (held) {
        if (held === this.loaded && s.playing) this.prepareAhead(s, held);
        return;
      }
    }
    // The next block, asked for ahead while playing, holds it: take that one.
    const pre =
      p.mode === 'rows' && p.view && this.ahead && covers(this.ahead.block, p.win, p.view) ? this.ahead : null;
    const key = pre ? pre.key : `${p.mode}|${p.refs.map(refKey).join(',')}`;
    if (key === this.wanted) return; // the same row groups: the loaded dataset already holds the window
    this.wanted = key;
    const gen = ++this.generation;
    mark('update');
    const target: LoadedBlock | null = pre
      ? pre.block
      : p.mode === 'rows' && p.bbox
        ? { from: p.block.from, to: p.block.to, bbox: p.bbox }
        : null;
    this.loading = target;
    this.setStatus({ loading: true, error: null });
    try {
      let dataset: PublishedDataset;
      if (p.mode === 'overview') {
        const groups = await this.reader.fetchGroups(p.refs);
        if (gen !== this.generation) return; // a newer window or view took over
        dataset = new PublishedDataset(
          this.manifest,
          buildDataset([], layerDefsOf(this.manifest)),
          'overview',
          groups,
          this.rowsOnTheWay,
        );
      } else {
        // The worker reads the row groups, builds the columns and transfers them: no pass over rows
        // here. While playing, the block was usually asked for ahead of time (prepareAhead).
        this.ahead = null;
        this.taken = pre ? pre.key : '';
        const made = await (pre
          ? pre.dataset
          : this.reader.build(p.refs, false).then((packet) => {
              mark('columns');
              return packet && this.rowsDataset(packet);
            }));
        mark('dataset');
        if (gen !== this.generation || !made) return;
        dataset = made;
      }
      // The map's data for it (point sets, density model and its hexagon grid at the map's zoom) made
      // a layer per task before the store has it, so the frame that switches to a new block only
      // bins and draws (layer-prepare.ts).
      // The reader waits for these rows: one task while it stays short (budgetedPause). Play waits
      // for them too (playback.ts), but its frames go on meanwhile: the short tasks of a block read ahead.
      await prepareMapAhead(
        dataset,
        budgetedPause(this.store.getState().playing ? AHEAD_BUDGET_MS : undefined),
        () => gen !== this.generation,
        this.store.getState().camera.view().zoom,
      );
      if (gen !== this.generation) return;
      mark('prepared');
      this.loaded = target;
      this.loading = null;
      this.store.getState().setDataset(dataset);
      mark('set');
      this.setStatus({ loading: false, mode: p.mode, loaded: dataset.published.loaded });
      const now = this.store.getState();
      if (now.playing && target) this.prepareAhead(now, target);
    } catch (e) {
      if (gen !== this.generation) return;
      this.wanted = '';
      this.loading = null;
      this.setStatus({ loading: false, error: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * While playing through `block`: asks the worker now for the columns of the block the window
   * moves into next (nextBlock), so that the step that leaves this one finds them built.
   */
  private prepareAhead(s: AtlasState, block: LoadedBlock): void {
    const { from, to } = s.window;
    if (s.mode === 'cumulative') return;
    const ahead = this.aheadOf(s);
    const next = nextBlock(block, to - from + 1, ahead);
    if (next.from > this.manifest.span.end) return;
    const refs = rowGroupsFor(this.manifest, next, block.bbox);
    const key = `rows|${refs.map(refKey).join(',')}`;
    if (this.ahead?.key === key) return;
    // The dataset is made as soon as its columns arrive (unpacked, indexed), not in the step that needs it.
    const dataset = this.reader.build(refs, false).then(async (packet) => {
      // The block after it read ahead too, while the window crosses this one (the worker's next
      // request then builds columns from its cache: no fetch or decode on the way).
      // It is still wanted when an update took it over while it was on its way (play waited for it):
      // that is when reading ahead matters most.
      if (this.ahead?.key === key || this.taken === key) this.warm(nextBlock(next, to - from + 1, ahead), block.bbox);
      const made = packet && this.rowsDataset(packet);
      // …and its map data too, a layer per task, while the window is still in the block before.
      // (The window is playing meanwhile: short tasks, a frame between each step, as no one waits for this block yet.)
      if (made)
        await prepareMapAhead(
          made,
          budgetedPause(AHEAD_BUDGET_MS),
          () => this.ahead?.key !== key,
          this.store.getState().camera.view().zoom,
        );
      return made;
    });
    dataset.catch(() => undefined); // a failure shows when the window gets there (built again then)
    this.ahead = { key, block: { ...next, bbox: block.bbox }, dataset };
  }

  /** Asks the worker to read a block's row groups into its cache (once per block). */
  private warm(next: { from: number; to: number }, bbox: Bbox): void {
    if (next.from > this.manifest.span.end) return;
    const refs = rowGroupsFor(this.manifest, next, bbox);
    const key = `rows|${refs.map(refKey).join(',')}`;
    if (key === this.warmed) return;
    this.warmed = key;
    this.reader.build(refs, true).catch(() => undefined); // a failure shows when the window gets there
  }

  /** The dataset of a block's columns as the worker sent them. */
  private rowsDataset(packet: ColumnsPacket): PublishedDataset {
    return new PublishedDataset(
      this.manifest,
      datasetFromColumns(unpackColumns(packet), layerDefsOf(this.manifest)),
      'rows',
      [],
      this.rowsOnTheWay,
    );
  }

  private setStatus(patch: Partial<SourceStatus>): void {
    this.status = { ...this.status, ...patch, transfer: { ...this.transfer } };
    this.onStatus(this.status);
  }
}

/** Fetches and checks a dataset.json; throws an Error that says what went wrong. */
export async function fetchManifest(url: string): Promise<{ manifest: PublishedManifest; bytes: number }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit' });
  } catch (e) {
    throw new Error(
      `Could not load ${url}: ${e instanceof Error ? e.message : String(e)} (a dataset on another site loads only if its server allows this page's origin (CORS) and this site's Content-Security-Policy lists it in connect-src: see docs/hosting.md)`,
    );
  }
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status} ${res.statusText}`.trim());
  const text = await res.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${url}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const checked = checkManifest(value);
  if (!checked.ok) throw new Error(`${url}: ${checked.message}`);
  return { manifest: checked.manifest, bytes: text.length };
}
