// The tiers rule's logic (run by check-tiers.ts) (docs/architecture.md): imports in src/ only go down, core → nothing above, app → core, ui → app and core, entries → all; and core's folders form no cycle.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const TIERS = ['core', 'app', 'ui', 'entries'] as const;
export type Tier = (typeof TIERS)[number];

/** The tier of a path relative to the repo (`src/core/time/days.ts` → core), or null outside them. */
export function tierOf(path: string): Tier | null {
  const m = /^src\/([^/]+)\//.exec(path);
  return m && (TIERS as readonly string[]).includes(m[1]) ? (m[1] as Tier) : null;
}

/** The relative module specifiers a source file imports (static, dynamic, `export … from`). */
export function specifiersOf(source: string): string[] {
  const out: string[] = [];
  // `new URL('…', import.meta.url)` names a worker's entry or an asset to load, not code imported here.
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;
  for (const m of source.matchAll(re)) out.push(m[2]);
  return out;
}

function resolveSpec(from: string, spec: string, root: string): string | null {
  const bare = spec.replace(/\?.*$/, '');
  const base = resolve(dirname(join(root, from)), bare);
  for (const c of [base, `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(c) && statSync(c).isFile()) return relative(root, c);
  return null;
}

export interface Finding {
  file: string;
  spec: string;
  message: string;
}

/** What breaks the rule in the given files (paths relative to root, with their sources). */
export function checkTiers(files: ReadonlyMap<string, string>, root: string): Finding[] {
  const findings: Finding[] = [];
  const coreEdges = new Map<string, Set<string>>();
  for (const [file, source] of files) {
    const from = tierOf(file);
    for (const spec of specifiersOf(source)) {
      const target = resolveSpec(file, spec, root);
      if (target === null) continue; // not a module of ours (tsc reports a broken path)
      const to = tierOf(target);
      if (from === null || to === null) {
        if (from !== null && target.startsWith('tests/') && !/\.test\.ts$/.test(file)) {
          findings.push({ file, spec, message: `app code imports test code (${target})` });
        }
        continue;
      }
      if (TIERS.indexOf(to) > TIERS.indexOf(from)) {
        findings.push({
          file,
          spec,
          message: `${from} imports ${to} (${target}): imports go down only (entries → ui → app → core)`,
        });
      }
      if (from === 'core' && to === 'core' && !/\.test\.ts$/.test(file)) {
        const a = file.split('/')[2];
        const b = target.split('/')[2];
        if (a !== b && !a.endsWith('.ts') && !b.endsWith('.ts')) {
          if (!coreEdges.has(a)) coreEdges.set(a, new Set());
          coreEdges.get(a)!.add(b);
        }
      }
    }
  }
  for (const cycle of folderCycles(coreEdges)) {
    findings.push({
      file: `src/core/${cycle[0]}/`,
      spec: '',
      message: `core folders import each other in a cycle: ${cycle.join(' → ')}`,
    });
  }
  return findings;
}

/** Each cycle in a folder graph, once (as the path from its first folder back to it). */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const nodes = [...edges.keys()].sort();
  for (const start of nodes) {
    const stack: string[] = [];
    const visit = (n: string): void => {
      stack.push(n);
      for (const m of [...(edges.get(n) ?? [])].sort()) {
        if (m === start) {
          const key = [...stack].sort().join(',');
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push([...stack, start]);
          }
        } else if (!stack.includes(m) && m > start) visit(m);
      }
      stack.pop();
    };
    visit(start);
  }
  return cycles;
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.ts$/.test(name) ? [p] : [];
  });
}
