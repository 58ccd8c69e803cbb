// The app's dataset: validated features normalised into sorted columns, with layers, span and items on demand.
import type { AtlasFeature, LayerKind } from '../schema/schema';
import type { Span } from '../time/window';
import { buildColumns, featureAt, KINDS, OPEN_DAY, TIMELESS_DAY, type EventColumns } from './columns';
import { BUNDLED_LAYERS } from '../schema/layers';
import { buildRowIndex, type RowIndex } from './time-index';
import { anchorOf, layerKeyOf } from './feature-keys';
import type { LayerDef } from '../schema/layers';

export { BUNDLED_GROUP, BUNDLED_LAYERS, type LayerDef } from '../schema/layers';

/** One feature as the app uses it: the GeoJSON feature plus values computed once at load. */
export interface Item {
  /** The row of the dataset's columns (rows are sorted by start day, then id). */
  index: number;
  feature: AtlasFeature;
  id: string;
  /** Key of its LayerDef. */
  layer: string;
  kind: LayerKind;
  startDay: number;
  /** null = still active. */
  endDay: number | null;
  /** Where to put a marker, a label or fly to: the point itself, or the centre of an area's bbox. */
  anchor: [number, number];
}

/**
 * The data as the app holds it: one columnar representation (`columns`: typed arrays sorted by
 * start day, properties kept aside). An `Item` is made only for a row something shows —
 * `itemAt(row)`, `find(id)` — and kept; everything else (counts, filters, search, the map's
 * buffers) reads the columns by row. There is no list of every Item.
 */
export interface Dataset {
  /** Layers in legend order. */
  layers: LayerDef[];
  layerOf: Map<string, LayerDef>;
  /** First..last day any feature starts or ends on. */
  span: Span;
  /** Day subtracted from filter values so fp32 keeps day precision. */
  origin: number;
  /** The columns every row lives in (row = Item.index). */
  columns: EventColumns;
  /** Time index of each layer, by position in `layers`. */
  layerIndex: RowIndex[];
  /** The item of a row (made once, then kept). */
  itemAt(row: number): Item;
  /** The item with this id, or undefined. */
  find(id: string): Item | undefined;
  /** The row's item if something has made it already, else undefined (never makes one: a streamed export reads the rest from the columns). */
  itemIfMade?(row: number): Item | undefined;
  /**
   * Reads the text of these rows that the data worker holds (an import's notes, original records and
   * quotes: held-text.ts) and puts it in their Items, made or to be made; resolves at once when all
   * of it is here. Rows something shows call it first; absent on datasets that hold nothing elsewhere.
   */
  ensureText?(rows: ArrayLike<number>): Promise<void>;
  /** True when the row's text is held elsewhere and not read yet (ensureText reads it). */
  textMissing?(row: number): boolean;
  /** A histogram the dataset knows better than its rows (a published one: from its manifest, over the whole archive). */
  histogram?(layers: readonly string[], bins: number): import('../time/histogram').Histogram;
}

export { anchorOf, layerKeyOf };

/**
 * Builds the dataset. Features must already be valid (see validate-bundled.ts / the importer);
 * every feature's layer must be among `layers`, and ids must be unique.
 */
export function buildDataset(features: AtlasFeature[], layers: readonly LayerDef[] = BUNDLED_LAYERS): Dataset {
  return new ColumnarDataset(
    buildColumns(
      features,
      layers.map((l) => l.key),
    ),
    layers,
  );
}

/** The dataset over columns already built and sorted (e.g. in a worker, see columns-packet.ts): no pass over features. */
export function datasetFromColumns(columns: EventColumns, layers: readonly LayerDef[]): Dataset {
  return new ColumnarDataset(columns, layers);
}

class ColumnarDataset implements Dataset {
  readonly layers: LayerDef[];
  readonly layerOf: Map<string, LayerDef>;
  readonly span: Span;
  readonly origin: number;
  readonly layerIndex: RowIndex[];
  private readonly made: (Item | undefined)[] = [];
  /** Items made while their row's held text was not read yet: filled in by ensureText. */
  private readonly textless = new Set<number>();

  constructor(
    readonly columns: EventColumns,
    layers: readonly LayerDef[],
  ) {
    this.layers = [...layers];
    this.layerOf = new Map(layers.map((l) => [l.key, l]));
    const { n, start, end } = columns;
    // Timeless rows (TIMELESS_DAY, sorted first) are shown at every time and take no part in the span.
    let first = 0;
    while (first < n && start[first] === TIMELESS_DAY) first++;
    let last = first < n ? start[n - 1] : 0;
    for (let r = first; r < n; r++) if (end[r] !== OPEN_DAY && end[r] > last) last = end[r];
    this.span = first < n ? { start: start[first], end: last } : { start: 0, end: 0 };
    this.origin = this.span.start;
    this.layerIndex = columns.rowsOfLayer.map((rows) => buildRowIndex(columns, rows));
  }

  itemAt(row: number): Item {
    let it = this.made[row];
    if (!it) {
      const c = this.columns;
      const feature = featureAt(c, row);
      it = {
        index: row,
        feature,
        id: c.ids.get(row),
        layer: this.layers[c.layer[row]].key,
        kind: KINDS[c.kind[row]],
        startDay: c.start[row],
        endDay: c.end[row] === OPEN_DAY ? null : c.end[row],
        anchor: [c.lon[row], c.lat[row]],
      };
      this.made[row] = it;
      if (c.held?.missing(row)) this.textless.add(row);
    }
    return it;
  }

  textMissing(row: number): boolean {
    const held = this.columns.held;
    return held ? held.missing(row) || this.textless.has(row) : false;
  }

  async ensureText(rows: ArrayLike<number>): Promise<void> {
    const held = this.columns.held;
    if (!held) return;
    let missing = false;
    for (let i = 0; i < rows.length && !missing; i++) missing = this.textMissing(rows[i]);
    if (!missing) return;
    const got = await held.read(rows, true);
    for (const [row, values] of got) {
      if (!this.textless.delete(row)) continue;
      const it = this.made[row];
      if (!it) continue;
      // The Item keeps its identity; its properties are made again with the text, in the keys' order.
      const p = it.feature.properties as unknown as Record<string, unknown>;
      const fresh = this.columns.props.row(row, values);
      for (const k of Object.keys(p)) delete p[k];
      // (defined, not assigned: a "__proto__" key from JSON is an own property)
      for (const k of Object.keys(fresh))
        Object.defineProperty(p, k, { value: fresh[k], enumerable: true, writable: true, configurable: true });
    }
  }

  itemIfMade(row: number): Item | undefined {
    return this.made[row];
  }

  find(id: string): Item | undefined {
    const row = this.columns.rowOfId.get(id);
    return row === undefined ? undefined : this.itemAt(row);
  }
}
