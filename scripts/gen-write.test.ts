// Tests the generator's file writer and arguments: valid GeoJSON, the same bytes for the same seed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGenArgs, writeGenerated } from './gen-write';

describe('gen', () => {
  it('parses its arguments and says what is wrong', () => {
    expect(parseGenArgs(['--n', '10', '--seed', '3', '--out', 'x.geojson'])).toMatchObject({
      n: 10,
      seed: 3,
      out: 'x.geojson',
    });
    expect(() => parseGenArgs(['--n', 'many', '--out', 'x'])).toThrow(/--n/);
    expect(() => parseGenArgs(['--n', '10'])).toThrow(/--out/);
  });

  it('writes a FeatureCollection, byte for byte the same for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    try {
      const a = join(dir, 'a.geojson');
      const b = join(dir, 'b.geojson');
      expect(writeGenerated({ n: 3000, seed: 9, out: a })).toBe(3000);
      writeGenerated({ n: 3000, seed: 9, out: b });
      const text = readFileSync(a, 'utf8');
      expect(text).toBe(readFileSync(b, 'utf8'));
      const fc = JSON.parse(text) as { type: string; features: unknown[] };
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features).toHaveLength(3000);
      expect(writeGenerated({ n: 0, seed: 1, out: a })).toBe(0);
      expect(JSON.parse(readFileSync(a, 'utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes an ACLED-shaped CSV for --format acled (the default for a .csv file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    try {
      const out = join(dir, 'acled.csv');
      const args = parseGenArgs(['--n', '500', '--out', out]);
      expect(args.format).toBe('acled');
      expect(() => parseGenArgs(['--n', '5', '--out', 'x', '--format', 'xml'])).toThrow(/--format/);
      expect(writeGenerated(args)).toBe(500);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(501);
      expect(lines[0].startsWith('event_id_cnty,event_date,')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
