// npm run validate's work: validates many data files (or folders of them) in this one process with the import core; reports each and a total.
import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ResultBuilder } from '../src/core/import/builder';
import { formatReport, formatTotal, ImportSession, reportToCsv, type ImportResult } from '../src/core/import/import';
import { Utf8Chunks } from '../src/core/import/stream/utf8-chunks';

export const USAGE = `Usage: npm run validate -- [--csv REPORT.csv] [--quiet] FILE_OR_FOLDER...
Reads GeoJSON, ACLED CSV, UCDP GED CSV or CSV with latitude/longitude columns, prints every problem found
and the counts, and exits with 1 when any feature was rejected or any file could not be read. Any number of
files in one call, one after another in this one process; a folder stands for the .geojson, .json and .csv
files in it and its subfolders. --quiet prints only the files with problems, and the total.`;

const DATA_FILE = /\.(geo)?json$|\.csv$/i;

/** The files a path stands for: itself, or a folder's data files (sorted, recursively). */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (DATA_FILE.test(e.name)) out.push(p);
    }
  };
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // A missing path is reported by validateFile, as a file that cannot be read.
    }
    if (dir) walk(p);
    else out.push(p);
  }
  return out;
}

/** Streams one file through the same import session the app's worker runs (any size; the memory check on its first MB). */
export async function validateFile(path: string): Promise<ImportResult> {
  const name = basename(path);
  try {
    const session = new ImportSession(name, undefined, statSync(path).size);
    const utf8 = new Utf8Chunks();
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      session.push(utf8.decode(chunk as Buffer));
      if (session.done) break;
    }
    session.push(utf8.end());
    return session.end();
  } catch (e) {
    return new ResultBuilder(name, 'unknown').fatal(
      `Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Validates every file named (folders expanded), one after another in this one process; `print` gets the report. */
export async function main(
  args: readonly string[],
  print: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const paths: string[] = [];
  let csvOut: string | undefined;
  let quiet = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] ?? '';
    if (a === '--help' || a === '-h') {
      print(USAGE);
      return 0;
    }
    if (a === '--csv') csvOut = args[++k];
    else if (a === '--quiet') quiet = true;
    else paths.push(a);
  }
  const files = expandPaths(paths);
  if (files.length === 0) {
    console.error(paths.length ? `No data files (.geojson, .json, .csv) in ${paths.join(', ')}` : USAGE);
    return 2;
  }
  const results: ImportResult[] = [];
  for (const f of files) results.push(await validateFile(f));
  const shown = quiet ? results.filter((r) => r.issues.length > 0) : results;
  if (shown.length) print(shown.map(formatReport).join('\n'));
  if (results.length > 1) print(formatTotal(results));
  if (csvOut) writeFileSync(csvOut, reportToCsv(results));
  return results.some((r) => r.fatal || r.rejected > 0) ? 1 : 0;
}
