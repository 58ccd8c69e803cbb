// Pure: combines the bundled data with imported files into one feature list and layer list.
import type { AtlasFeature } from '../schema/schema';
import { BUNDLED_LAYERS, layerKeyOf, type LayerDef } from '../columnar/dataset';
import type { ImportIssue, ImportResult, ImportedFeature } from './import';

/** One imported file as the app keeps it. */
export interface LoadedImport {
  /** Stable per session: `f1`, `f2`, … (used in layer keys and URLs). */
  key: string;
  result: ImportResult;
}

export interface Merged {
  features: AtlasFeature[];
  layers: LayerDef[];
  /** Features that could not join the map (an id already taken), per import key. */
  conflicts: Map<string, ImportIssue[]>;
}

/** A URL-safe slug: lower-case letters, digits and dashes. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 40) || 'layer';
}

/**
 * Adds an import's layers to `layers` under keys `<import key>-<slug of its label>` (made unique),
 * and returns the import's own layer key → that key.
 */
export function addImportLayers(
  importKey: string,
  result: { layers: readonly { key: string; label: string; layer: LayerDef['kind'] }[]; file: string },
  layers: LayerDef[],
): Map<string, string> {
  const keyOf = new Map<string, string>();
  const used = new Set<string>();
  for (const l of result.layers) {
    let key = `${importKey}-${slug(l.label)}`;
    for (let n = 2; used.has(key); n++) key = `${importKey}-${slug(l.label)}-${n}`;
    used.add(key);
    keyOf.set(l.key, key);
    layers.push({ key, label: l.label, kind: l.layer, group: result.file });
  }
  return keyOf;
}

/**
 * Bundled features first (when shown), then each import in order. An imported layer gets the key
 * `<import key>-<slug of its label>` (unique), which the legend and the URL use. An imported
 * feature whose id is already taken is not added, and is reported as a conflict — never renamed.
 */
export function mergeImports(
  bundled: readonly AtlasFeature[],
  imports: readonly LoadedImport[],
  includeBundled = true,
): Merged {
  const features: AtlasFeature[] = includeBundled ? [...bundled] : [];
  const layers: LayerDef[] = includeBundled ? [...BUNDLED_LAYERS] : [];
  const taken = new Map<string, string>(features.map((f) => [f.properties.id, 'the bundled data']));
  const conflicts = new Map<string, ImportIssue[]>();
  for (const imp of imports) {
    const keyOf = addImportLayers(imp.key, imp.result, layers);
    const issues: ImportIssue[] = [];
    imp.result.features.forEach((f: ImportedFeature, i) => {
      const id = f.properties.id;
      const owner = taken.get(id);
      if (owner) {
        issues.push({
          file: imp.result.file,
          featureId: id,
          field: 'id',
          severity: 'error',
          reason: `id "${id}" is already used by a feature of ${owner}; this feature (the ${ordinal(i + 1)} loaded) is not shown`,
        });
        return;
      }
      taken.set(id, imp.result.file);
      const key = keyOf.get(layerKeyOf(f)) ?? layerKeyOf(f);
      features.push({ ...f, properties: { ...f.properties, layer_key: key } } as AtlasFeature);
    });
    if (issues.length) conflicts.set(imp.key, issues);
  }
  return { features, layers: layers.filter((l) => features.some((f) => layerKeyOf(f) === l.key)), conflicts };
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
