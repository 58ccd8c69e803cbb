// EventColumns as one postMessage: typed arrays transferred (not copied), the id lookup as a hash table, the store packed.
import type { Geometry } from 'geojson';
import type { EventColumns } from './columns';
import { IdIndex } from './id-index';
import { PropertyStore, type PropertyStorePacket } from './property-store';

export interface ColumnsPacket {
  n: number;
  ids: string[];
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
  search: { text: string; starts: Uint32Array };
}

/** Packs columns built in a worker; send `packet` with `transfer` as the transfer list. The columns are unusable afterwards. */
export function packColumns(c: EventColumns): { packet: ColumnsPacket; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const idTable = IdIndex.build(c.ids).table;
  const typed = [c.start, c.end, c.layer, c.kind, c.lon, c.lat, c.weapon, c.magnitude, c.placePrecisionKm, c.idMember, idTable, c.search.starts, ...c.rowsOfLayer];
  for (const a of typed) if (a.buffer instanceof ArrayBuffer && !transfer.includes(a.buffer)) transfer.push(a.buffer);
  const props = c.props.toPacket(transfer);
  const { n, ids, start, end, layer, kind, lon, lat, weapon, magnitude, placePrecisionKm, geometries, idMember, members, rowsOfLayer, search } = c;
  return { packet: { n, ids, start, end, layer, kind, lon, lat, weapon, magnitude, placePrecisionKm, geometries, idMember, members, props, rowsOfLayer, idTable, search }, transfer };
}

/** The columns again on the receiving side: no copy of the typed arrays, no pass over the rows. */
export function unpackColumns(p: ColumnsPacket): EventColumns {
  const { idTable, props, ...rest } = p;
  const ids = p.ids;
  return { ...rest, props: PropertyStore.fromPacket(props, { id: (r) => ids[r] }), rowOfId: new IdIndex(ids, idTable) };
}
