// CLI: validates data files with the import core, prints the report of each and a total; exit 1 if anything was rejected.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ResultBuilder } from '../src/import/builder';
import { formatReport, formatTotal, ImportSession, reportToCsv, type ImportResult } from '../src/import/import';
import { Utf8Chunks } from '../src/import/stream/utf8-chunks';

const USAGE = `Usage: npm run validate -- [--csv REPORT.csv] FILE...
Reads GeoJSON, ACLED CSV, UCDP GED CSV or CSV with latitude/longitude columns, prints every problem found
and the counts, and exits with 1 when any feature was rejected or any file could not be read.`;

/** Streams one file through the same import session the app's worker runs (any size; the memory check on its first MB). */
async function validateFile(path: string): Promise<ImportResult> {
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
    return new ResultBuilder(name, 'unknown').fatal(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Validates every file named, one after another in this one process. */
export async function main(args: readonly string[]): Promise<number> {
  const files: string[] = [];
  let csvOut: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] ?? '';
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    }
    if (a === '--csv') csvOut = args[++k];
    else files.push(a);
  }
  if (files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const results: ImportResult[] = [];
  for (const f of files) results.push(await validateFile(f));
  console.log(results.map(formatReport).join('\n'));
  if (results.length > 1) console.log(formatTotal(results));
  if (csvOut) writeFileSync(csvOut, reportToCsv(results));
  return results.some((r) => r.fatal || r.rejected > 0) ? 1 : 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
