// Streams generated features to a GeoJSON file (used by scripts/gen.ts and the benchmark).
import { closeSync, openSync, writeSync } from 'node:fs';
import { generateAcledLines } from '../src/core/synth/acled-csv';
import { generateFeatures, type GenerateOptions } from '../src/core/synth/generate';

/** What `--format` writes: GeoJSON in our schema, or an ACLED CSV export. */
export type GenFormat = 'geojson' | 'acled';

/** Parsed `--n N --seed S --out FILE [--format geojson|acled] [--start YYYY-MM-DD] [--days D]`. */
export interface GenArgs extends GenerateOptions {
  out: string;
  format?: GenFormat;
}

export function parseGenArgs(argv: readonly string[]): GenArgs {
  const get = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const n = Number(get('n'));
  const seed = Number(get('seed') ?? 1);
  const out = get('out');
  if (!Number.isInteger(n) || n < 0) throw new Error('--n must be a whole number of features, e.g. --n 1000000');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (!out) throw new Error('--out FILE is required');
  const days = get('days');
  const format = get('format') ?? (out.endsWith('.csv') ? 'acled' : 'geojson');
  if (format !== 'geojson' && format !== 'acled') throw new Error(`--format must be geojson or acled, got "${format}"`);
  return { n, seed, out, format, start: get('start'), days: days === undefined ? undefined : Number(days) };
}

/** Writes the features to `out` in chunks (a million features are ~440 MB: never one string in memory). */
export function writeGenerated(args: GenArgs): number {
  if (args.format === 'acled') return writeAcled(args);
  const fd = openSync(args.out, 'w');
  let buf = '{"type":"FeatureCollection","features":[\n';
  let written = 0;
  try {
    for (const f of generateFeatures(args)) {
      buf += (written++ ? ',\n' : '') + JSON.stringify(f);
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, `${buf}\n]}\n`);
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Writes an ACLED-shaped CSV (header + one line a row) to `out` in chunks; returns the rows written. */
function writeAcled(args: GenArgs): number {
  const fd = openSync(args.out, 'w');
  let buf = '';
  let lines = 0;
  try {
    for (const line of generateAcledLines(args)) {
      buf += `${line}\n`;
      lines++;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return lines - 1;
}
