// Text of imported rows that the data worker holds (notes, the original record, a source's quote): the page keeps which rows, and reads a row's text only when it shows or exports it.

/**
 * Nothing on the page draws, filters or searches these: the worker keeps them with the import's
 * rows and builds the search index from them. At a million ACLED rows they were ~100 characters
 * and ~120 bytes of typed arrays a row on the page. A row's value of a held path is read from
 * the worker (`read`) when the details, the event list's match line or an export need it.
 */
export const HELD_PATHS: readonly string[] = ['summary', 'original', 'sources.quote'];

/** Top-level keys whose values the worker gives whole for a held row (`sources` whole, quotes included). */
export const HELD_KEYS: readonly string[] = ['summary', 'sources', 'original'];

/** A held row's values of HELD_KEYS (only the keys it has), as the worker sends them. */
export type HeldValues = Record<string, unknown>;

/** Rows kept this many at most on the page once read (the details, the list's rows in view). */
const KEEP_ROWS = 20_000;

/** Which rows' text is held elsewhere, and those read so far. */
export class HeldText {
  private readonly loaded = new Map<number, HeldValues>();
  /** Reads rows' held values from the worker (null where it no longer holds that build: see read()). */
  reader: ((rows: Uint32Array, keysOnly?: boolean) => Promise<(HeldValues | null)[]>) | null = null;

  /** `rows[r]` is 1 where row r's held paths are elsewhere. */
  constructor(readonly rows: Uint8Array) {}

  /** The row's held values if read, else undefined (also for a row that holds nothing elsewhere). */
  values(row: number): HeldValues | undefined {
    return this.rows[row] ? this.loaded.get(row) : undefined;
  }

  /** True when the row's text is elsewhere and not read yet. */
  missing(row: number): boolean {
    return this.rows[row] === 1 && !this.loaded.has(row);
  }

  /**
   * The held values of `rows` (only rows that hold some), read from the worker; `keep` also
   * keeps them here, so the store's rows include them from then on (what the page shows).
   * Throws when the worker cannot give them: nothing is shown or exported without its text.
   * `keysOnly`: each key the row holds, its value null (a CSV export's header needs the names alone;
   * nothing is read from the file).
   */
  async read(rows: ArrayLike<number>, keep: boolean, keysOnly = false): Promise<Map<number, HeldValues>> {
    if (keysOnly && keep) throw new Error('a read of keys only is not kept');
    const out = new Map<number, HeldValues>();
    const ask: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!this.rows[r]) continue;
      const v = this.loaded.get(r);
      if (v) out.set(r, v);
      else ask.push(r);
    }
    if (!ask.length) return out;
    if (!this.reader) throw new Error('the text of these rows is held by the data worker, which is not connected');
    const got = await this.reader(Uint32Array.from(ask), keysOnly);
    ask.forEach((r, i) => {
      const v = got[i];
      if (!v) throw new Error(`the data worker no longer holds the text of row ${r}: load the file again`);
      out.set(r, v);
      if (keep) {
        this.loaded.delete(r);
        this.loaded.set(r, v);
      }
    });
    while (this.loaded.size > KEEP_ROWS) this.loaded.delete(this.loaded.keys().next().value as number);
    return out;
  }
}
