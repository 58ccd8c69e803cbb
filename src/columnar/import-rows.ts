// An import kept as columns in the data worker: each validated feature goes into column builders and a property store by chunk, never kept as an object.
import type { Geometry } from 'geojson';
import type { AtlasFeature } from '../data/schema';
import type { ImportedFeature } from '../import/types';
import { featureDays, isPlainPointGeometry } from './columns';
import { detach, PropertyStoreBuilder, type PropertyStore } from './property-store';
import type { RowSource } from './row-source';

/** Features held as objects before their chunk is written into columns. */
export const CHUNK_ROWS = 4096;

/**
 * One chunk of an import's rows, in the order they were accepted:
 *
 *   ids      start/end (days)   layer (code into layerKeys)   lon/lat (Points)   geometries (the rest; null = not placed)
 *   props:   PropertyStore of the properties (id derived from `ids`; `original` stored as a shape where it repeats them)
 */
interface Block {
  n: number;
  ids: string[];
  start: Int32Array;
  end: Int32Array;
  layer: Uint16Array;
  lon: Float64Array;
  lat: Float64Array;
  geometries: Map<number, Geometry | null>;
  props: PropertyStore;
}

/** Where the importer's accepted features go in the worker (a ResultBuilder sink); `rows()` once the import has ended. */
export class ImportRowsBuilder {
  private pending: ImportedFeature[] = [];
  private readonly blocks: Block[] = [];
  /** The import's layer keys (ImportLayer.key), by code. */
  readonly layerKeys: string[] = [];
  private readonly layerCode = new Map<string, number>();

  /** The sink: keeps the feature until its chunk is full, then writes the chunk into columns. */
  readonly add = (f: ImportedFeature): void => {
    this.pending.push(f);
    if (this.pending.length >= CHUNK_ROWS) this.flush();
  };

  private flush(): void {
    const fs = this.pending;
    const n = fs.length;
    if (n === 0) return;
    this.pending = [];
    const ids = new Array<string>(n);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const layer = new Uint16Array(n);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const geometries = new Map<number, Geometry | null>();
    const props = new PropertyStoreBuilder(n, 0, { derived: { id: (r) => ids[r] }, projections: ['original'] });
    for (let i = 0; i < n; i++) {
      const f = fs[i];
      const p = f.properties;
      ids[i] = detach(p.id);
      const days = featureDays(p);
      if (typeof days === 'string') throw new Error(`feature ${p.id}: ${days}`); // the importer wrote these dates
      [start[i], end[i]] = days;
      let code = this.layerCode.get(p.layer_key);
      if (code === undefined) {
        code = this.layerKeys.push(p.layer_key) - 1;
        this.layerCode.set(p.layer_key, code);
      }
      layer[i] = code;
      const g = f.geometry;
      if (g && g.type === 'Point' && g.coordinates.length === 2 && isPlainPointGeometry(g)) {
        lon[i] = g.coordinates[0];
        lat[i] = g.coordinates[1];
      } else geometries.set(i, g);
      props.add(i, p as unknown as Record<string, unknown>);
    }
    this.blocks.push({ n, ids, start, end, layer, lon, lat, geometries, props: props.build() });
  }

  /** The import's rows (the last, partial chunk written out first). */
  rows(): ImportRows {
    this.flush();
    return new ImportRows(this.blocks, this.layerKeys);
  }
}

/** An import's rows as the worker keeps them: chunks of columns, read back row by row. */
export class ImportRows {
  readonly n: number;
  private readonly offsets: number[] = [];

  constructor(private readonly blocks: readonly Block[], readonly layerKeys: readonly string[]) {
    this.n = blocks.reduce((s, b) => s + b.n, 0);
    let at = 0;
    for (const b of blocks) {
      this.offsets.push(at);
      at += b.n;
    }
  }

  private locate(i: number): [Block, number] {
    // Blocks are CHUNK_ROWS long but the last: a division, not a search.
    const k = Math.min(this.blocks.length - 1, Math.floor(i / CHUNK_ROWS));
    return [this.blocks[k], i - this.offsets[k]];
  }

  id(i: number): string {
    const [b, r] = this.locate(i);
    return b.ids[r];
  }

  /** The layer key (ImportLayer.key) of row i. */
  layerKey(i: number): string {
    const [b, r] = this.locate(i);
    return this.layerKeys[b.layer[r]];
  }

  /** Row i as a feature made for this call; `layerKey` renames its layer (the merged layer's key). */
  feature(i: number, layerKey?: (key: string) => string): AtlasFeature {
    const [b, r] = this.locate(i);
    const properties = b.props.row(r) as unknown as AtlasFeature['properties'] & { layer_key: string };
    if (layerKey) properties.layer_key = layerKey(properties.layer_key);
    const kept = b.geometries.get(r);
    const geometry = kept !== undefined ? kept : ({ type: 'Point', coordinates: [b.lon[r], b.lat[r]] } as Geometry);
    return { type: 'Feature', id: properties.id, geometry, properties };
  }

  /** The rows as a RowSource for buildColumnsFrom, each feature made when asked for. */
  source(layerKey?: (key: string) => string): RowSource {
    const start = new Int32Array(this.n);
    const end = new Int32Array(this.n);
    let at = 0;
    for (const b of this.blocks) {
      start.set(b.start, at);
      end.set(b.end, at);
      at += b.n;
    }
    return { n: this.n, start, end, id: (i) => this.id(i), feature: (i) => this.feature(i, layerKey) };
  }
}
