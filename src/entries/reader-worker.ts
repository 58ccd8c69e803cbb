// Web Worker: reads chosen row groups of a published dataset's Parquet files by HTTP range requests (hyparquet) and posts their columns.
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { checkRangeResponse, type RangeStats } from '../core/published/range-fetch';
import { packColumns } from '../core/columnar/columns-packet';
import { LruCache } from '../core/published/lru';
import { columnsOfGroups } from '../core/published/group-columns';
import { readGroupColumns } from '../core/published/decode-group';
import { groupSpan, joinSpans, spanHolding, type ByteSpan } from '../core/published/coalesce';
import type { BuildRequest, DecodedGroup, ReaderMessage, ReadRequest } from '../core/published/reader-protocol';

const post = (m: ReaderMessage, transfer: Transferable[] = []): void =>
  (self as unknown as { postMessage(m: ReaderMessage, t: Transferable[]): void }).postMessage(m, transfer);

/** Footers already read, by URL (a file's footer is fetched once per session). */
const footers = new Map<string, Promise<FileMetaData>>();

async function fetchRange(url: string, start: number, end: number, stats: RangeStats): Promise<ArrayBuffer> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { Range: `bytes=${start}-${end - 1}` },
    credentials: 'omit',
    signal: abort.signal,
  });
  const problem = checkRangeResponse(url, res.status, res.headers.get('content-range'), start, end);
  if (problem) {
    abort.abort(); // do not download a whole file the server sent instead of the range
    throw new Error(problem);
  }
  const buf = await res.arrayBuffer();
  stats.requests++;
  stats.bytes += buf.byteLength;
  stats.lastAt = performance.now();
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

/** Decoded row groups kept in the worker: ≤ 200,000 rows' worth, ≤ 96 groups (as the page's cache for the overview). */
const cache = new LruCache<string, DecodedGroup>(200_000, 96);

/**
 * Row groups being read, by cache key: a request that needs one another request is reading (the
 * block built while the read ahead of it is still on its way) waits for that read instead of
 * fetching and decoding the group a second time.
 */
const reading = new Map<string, Promise<DecodedGroup>>();

/** How a build's row groups were found: decoded for it, in the cache, or already being read by another request. */
interface ReadCounts {
  decoded: number;
  cached: number;
  shared: number;
}

/**
 * The file as hyparquet reads these row groups from it: the groups' byte ranges joined where they
 * touch (a run of adjacent groups is one range request, not one a group), each fetched once as
 * soon as the footer is known; a slice outside them (none is expected) is a request of its own.
 */
type JoinedFile = { byteLength: number; slice(start: number, end?: number): Promise<ArrayBuffer> };

function joinedFile(
  req: Omit<ReadRequest, 'type' | 'id'>,
  stats: RangeStats,
  md: FileMetaData,
  groups: ReadRequest['groups'],
  names: readonly string[],
): JoinedFile {
  return joinedSpans(req, stats, joinSpans(groups.flatMap((g) => groupSpan(md, g.group, names) ?? [])));
}

/**
 * The same from the groups' bytes as the manifest gives them, before the footer is known (its
 * request and theirs then go at once: one round trip, not two), or null when a group's are not given
 * or do not lie before the footer. Every column is read, so a group's bytes are its columns' bytes.
 */
function joinedFromManifest(
  req: Omit<ReadRequest, 'type' | 'id'>,
  stats: RangeStats,
  groups: ReadRequest['groups'],
): JoinedFile | null {
  const spans: ByteSpan[] = [];
  for (const g of groups) {
    if (g.offset === undefined || g.length === undefined || g.length <= 0) return null;
    if (g.offset < 4 || g.offset + g.length > req.footer.offset) return null;
    spans.push({ start: g.offset, end: g.offset + g.length });
  }
  return joinedSpans(req, stats, joinSpans(spans));
}

function joinedSpans(req: Omit<ReadRequest, 'type' | 'id'>, stats: RangeStats, spans: ByteSpan[]): JoinedFile {
  const fetched = spans.map((sp: ByteSpan) => fetchRange(req.url, sp.start, sp.end, stats));
  // A failure shows through the slices that need it.
  for (const f of fetched) f.catch(() => undefined);
  return {
    byteLength: req.bytes,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const to = end ?? req.bytes;
      const i = spanHolding(spans, start, to);
      if (i < 0) return fetchRange(req.url, start, to, stats);
      const buf = await fetched[i];
      return buf.slice(start - spans[i].start, to - spans[i].start);
    },
  };
}

async function readGroups(
  req: Omit<ReadRequest, 'type' | 'id'>,
  stats: RangeStats,
  want: ReadRequest['groups'],
  counts: ReadCounts,
): Promise<Map<number, DecodedGroup>> {
  const out = new Map<number, DecodedGroup>();
  const waits: Promise<void>[] = [];
  const missing = want.filter((g) => {
    const key = `${req.url}#${g.group}`;
    const hit = cache.get(key);
    if (hit) {
      out.set(g.group, hit);
      counts.cached++;
      return false;
    }
    const on = reading.get(key);
    if (on) {
      counts.shared++;
      waits.push(on.then((d) => void out.set(g.group, d)));
      return false;
    }
    return true;
  });
  if (missing.length) {
    // The groups' bytes asked for now, beside the footer, where the manifest gives them.
    const early = joinedFromManifest(req, stats, missing);
    const opened = footerOf(req as ReadRequest, stats).then((md) => {
      const names = req.columns.filter((c) => md.schema.some((s) => s.name === c));
      return { md, names, file: early ?? joinedFile(req, stats, md, missing, names) };
    });
    const mine = missing.map((g) => {
      const key = `${req.url}#${g.group}`;
      const p = opened.then(({ md, names, file }) => readGroupColumns(file, md, g, names));
      reading.set(key, p);
      counts.decoded++;
      p.then(
        (data) => {
          cache.set(key, data, data.rows);
          out.set(g.group, data);
          reading.delete(key);
        },
        () => reading.delete(key),
      );
      return p;
    });
    // A failed read fails this request (and, through `reading`, any other waiting for it).
    await Promise.all(mine);
  }
  await Promise.all(waits);
  return out;
}

async function build(req: BuildRequest): Promise<void> {
  const stats: RangeStats = { requests: 0, bytes: 0 };
  const t0 = performance.now();
  const counts: ReadCounts = { decoded: 0, cached: 0, shared: 0 };
  // Every file's footer asked for at once, and every file's row groups beside them (their bytes
  // from the manifest): a file whose footer came later waited behind the decoding of another's groups.
  const footersIn = Promise.all(req.files.map((f) => footerOf(f as ReadRequest, stats)));
  footersIn.catch(() => undefined); // a failed footer fails its file's read below
  if (!req.files.every((f) => f.groups.every((g) => g.offset !== undefined))) await footersIn;
  const perFile = await Promise.all(req.files.map((f) => readGroups(f, stats, f.groups, counts)));
  if (req.warm) {
    post({ type: 'built', id: req.id, packet: null, rows: 0, stats });
    return;
  }
  const t1 = performance.now();
  const groups = req.files.flatMap((f, i) => f.groups.map((g) => perFile[i].get(g.group) as DecodedGroup));
  // Straight from the decoded columns into the app's columns, a column at a time: no feature or
  // properties object per row (group-columns.ts).
  const columns = columnsOfGroups(
    req,
    groups,
    req.layers.map((l) => l.key),
  );
  const t2 = performance.now();
  const { packet, transfer } = packColumns(columns);
  // `bytes`: how long into the read the last range arrived (the rest of the read is decoding).
  const bytes = stats.lastAt === undefined ? 0 : Math.max(0, stats.lastAt - t0);
  const ms = { read: t1 - t0, bytes, columns: t2 - t1, pack: performance.now() - t2, ...counts };
  post({ type: 'built', id: req.id, packet, rows: columns.n, stats, ms }, transfer);
}

self.onmessage = async (e: MessageEvent<ReadRequest | BuildRequest>): Promise<void> => {
  if (e.data.type === 'build') {
    const req = e.data;
    await build(req).catch((err: unknown) =>
      post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  const req = e.data;
  // The bytes and requests of this request, reported with each answer.
  const stats: RangeStats = { requests: 0, bytes: 0 };
  try {
    const early = joinedFromManifest(req, stats, req.groups);
    const metadata = await footerOf(req, stats);
    const names = req.columns.filter((c) => metadata.schema.some((s) => s.name === c));
    const file = early ?? joinedFile(req, stats, metadata, req.groups, names);
    for (const g of req.groups) {
      const data = await readGroupColumns(file, metadata, g, names);
      const transfer = Object.values(data.columns)
        .filter((c): c is Float64Array => c instanceof Float64Array)
        .map((c) => c.buffer);
      post({ type: 'group', id: req.id, group: g.group, data, stats: { ...stats } }, transfer);
    }
    post({ type: 'done', id: req.id, stats: { ...stats } });
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
