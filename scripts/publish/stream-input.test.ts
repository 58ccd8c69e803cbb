import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFileStreamed } from './stream-input';
import { formatReport, importTextSync } from '../../src/core/import/import';
import { generateFeatures } from '../../src/core/synth/generate';
import { generateAcledLines } from '../../src/core/synth/acled-csv';
import type { ImportedFeature } from '../../src/core/import/types';

const dir = mkdtempSync(join(tmpdir(), 'atlas-publish-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Streamed: the features handed on, in order, and the result. */
async function streamed(
  path: string,
): Promise<{ features: ImportedFeature[]; report: string; loaded: number; rejected: number }> {
  const features: ImportedFeature[] = [];
  const r = await importFileStreamed(path, (f) => features.push(f));
  expect(r.features).toEqual([]);
  return { features, report: formatReport(r), loaded: r.loaded, rejected: r.rejected };
}

describe('publish-data reads its inputs in chunks through the import’s streaming session', () => {
  it('a GeoJSON file of several chunks (multi-byte text included): the features and report of the import', async () => {
    const features = [...generateFeatures({ n: 8000, seed: 2, start: '2024-01-01', days: 60 })];
    features[10].properties.title = 'Удар по Харкову — ☢ 🚀'.repeat(3); // multi-byte text somewhere in the file
    const bad = { ...features[20], properties: { ...features[20].properties, start: 'yesterday' } };
    const path = join(dir, 'big.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [...features, bad] }));
    expect(statSync(path).size).toBeGreaterThan(3 << 20); // more than three 1 MB chunks
    const s = await streamed(path);
    const whole = importTextSync(readFileSync(path, 'utf8'), 'big.geojson');
    expect(s.features.map((f) => f.properties.id)).toEqual(whole.features.map((f) => f.properties.id));
    expect(s.features[10].properties.title).toBe(features[10].properties.title);
    expect(s.report).toBe(formatReport(whole));
    expect([s.loaded, s.rejected]).toEqual([whole.loaded, whole.rejected]);
    expect(s.rejected).toBe(1);
  });

  it('an ACLED CSV: the rows and report of the import; an unreadable file: a message naming it', async () => {
    const path = join(dir, 'acled.csv');
    writeFileSync(path, [...generateAcledLines({ n: 6000, seed: 4, start: '2024-01-01', days: 90 })].join('\n'));
    expect(statSync(path).size).toBeGreaterThan(1 << 20);
    const s = await streamed(path);
    const whole = importTextSync(readFileSync(path, 'utf8'), 'acled.csv');
    expect(s.loaded).toBe(6000);
    expect(s.features.map((f) => f.properties.id)).toEqual(whole.features.map((f) => f.properties.id));
    expect(s.report).toBe(formatReport(whole));
    const missing = await importFileStreamed(join(dir, 'nope.csv'), () => {});
    expect(missing.fatal).toMatch(/Cannot read .*nope\.csv/);
  });
});
