import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parseArgs, publish } from './publish';
import { checkManifest, type PublishedManifest } from '../../src/core/published/manifest';
import { featureOfRow, type PublishedRow } from '../../src/core/published/row-codec';
import { mortonCode } from '../../src/core/published/morton';
import { importTextSync } from '../../src/core/import/import';
import { generateFeatures } from '../../src/core/synth/generate';
import { WEAPONS } from '../../src/core/schema/schema';

const dir = mkdtempSync(join(tmpdir(), 'atlas-publish-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ manifest: PublishedManifest; clean: boolean; log: string[] }> {
  const a = parseArgs(argv);
  if (typeof a === 'string') throw new Error(a);
  const log: string[] = [];
  const r = await publish(a, (s) => log.push(s));
  const checked = checkManifest(JSON.parse(readFileSync(join(a.out, 'dataset.json'), 'utf8')));
  if (!checked.ok) throw new Error(checked.message);
  return { manifest: checked.manifest, clean: r.clean, log };
}

async function readRows(
  out: string,
  m: PublishedManifest,
): Promise<{ rows: PublishedRow[]; perGroup: PublishedRow[][]; file: number[] }> {
  const rows: PublishedRow[] = [];
  const perGroup: PublishedRow[][] = [];
  const file: number[] = [];
  for (const [fi, f] of m.files.entries()) {
    const buf = readFileSync(join(out, f.path));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    // The footer the manifest points at is the whole metadata.
    const metadata = parquetMetadata(ab.slice(f.footer.offset, f.footer.offset + f.footer.length));
    let at = 0;
    for (const g of f.rowGroups) {
      const part = (await parquetReadObjects({
        file: ab,
        metadata,
        rowStart: at,
        rowEnd: at + g.rows,
      })) as PublishedRow[];
      perGroup.push(part);
      file.push(fi);
      rows.push(...part);
      at += g.rows;
    }
  }
  return { rows, perGroup, file };
}

describe('publish-data', () => {
  it('publishes what the import reads, losslessly, sorted by day then Morton code, with true row-group stats', async () => {
    const features = [...generateFeatures({ n: 1200, seed: 9, start: '2024-01-01', days: 90 })];
    // Extra things a file may carry: a foreign member, qualifiers, an open end.
    features[3] = { ...features[3], bbox: [1, 2, 3, 4] } as (typeof features)[number];
    features[5].properties.figure_qualifiers = { injured: 'at least' };
    // An area, still active: its geometry goes to the geometry column, its open end to NULL.
    features[7] = {
      ...features[7],
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
      properties: { ...features[7].properties, layer: 'deployment', end: null, weapon: undefined },
    };
    const path = join(dir, 'events.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
    const out = join(dir, 'out');
    const { manifest, clean, log } = await run([
      path,
      '--out',
      out,
      '--row-group-rows',
      '128',
      '--groups-per-file',
      '4',
    ]);
    expect(clean).toBe(true);
    expect(log.join('\n')).toMatch(/No problems found/);
    expect(manifest.rows).toBe(1200);
    expect(manifest.files.some((f) => f.part === 'long' && f.rowGroups.some((g) => g.endMax === 2_147_483_647))).toBe(
      true,
    );
    expect(manifest.files.filter((f) => f.part === 'short').length).toBeGreaterThan(1);
    // Single-day events apart from ranged ones: a window reaches back only through the ranged.
    expect(manifest.files.some((f) => f.part === 'ranged')).toBe(true);
    for (const f of manifest.files.filter((x) => x.part === 'short'))
      for (const g of f.rowGroups) expect(g.endMax).toBe(g.startMax);

    const imported = importTextSync(readFileSync(path, 'utf8'), 'events.geojson');
    // The feature given a bbox keeps it (with its other members beside the properties), and it is published.
    expect(
      imported.features
        .filter((f) => f.properties.foreign_members?.bbox)
        .map((f) => f.properties.foreign_members?.bbox),
    ).toEqual([[1, 2, 3, 4]]);
    const byId = new Map(imported.features.map((f) => [f.properties.id, f]));
    const { rows, perGroup, file } = await readRows(out, manifest);
    expect(rows.length).toBe(1200);
    for (const row of rows) {
      const layer = manifest.layers[Number(row.layer)];
      const back = featureOfRow(row, layer.key, layer.kind);
      const orig = byId.get(String(row.id));
      expect(orig, String(row.id)).toBeDefined();
      if (!orig) continue;
      const { layer_key: _a, ...want } = orig.properties;
      const { layer_key: _b, ...got } = back.properties as typeof orig.properties;
      expect(got).toEqual(want);
      expect(back.geometry).toEqual(orig.geometry);
    }
    // Order across a part's files and row groups (each file is a run of the sorted table), then stats.
    const before = (a: PublishedRow, b: PublishedRow): boolean =>
      Number(a.start) < Number(b.start) ||
      (a.start === b.start && mortonCode(Number(a.lon), Number(a.lat)) <= mortonCode(Number(b.lon), Number(b.lat)));
    for (const part of ['short', 'ranged'] as const) {
      const run = perGroup.flatMap((g, i) => (manifest.files[file[i]].part === part ? g : []));
      expect(run.length).toBeGreaterThan(0);
      for (let k = 1; k < run.length; k++) expect(before(run[k - 1], run[k]), `${part} row ${k}`).toBe(true);
    }
    const groups = manifest.files.flatMap((f) => f.rowGroups);
    perGroup.forEach((g, i) => {
      const entry = groups[i];
      const starts = g.map((r) => Number(r.start));
      expect(Math.min(...starts)).toBe(entry.startMin);
      expect(Math.max(...starts)).toBe(entry.startMax);
      for (const r of g) {
        expect(Number(r.lon)).toBeGreaterThanOrEqual(entry.bbox[0]);
        expect(Number(r.lat)).toBeLessThanOrEqual(entry.bbox[3]);
        if (r.end !== null) expect(Number(r.end)).toBeLessThanOrEqual(entry.endMax);
      }
    });
    // Daily counts add up; the overview holds every event.
    expect(manifest.daily.counts.flat().reduce((a, b) => a + b, 0)).toBe(1200);
    // Strikes per day and weapon, on the strike layers only, add up to the imported strikes by weapon.
    const byWeapon: Record<string, number> = {};
    for (const f of imported.features)
      if (f.properties.layer === 'strike') {
        const w = (WEAPONS as readonly string[]).includes(String(f.properties.weapon))
          ? String(f.properties.weapon)
          : 'unknown';
        byWeapon[w] = (byWeapon[w] ?? 0) + 1;
      }
    const published: Record<string, number> = {};
    manifest.daily.weapons?.forEach((layer, i) => {
      if (manifest.layers[i].kind !== 'strike') expect(Object.keys(layer)).toEqual([]);
      for (const [w, days] of Object.entries(layer))
        published[w] = (published[w] ?? 0) + days.reduce((a, b) => a + b, 0);
    });
    expect(published).toEqual(byWeapon);
    expect(Object.keys(byWeapon).length).toBeGreaterThan(1);
    const ovBuf = readFileSync(join(out, manifest.overview.file.path));
    const ov = (await parquetReadObjects({
      file: ovBuf.buffer.slice(ovBuf.byteOffset, ovBuf.byteOffset + ovBuf.byteLength),
    })) as { n: number }[];
    expect(ov.reduce((a, r) => a + Number(r.n), 0)).toBe(1200);
  }, 60_000);

  it('reports rejected features as the import does and still publishes the rest', async () => {
    const good = [...generateFeatures({ n: 5, seed: 2 })];
    const bad = { ...good[1], properties: { ...good[1].properties, id: 'bad-one', start: '2024-13-45' } };
    const path = join(dir, 'mixed.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [...good, bad] }));
    const { manifest, clean, log } = await run([path, '--out', join(dir, 'mixed')]);
    expect(clean).toBe(false);
    expect(log.join('\n')).toMatch(/feature 5.*start/);
    expect(manifest.rows).toBe(5);
    expect(manifest.inputs).toEqual([expect.objectContaining({ file: 'mixed.geojson', loaded: 5, rejected: 1 })]);
  }, 30_000);

  it('leaves out, and reports, what the app keeps but a published dataset cannot hold: undated and unplaced features', async () => {
    const good = [...generateFeatures({ n: 3, seed: 3 })];
    const unplaced = { ...good[0], geometry: null, properties: { ...good[0].properties, id: 'unplaced' } };
    const path = join(dir, 'unplaced.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [...good, unplaced] }));
    const undated = join(dir, 'undated.geojson');
    writeFileSync(
      undated,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [30, 50] }, properties: { name: 'Depot' } },
        ],
      }),
    );
    const { manifest, log } = await run([path, undated, '--out', join(dir, 'unplaced')]);
    expect(manifest.rows).toBe(3);
    expect(log.join('\n')).toMatch(/not published: it has no geometry/);
    expect(log.join('\n')).toMatch(/not published: it has no date/);
  }, 30_000);

  it('refuses bad arguments with a message', () => {
    expect(parseArgs(['x.geojson'])).toMatch(/--out DIR is required/);
    expect(parseArgs(['--out', 'd'])).toMatch(/give at least one INPUT/);
    expect(parseArgs(['--generate', 'ten', '--out', 'd'])).toMatch(/--generate: expected a positive whole number/);
  });
});
