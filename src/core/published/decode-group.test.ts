import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parseArgs, publish } from '../../../scripts/publish/publish';
import { checkManifest } from './manifest';
import { readGroupColumns, toColumns } from './decode-group';
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
        at += g.rows;
        groups++;
      }
    }
    expect(groups).toBeGreaterThanOrEqual(2);
  });
});
