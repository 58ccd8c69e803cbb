// Tests: the embed's static import graph holds no MapLibre (its 442 kB gzip would break the 600 kB budget); the import scanner itself.
import { describe, expect, it } from 'vitest';
import {
  EMBED_ENTRIES,
  EMBED_FORBIDDEN_PACKAGES,
  packageOf,
  sourceClosure,
  staticImports,
} from './size-closure-sources';

describe('staticImports', () => {
  it('keeps what loads code at once, drops types and dynamic imports', () => {
    const src = `import { Deck } from '@deck.gl/core';
import type { Map } from 'maplibre-gl';
import { type A, type B } from './types';
import { type C, d } from './mixed';
import './styles.css';
export { x } from './re-export';
export type { Y } from './types-only';
// import { gone } from 'commented-out';
const later = () => import('./lazy');
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';`;
    expect(staticImports(src)).toEqual([
      '@deck.gl/core',
      './mixed',
      './styles.css',
      './re-export',
      'maplibre-gl/dist/maplibre-gl-worker.mjs?url',
    ]);
    expect(packageOf('maplibre-gl/dist/maplibre-gl.css')).toBe('maplibre-gl');
    expect(packageOf('@deck.gl/mapbox')).toBe('@deck.gl/mapbox');
  });
});

describe("embed.html's closure", () => {
  it('loads no MapLibre (nor @deck.gl/mapbox) before its first full render; the app still does', () => {
    const embed = sourceClosure(EMBED_ENTRIES);
    const found = EMBED_FORBIDDEN_PACKAGES.filter((p) => embed.packages.has(p)).map(
      (p) => `${p} (imported by ${embed.packages.get(p)})`,
    );
    expect(found).toEqual([]);
    expect(embed.packages.has('@deck.gl/core')).toBe(true);
    expect(embed.modules).toContain('src/ui/map/deck-map-view.ts');
    expect(embed.modules).not.toContain('src/ui/map/map-view.ts');
    // The control case: the app's page reaches MapLibre through the same walk.
    expect(sourceClosure(['src/entries/main.ts']).packages.has('maplibre-gl')).toBe(true);
  });
});
