import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parseArgs, publish } from '../../../scripts/publish/publish';
import { checkManifest } from './manifest';
import { readGroupColumns, toColumns } from './decode-group';
import { type FlatOut, readFlatGroup } from './flat-group';
import { generateFeatures } from '../synth/generate';

const dir = mkdtempSync(join(tmpdir(), 'atlas-decode-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a row group read column by column', () => {
  it('holds exactly what the rows read as objects hold (numbers, NULLs, text, booleans), group by group', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [...generateFeatures({ n: 700, seed: 3, start: '2024-01-01', days: 40 })],
    };
    writeFileSync(join(dir, 'in.geojson'), JSON.stringify(fc));
    const a = parseArgs([join(dir, 'in.geojson'), '--out', join(dir, 'out'), '--row-group-rows', '64']);
    if (typeof a === 'string') throw new Error(a);
    await publish(a, () => {});
    const m = checkManifest(JSON.parse(readFileSync(join(dir, 'out', 'dataset.json'), 'utf8')));
    if (!m.ok) throw new Error(m.message);
    let groups = 0;
    for (const f of m.manifest.files) {
      const buf = readFileSync(join(dir, 'out', f.path));
      const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
      const metadata = parquetMetadata(ab);
      const names = m.manifest.columns.filter((c) => metadata.schema.some((s) => s.name === c));
      let at = 0;
      for (const g of f.rowGroups) {
        const objects = (await parquetReadObjects({
          file: ab,
          metadata,
          rowStart: at,
          rowEnd: at + g.rows,
          columns: names,
        })) as Record<string, unknown>[];
        const byColumn = await readGroupColumns(ab, metadata, { rowStart: at, rows: g.rows }, names);
        expect(byColumn).toEqual(toColumns(objects, names));
        // …read page by page into the columns (flat-group.ts), not through hyparquet's assembly.
        const flat = Object.fromEntries(
          names.map((c) => [c, byColumn.columns[c] instanceof Float64Array ? new Float64Array(g.rows) : []]),
        ) as Record<string, FlatOut>;
        expect(await readFlatGroup(ab, metadata, { rowStart: at, rows: g.rows }, names, flat)).toBe(true);
        expect(flat).toEqual(byColumn.columns);
        at += g.rows;
        groups++;
      }
    }
    expect(groups).toBeGreaterThanOrEqual(2);
    // Rows that are not one whole row group: hyparquet's general read, the same values.
    const f = m.manifest.files[0];
    const buf = readFileSync(join(dir, 'out', f.path));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const metadata = parquetMetadata(ab);
    const names = m.manifest.columns.filter((c) => metadata.schema.some((s) => s.name === c));
    const part = { rowStart: 10, rows: 100 };
    expect(await readFlatGroup(ab, metadata, part, names, {})).toBe(false);
    const objects = (await parquetReadObjects({
      file: ab,
      metadata,
      rowStart: 10,
      rowEnd: 110,
      columns: names,
    })) as Record<string, unknown>[];
    expect(await readGroupColumns(ab, metadata, part, names)).toEqual(toColumns(objects, names));
  });
});

describe('a big row group read page by page', () => {
  it('holds what hyparquet reads: NULLs, dictionary and plain values, booleans, small integers', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const file = join(dir, 'big.parquet');
    // 120,000 rows in one row group (DuckDB writes a column chunk as one page, after its dictionary).
    await con.run(`COPY (SELECT 'e' || i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS lon,
        CASE WHEN i % 5 = 0 THEN NULL ELSE 'place ' || (i % 40) END AS place, (i % 3 = 0) AS id_member,
        (i % 11)::USMALLINT AS layer
      FROM range(120000) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 120000)`);
    con.closeSync();
    const buf = readFileSync(file);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const metadata = parquetMetadata(ab);
    expect(metadata.row_groups.length).toBe(1);
    const names = ['id', 'lon', 'place', 'id_member', 'layer'];
    const objects = (await parquetReadObjects({ file: ab, metadata, columns: names })) as Record<string, unknown>[];
    const cols = await readGroupColumns(ab, metadata, { rowStart: 0, rows: 120000 }, names);
    expect(cols).toEqual(toColumns(objects, names));
    expect([cols.columns.lon[7], cols.columns.lon[8], cols.columns.place[5], cols.columns.place[6]]).toEqual([
      Number.NaN,
      4,
      null,
      'place 6',
    ]);
  });
});
