// Publishing: imports the inputs (or generates events) into DuckDB and writes the dataset; the CLI is scripts/publish-data.ts.
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatReport, formatTotal, type ImportIssue, type ImportResult } from '../../src/core/import/import';
import { anchorOf, layerKeyOf } from '../../src/core/columnar/feature-keys';
import { slug } from '../../src/core/import/merge';
import type { PublishedLayer, PublishedManifest } from '../../src/core/published/manifest';
import { importFileStreamed } from './stream-input';
import { openAppender, createEventsTable, DEFAULT_WRITE, writePublished, type WriteOptions } from './writer';
import { countLayers, generateEvents, GENERATED_LAYERS } from './generate-sql';

export interface Args {
  inputs: string[];
  out: string;
  name?: string;
  generate?: number;
  seed: number;
  write: Omit<WriteOptions, 'name' | 'inputs'>;
}

export function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = { inputs: [], out: '', seed: 1, write: { ...DEFAULT_WRITE } };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`${flag}: expected a positive whole number, got ${JSON.stringify(v)}`);
    return n;
  };
  try {
    for (let k = 0; k < argv.length; k++) {
      const arg = argv[k];
      if (arg === '--out') a.out = argv[++k] ?? '';
      else if (arg === '--name') a.name = argv[++k];
      else if (arg === '--generate') a.generate = num(arg, argv[++k]);
      else if (arg === '--seed') a.seed = num(arg, argv[++k]);
      else if (arg === '--row-group-rows') a.write.rowGroupRows = num(arg, argv[++k]);
      else if (arg === '--groups-per-file') a.write.groupsPerFile = num(arg, argv[++k]);
      else if (arg.startsWith('--')) return `unknown option ${arg}`;
      else a.inputs.push(arg);
    }
  } catch (e) {
    return (e as Error).message;
  }
  if (!a.out) return '--out DIR is required';
  if (!a.inputs.length && !a.generate) return 'give at least one INPUT file, or --generate N';
  return a;
}

/** Publishes; returns the manifest and whether every input loaded without a rejected feature. */
export async function publish(
  args: Args,
  log: (s: string) => void = console.log,
): Promise<{ manifest: PublishedManifest; clean: boolean }> {
  // Two threads and a memory cap: a 10M-row sort must not crowd a shared 2-core machine (DuckDB spills to disk past the cap).
  const db = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: '4GB',
    temp_directory: join(tmpdir(), 'conflict-atlas-duckdb'),
  });
  const con = await db.connect();
  await createEventsTable(con);
  let layers: PublishedLayer[] = [];
  const inputs: PublishedManifest['inputs'] = [];
  let clean = true;
  if (args.generate) {
    await generateEvents(con, args.generate, args.seed);
    layers = await countLayers(con, GENERATED_LAYERS);
    inputs.push({
      file: `generated (n=${args.generate}, seed=${args.seed})`,
      format: 'generated',
      loaded: args.generate,
      rejected: 0,
      issues: 0,
    });
  }
  const results: ImportResult[] = [];
  const ids = new Map<string, string>();
  /** Rows published per manifest layer index (the streamed files' layers are named once each file is read). */
  const pendingCounts: number[] = [];
  for (const path of args.inputs) {
    // One file at a time, read in chunks: each accepted feature goes into DuckDB as it comes, so
    // neither the file's text nor its features are ever held whole (a file bigger than memory publishes).
    const file = basename(path);
    const layerIndex = new Map<string, number>();
    const used = new Set(layers.map((l) => l.key));
    const refused: ImportIssue[] = [];
    let appended = 0;
    const app = await openAppender(con);
    const result = await importFileStreamed(path, (f) => {
      const id = f.properties.id;
      // A published dataset is read by day and by place: a feature with no geometry (or an undated
      // one, where the import keeps those) has no row range to live in.
      const timeless = f.properties.timeless === true;
      if (timeless || f.geometry === null) {
        const why = timeless
          ? 'it has no date (the app shows it at every time; a published dataset is read by day)'
          : 'it has no geometry (a published dataset is read by place)';
        refused.push({
          file,
          featureId: id,
          field: timeless ? 'start' : 'geometry',
          severity: 'error',
          reason: `not published: ${why}`,
        });
        return;
      }
      // The same id in two files: the later one is reported and left out, as the app's import does.
      const owner = ids.get(id);
      if (owner !== undefined) {
        refused.push({
          file,
          featureId: id,
          field: 'id',
          severity: 'error',
          reason: `id "${id}" is already used by a feature of ${owner}; this feature is not published`,
        });
        return;
      }
      ids.set(id, file);
      // A layer gets its index in the manifest with its first feature published (named once the file is read).
      const key = layerKeyOf(f);
      let li = layerIndex.get(key);
      if (li === undefined) {
        li = layers.length + layerIndex.size;
        layerIndex.set(key, li);
      }
      app.add(f, li, anchorOf(f));
      appended++;
      pendingCounts[li] = (pendingCounts[li] ?? 0) + 1;
    });
    app.close();
    result.issues.push(...refused);
    result.rejected += refused.length;
    result.loaded -= refused.length;
    const named = new Map(result.layers.map((l) => [l.key, l]));
    for (const [key, index] of [...layerIndex].sort((x, y) => x[1] - y[1])) {
      const l = named.get(key);
      const label = l?.label ?? key;
      let out = `${slug(result.file)}-${slug(label)}`;
      for (let n = 2; used.has(out); n++) out = `${slug(result.file)}-${slug(label)}-${n}`;
      used.add(out);
      layers[index] = {
        key: out,
        label,
        kind: l?.layer ?? 'strike',
        group: result.file,
        ...(l?.category !== undefined ? { category: l.category } : {}),
        count: pendingCounts[index] ?? 0,
      };
    }
    if (result.fatal || result.rejected > 0) clean = false;
    inputs.push({
      file: result.file,
      format: result.format,
      loaded: appended,
      rejected: result.rejected,
      issues: result.issues.length,
    });
    log(formatReport(result));
    results.push(result);
  }
  if (results.length > 1) log(formatTotal(results));
  const manifest = await writePublished(con, args.out, layers, {
    ...args.write,
    name: args.name ?? basename(args.out),
    inputs,
  });
  con.closeSync();
  return { manifest, clean };
}
