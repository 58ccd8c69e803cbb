// Pure: the bundled data and imports kept as columns (import-rows.ts) merged into one row source and layer list, as mergeImports does for features.
import type { AtlasFeature } from '../data/schema';
import { BUNDLED_LAYERS, layerKeyOf, type LayerDef } from '../data/dataset';
import type { ImportIssue, ImportResult } from '../import/import';
import { featureRows } from '../columnar/columns';
import { concatRows, pickRows, type RowSource } from '../columnar/row-source';
import type { ImportRows } from '../columnar/import-rows';
import { slug } from './merge';

/** One import as the worker keeps it: its report (layers, file) and its rows. */
export interface KeptImport {
  key: string;
  result: Pick<ImportResult, 'file' | 'layers'>;
  rows: ImportRows;
}

export interface MergedRows {
  rows: RowSource;
  layers: LayerDef[];
  /** Rows that could not join the map (an id already taken), per import key. */
  conflicts: Map<string, ImportIssue[]>;
}

/**
 * The same merge as mergeImports (merge.ts) without a feature object per row: bundled features
 * first (when shown), then each import's rows in order; an imported layer's key is
 * `<import key>-<slug of its label>`; a row whose id is taken is left out and reported.
 */
export function mergeImportRows(bundled: readonly AtlasFeature[], imports: readonly KeptImport[], includeBundled = true): MergedRows {
  const sources: RowSource[] = [];
  const layers: LayerDef[] = includeBundled ? [...BUNDLED_LAYERS] : [];
  const used = new Map<string, number>();
  const taken = new Map<string, string>();
  if (includeBundled && bundled.length) {
    sources.push(featureRows(bundled));
    for (const f of bundled) {
      taken.set(f.properties.id, 'the bundled data');
      used.set(layerKeyOf(f), (used.get(layerKeyOf(f)) ?? 0) + 1);
    }
  }
  const conflicts = new Map<string, ImportIssue[]>();
  for (const imp of imports) {
    const keyOf = new Map<string, string>();
    const keys = new Set<string>();
    for (const l of imp.result.layers) {
      let key = `${imp.key}-${slug(l.label)}`;
      for (let n = 2; keys.has(key); n++) key = `${imp.key}-${slug(l.label)}-${n}`;
      keys.add(key);
      keyOf.set(l.key, key);
      layers.push({ key, label: l.label, kind: l.layer, group: imp.result.file });
    }
    const rename = (k: string): string => keyOf.get(k) ?? k;
    const issues: ImportIssue[] = [];
    const keep: number[] = [];
    const { rows } = imp;
    for (let i = 0; i < rows.n; i++) {
      const id = rows.id(i);
      const owner = taken.get(id);
      if (owner) {
        issues.push({
          file: imp.result.file, featureId: id, field: 'id', severity: 'error',
          reason: `id "${id}" is already used by a feature of ${owner}; this feature (the ${ordinal(i + 1)} loaded) is not shown`,
        });
        continue;
      }
      taken.set(id, imp.result.file);
      const key = rename(rows.layerKey(i));
      used.set(key, (used.get(key) ?? 0) + 1);
      keep.push(i);
    }
    if (issues.length) conflicts.set(imp.key, issues);
    const source = rows.source(rename);
    sources.push(keep.length === rows.n ? source : pickRows(source, Uint32Array.from(keep)));
  }
  return { rows: concatRows(sources.length ? sources : [featureRows([])]), layers: layers.filter((l) => used.has(l.key)), conflicts };
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
