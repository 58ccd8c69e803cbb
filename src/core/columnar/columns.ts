// The one representation of every dataset, bundled or imported: typed columns sorted by start day, properties aside.
import type { RowIds } from './row-ids';
import type { Geometry } from 'geojson';
import type { AtlasFeature } from '../schema/schema';
import { parseIsoDay } from '../time/days';
import { layerKeyOf } from './feature-keys';
import type { PropertyStore } from './property-store';
import { ColumnsWriter } from './columns-writer';
import { rowSearchText, SearchIndexBuilder, type SearchIndex } from './search-index';
import type { RowSource } from './row-source';
import type { HeldText, HeldValues } from './held-text';

export type { RowSource } from './row-source';

/** `end` of a feature that is still active (`end: null`). */
export const OPEN_DAY = 2_147_483_647;
/** `start` of a timeless feature (`timeless: true`: its file gives no date; shown at every time, end OPEN_DAY). Sorts first. */
export const TIMELESS_DAY = -2_147_483_648;

export { KINDS, isPlainPointGeometry, rowsByLayer } from './columns-writer';

/**
 * Row r is the r-th feature in (start day, id) order; every column is indexed by row.
 *
 *   row:    0          1          2          …
 *   start:  19000      19000      19003          Int32Array, day numbers, ascending
 *   end:    19000      19030      OPEN_DAY       Int32Array (OPEN_DAY = still active)
 *   layer:  0          2          1              Uint16Array, private index into the layer list
 *   lon/lat anchor                              Float64Array, the Point itself or the bbox centre
 *   props:  PropertyStore (full properties, rebuilt by row)
 */
export interface EventColumns {
  n: number;
  /** Each row's feature id (row-ids.ts: on the page, read from the packet's strings as asked). */
  ids: RowIds;
  start: Int32Array;
  end: Int32Array;
  /**
   * The row's layer as a private index: its position in the layer keys given to buildColumns (the
   * dataset's `layers`). Valid only with that list; a layer is named by its key (schema/layers.ts).
   */
  layer: Uint16Array;
  /** How the row is drawn: index into KINDS (private, like `layer`). */
  kind: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Index into WEAPONS ('unknown' where a feature names none). */
  weapon: Uint8Array;
  /** What a strike's size stands for: injured + killed + buildings damaged. */
  magnitude: Float32Array;
  placePrecisionKm: Float32Array;
  /** Geometries that are not a plain 2-D Point, by row (Points live in lon/lat); null for a feature not placed on the map (lon/lat NaN). */
  geometries: Map<number, Geometry | null>;
  /** 1 where the feature carries a top-level `id` equal to `properties.id` (as imported features do). */
  idMember: Uint8Array;
  /** Other feature members besides type, geometry and properties (e.g. `bbox`, a different `id`), by row. */
  members: Map<number, Record<string, unknown>>;
  props: PropertyStore;
  /** Rows of each layer, ascending (so in start order). */
  rowsOfLayer: Uint32Array[];
  /** Row of each id. */
  rowOfId: { get(id: string): number | undefined };
  /** Each row's folded searchable text, packed (search-index.ts). */
  search: SearchIndex;
  /** Rows whose notes, original record and quotes the data worker holds (an import's), read back when shown (held-text.ts). */
  held?: HeldText;
}

/**
 * Builds the columns. Features must already be valid (see validate-bundled.ts / the importer);
 * throws, naming the feature, for a layer not in `layerKeys`, a date that is not YYYY-MM-DD,
 * or an id used twice.
 */
export function buildColumns(
  features: readonly AtlasFeature[],
  layerKeys: readonly string[],
  opts: BuildOptions = {},
): EventColumns {
  return buildColumnsFrom(featureRows(features), layerKeys, opts);
}

/** The day columns of features as a row source (throws, naming the feature, for a date that is not YYYY-MM-DD). */
export function featureRows(features: readonly AtlasFeature[]): RowSource {
  const n = features.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = features[i].properties;
    const days = featureDays(p);
    if (typeof days === 'string') throw new Error(`feature ${i} (${p.id}): ${days}`);
    [start[i], end[i]] = days;
  }
  return { n, start, end, id: (i) => features[i].properties.id, feature: (i) => features[i] };
}

// A few thousand distinct dates among a million features: parse each once.
const dayCache = new Map<string, number | null>();
function cachedDay(text: string): number | null {
  let d = dayCache.get(text);
  if (d === undefined) {
    if (dayCache.size > 100_000) dayCache.clear();
    d = parseIsoDay(text);
    dayCache.set(text, d);
  }
  return d;
}

/** A feature's [start, end] day numbers (TIMELESS_DAY / OPEN_DAY as in the columns), or why they can't be read. */
export function featureDays(p: AtlasFeature['properties']): [number, number] | string {
  if (p.timeless === true) return [TIMELESS_DAY, OPEN_DAY];
  const start = typeof p.start === 'string' ? cachedDay(p.start) : null;
  if (start === null) return `start "${p.start}" is not a YYYY-MM-DD date`;
  const end = p.end === null ? OPEN_DAY : typeof p.end === 'string' ? cachedDay(p.end) : null;
  if (end === null) return `end "${String(p.end)}" is not a YYYY-MM-DD date`;
  return [start, end];
}

/**
 * Builds the columns from rows with their days and ids up front (featureRows for features in
 * memory). A row's feature is asked for once, in sorted order, and may be made for that call only.
 * (Columns already built are merged without this: merge-columns.ts.)
 */
export interface BuildOptions {
  /** false: no text index (an import's chunk: the merge makes the index from the store). */
  search?: boolean;
}

export function buildColumnsFrom(rows: RowSource, layerKeys: readonly string[], opts: BuildOptions = {}): EventColumns {
  const withSearch = opts.search !== false;
  const n = rows.n;
  const layerCode = new Map(layerKeys.map((k, i) => [k, i]));
  const startIn = rows.start;
  const endIn = rows.end;
  const order = sortedOrder(startIn, rows.id);
  const rowOfId = new Map<string, number>();
  const out = new ColumnsWriter(n);
  const search = new SearchIndexBuilder(withSearch ? n : 0);

  for (let r = 0; r < n; r++) {
    const src = order[r];
    const f = rows.feature(src);
    const p = f.properties;
    const key = layerKeyOf(f);
    const code = layerCode.get(key);
    if (code === undefined)
      throw new Error(`feature ${src} (${p.id}): layer "${key}" is not one of the dataset's layers`);
    if (rowOfId.has(p.id)) throw new Error(`feature id "${p.id}" appears twice`);
    rowOfId.set(p.id, r);
    out.write(r, f, code, startIn[src], endIn[src]);
    if (withSearch) search.add(rowSearchText(p));
  }
  return out.columns(n, layerKeys.length, search.build(), rowOfId);
}

/**
 * The feature of a row, rebuilt: properties from the store, geometry from lon/lat or kept aside.
 * A held row (c.held) has its notes, original record and quotes only once read (HeldText.read),
 * or when given as `heldValues`.
 */
export function featureAt(c: EventColumns, row: number, heldValues?: HeldValues): AtlasFeature {
  const kept = c.geometries.get(row);
  const geometry: Geometry | null =
    kept !== undefined ? kept : { type: 'Point', coordinates: [c.lon[row], c.lat[row]] };
  const extra = c.members.get(row);
  const properties = c.props.row(row, heldValues) as unknown as AtlasFeature['properties'];
  const f: AtlasFeature = c.idMember[row]
    ? { type: 'Feature', id: properties.id, geometry, properties }
    : { type: 'Feature', geometry, properties };
  return extra ? ({ ...extra, ...f } as AtlasFeature) : f;
}

/**
 * Input positions in (start, id) order: a counting sort by start day (days span a few thousand
 * values), then each run of equal days put in id order — skipped when it already is, as in
 * generated or exported files.
 */
export function sortedOrder(start: Int32Array, idOf: (i: number) => string): Uint32Array {
  const n = start.length;
  const order = new Uint32Array(n);
  if (n === 0) return order;
  // Timeless rows (TIMELESS_DAY) count as the day before the first dated one, so they sort first
  // without stretching the counting sort over two billion days.
  let min = Infinity;
  let max = -Infinity;
  let timeless = false;
  for (let i = 0; i < n; i++) {
    if (start[i] === TIMELESS_DAY) timeless = true;
    else {
      if (start[i] < min) min = start[i];
      if (start[i] > max) max = start[i];
    }
  }
  if (timeless) {
    if (min === Infinity) min = max = 0;
    start = Int32Array.from(start, (d) => (d === TIMELESS_DAY ? min - 1 : d));
    min--;
  }
  if (max - min > 4 * n + 100_000) {
    // Sparse days (e.g. a few features centuries apart): a comparison sort.
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => start[a] - start[b] || compareIds(idOf(a), idOf(b)));
    order.set(idx);
    return order;
  }
  const counts = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) counts[start[i] - min + 1]++;
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  for (let i = 0; i < n; i++) order[counts[start[i] - min]++] = i;
  // Runs of equal start day, in input order: put each in id order.
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && start[order[b]] === start[order[a]]) b++;
    let sorted = true;
    for (let k = a + 1; k < b && sorted; k++) sorted = compareIds(idOf(order[k - 1]), idOf(order[k])) <= 0;
    if (!sorted) {
      const run = Array.from(order.subarray(a, b));
      run.sort((x, y) => compareIds(idOf(x), idOf(y)));
      order.set(run, a);
    }
    a = b;
  }
  return order;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
