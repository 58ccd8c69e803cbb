// The rows' ids, read by row: unpacked on the page they stay in the packet's string table, and no string is made until a row's id is asked for.

/** Each row's feature id. Iterable in row order. */
export interface RowIds extends Iterable<string> {
  readonly length: number;
  get(row: number): string;
}

/** Ids held as an array of strings (the worker's writer, a merge, the bundled data). */
export class ArrayIds implements RowIds {
  constructor(private readonly list: readonly string[]) {}

  get length(): number {
    return this.list.length;
  }

  get(row: number): string {
    return this.list[row];
  }

  [Symbol.iterator](): Iterator<string> {
    return this.list[Symbol.iterator]();
  }
}

/**
 * Ids read from a string table's first `length` entries (columns-packet.ts): at a million rows the
 * page made a million strings on arrival (~80 ms, and tens of MB the next garbage collection then
 * walked) for ids that only the rows shown, looked up or exported ever read.
 */
export class TableIds implements RowIds {
  constructor(
    private readonly table: { get(i: number): string },
    readonly length: number,
  ) {}

  get(row: number): string {
    return this.table.get(row);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let r = 0; r < this.length; r++) yield this.table.get(r);
  }
}
