import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parseArgs, publish } from '../../../scripts/publish/publish';
import { checkManifest, type PublishedManifest } from './manifest';
import { readGroupColumns } from './decode-group';
import { generateFeatures } from '../synth/generate';
import { buildColumnsFrom, featureAt } from '../columnar/columns';
import { packColumns } from '../columnar/columns-packet';
import { groupRows } from './group-rows';
import { columnsOfGroups } from './group-columns';
import type { DecodedGroup } from './reader-protocol';
import type { AtlasFeature } from '../schema/schema';

const dir = mkdtempSync(join(tmpdir(), 'atlas-group-columns-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function published(
  features: AtlasFeature[],
  name: string,
): Promise<{ manifest: PublishedManifest; groups: DecodedGroup[] }> {
  const out = join(dir, name);
  writeFileSync(join(dir, `${name}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }));
  const a = parseArgs([join(dir, `${name}.geojson`), '--out', out, '--row-group-rows', '64']);
  if (typeof a === 'string') throw new Error(a);
  await publish(a, () => {});
  const m = checkManifest(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
  if (!m.ok) throw new Error(m.message);
  const groups: DecodedGroup[] = [];
  // Files and groups in reverse: not in (start, id) order, as a block's are not.
  for (const f of [...m.manifest.files].reverse()) {
    const buf = readFileSync(join(out, f.path));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const metadata = parquetMetadata(ab);
    const names = m.manifest.columns.filter((c) => metadata.schema.some((s) => s.name === c));
    let at = 0;
    const inFile: DecodedGroup[] = [];
    for (const g of f.rowGroups) {
      inFile.push(await readGroupColumns(ab, metadata, { rowStart: at, rows: g.rows }, names));
      at += g.rows;
    }
    groups.push(...inFile.reverse());
  }
  return { manifest: m.manifest, groups };
}

/** Both ways from the same groups: every row's feature (JSON, so key order too) and the whole packet equal. */
function expectSameColumns(manifest: PublishedManifest, groups: DecodedGroup[]): void {
  const keys = manifest.layers.map((l) => l.key);
  const byColumn = columnsOfGroups(manifest, groups, keys);
  const byRow = buildColumnsFrom(groupRows(manifest, groups), keys);
  expect(byColumn.n).toBe(byRow.n);
  for (let r = 0; r < byRow.n; r++)
    expect(JSON.stringify(featureAt(byColumn, r))).toBe(JSON.stringify(featureAt(byRow, r)));
  expect(byColumn.search).toEqual(byRow.search);
  expect(packColumns(byColumn).packet).toEqual(packColumns(byRow).packet);
}

describe('decoded row groups into the columns a column at a time', () => {
  it('builds the columns the row-by-row path builds, for generated rows (no other properties)', async () => {
    const input = [...generateFeatures({ n: 700, seed: 9, start: '2024-01-01', days: 40 })];
    const { manifest, groups } = await published(input, 'plain');
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expectSameColumns(manifest, groups);
  });

  it('…and for rows with other properties, areas, feature members and missing fields', async () => {
    const input = [...generateFeatures({ n: 600, seed: 5, start: '2024-01-01', days: 60 })];
    // Qualifiers and an import's record (`extra`), seen first on a later row than the columns' keys.
    input[300].properties.figure_qualifiers = { injured: 'at least' };
    for (const i of [3, 40, 41])
      (input[i].properties as unknown as Record<string, unknown>).original = { title: input[i].properties.title };
    (input[41].properties as unknown as Record<string, unknown>).source_file = 'a.csv';
    input[7] = {
      ...input[7],
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [35, 48],
            [36, 48],
            [36, 49],
            [35, 48],
          ],
        ],
      },
      properties: { ...input[7].properties, layer: 'deployment', end: null, weapon: undefined },
    };
    // A feature with its id as a member; one with no summary.
    input[10] = { ...input[10], id: input[10].properties.id } as AtlasFeature;
    delete (input[11].properties as Partial<AtlasFeature['properties']>).summary;
    const { manifest, groups } = await published(input, 'mixed');
    expect(manifest.columns).toContain('extra');
    expectSameColumns(manifest, groups);
    const keys = manifest.layers.map((l) => l.key);
    const c = columnsOfGroups(manifest, groups, keys);
    const at = (id: string): AtlasFeature => featureAt(c, c.rowOfId.get(id) as number);
    expect(at(input[7].properties.id).geometry).toEqual(input[7].geometry);
    expect(at(input[300].properties.id).properties.figure_qualifiers).toEqual({ injured: 'at least' });
    expect(at(input[10].properties.id).id).toBe(input[10].properties.id);
    expect(at(input[11].properties.id).properties.summary).toBe('');
  });

  it('…and for columns of nearly all distinct values (the store then appends), a number title, -0 figures', async () => {
    const input = [...generateFeatures({ n: 1500, seed: 3, start: '2024-01-01', days: 20 })];
    // Distinct titles in the first days (nearly every value new: the store switches to appending),
    // then the later days' repeat some of them (each repeat then kept again).
    const early: string[] = [];
    input.forEach((f, i) => {
      const p = f.properties as unknown as Record<string, unknown>;
      if ((p.start as string) >= '2024-01-11') return;
      p.title = `Event ${i} near ${p.place as string}`;
      early.push(p.title as string);
    });
    input.forEach((f, i) => {
      const p = f.properties as unknown as Record<string, unknown>;
      if ((p.start as string) >= '2024-01-11') p.title = early[i % 30];
      p.summary = i % 3 ? `Notes of event ${i}, long enough to be kept once.` : '';
      if (i % 11 === 0) p.injured = -0;
    });
    // A title that is not text travels in `extra` and replaces the column's value.
    (input[20].properties as unknown as Record<string, unknown>).title = 42;
    const { manifest, groups } = await published(input, 'distinct');
    expectSameColumns(manifest, groups);
  });

  it("names a row whose layer is not one of the dataset's, and an id used twice", async () => {
    const input = [...generateFeatures({ n: 100, seed: 2, start: '2024-01-01', days: 10 })];
    const { manifest, groups } = await published(input, 'bad');
    const keys = manifest.layers.map((l) => l.key);
    expect(() => columnsOfGroups(manifest, groups, keys.slice(1))).toThrow(/is not one of the dataset's layers/);
    expect(() => columnsOfGroups(manifest, [...groups, groups[0]], keys)).toThrow(/appears twice/);
  });
});
