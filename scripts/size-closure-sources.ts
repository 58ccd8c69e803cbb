// Pure-ish (reads files): the modules a page's entry imports statically, from the sources — so a test can tell when MapLibre creeps into the embed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The import specifiers of a module that load code at once: `import … from`, `import '…'` and
 * `export … from`, but not `import type` / `export type` (erased) nor `import()` (loaded on demand).
 */
export function staticImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*(?:from\s*)?['"]([^'"]+)['"]/g,
  )) {
    const [, kind, typeOnly, what, spec] = m;
    if (typeOnly) continue;
    if (kind === 'export' && !/\bfrom\b/.test(m[0])) continue;
    // `import { type A, type B } from` loads the module for nothing but types: erased as well.
    if (
      /^\{[^}]*\}$/.test(what.trim()) &&
      what
        .replace(/[{}\s]/g, '')
        .split(',')
        .every((n) => !n || n.startsWith('type'))
    )
      continue;
    out.push(spec);
  }
  return out;
}

function resolveModule(spec: string, from: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.mjs`, `${base}.js`, join(base, 'index.ts')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** The package of a bare specifier: `maplibre-gl/dist/x.css` → `maplibre-gl`, `@deck.gl/core` → `@deck.gl/core`. */
export function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Walks the static imports from `entries` (repo-relative): the repo's modules reached, and for each
 * npm package reached the first module that imports it (the way to the culprit).
 */
export function sourceClosure(
  entries: readonly string[],
  root = ROOT,
): { modules: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.(ts|mjs|js)$/.test(file)) return; // CSS, JSON, data files: leaves
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolveModule(spec, file);
        if (target) visit(target);
      } else {
        const pkg = packageOf(spec);
        if (!packages.has(pkg)) packages.set(pkg, relative(root, file));
      }
    }
  };
  for (const e of entries) visit(join(root, e));
  return { modules: [...seen].map((f) => relative(root, f)).sort(), packages };
}

/** The embed's live map loads at once after its boot chunk (STARTUP_CHUNKS): its closure is both. */
export const EMBED_ENTRIES = ['src/entries/embed-boot.ts', 'src/entries/embed.ts'] as const;
/** Packages the embed must never load before its first full render: MapLibre and its deck.gl bridge (~440 kB gzip). */
export const EMBED_FORBIDDEN_PACKAGES = ['maplibre-gl', '@deck.gl/mapbox'] as const;
