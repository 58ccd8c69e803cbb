// Pure: from vite's build manifest, what a page loads before first render and what it may load later.

/** One entry of dist/.vite/manifest.json (the fields used here). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface PageFiles {
  /** JS loaded before first render: the entry and its static imports, transitively. */
  js: string[];
  /** CSS of those chunks. */
  css: string[];
  /** Assets those chunks reference (data files, the map worker, the base map). */
  assets: string[];
  /** JS (and its CSS) behind dynamic imports: loaded on demand. */
  onDemand: string[];
}

/**
 * Follows `imports` from the page's entry; `dynamicImports` not yet loaded are listed apart.
 * `startup`: manifest keys of dynamic chunks the page imports at once on start (the embed's entry is
 * a small boot chunk that shows the picture and then imports the live map, `src/entries/embed.ts`): they and
 * their imports count as loaded before first render.
 */
export function pageFiles(manifest: Manifest, page: string, startup: readonly string[] = []): PageFiles {
  const entry = manifest[page];
  if (!entry?.isEntry)
    throw new Error(
      `${page} is not an entry of the manifest (entries: ${Object.keys(manifest)
        .filter((k) => manifest[k].isEntry)
        .join(', ')})`,
    );
  const seen = new Set<string>();
  const js: string[] = [];
  const css = new Set<string>();
  const assets = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest: ${key} is imported but not listed`);
    js.push(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const a of chunk.assets ?? []) assets.add(a);
    chunk.imports?.forEach(visit);
    for (const d of chunk.dynamicImports ?? []) dynamic.add(d);
  };
  visit(page);
  for (const key of startup) {
    if (!manifest[key]) throw new Error(`manifest: ${key} (loaded on start by ${page}) is not listed`);
    visit(key);
  }
  const onDemand = new Set<string>();
  const visitLazy = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key) || onDemand.has(chunk.file)) return;
    onDemand.add(chunk.file);
    for (const c of chunk.css ?? []) if (!css.has(c)) onDemand.add(c);
    chunk.imports?.forEach(visitLazy);
    chunk.dynamicImports?.forEach(visitLazy);
  };
  dynamic.forEach(visitLazy);
  return { js, css: [...css], assets: [...assets], onDemand: [...onDemand] };
}

/** The files a built HTML page names in <script src> and <link href> (modulepreload, stylesheet). */
export function htmlReferences(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    if (tag.startsWith('<link') && !/rel="(?:modulepreload|stylesheet)"/.test(tag)) continue;
    out.push(m[1].replace(/^\.\//, ''));
  }
  return out;
}

/** What each page imports at once on start, beyond its entry's static imports (see pageFiles). */
export const STARTUP_CHUNKS: Record<string, readonly string[]> = {
  'index.html': [],
  'embed.html': ['src/entries/embed.ts'],
  'embed.html?picture=1': ['src/entries/picture-page.ts'],
};

/** The built HTML file of a page name ('embed.html?picture=1' is embed.html). */
export function pageHtml(page: string): string {
  return page.replace(/\?.*$/, '');
}
