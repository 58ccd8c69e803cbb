// EventColumns as one postMessage: typed arrays transferred (not copied), the id lookup as a hash table, every string in one packed text.
import { TableIds } from './row-ids';
import type { Geometry } from 'geojson';
import type { EventColumns } from './columns';
import { IdIndex } from './id-index';
import { StringPacker, StringTable, type PackedStrings } from './packed-strings';
import { PropertyStore, type PropertyStorePacket } from './property-store';
import { markTextElsewhere } from './remote-text';
import { HeldText } from './held-text';

/**
 * No string of the columns travels as a JS string of its own (deserialising 300k of them was the
 * page's longest task): the ids (strings 0 … n-1), the search text (string n) and the store's
 * dictionary values (after, a dictionary that repeats another's sent once) are one PackedStrings:
 * one string (or its UTF-8 bytes) and a transferred offsets array. With `searchText: false` the
 * search text stays with the sender, which answers searches (the data worker): ~90 M characters at
 * a million rows the page never holds (remote-text.ts).
 */
export interface ColumnsPacket {
  n: number;
  strings: PackedStrings;
  start: Int32Array;
  end: Int32Array;
  layer: Uint16Array;
  kind: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  weapon: Uint8Array;
  magnitude: Float32Array;
  placePrecisionKm: Float32Array;
  geometries: Map<number, Geometry | null>;
  idMember: Uint8Array;
  members: Map<number, Record<string, unknown>>;
  props: PropertyStorePacket;
  rowsOfLayer: Uint32Array[];
  idTable: Int32Array;
  searchStarts: Uint32Array;
  /** False when the search text stayed with the sender (the data worker answers searches): the page gets only the row offsets. */
  searchText: boolean;
  /** 1 for a row whose notes, original record and quotes stayed with the sender (held-text.ts); null when none did. */
  heldRows: Uint8Array | null;
}

/**
 * Packs columns built in a worker; send `packet` with `transfer` as the transfer list. The columns
 * are unusable afterwards. `utf8`: the strings as transferred UTF-8 bytes instead of one joined
 * string; off by default, as Chromium's TextDecoder (~200 MB/s) costs the page more than cloning
 * one flat string does (300k ACLED rows, 68 MB of text: decode 323 ms; the clone ~130 ms).
 */
export function packColumns(
  c: EventColumns,
  opts: { utf8?: boolean; searchText?: boolean } = {},
): { packet: ColumnsPacket; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  // Columns whose id lookup is already the table (the reader worker's, group-columns.ts) send it as it is.
  const idTable = (c.rowOfId instanceof IdIndex ? c.rowOfId : IdIndex.build(c.ids)).table;
  const typed = [
    c.start,
    c.end,
    c.layer,
    c.kind,
    c.lon,
    c.lat,
    c.weapon,
    c.magnitude,
    c.placePrecisionKm,
    c.idMember,
    idTable,
    c.search.starts,
    ...c.rowsOfLayer,
    ...(c.held ? [c.held.rows] : []),
  ];
  for (const a of typed) if (a.buffer instanceof ArrayBuffer && !transfer.includes(a.buffer)) transfer.push(a.buffer);
  const packer = new StringPacker(opts.utf8 === true);
  for (let r = 0; r < c.n; r++) packer.add(c.ids.get(r));
  const searchText = opts.searchText !== false;
  packer.add(searchText ? c.search.text : '');
  const props = c.props.toPacket(transfer, packer);
  const strings = packer.pack(transfer);
  const {
    n,
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
    rowsOfLayer,
  } = c;
  return {
    packet: {
      n,
      strings,
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
      idTable,
      searchStarts: c.search.starts,
      searchText,
      heldRows: c.held?.rows ?? null,
    },
    transfer,
  };
}

/** The columns again on the receiving side: no copy of the typed arrays; the strings decoded in one pass and cut out. */
export function unpackColumns(p: ColumnsPacket): EventColumns {
  const { idTable, props, strings: packed, searchStarts, searchText, heldRows, ...rest } = p;
  const strings = new StringTable(packed);
  const ids = new TableIds(strings, p.n); // no string made until a row's id is asked for
  const search = { text: strings.get(p.n), starts: searchStarts };
  if (!searchText) markTextElsewhere(search);
  const store = PropertyStore.fromPacket(props, strings, { id: (r) => ids.get(r) });
  const held = heldRows ? new HeldText(heldRows) : undefined;
  if (held) store.held = held;
  return {
    ...rest,
    ids,
    search,
    props: store,
    rowOfId: new IdIndex(ids, idTable),
    ...(held ? { held } : {}),
  };
}
