// Tests: the manifest walk behind scripts/measure-size.ts.
import { describe, expect, it } from 'vitest';
import { htmlReferences, pageFiles, type Manifest } from './size-closure';

const MANIFEST: Manifest = {
  'embed.html': { file: 'assets/embed.js', isEntry: true, imports: ['_shared.js'], css: ['assets/embed.css'] },
  'index.html': {
    file: 'assets/main.js',
    isEntry: true,
    imports: ['_shared.js'],
    dynamicImports: ['src/ui/embed/share-dialog.ts'],
  },
  '_shared.js': {
    file: 'assets/shared.js',
    imports: ['_util.js'],
    css: ['assets/shared.css'],
    assets: ['assets/data.geojson', 'assets/worker.mjs'],
  },
  '_util.js': { file: 'assets/util.js', imports: ['_shared.js'] },
  'src/ui/embed/share-dialog.ts': {
    file: 'assets/share.js',
    isDynamicEntry: true,
    imports: ['_shared.js'],
    css: ['assets/share.css'],
  },
};

describe('pageFiles', () => {
  it('follows static imports (cycles included) and keeps dynamic ones apart', () => {
    expect(pageFiles(MANIFEST, 'embed.html')).toEqual({
      js: ['assets/embed.js', 'assets/shared.js', 'assets/util.js'],
      css: ['assets/embed.css', 'assets/shared.css'],
      assets: ['assets/data.geojson', 'assets/worker.mjs'],
      onDemand: [],
    });
    expect(pageFiles(MANIFEST, 'index.html').onDemand).toEqual(['assets/share.js', 'assets/share.css']);
  });

  it('refuses a page that is not an entry', () => {
    expect(() => pageFiles(MANIFEST, '_shared.js')).toThrow(/not an entry/);
  });
});

describe('htmlReferences', () => {
  it('lists scripts, module preloads and stylesheets, not icons', () => {
    const html = `<link rel="icon" href="./favicon.svg"><script type="module" crossorigin src="./assets/embed.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/shared.js"><link rel="stylesheet" crossorigin href="./assets/shared.css">`;
    expect(htmlReferences(html)).toEqual(['assets/embed.js', 'assets/shared.js', 'assets/shared.css']);
  });
});
