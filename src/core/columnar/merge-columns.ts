// Columns merged from parts already built (the bundled data, each chunk of each import): rows interleaved by (start, id), every column gathered, no row rebuilt.
import { ArrayIds } from './row-ids';
import type { Geometry } from 'geojson';
import { rowsByLayer, sortedOrder, type EventColumns } from './columns';
import { gatherStores } from './property-store-gather';
import { foldText, rowSearchText, SearchIndexBuilder } from './search-index';
import { IdIndex } from './id-index';

/** Texts up to this long are folded once for the search index and remembered (FOLD_MEMO_SIZE of them at most). */
const FOLD_MEMO_CHARS = 200;
const FOLD_MEMO_SIZE = 50_000;
import type { Source } from '../schema/schema';
import { HELD_PATHS, HeldText } from './held-text';

/** One part: its columns (sorted within), its layer codes mapped to the merged ones, and the rows to use (all when absent). */
export interface ColumnsPart {
  columns: EventColumns;
  layerMap: ArrayLike<number>;
  keep?: Uint32Array;
  /** The part's text of HELD_PATHS stays with it (the data worker's import): the merged store marks its rows held (held-text.ts). */
  held?: boolean;
}

/** The merged columns and, for each merged row, the part and the part's row it came from (to read held text back). */
export type MergedEventColumns = EventColumns & { from: { part: Uint16Array; local: Uint32Array } };

/**
 * The columns of all parts' rows, sorted by (start day, id) as buildColumns sorts, with the
 * layer codes of `layerKeys`. Throws when an id appears twice.
 */
export function mergeColumns(parts: readonly ColumnsPart[], layerKeys: readonly string[]): MergedEventColumns {
  let n = 0;
  for (const p of parts) n += p.keep ? p.keep.length : p.columns.n;
  const partOf = new Uint16Array(n);
  const localOf = new Uint32Array(n);
  const startIn = new Int32Array(n);
  let at = 0;
  parts.forEach((p, k) => {
    const c = p.columns;
    const count = p.keep ? p.keep.length : c.n;
    for (let i = 0; i < count; i++) {
      const l = p.keep ? p.keep[i] : i;
      partOf[at] = k;
      localOf[at] = l;
      startIn[at++] = c.start[l];
    }
  });
  const order = sortedOrder(startIn, (i) => parts[partOf[i]].columns.ids.get(localOf[i]));
  const part = new Uint16Array(n);
  const local = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    part[r] = partOf[order[r]];
    local[r] = localOf[order[r]];
  }

  const ids = new Array<string>(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const layer = new Uint16Array(n);
  const kind = new Uint8Array(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const weapon = new Uint8Array(n);
  const magnitude = new Float32Array(n);
  const placePrecisionKm = new Float32Array(n);
  const idMember = new Uint8Array(n);
  const geometries = new Map<number, Geometry | null>();
  const members = new Map<number, Record<string, unknown>>();
  const layerCounts = new Uint32Array(layerKeys.length);
  const search = new SearchIndexBuilder(n);
  // Titles, places and templated summaries repeat from row to row: each short text is folded once.
  const folded = new Map<string, string>();
  const fold = (text: string): string => {
    if (text.length > FOLD_MEMO_CHARS) return foldText(text);
    let f = folded.get(text);
    if (f === undefined) {
      if (folded.size >= FOLD_MEMO_SIZE) folded.clear();
      f = foldText(text);
      folded.set(text, f);
    }
    return f;
  };
  for (let r = 0; r < n; r++) {
    const p = parts[part[r]];
    const c = p.columns;
    const l = local[r];
    ids[r] = c.ids.get(l);
    start[r] = c.start[l];
    end[r] = c.end[l];
    const code = p.layerMap[c.layer[l]];
    layer[r] = code;
    layerCounts[code]++;
    kind[r] = c.kind[l];
    lon[r] = c.lon[l];
    lat[r] = c.lat[l];
    weapon[r] = c.weapon[l];
    magnitude[r] = c.magnitude[l];
    placePrecisionKm[r] = c.placePrecisionKm[l];
    idMember[r] = c.idMember[l];
    const g = c.geometries.get(l);
    if (g !== undefined) geometries.set(r, g);
    const m = c.members.get(l);
    if (m) members.set(r, m);
    // The row's text without its end mark; a chunk that keeps no index (import-rows.ts) reads its store.
    if (c.search.starts.length > c.n) search.add(c.search.text.slice(c.search.starts[l], c.search.starts[l + 1] - 1));
    else
      search.add(
        rowSearchText(
          {
            title: c.props.get(l, 'title') as string,
            place: c.props.get(l, 'place') as string,
            summary: c.props.get(l, 'summary') as string,
            sources: c.props.get(l, 'sources') as Source[],
          },
          fold,
        ),
      );
  }
  // The ids' table, checked (an id twice throws, naming it), is the one the packet sends (columns-packet.ts).
  const idList = new ArrayIds(ids);
  const rowOfId = IdIndex.buildUnique(idList);
  const rowsOfLayer = rowsByLayer(layer, layerCounts);
  // An import's `layer_key` property names its merged layer, as mergeImports sets it.
  const heldParts = Uint8Array.from(parts, (p) => (p.held ? 1 : 0));
  const anyHeld = heldParts.includes(1);
  const props = gatherStores(
    parts.map((p) => p.columns.props),
    part,
    local,
    n,
    { id: (r) => ids[r] },
    { layer_key: (r) => layerKeys[layer[r]] },
    anyHeld ? { parts: heldParts, paths: HELD_PATHS } : undefined,
  );
  let held: HeldText | undefined;
  if (anyHeld) {
    const rows = new Uint8Array(n);
    for (let r = 0; r < n; r++) rows[r] = heldParts[part[r]];
    held = new HeldText(rows);
    props.held = held;
  }
  return {
    n,
    ids: idList,
    start,
    end,
    layer,
    kind,
    lon,
    lat,
    weapon,
    magnitude,
    placePrecisionKm,
    geometries,
    idMember,
    members,
    props,
    rowsOfLayer,
    rowOfId,
    search: search.build(),
    ...(held ? { held } : {}),
    from: { part, local },
  };
}
