// A published dataset as the app's Dataset: the rows loaded for the window and view, over the whole archive's span and histogram.
import type { Dataset, Item, LayerDef } from '../columnar/dataset';
import type { Histogram } from '../time/histogram';
import type { DayRange } from '../time/window';
import type { DecodedGroup } from './reader-protocol';
import { windowCounts, windowWeaponCounts, type PublishedManifest } from './manifest';
import type { Weapon } from '../schema/schema';
import { overviewCells, type OverviewCells } from './overview';

/** What the app shows about a published dataset beside the rows (the status line, the overview layer). */
export interface PublishedInfo {
  manifest: PublishedManifest;
  /** `overview` when zoomed out below the manifest's zoom (the map draws cells, no rows are loaded). */
  mode: 'overview' | 'rows';
  /** Rows loaded (the dataset's own rows). */
  loaded: number;
  /**
   * True while the rows the window needs are on their way (the window left the rows loaded and the
   * next block is being fetched or built): playback holds the window until they arrive, as a video
   * player buffers, rather than play on over days with no rows loaded.
   */
  waiting(): boolean;
  /** Events per layer starting in a window, from the manifest's daily counts (the legend, zoomed out). */
  windowCounts(win: DayRange): number[];
  /**
   * Strikes per weapon starting in a window on the layers shown, from the manifest's daily counts
   * (the filter panel, zoomed out), or null for a dataset published without them.
   */
  weaponCounts(win: DayRange, layers: readonly string[]): Record<Weapon, number> | null;
  /**
   * Events drawn as cells for a window and the layers shown (overview mode), memoised; `groupOf`
   * (layer index → colour group) says which layers count together for a cell's colour.
   */
  cells(win: DayRange, layers: readonly string[], groupOf?: readonly number[]): OverviewCells | null;
}

/** The published part of a dataset (what is loaded, the overview, whether rows are on their way), or undefined for data in memory. */
export const publishedOf = (ds: Dataset): PublishedInfo | undefined =>
  (ds as Dataset & { published?: PublishedInfo }).published;

export const layerDefsOf = (m: PublishedManifest): LayerDef[] =>
  m.layers.map((l) => ({ key: l.key, label: l.label, kind: l.kind, group: l.group }));

/**
 * Wraps the dataset of the loaded rows (columns built by the reader's worker with the same
 * buildColumns as the bundled and imported data, so the same layers draw them): `span` and `origin` are the archive's, the
 * histogram comes from the manifest's daily counts, and `published` tells the rest of the app what
 * is loaded.
 */
export class PublishedDataset implements Dataset {
  readonly span: Dataset['span'];
  readonly origin: number;
  readonly published: PublishedInfo;
  private readonly inner: Dataset;

  constructor(
    readonly manifest: PublishedManifest,
    inner: Dataset,
    mode: PublishedInfo['mode'],
    overviewGroups: readonly DecodedGroup[],
    waiting: () => boolean = () => false,
  ) {
    this.inner = inner;
    this.span = { ...manifest.span };
    this.origin = manifest.span.start;
    let memo: {
      win: DayRange;
      layers: readonly string[];
      groupOf?: readonly number[];
      cells: OverviewCells | null;
    } | null = null;
    this.published = {
      manifest,
      mode,
      loaded: inner.columns.n,
      waiting,
      windowCounts: (win) => windowCounts(manifest, win),
      weaponCounts: (win, layers) => {
        const shown = new Set(layers);
        return windowWeaponCounts(
          manifest,
          win,
          manifest.layers.map((l) => shown.has(l.key)),
        );
      },
      cells: (win, layers, groupOf) => {
        if (mode !== 'overview') return null;
        if (
          !memo ||
          memo.win.from !== win.from ||
          memo.win.to !== win.to ||
          memo.layers !== layers ||
          memo.groupOf !== groupOf
        ) {
          const shown = new Set(layers);
          memo = {
            win,
            layers,
            groupOf,
            cells: overviewCells(
              overviewGroups,
              win,
              manifest.layers.map((l) => shown.has(l.key)),
              manifest.overview.cellDeg,
              groupOf,
            ),
          };
        }
        return memo.cells;
      },
    };
  }

  get layers(): LayerDef[] {
    return this.inner.layers;
  }
  get layerOf(): Map<string, LayerDef> {
    return this.inner.layerOf;
  }
  get columns(): Dataset['columns'] {
    return this.inner.columns;
  }
  get layerIndex(): Dataset['layerIndex'] {
    return this.inner.layerIndex;
  }
  itemAt(row: number): Item {
    return this.inner.itemAt(row);
  }
  find(id: string): Item | undefined {
    return this.inner.find(id);
  }

  /** Events per bin of the whole archive, from the manifest's daily counts of the layers shown. */
  histogram(layers: readonly string[], bins: number): Histogram {
    const { start: first, counts } = this.manifest.daily;
    const span = this.span;
    const n = Math.max(1, Math.floor(bins));
    const binDays = (span.end - span.start + 1) / n;
    const out = new Uint32Array(n);
    const shown = new Set(layers);
    this.manifest.layers.forEach((l, i) => {
      if (!shown.has(l.key)) return;
      counts[i].forEach((c, d) => {
        if (c) out[Math.min(n - 1, Math.floor((first + d - span.start) / binDays))] += c;
      });
    });
    return { start: span.start, binDays, counts: out, max: out.reduce((m, v) => Math.max(m, v), 0) };
  }
}
