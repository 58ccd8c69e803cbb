// npm run validate over many files and folders in one call: one process, a report per file, the total, the exit code.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPaths, main } from './validate-files';

const point = (id: string, lon: number): string =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, 50] },
        properties: {
          id,
          layer: 'strike',
          title: id,
          start: '2024-03-01',
          end: '2024-03-01',
          sources: [{ name: 'Outlet' }],
        },
      },
    ],
  });

describe('validate: many files in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-'));
  mkdirSync(join(dir, 'nested'));
  const N = 60;
  for (let k = 0; k < N; k++)
    writeFileSync(join(dir, k % 2 ? 'nested' : '', `f${String(k).padStart(2, '0')}.geojson`), point(`p${k}`, 30));
  writeFileSync(join(dir, 'nested', 'bad.geojson'), point('bad', 300));
  writeFileSync(join(dir, 'notes.txt'), 'not data');

  it('expands folders into their data files, recursively and sorted', () => {
    const files = expandPaths([dir]);
    expect(files).toHaveLength(N + 1);
    expect(files.some((f) => f.endsWith('notes.txt'))).toBe(false);
    expect(expandPaths([join(dir, 'f00.geojson'), join(dir, 'nested')])).toHaveLength(1 + N / 2 + 1);
  });

  it('reports every file and the total from one call, and exits 1 when anything was rejected', async () => {
    const out: string[] = [];
    const code = await main([dir], (t) => out.push(t));
    const text = out.join('\n');
    expect(code).toBe(1);
    expect(text.match(/^File: /gm)).toHaveLength(N + 1);
    expect(text).toContain(`Total: ${N + 1} files, ${N} loaded, 1 rejected, 0 files not readable.`);
    expect(text).toContain('feature 0 (id "bad"): error: Point coordinates: longitude 300 is out of range -180..180');
  });

  it('--quiet prints only the files with problems, and the total', async () => {
    const out: string[] = [];
    expect(await main(['--quiet', dir, join(dir, 'missing.geojson')], (t) => out.push(t))).toBe(1);
    const text = out.join('\n');
    expect(text.match(/^File: /gm)).toHaveLength(2);
    expect(text).toMatch(/File: missing\.geojson\n[\s\S]*Not loaded: Cannot read/);
    expect(text).toContain(`Total: ${N + 2} files, ${N} loaded, 1 rejected, 1 file not readable.`);
  });

  it('exits 0 when every file is clean', async () => {
    expect(await main([join(dir, 'f00.geojson'), join(dir, 'f02.geojson')], () => undefined)).toBe(0);
  });
});
