import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parseArgs, publish } from '../../../scripts/publish/publish';
import { checkManifest, type PublishedManifest } from './manifest';
import { readGroupColumns } from './decode-group';
import { generateFeatures } from '../synth/generate';
import { buildColumns, buildColumnsFrom, featureAt } from '../columnar/columns';
import { packColumns } from '../columnar/columns-packet';
import { featuresOfGroups } from './rows-to-features';
import { groupRows } from './group-rows';
import type { DecodedGroup } from './reader-protocol';
import type { AtlasFeature } from '../schema/schema';

const dir = mkdtempSync(join(tmpdir(), 'atlas-group-rows-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function published(features: AtlasFeature[]): Promise<{ manifest: PublishedManifest; groups: DecodedGroup[] }> {
  writeFileSync(join(dir, 'in.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  const a = parseArgs([join(dir, 'in.geojson'), '--out', join(dir, 'out'), '--row-group-rows', '64']);
  if (typeof a === 'string') throw new Error(a);
  await publish(a, () => {});
  const m = checkManifest(JSON.parse(readFileSync(join(dir, 'out', 'dataset.json'), 'utf8')));
  if (!m.ok) throw new Error(m.message);
  const groups: DecodedGroup[] = [];
  // Files in reverse (long, ranged, short…) and groups in reverse: not in (start, id) order, as a block's are not.
  for (const f of [...m.manifest.files].reverse()) {
    const buf = readFileSync(join(dir, 'out', f.path));
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

describe('decoded row groups straight into the columns (no feature array)', () => {
  it('builds exactly the columns the features built, and every row reads back as the feature published', async () => {
    const input = [...generateFeatures({ n: 900, seed: 5, start: '2024-01-01', days: 60 })];
    // What a file may carry besides a plain point: qualifiers (in `extra`), an area still active.
    input[5].properties.figure_qualifiers = { injured: 'at least' };
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
    const { manifest, groups } = await published(input);
    expect(groups.length).toBeGreaterThanOrEqual(3); // short, ranged and long files at least
    const keys = manifest.layers.map((l) => l.key);
    const direct = buildColumnsFrom(groupRows(manifest, groups), keys);
    const viaFeatures = buildColumns(featuresOfGroups(manifest, groups), keys);
    expect(direct.n).toBe(input.length);
    // Row by row, the same features (properties in the same key order), and the same packet.
    for (let r = 0; r < direct.n; r++)
      expect(JSON.stringify(featureAt(direct, r))).toBe(JSON.stringify(featureAt(viaFeatures, r)));
    expect(packColumns(direct).packet).toEqual(packColumns(viaFeatures).packet);
    // Sorted by (start, id) whatever order the groups came in; open ends as OPEN_DAY.
    for (let r = 1; r < direct.n; r++) expect(direct.start[r]).toBeGreaterThanOrEqual(direct.start[r - 1]);
    const area = direct.rowOfId.get(input[7].properties.id) as number;
    expect(featureAt(direct, area).geometry).toEqual(input[7].geometry);
    expect(featureAt(direct, area).properties.end).toBeNull();
    const qualified = featureAt(direct, direct.rowOfId.get(input[5].properties.id) as number);
    expect(qualified.properties.figure_qualifiers).toEqual({ injured: 'at least' });
  });
});
