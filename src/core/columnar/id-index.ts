// Row of each feature id as one open-addressing hash table in an Int32Array: built in a worker, transferred, probed on the page.
import type { RowIds } from './row-ids';

/** FNV-1a over the UTF-16 units of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A million ids in a `Map` cost ~60 MB of heap and, sent between threads, a long structured
 * clone. Here slot `hash(id) & mask` (then the next ones, linearly) holds row + 1 (0 = empty); a
 * lookup compares the id at that row. Size: a power of two at least twice the rows.
 */
export class IdIndex {
  private readonly mask: number;

  constructor(
    private readonly ids: RowIds,
    readonly table: Int32Array,
  ) {
    this.mask = table.length - 1;
  }

  /** Builds the table for `ids` (which must be unique). */
  static build(ids: RowIds): IdIndex {
    return IdIndex.fill(ids, false);
  }

  /**
   * Builds the table for `ids` and checks them: throws, naming it, for an id that appears twice
   * (what a Map of them would check, at a third of its cost: the reader worker's columns).
   */
  static buildUnique(ids: RowIds): IdIndex {
    return IdIndex.fill(ids, true);
  }

  private static fill(ids: RowIds, unique: boolean): IdIndex {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let r = 0; r < ids.length; r++) {
      const id = ids.get(r);
      let s = hash(id) & mask;
      for (let v = table[s]; v !== 0; v = table[s]) {
        if (unique && ids.get(v - 1) === id) throw new Error(`feature id "${id}" appears twice`);
        s = (s + 1) & mask;
      }
      table[s] = r + 1;
    }
    return new IdIndex(ids, table);
  }

  get(id: string): number | undefined {
    let s = hash(id) & this.mask;
    for (;;) {
      const v = this.table[s];
      if (v === 0) return undefined;
      if (this.ids.get(v - 1) === id) return v - 1;
      s = (s + 1) & this.mask;
    }
  }
}
