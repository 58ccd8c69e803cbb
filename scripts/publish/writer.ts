// Writes a published dataset with DuckDB: the events table → sorted Parquet parts with row-group stats, the overview, dataset.json.
import { mkdirSync, openSync, readSync, closeSync, statSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WEAPONS, type AtlasFeature } from '../../src/core/schema/schema';
import { COLUMN_TYPES, rowOf } from '../../src/core/published/row-codec';
import { MORTON_SQL } from '../../src/core/published/morton';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  SHORT_MAX_DAYS,
  type Bbox,
  type PublishedFile,
  type PublishedLayer,
  type PublishedManifest,
  type RowGroupEntry,
  encodeRowGroup,
} from '../../src/core/published/manifest';

export interface WriteOptions {
  name: string;
  /** Rows per Parquet row group (a window fetches whole row groups). */
  rowGroupRows: number;
  /** Row groups per Parquet file (a window fetches the footer of each file it touches, once). */
  groupsPerFile: number;
  /** Overview grid cell size in degrees, and the zoom below which the app draws the overview. */
  cellDeg: number;
  belowZoom: number;
  inputs: PublishedManifest['inputs'];
}

export const DEFAULT_WRITE: Omit<WriteOptions, 'name' | 'inputs'> = {
  rowGroupRows: 4096,
  groupsPerFile: 16,
  cellDeg: 1,
  belowZoom: 5.5,
};

/** Rows per overview row group (a window's overview reads only the groups of its days). */
const OVERVIEW_GROUP_ROWS = 8192;

const q = (name: string): string => `"${name}"`;

/** Creates the `events` table the inputs are appended to (and the Morton macros). */
export async function createEventsTable(con: DuckDBConnection): Promise<void> {
  for (const sql of MORTON_SQL) await con.run(sql);
  await con.run(`CREATE OR REPLACE TABLE events (${COLUMN_TYPES.map(([n, t]) => `${q(n)} ${t}`).join(', ')})`);
}

/** Rows going into `events` through DuckDB's appender, one feature at a time (append is synchronous: a streaming import's sink calls it). */
export interface EventAppender {
  /** Appends a feature as the row of layer `layer` (its index in the manifest) at `anchor` (lon, lat). */
  add(f: AtlasFeature, layer: number, anchor: [number, number]): void;
  /** Flushes and closes; returns the rows appended. */
  close(): number;
}

export async function openAppender(con: DuckDBConnection): Promise<EventAppender> {
  const app = await con.createAppender('events');
  let n = 0;
  return {
    add(f, layer, anchor) {
      const row = rowOf(f, layer, anchor);
      for (const [name, type] of COLUMN_TYPES) {
        const v = row[name];
        if (v === null || v === undefined) app.appendNull();
        else if (type === 'VARCHAR') app.appendVarchar(String(v));
        else if (type === 'INTEGER') app.appendInteger(Number(v));
        else if (type === 'DOUBLE') app.appendDouble(Number(v));
        else if (type === 'USMALLINT') app.appendUSmallInt(Number(v));
        else if (type === 'BOOLEAN') app.appendBoolean(Boolean(v));
        else throw new Error(`column ${name}: type ${type} has no appender`);
      }
      app.endRow();
      if (++n % 50_000 === 0) app.flushSync();
    },
    close() {
      app.closeSync();
      return n;
    },
  };
}

/**
 * Appends features to `events` through DuckDB's appender, row by row (no JSON of the whole input).
 * `layerOf` gives a feature's layer index in the manifest; `anchorOf` its lon/lat.
 */
export async function appendFeatures(
  con: DuckDBConnection,
  features: Iterable<AtlasFeature>,
  layerOf: (f: AtlasFeature) => number,
  anchorOf: (f: AtlasFeature) => [number, number],
): Promise<number> {
  const app = await openAppender(con);
  for (const f of features) app.add(f, layerOf(f), anchorOf(f));
  return app.close();
}

async function all(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await con.runAndReadAll(sql);
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

const toNum = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));

/** The footer of a Parquet file: its metadata length is in the 4 bytes before the closing PAR1. */
function footerOf(path: string): { offset: number; length: number; bytes: number } {
  const bytes = statSync(path).size;
  const fd = openSync(path, 'r');
  const tail = Buffer.alloc(8);
  readSync(fd, tail, 0, 8, bytes - 8);
  closeSync(fd);
  if (tail.toString('latin1', 4) !== 'PAR1') throw new Error(`${path}: not a Parquet file (no PAR1 at its end)`);
  const meta = tail.readUInt32LE(0);
  return { offset: bytes - 8 - meta, length: meta + 8, bytes };
}

/** Row-group entries from DuckDB's own reading of the file's metadata. */
async function rowGroupsOf(con: DuckDBConnection, path: string): Promise<RowGroupEntry[]> {
  const rows = await all(
    con,
    `SELECT row_group_id, row_group_num_rows, path_in_schema, stats_min_value, stats_max_value,
      coalesce(dictionary_page_offset, data_page_offset) AS first, data_page_offset, total_compressed_size
    FROM parquet_metadata('${path}') ORDER BY row_group_id, column_id`,
  );
  const groups = new Map<number, RowGroupEntry & { lo: number; hi: number }>();
  for (const r of rows) {
    const id = toNum(r.row_group_id);
    let g = groups.get(id);
    if (!g) {
      g = {
        rows: toNum(r.row_group_num_rows),
        startMin: 0,
        startMax: 0,
        endMax: 0,
        bbox: [0, 0, 0, 0],
        offset: 0,
        length: 0,
        lo: Infinity,
        hi: 0,
      };
      groups.set(id, g);
    }
    const first = Math.min(toNum(r.first), toNum(r.data_page_offset));
    g.lo = Math.min(g.lo, first);
    g.hi = Math.max(g.hi, first + toNum(r.total_compressed_size));
    const min = Number(r.stats_min_value);
    const max = Number(r.stats_max_value);
    switch (r.path_in_schema) {
      case 'start':
        g.startMin = min;
        g.startMax = max;
        break;
      case 'end':
        g.endMax = r.stats_max_value === null ? 0 : max;
        break;
      case 'lon':
        g.bbox[0] = min;
        g.bbox[2] = max;
        break;
      case 'lat':
        g.bbox[1] = min;
        g.bbox[3] = max;
        break;
    }
  }
  return [...groups.values()].map(({ lo, hi, ...g }) => ({ ...g, offset: lo, length: hi - lo }));
}

/**
 * Sorts the events and writes DIR: part-short-NNNN.parquet (single-day events, by start day, then
 * Morton code, then id), part-ranged-NNNN.parquet (ranged events of ≤ SHORT_MAX_DAYS, the same order),
 * part-long-NNNN.parquet (longer and open-ended ones), overview.parquet
 * and dataset.json. Returns the manifest.
 */
export async function writePublished(
  con: DuckDBConnection,
  outDir: string,
  layers: PublishedLayer[],
  opts: WriteOptions,
): Promise<PublishedManifest> {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir))
    if (/^(part-.*|overview)\.parquet$|^dataset\.json$/.test(f)) rmSync(join(outDir, f));
  const total = toNum((await all(con, 'SELECT count(*) AS n FROM events'))[0].n);
  if (!total) throw new Error('nothing to publish: no input feature was loaded');
  // Figure columns nobody fills are left out of the files (each column costs footer bytes in every row group).
  const counts = (
    await all(con, `SELECT ${COLUMN_TYPES.map(([n]) => `count(${q(n)}) AS ${q(n)}`).join(', ')} FROM events`)
  )[0];
  const keep = COLUMN_TYPES.map(([n]) => n).filter(
    (n) => ['id', 'start', 'end', 'lon', 'lat', 'layer', 'sources', 'title'].includes(n) || toNum(counts[n]) > 0,
  );
  const cols = keep.map(q).join(', ');
  // Three parts, as the app's time index splits rows: single-day events (a window needs exactly its
  // own days), ranged ones of ≤ SHORT_MAX_DAYS (a window reaches back for them: only these are read
  // for the days before it), and longer or open-ended ones.
  const long = `("end" IS NULL OR "end" - start > ${SHORT_MAX_DAYS})`;
  // One plain sort into a table kept in that order (DuckDB preserves insertion order), so each part is a
  // run of rowids and a file is a rowid range: a window function's row_number() over the same order
  // took twice as long, and each file's COPY then scanned the whole table for its range.
  await con.run(`CREATE OR REPLACE TEMP TABLE sorted AS
    SELECT *, CASE WHEN ${long} THEN 2 WHEN "end" > start THEN 1 ELSE 0 END AS part_kind
    FROM events ORDER BY part_kind, start, morton(lon, lat), id`);
  const runs = new Map(
    (
      await all(
        con,
        'SELECT part_kind, min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM sorted GROUP BY part_kind',
      )
    ).map((r) => {
      const lo = toNum(r.lo);
      const n = toNum(r.n);
      if (toNum(r.hi) - lo + 1 !== n) throw new Error(`sorting the events: part ${r.part_kind} is not one run of rows`);
      return [toNum(r.part_kind), { lo, n }] as const;
    }),
  );
  const files: PublishedFile[] = [];
  const perFile = opts.rowGroupRows * opts.groupsPerFile;
  const PARTS = { short: 0, ranged: 1, long: 2 } as const;
  for (const part of ['short', 'ranged', 'long'] as const) {
    const { lo, n } = runs.get(PARTS[part]) ?? { lo: 0, n: 0 };
    for (let k = 0; k * perFile < n; k++) {
      const name = `part-${part}-${String(k).padStart(4, '0')}.parquet`;
      const path = join(outDir, name);
      const from = lo + k * perFile;
      const to = lo + Math.min(n, (k + 1) * perFile);
      await con.run(`COPY (SELECT ${cols} FROM sorted WHERE rowid >= ${from} AND rowid < ${to} ORDER BY rowid)
        TO '${path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${opts.rowGroupRows})`);
      const footer = footerOf(path);
      let groups = await rowGroupsOf(con, path);
      // Open-ended events: their end is NULL in the file; for planning they last forever.
      if (part === 'long') {
        const open = await all(
          con,
          `SELECT rowid - ${from} AS r FROM sorted WHERE "end" IS NULL AND rowid >= ${from} AND rowid < ${to}`,
        );
        const firstRow: number[] = [];
        let at = 0;
        for (const g of groups) {
          firstRow.push(at);
          at += g.rows;
        }
        const openGroups = new Set(
          open.map((r) => {
            const row = toNum(r.r);
            let i = firstRow.length - 1;
            while (i > 0 && firstRow[i] > row) i--;
            return i;
          }),
        );
        groups = groups.map((g, i) => (openGroups.has(i) ? { ...g, endMax: 2_147_483_647 } : g));
      }
      files.push({
        path: name,
        bytes: footer.bytes,
        footer: { offset: footer.offset, length: footer.length },
        part,
        rowGroups: groups,
      });
    }
  }
  const span = (
    await all(con, `SELECT min(start) AS s, greatest(max(start), coalesce(max("end"), 0)) AS e FROM events`)
  )[0];
  const start = toNum(span.s);
  const end = toNum(span.e);
  const daily = await all(con, `SELECT layer, start, count(*) AS c FROM events GROUP BY layer, start`);
  const dayCounts = layers.map(() => new Array<number>(end - start + 1).fill(0));
  for (const r of daily) dayCounts[toNum(r.layer)][toNum(r.start) - start] = toNum(r.c);
  // Strikes per day and weapon on each strike layer (the filter panel's counts zoomed out).
  const strikeLayers = layers.flatMap((l, i) => (l.kind === 'strike' ? [i] : []));
  const dayWeapons = layers.map((): Record<string, number[]> => ({}));
  if (strikeLayers.length) {
    const byWeapon = await all(
      con,
      `SELECT layer, start, weapon, count(*) AS c FROM events WHERE layer IN (${strikeLayers.join(',')}) GROUP BY ALL`,
    );
    for (const r of byWeapon) {
      const w =
        typeof r.weapon === 'string' && (WEAPONS as readonly string[]).includes(r.weapon) ? r.weapon : 'unknown';
      const layer = dayWeapons[toNum(r.layer)];
      layer[w] ??= new Array<number>(end - start + 1).fill(0);
      layer[w][toNum(r.start) - start] += toNum(r.c);
    }
  }
  const overviewPath = join(outDir, 'overview.parquet');
  await con.run(`COPY (SELECT start, floor((lon + 180) / ${opts.cellDeg})::USMALLINT AS cx, floor((lat + 90) / ${opts.cellDeg})::USMALLINT AS cy,
      layer, count(*)::UINTEGER AS n FROM events GROUP BY ALL ORDER BY start, cy, cx, layer)
    TO '${overviewPath}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${OVERVIEW_GROUP_ROWS})`);
  const overviewRows = toNum((await all(con, `SELECT count(*) AS n FROM read_parquet('${overviewPath}')`))[0].n);
  const ovFooter = footerOf(overviewPath);
  const overviewFile: PublishedFile = {
    path: 'overview.parquet',
    bytes: ovFooter.bytes,
    footer: { offset: ovFooter.offset, length: ovFooter.length },
    part: 'overview',
    rowGroups: (await rowGroupsOf(con, overviewPath)).map((g) => ({
      ...g,
      endMax: g.startMax,
      bbox: [-180, -90, 180, 90],
    })),
  };
  const manifest: PublishedManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    name: opts.name,
    rows: total,
    span: { start, end },
    layers,
    columns: keep,
    files,
    daily: { start, counts: dayCounts, weapons: dayWeapons },
    overview: { file: overviewFile, cellDeg: opts.cellDeg, belowZoom: opts.belowZoom, rows: overviewRows },
    inputs: opts.inputs,
  };
  const enc = ({ rowGroups, ...f }: PublishedFile): object => ({ ...f, groups: rowGroups.map(encodeRowGroup) });
  const written = { ...manifest, files: files.map(enc), overview: { ...manifest.overview, file: enc(overviewFile) } };
  writeFileSync(join(outDir, 'dataset.json'), JSON.stringify(written));
  return manifest;
}

export type { Bbox };
