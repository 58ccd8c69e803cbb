// Publishing: imports the inputs (or generates events) into DuckDB and writes the dataset; the CLI is scripts/publish-data.ts.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { ResultBuilder } from '../../src/import/builder';
import { formatReport, formatTotal, importTextSync, type ImportResult } from '../../src/import/import';
import { anchorOf, layerKeyOf } from '../../src/columnar/feature-keys';
import { slug } from '../../src/import-ui/merge';
import type { PublishedLayer, PublishedManifest } from '../../src/published/manifest';
import { appendFeatures, createEventsTable, DEFAULT_WRITE, writePublished, type WriteOptions } from './writer';
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
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag}: expected a positive whole number, got ${JSON.stringify(v)}`);
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

function importFile(path: string): ImportResult {
  const name = basename(path);
  try {
    return importTextSync(readFileSync(path, 'utf8'), name);
  } catch (e) {
    return new ResultBuilder(name, 'unknown').fatal(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Publishes; returns the manifest and whether every input loaded without a rejected feature. */
export async function publish(args: Args, log: (s: string) => void = console.log): Promise<{ manifest: PublishedManifest; clean: boolean }> {
  // Two threads and a memory cap: a 10M-row sort must not crowd a shared 2-core machine (DuckDB spills to disk past the cap).
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '4GB', temp_directory: join(tmpdir(), 'conflict-atlas-duckdb') });
  const con = await db.connect();
  await createEventsTable(con);
  let layers: PublishedLayer[] = [];
  const inputs: PublishedManifest['inputs'] = [];
  let clean = true;
  if (args.generate) {
    await generateEvents(con, args.generate, args.seed);
    layers = await countLayers(con, GENERATED_LAYERS);
    inputs.push({ file: `generated (n=${args.generate}, seed=${args.seed})`, format: 'generated', loaded: args.generate, rejected: 0, issues: 0 });
  }
  const results: ImportResult[] = [];
  const ids = new Map<string, string>();
  for (const path of args.inputs) {
    // One file at a time: its text and features are dropped once its rows are in DuckDB.
    const result = importFile(path);
    // The same id in two files: the later one is reported and left out, as the app's import does.
    const features = result.features.filter((f) => {
      // A published dataset is read by day and by place: an undated feature (timeless) or one not
      // placed on the map (null geometry), which the app's import keeps, has no row range to live in.
      if (f.properties.timeless || f.geometry === null) {
        const why = f.properties.timeless ? 'it has no date (the app shows it at every time; a published dataset is read by day)' : 'it has no geometry (a published dataset is read by place)';
        result.issues.push({ file: result.file, featureId: f.properties.id, field: f.properties.timeless ? 'start' : 'geometry', severity: 'error', reason: `not published: ${why}` });
        result.rejected++;
        result.loaded--;
        return false;
      }
      const owner = ids.get(f.properties.id);
      if (owner === undefined) {
        ids.set(f.properties.id, result.file);
        return true;
      }
      result.issues.push({ file: result.file, featureId: f.properties.id, field: 'id', severity: 'error', reason: `id "${f.properties.id}" is already used by a feature of ${owner}; this feature is not published` });
      result.rejected++;
      result.loaded--;
      return false;
    });
    const layerIndex = new Map<string, number>();
    const used = new Set(layers.map((l) => l.key));
    for (const l of result.layers) {
      let key = `${slug(result.file)}-${slug(l.label)}`;
      for (let n = 2; used.has(key); n++) key = `${slug(result.file)}-${slug(l.label)}-${n}`;
      used.add(key);
      layerIndex.set(l.key, layers.length);
      layers.push({ key, label: l.label, kind: l.layer, group: result.file, ...(l.category !== undefined ? { category: l.category } : {}), count: 0 });
    }
    await appendFeatures(con, features, (f) => layerIndex.get(layerKeyOf(f)) as number, anchorOf);
    for (const f of features) layers[layerIndex.get(layerKeyOf(f)) as number].count++;
    if (result.fatal || result.rejected > 0) clean = false;
    inputs.push({ file: result.file, format: result.format, loaded: result.loaded, rejected: result.rejected, issues: result.issues.length });
    log(formatReport(result));
    results.push({ ...result, features: [] });
  }
  if (results.length > 1) log(formatTotal(results));
  layers = layers.filter((l) => l.count > 0 || args.generate);
  const manifest = await writePublished(con, args.out, layers, { ...args.write, name: args.name ?? basename(args.out), inputs });
  con.closeSync();
  return { manifest, clean };
}

