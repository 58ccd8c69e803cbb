// Pure: the bundled data and imports kept as columns (import-rows.ts) merged into one set of columns and layers, as mergeImports does for features.
import type { AtlasFeature } from '../schema/schema';
import { BUNDLED_LAYERS, type LayerDef } from '../columnar/dataset';
import type { ImportIssue, ImportResult } from './import';
import { buildColumns, type EventColumns } from '../columnar/columns';
import type { FileRows, ImportRows } from './import-rows';
import type { CsvTable } from './csv-import';
import { mergeColumns, type ColumnsPart, type MergedEventColumns } from '../columnar/merge-columns';
import { addImportLayers } from './merge';

/** One import as the worker keeps it: its report (layers, file) and its rows. */
export interface KeptImport {
  key: string;
  result: Pick<ImportResult, 'file' | 'layers'>;
  rows: ImportRows;
  /** The file whose CSV records give back the rows' original records (ImportChunk.fileRows). */
  file?: { blob: Blob; table: CsvTable };
}

/** Where a part's rows' original records are, when the file keeps them. */
export interface PartFile {
  rows: FileRows;
  blob: Blob;
  table: CsvTable;
}

export interface MergedColumns {
  columns: MergedEventColumns;
  /** The parts merged (columns.from.part indexes them): the bundled data's, then each import's chunks. */
  parts: EventColumns[];
  /** By part: where the file keeps its rows' original records, or null. */
  partFiles: (PartFile | null)[];
  layers: LayerDef[];
  /** Rows that could not join the map (an id already taken), per import key. */
  conflicts: Map<string, ImportIssue[]>;
}

/**
 * The same merge as mergeImports (merge.ts) without a feature object per row: the bundled data
 * (when shown), then each import; an imported layer's key is `<import key>-<slug of its label>`;
 * a row whose id is taken is left out and reported, in the file's order. The columns are gathered
 * from the parts (mergeColumns): nothing is validated or rebuilt again. `hold`: the imports' notes,
 * original records and quotes stay in their chunks (the merged rows are marked held, held-text.ts).
 */
export function mergeImportRows(
  bundled: readonly AtlasFeature[],
  imports: readonly KeptImport[],
  includeBundled = true,
  hold = false,
): MergedColumns {
  const layers: LayerDef[] = includeBundled ? [...BUNDLED_LAYERS] : [];
  const taken = new Map<string, string>();
  type Pending = {
    columns: EventColumns;
    keys: readonly string[];
    keep?: Uint32Array;
    held?: boolean;
    file?: PartFile | null;
  };
  const pending: Pending[] = [];
  if (includeBundled && bundled.length) {
    const keys = BUNDLED_LAYERS.map((l) => l.key);
    pending.push({ columns: buildColumns(bundled, keys), keys });
    for (const f of bundled) taken.set(f.properties.id, 'the bundled data');
  }
  const conflicts = new Map<string, ImportIssue[]>();
  for (let k = 0; k < imports.length; k++) {
    const imp = imports[k];
    const keyOf = addImportLayers(imp.key, imp.result, layers);
    const keys = imp.rows.layerKeys.map((k) => keyOf.get(k) ?? k);
    const found: { at: number; issue: ImportIssue }[] = [];
    for (const chunk of imp.rows.chunks) {
      const c = chunk.columns;
      let keep: number[] | null = null;
      for (let r = 0; r < c.n; r++) {
        const id = c.ids.get(r);
        const owner = taken.get(id);
        if (owner) {
          keep ??= Array.from({ length: r }, (_, k) => k);
          found.push({
            at: chunk.loadedIndex[r],
            issue: {
              file: imp.result.file,
              featureId: id,
              field: 'id',
              severity: 'error',
              reason: `id "${id}" is already used by a feature of ${owner}; this feature (the ${ordinal(chunk.loadedIndex[r] + 1)} loaded) is not shown`,
            },
          });
          continue;
        }
        keep?.push(r);
      }
      const file = imp.file && chunk.fileRows ? { rows: chunk.fileRows, ...imp.file } : null;
      pending.push({ columns: c, keys, held: hold, file, ...(keep ? { keep: Uint32Array.from(keep) } : {}) });
    }
    // Ids within one file are already distinct (the importer rejects a repeat): only a later
    // import needs this one's (a million Map entries for nothing when it is the last).
    if (k < imports.length - 1)
      for (const chunk of imp.rows.chunks)
        for (const id of chunk.columns.ids) if (!taken.has(id)) taken.set(id, imp.result.file);
    if (found.length)
      conflicts.set(
        imp.key,
        found.sort((a, b) => a.at - b.at).map((f) => f.issue),
      );
  }
  // Only the layers some row is on, in legend order.
  const count = new Map<string, number>();
  for (const p of pending) {
    const rows = p.keep ?? { length: p.columns.n };
    for (let i = 0; i < rows.length; i++) {
      const r = p.keep ? p.keep[i] : i;
      const key = p.keys[p.columns.layer[r]];
      count.set(key, (count.get(key) ?? 0) + 1);
    }
  }
  const shown = layers.filter((l) => count.has(l.key));
  const code = new Map(shown.map((l, i) => [l.key, i]));
  const parts: ColumnsPart[] = pending.map((p) => ({
    columns: p.columns,
    layerMap: p.keys.map((k) => code.get(k) ?? 0),
    held: p.held === true,
    ...(p.keep ? { keep: p.keep } : {}),
  }));
  return {
    parts: pending.map((p) => p.columns),
    partFiles: pending.map((p) => p.file ?? null),
    columns: mergeColumns(
      parts,
      shown.map((l) => l.key),
    ),
    layers: shown,
    conflicts,
  };
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
