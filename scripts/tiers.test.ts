// The tiers rule (check-tiers.ts): an upward import or a cycle among core's folders is reported, with the file and specifier; the real tree passes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTiers, folderCycles, sourceFiles, specifiersOf, tierOf } from './tiers';

function tree(files: Record<string, string>): { root: string; files: Map<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'tiers-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return { root, files: new Map(Object.entries(files)) };
}

describe('the tiers rule', () => {
  it('names each file’s tier', () => {
    expect(tierOf('src/core/time/days.ts')).toBe('core');
    expect(tierOf('src/ui/map/map-view.ts')).toBe('ui');
    expect(tierOf('src/vite-env.d.ts')).toBeNull();
    expect(tierOf('tests/support/features.ts')).toBeNull();
  });

  it('reads static, dynamic and re-export specifiers, not a worker’s or asset’s URL', () => {
    const src =
      "import a from './a';\nimport type { B } from '../b';\nexport { c } from './c';\nconst d = import('./d');\nnew Worker(new URL('../../entries/w.ts', import.meta.url));\nimport './e.css';";
    expect(specifiersOf(src)).toEqual(['./a', '../b', './c', './d', './e.css']);
  });

  it('reports an import that goes up, and lets imports go down', () => {
    const { root, files } = tree({
      'src/core/time/days.ts': "import { x } from '../../ui/map/x';\n",
      'src/ui/map/x.ts': "import { y } from '../../app/y';\nexport const x = 1;\n",
      'src/app/y.ts': "import { d } from '../core/time/days';\nexport const y = 1;\n",
      'src/entries/main.ts': "import { x } from '../ui/map/x';\n",
    });
    const found = checkTiers(files, root);
    expect(found).toEqual([
      {
        file: 'src/core/time/days.ts',
        spec: '../../ui/map/x',
        message: 'core imports ui (src/ui/map/x.ts): imports go down only (entries → ui → app → core)',
      },
    ]);
  });

  it('reports app code importing test code, and a cycle between core folders', () => {
    const { root, files } = tree({
      'src/core/a/one.ts': "import { two } from '../b/two';\n",
      'src/core/b/two.ts': "import { one } from '../a/one';\nimport { f } from '../../../tests/support/f';\n",
      'tests/support/f.ts': 'export const f = 1;\n',
    });
    const messages = checkTiers(files, root).map((f) => f.message);
    expect(messages).toContain('app code imports test code (tests/support/f.ts)');
    expect(messages).toContain('core folders import each other in a cycle: a → b → a');
  });

  it('finds each cycle once', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c', 'a'])],
      ['c', new Set(['a'])],
    ]);
    const cycles = folderCycles(edges);
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['a', 'b', 'c', 'a']);
    expect(cycles).toContainEqual(['a', 'b', 'a']);
  });

  it('passes on this repository', () => {
    const root = resolve(import.meta.dirname, '..');
    const files = new Map(sourceFiles(join(root, 'src')).map((p) => [relative(root, p), readFileSync(p, 'utf8')]));
    expect(files.size).toBeGreaterThan(200);
    expect(checkTiers(files, root)).toEqual([]);
  });
});
