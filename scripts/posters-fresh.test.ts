// Fails when the committed embed pictures (public/posters/) are stale for the bundled data, the base map or the poster style.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTER_CLASSES, POSTER_STYLE_VERSION, posterFile, type PosterManifest } from '../src/ui/embed/poster-manifest';
import { codeOnly, posterInputFiles, posterInputsHash } from './poster-inputs';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = join(ROOT, 'public/posters');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as PosterManifest;
const REGENERATE = 'the embed pictures are stale: run `npm run build:posters` and commit public/posters/';

describe('public/posters (npm run build:posters)', () => {
  it('were made from the bundled data, base map and poster style as they are now', () => {
    expect(posterInputFiles()).toEqual(
      expect.arrayContaining(['data/strikes.geojson', 'data/story.json', 'src/ui/map/basemap-data.ts']),
    );
    expect(manifest.version, REGENERATE).toBe(POSTER_STYLE_VERSION);
    expect(manifest.inputsHash, REGENERATE).toBe(posterInputsHash());
  });
  it('cover the default view and every story step, at every width class, and every file is there at its size', () => {
    const story = JSON.parse(readFileSync(join(ROOT, 'data/story.json'), 'utf8')) as { steps: unknown[] };
    expect(
      manifest.views.map((v) => v.key),
      REGENERATE,
    ).toEqual(['default', ...story.steps.map((_, i) => `story-${i + 1}`)]);
    for (const v of manifest.views) {
      const expected = POSTER_CLASSES.flatMap((c) => c.densities.map((d) => posterFile(v.key, c.width, d)));
      expect(Object.keys(v.files).sort()).toEqual(expected.sort());
      for (const [name, bytes] of Object.entries(v.files)) {
        const path = join(DIR, name);
        expect(existsSync(path), `${name} is missing`).toBe(true);
        expect(statSync(path).size).toBe(bytes);
        expect(readFileSync(path).subarray(8, 12).toString('latin1')).toBe('WEBP');
      }
    }
  });
});

describe('the pictures’ inputs hash', () => {
  it('ignores what formatting changes (comments, whitespace, trailing commas), not the code', () => {
    const a = "const a = { x: 1, y: [2, 3], }; // note\n/* block */ f(a, 'http://x.org/y');";
    expect(codeOnly(a)).toBe(codeOnly("const a = {\n  x: 1,\n  y: [2, 3]\n};\nf(\n  a,\n  'http://x.org/y',\n);"));
    expect(codeOnly(a)).toContain("'http://x.org/y'");
    expect(codeOnly('type T = { a: number; b?: string; };')).toBe(codeOnly('type T = { a: number; b?: string };'));
    expect(codeOnly(a)).not.toBe(codeOnly(a.replace('x: 1', 'x: 2')));
  });

  it('ignores where a module sits (its import specifiers), not what it imports', () => {
    const a = "import { clamp } from '../time/window';\nexport const w = clamp(1);";
    expect(codeOnly(a)).toBe(codeOnly(a.replace('../time/window', '../../core/time/window')));
    expect(codeOnly(a)).not.toBe(codeOnly(a.replace('{ clamp }', '{ clamp, other }')));
  });
});
