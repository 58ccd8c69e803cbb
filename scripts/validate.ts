// CLI: validates data files with the import core, prints the report of each and a total; exit 1 if anything was rejected.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ResultBuilder } from '../src/import/builder';
import { checkFileSize, formatReport, formatTotal, importTextSync, reportToCsv, type ImportResult } from '../src/import/import';

const USAGE = `Usage: npm run validate -- [--csv REPORT.csv] FILE...
Reads GeoJSON, ACLED CSV, UCDP GED CSV or CSV with latitude/longitude columns, prints every problem found
and the counts, and exits with 1 when any feature was rejected or any file could not be read.`;

function validateFile(path: string): ImportResult {
  const name = basename(path);
  try {
    const tooBig = checkFileSize(statSync(path).size);
    if (tooBig) return new ResultBuilder(name, 'unknown').fatal(tooBig);
    return importTextSync(readFileSync(path, 'utf8'), name);
  } catch (e) {
    return new ResultBuilder(name, 'unknown').fatal(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function main(args: readonly string[]): number {
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
  const results = files.map(validateFile);
  console.log(results.map(formatReport).join('\n'));
  if (results.length > 1) console.log(formatTotal(results));
  if (csvOut) writeFileSync(csvOut, reportToCsv(results));
  return results.some((r) => r.fatal || r.rejected > 0) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
