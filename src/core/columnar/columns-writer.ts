// One row of a feature written into typed columns and a property store: the loop body of buildColumnsFrom, also used by the import, which writes each feature as it comes.
import { ArrayIds } from './row-ids';
import type { Geometry } from 'geojson';
import type { AtlasFeature, Weapon } from '../schema/schema';
import { WEAPONS } from '../schema/schema';
import { strikeMagnitude } from '../style';
import { anchorOf } from './feature-keys';
import { PropertyStoreBuilder } from './property-store-builder';
import type { EventColumns } from './columns';
import type { LayerKind } from '../schema/schema';
import type { SearchIndex } from './search-index';

/** Layer kinds by code: the `kind` column's numbers (a private index, like the `layer` column's; see schema/layers.ts). */
export const KINDS: readonly LayerKind[] = ['strike', 'facility', 'deployment', 'link'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
const WEAPON_CODE = new Map(WEAPONS.map((w, i) => [w, i]));
const UNKNOWN_WEAPON = WEAPONS.indexOf('unknown');
const FEATURE_KEYS = new Set(['type', 'geometry', 'properties']);

/**
 * Columns of up to `capacity` rows, written row by row in any order (`write`), then taken
 * (`columns`, which keeps the first n rows). A feature is read once, when written: nothing of it
 * is kept but its values in the columns and the store.
 */
export class ColumnsWriter {
  readonly ids: string[];
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly layer: Uint16Array;
  private readonly kind: Uint8Array;
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly weapon: Uint8Array;
  private readonly magnitude: Float32Array;
  private readonly placePrecisionKm: Float32Array;
  private readonly geometries = new Map<number, Geometry | null>();
  private readonly members = new Map<number, Record<string, unknown>>();
  private readonly idMember: Uint8Array;
  private readonly props: PropertyStoreBuilder;

  constructor(readonly capacity: number) {
    const n = capacity;
    this.ids = new Array<string>(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.layer = new Uint16Array(n);
    this.kind = new Uint8Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.weapon = new Uint8Array(n);
    this.magnitude = new Float32Array(n);
    this.placePrecisionKm = new Float32Array(n);
    this.idMember = new Uint8Array(n);
    // `id` is in the id column; an import's `original` record of a file in our schema repeats the properties.
    const ids = this.ids;
    this.props = new PropertyStoreBuilder(n, 0, { derived: { id: (r) => ids[r] }, projections: ['original'] });
  }

  /** Writes feature `f` (valid: see buildColumns) as row r, on layer `code`, with its start and end days. */
  write(r: number, f: AtlasFeature, code: number, startDay: number, endDay: number): void {
    const p = f.properties;
    this.ids[r] = p.id;
    this.start[r] = startDay;
    this.end[r] = endDay;
    this.layer[r] = code;
    this.kind[r] = KIND_CODE.get(p.layer) ?? 0;
    this.weapon[r] = WEAPON_CODE.get(p.weapon as Weapon) ?? UNKNOWN_WEAPON;
    this.magnitude[r] = strikeMagnitude(p);
    this.placePrecisionKm[r] = p.place_precision_km;
    const g = f.geometry;
    if (g === null) {
      this.geometries.set(r, null);
      this.lon[r] = NaN;
      this.lat[r] = NaN;
    } else if (g.type === 'Point' && g.coordinates.length === 2 && isPlainPointGeometry(g)) {
      this.lon[r] = g.coordinates[0];
      this.lat[r] = g.coordinates[1];
    } else {
      this.geometries.set(r, g);
      [this.lon[r], this.lat[r]] = anchorOf(f);
    }
    let extra: Record<string, unknown> | undefined;
    for (const k in f) {
      if (FEATURE_KEYS.has(k) || !Object.hasOwn(f, k)) continue;
      if (k === 'id' && f.id === p.id) {
        this.idMember[r] = 1;
        continue;
      }
      extra ??= {};
      extra[k] = (f as unknown as Record<string, unknown>)[k];
    }
    if (extra) this.members.set(r, extra);
    this.props.add(r, p as unknown as Record<string, unknown>);
  }

  /** The columns of rows 0 … n - 1 (all written), with `layers` layer codes; the writer is done. */
  columns(n: number, layers: number, search: SearchIndex, rowOfId: EventColumns['rowOfId']): EventColumns {
    const cut = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array | Float32Array>(a: T): T =>
      n === this.capacity ? a : (a.slice(0, n) as T);
    const layer = cut(this.layer);
    const counts = new Uint32Array(layers);
    for (let r = 0; r < n; r++) counts[layer[r]]++;
    if (n < this.capacity) this.ids.length = n;
    return {
      n,
      ids: new ArrayIds(this.ids),
      start: cut(this.start),
      end: cut(this.end),
      layer,
      kind: cut(this.kind),
      lon: cut(this.lon),
      lat: cut(this.lat),
      weapon: cut(this.weapon),
      magnitude: cut(this.magnitude),
      placePrecisionKm: cut(this.placePrecisionKm),
      geometries: this.geometries,
      idMember: cut(this.idMember),
      members: this.members,
      props: this.props.build(n),
      rowsOfLayer: rowsByLayer(layer, counts),
      rowOfId,
      search,
    };
  }
}

/** Each layer's rows in row order: `counts[code]` rows of layer `code` in `layer`. */
export function rowsByLayer(layer: ArrayLike<number>, counts: Uint32Array): Uint32Array[] {
  const rows = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(counts.length);
  for (let r = 0; r < layer.length; r++) rows[layer[r]][fill[layer[r]]++] = r;
  return rows;
}

/** A Point with nothing but `type` and `coordinates` (no bbox or foreign members to keep). */
export function isPlainPointGeometry(g: object): boolean {
  let n = 0;
  for (const k in g) if (++n > 2 || (k !== 'type' && k !== 'coordinates')) return false;
  return true;
}
