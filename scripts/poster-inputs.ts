// Pure-ish (reads files): what the embed's pictures are drawn from, and one sha256 over it, so a test can tell when they are stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { POSTER_STYLE_VERSION } from '../src/ui/embed/poster-manifest.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Folders a base-map build may write to (the cartography work): every file in them counts. */
const BASEMAP_DIRS = ['public/basemap', 'data/basemap', 'src/ui/map/basemap'];
/** Modules whose `…?url` imports name the base map's files, and which set its look. */
const BASEMAP_MODULES = ['src/ui/map/basemap-data.ts', 'src/ui/map/basemap-style.ts', 'src/core/config.ts'];
/** Modules that decide what a view shows: the first window (store, window rules, the fit to the data) and the story's steps. */
const STATE_MODULES = [
  'src/app/store.ts',
  'src/app/fit-dataset.ts',
  'src/core/time/window.ts',
  'src/ui/story/story.ts',
];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Resolves an import specifier of `from` the way vite does for these (relative, or a package file). */
function resolveImport(spec: string, from: string, root: string): string | null {
  const path = spec.replace(/\?.*$/, '');
  const candidate = path.startsWith('.') ? resolve(dirname(from), path) : join(root, 'node_modules', path);
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

/**
 * The files the pictures depend on, relative to the repo, sorted: the bundled data (data/*.geojson,
 * story, places), the base map's files (what the base-map modules import with `?url`, and the base-map
 * folders), those modules themselves, and the modules that pick a view's window and the story's steps.
 */
export function posterInputFiles(root = ROOT): string[] {
  const data = readdirSync(join(root, 'data'))
    .filter((f) => /\.(geojson|json)$/.test(f))
    .map((f) => join(root, 'data', f));
  const modules = BASEMAP_MODULES.map((m) => join(root, m)).filter((m) => existsSync(m));
  const state = STATE_MODULES.map((m) => join(root, m)).filter((m) => existsSync(m));
  const imported = modules.flatMap((m) =>
    [...readFileSync(m, 'utf8').matchAll(/from\s+['"]([^'"]+\?url)['"]/g)]
      .map((x) => resolveImport(x[1], m, root))
      .filter((p): p is string => p !== null),
  );
  const dirs = BASEMAP_DIRS.flatMap((d) => files(join(root, d)));
  return [...new Set([...data, ...modules, ...imported, ...dirs, ...state])].map((p) => relative(root, p)).sort();
}

/**
 * A module's code with what cannot change a picture taken out: comments, whitespace and trailing
 * commas, a semicolon before `}`, so that formatting the code (or rewording a comment) does not make the pictures stale.
 */
export function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[\s;{}(),])\/\/[^\n]*/g, '$1')
    .replace(/\s+/g, '')
    .replace(/,(?=[)\]}])/g, '')
    .replace(/;(?=})/g, '')
    .replace(/from(['"])[^'"]*\1/g, 'from$1$1');
}

/**
 * sha256 over the style version and each input's own digest, sorted: a data file's path and bytes, a
 * module's code only (no path, no import specifiers), so that moving a module between folders, or
 * formatting it, keeps the pictures fresh.
 */
export function posterInputsHash(root = ROOT): string {
  const h = createHash('sha256');
  h.update(`poster-style-${POSTER_STYLE_VERSION}\n`);
  const digests = posterInputFiles(root).map((f) => {
    const d = createHash('sha256');
    if (/\.(ts|mjs|js)$/.test(f)) d.update(codeOnly(readFileSync(join(root, f), 'utf8')));
    else d.update(`${f}\n`).update(readFileSync(join(root, f)));
    return d.digest('hex');
  });
  for (const d of digests.sort()) h.update(`${d}\n`);
  return h.digest('hex');
}
