// A data export of any size streamed from the columns: rows read one by one, CSV or GeoJSON text written in chunks into a Blob, with progress and cancel.
import type { Dataset } from '../../core/columnar/dataset';
import type { AtlasFeature } from '../../core/schema/schema';
import { featureAt } from '../../core/columnar/columns';
import type { HeldText, HeldValues } from '../../core/columnar/held-text';
import { BOM, CSV_NEWLINE, CsvHeader, csvLines } from './csv';
import { geojsonChunks, type ExportMeta } from './geojson-export';
import { BlobSink } from './blob-sink';
import { bboxesIntersect, geometryBbox, type Bbox } from './selection';
import { checkAborted, nextTask, type RunOptions } from './tasks';

/**
 * A million-row window made a million Items (kept by the dataset), then one string per line, then
 * the Blob: gigabytes of heap and a long freeze. Here the rows of the window are read from the
 * columns one at a time (`featureAt`: a fresh feature that nothing keeps), their text gathered
 * as UTF-8 into a buffer of `chunkChars` characters' bytes, made a Blob part whenever it is full
 * (blob-sink.ts), so the text leaves the JS heap as it is written. The work is
 * cut into slices of ~`sliceMs` between which the page draws, reports progress and checks for
 * cancel. The CSV's header needs every property name first: a first pass reads them (the first
 * part of the progress). The bytes are exactly those of `toCsv` / `toGeojson` over the same features.
 */
export interface StreamOptions extends RunOptions {
  /** Characters gathered (as UTF-8, up to 3 bytes each) before they are made a Blob part (default 1 M). */
  chunkChars?: number;
  /** Work between two yields to the page, in ms (default 12). */
  sliceMs?: number;
  /** Yields to the page (default: the next task). */
  pause?: () => Promise<void>;
}

export interface StreamResult {
  blob: Blob;
  count: number;
  /** Blob parts written (tests: the chunking happened). */
  chunks: number;
}

/** Rows whose geometry's box meets `bbox` (all of `rows` without one); no Items made. */
export function rowsInView(ds: Dataset, rows: Uint32Array, bbox: Bbox | null): Uint32Array {
  if (!bbox) return rows;
  const c = ds.columns;
  const out = new Uint32Array(rows.length);
  let k = 0;
  for (const r of rows) {
    const g = c.geometries.get(r);
    // A row without its own geometry entry is the Point at lon/lat.
    const box: Bbox | null = g === undefined ? [c.lon[r], c.lat[r], c.lon[r], c.lat[r]] : g ? geometryBbox(g) : null;
    if (box && Number.isFinite(box[0]) && bboxesIntersect(box, bbox)) out[k++] = r;
  }
  return out.slice(0, k);
}

/** Rows' held text (an import's notes, original records, quotes: held-text.ts) read from the data worker by blocks, ahead of the rows' features. */
const HELD_BLOCK = 2048;

class HeldCursor {
  /** Index in `rows` of the next feature to make. */
  at = 0;
  private end = 0;
  private values = new Map<number, HeldValues>();
  /** The block after the one read, asked for while this one is written. */
  private next: { from: number; values: Promise<Map<number, HeldValues>> } | null = null;

  /** `keysOnly`: the held keys alone, valued null (the CSV header's pass). */
  constructor(
    private readonly held: HeldText | undefined,
    private readonly rows: Uint32Array,
    private readonly keysOnly = false,
  ) {}

  private ask(from: number): { from: number; values: Promise<Map<number, HeldValues>> } {
    const values = (this.held as HeldText).read(this.rows.subarray(from, from + HELD_BLOCK), false, this.keysOnly);
    // (A rejection is seen when that block is waited for.)
    values.catch(() => undefined);
    return { from, values };
  }

  /** Reads the next block's held text when the next row is past the block read, and asks for the one after. */
  async ready(): Promise<void> {
    if (!this.held || this.at < this.end || this.at >= this.rows.length) return;
    const pending = this.next?.from === this.at ? this.next : this.ask(this.at);
    this.next = null;
    this.values = await pending.values;
    this.end = Math.min(this.rows.length, this.at + HELD_BLOCK);
    if (this.end < this.rows.length) this.next = this.ask(this.end);
  }

  /** The held values of the row at `at` (which must be in the block read), or undefined for a row that holds none. */
  take(r: number): HeldValues | undefined {
    if (!this.held?.rows[r]) {
      this.at++;
      return undefined;
    }
    if (this.at >= this.end) throw new Error('export: a row was read before its text');
    this.at++;
    return this.values.get(r);
  }
}

/**
 * The features of `rows`: the Item's where the page has made one (what the list and details show),
 * else read from the columns (nothing kept); a held row's with its text from `cursor` (which the
 * caller makes ready before each pull).
 */
function* featuresOf(ds: Dataset, rows: Uint32Array, cursor: HeldCursor): Generator<AtlasFeature> {
  for (const r of rows) {
    const held = cursor.take(r);
    yield held ? featureAt(ds.columns, r, held) : (ds.itemIfMade?.(r)?.feature ?? featureAt(ds.columns, r));
  }
}

/** Writes the rows as CSV or GeoJSON into a Blob, in chunks; see StreamOptions. */
export async function streamExport(
  ds: Dataset,
  rows: Uint32Array,
  format: 'csv' | 'geojson',
  meta: ExportMeta,
  opts: StreamOptions = {},
): Promise<StreamResult> {
  const { signal, onProgress } = opts;
  const chunkChars = opts.chunkChars ?? 1 << 20;
  const sliceMs = opts.sliceMs ?? 12;
  const pause = opts.pause ?? nextTask;
  const n = rows.length;
  const label = format === 'csv' ? 'CSV' : 'GeoJSON';
  let last = performance.now();
  /** Yields when the slice is used up; reports `fraction` and `message` then. */
  const slice = async (fraction: number, message: () => string): Promise<void> => {
    if (performance.now() - last < sliceMs) return;
    onProgress?.(Math.min(0.99, fraction), message());
    await pause();
    checkAborted(signal);
    last = performance.now();
  };
  checkAborted(signal);

  // The CSV header: every property name of the rows, in order of first use (a pass of its own).
  const headerShare = format === 'csv' ? 0.25 : 0;
  let header: string[] | null = null;
  if (format === 'csv') {
    const columns = new CsvHeader();
    let i = 0;
    const cursor = new HeldCursor(ds.columns.held, rows, true);
    const features = featuresOf(ds, rows, cursor);
    for (;;) {
      await cursor.ready();
      const next = features.next();
      if (next.done) break;
      columns.add(next.value);
      i++;
      await slice(
        (headerShare * i) / Math.max(1, n),
        () => `Writing CSV: reading the columns of ${i} of ${n} features`,
      );
    }
    header = columns.columns();
  }

  // Each piece is encoded into the Blob's bytes as it comes (no string of a chunk is built).
  const sink = new BlobSink(chunkChars * 3);
  const cursor = new HeldCursor(ds.columns.held, rows);
  const text =
    format === 'csv'
      ? csvLines(featuresOf(ds, rows, cursor), header ?? undefined)
      : geojsonChunks(featuresOf(ds, rows, cursor), meta);
  if (format === 'csv') sink.write(BOM);
  // The first CSV line is the header; the GeoJSON's first and last pieces are its frame.
  let written = format === 'csv' ? -1 : 0;
  let pieces = 0;
  for (;;) {
    // Each piece after the first is one feature's: its text is read before the pull.
    await cursor.ready();
    const next = text.next();
    if (next.done) break;
    const piece = next.value;
    sink.write(piece);
    if (format === 'csv') sink.write(CSV_NEWLINE);
    pieces++;
    written = format === 'csv' ? pieces - 1 : Math.min(n, pieces - 1);
    await slice(
      headerShare + ((1 - headerShare) * written) / Math.max(1, n),
      () => `Writing ${label}: ${Math.max(0, written)} of ${n} features`,
    );
  }
  checkAborted(signal);
  onProgress?.(1, 'Done');
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/geo+json';
  const chunks = sink.partCount;
  return { blob: sink.blob(type), count: n, chunks };
}
