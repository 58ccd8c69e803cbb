// Web Worker: reads chosen row groups of a published dataset's Parquet files by HTTP range requests (hyparquet) and posts their columns.
import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { checkRangeResponse, type RangeStats } from './range-fetch';

export interface ReadRequest {
  type: 'read';
  /** Request id, echoed in the answers. */
  id: number;
  /** Absolute URL of the Parquet file. */
  url: string;
  bytes: number;
  footer: { offset: number; length: number };
  /** Row-group indices to read, each with its first row in the file. */
  groups: { group: number; rowStart: number; rows: number }[];
  columns: string[];
}

/** One decoded row group: each column's values (numbers as Float64Array, transferred; text as arrays). */
export interface DecodedGroup {
  rows: number;
  columns: Record<string, Float64Array | (string | boolean | null)[]>;
}

export type ReaderMessage =
  | { type: 'group'; id: number; group: number; data: DecodedGroup; stats: RangeStats }
  | { type: 'done'; id: number; stats: RangeStats }
  | { type: 'error'; id: number; message: string };

const post = (m: ReaderMessage, transfer: Transferable[] = []): void => (self as unknown as { postMessage(m: ReaderMessage, t: Transferable[]): void }).postMessage(m, transfer);

/** Footers already read, by URL (a file's footer is fetched once per session). */
const footers = new Map<string, Promise<FileMetaData>>();

async function fetchRange(url: string, start: number, end: number, stats: RangeStats): Promise<ArrayBuffer> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` }, credentials: 'omit', signal: abort.signal });
  const problem = checkRangeResponse(url, res.status, res.headers.get('content-range'), start, end);
  if (problem) {
    abort.abort(); // do not download a whole file the server sent instead of the range
    throw new Error(problem);
  }
  const buf = await res.arrayBuffer();
  stats.requests++;
  stats.bytes += buf.byteLength;
  return buf;
}

function footerOf(req: ReadRequest, stats: RangeStats): Promise<FileMetaData> {
  let p = footers.get(req.url);
  if (!p) {
    const { offset, length } = req.footer;
    p = fetchRange(req.url, offset, offset + length, stats).then((buf) => parquetMetadata(buf));
    p.catch(() => footers.delete(req.url));
    footers.set(req.url, p);
  }
  return p;
}

const NUMERIC = new Set(['start', 'end', 'lon', 'lat', 'layer', 'place_precision_km', 'cx', 'cy', 'n']);

function toColumns(rows: Record<string, unknown>[], names: string[]): DecodedGroup {
  const columns: DecodedGroup['columns'] = {};
  for (const name of names) {
    if (NUMERIC.has(name) || /^(injured|killed|buildings_damaged|drones_|missiles|villages_attacked|troops)/.test(name)) {
      const a = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i][name];
        a[i] = v === null || v === undefined ? NaN : Number(v);
      }
      columns[name] = a;
    } else columns[name] = rows.map((r) => (r[name] ?? null) as string | boolean | null);
  }
  return { rows: rows.length, columns };
}

self.onmessage = async (e: MessageEvent<ReadRequest>): Promise<void> => {
  const req = e.data;
  // The bytes and requests of this request, reported with each answer.
  const stats: RangeStats = { requests: 0, bytes: 0 };
  try {
    const file = { byteLength: req.bytes, slice: (start: number, end?: number) => fetchRange(req.url, start, end ?? req.bytes, stats) };
    const metadata = await footerOf(req, stats);
    const names = req.columns.filter((c) => metadata.schema.some((s) => s.name === c));
    for (const g of req.groups) {
      let rows: Record<string, unknown>[] = [];
      await parquetRead({ file, metadata, rowStart: g.rowStart, rowEnd: g.rowStart + g.rows, columns: names, rowFormat: 'object', onComplete: (r) => (rows = r as Record<string, unknown>[]) });
      const data = toColumns(rows, names);
      const transfer = Object.values(data.columns).filter((c): c is Float64Array => c instanceof Float64Array).map((c) => c.buffer);
      post({ type: 'group', id: req.id, group: g.group, data, stats: { ...stats } }, transfer);
    }
    post({ type: 'done', id: req.id, stats: { ...stats } });
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
