// Entry point of the import core: text + file name → features in our schema and a report. DOM-free, Worker-safe.
import { importAcled } from './acled';
import { ResultBuilder } from './builder';
import { importGenericCsv, readCsv } from './csv-import';
import { detectFormat } from './detect';
import { importGeoJson } from './geojson-import';
import { parseJson } from './json';
import { checkFileSize, MAX_FILE_BYTES, utf8Length } from './limits';
import type { FieldMapping, ImportOptions, ImportResult } from './types';
import { importUcdp } from './ucdp';

export type { FieldMapping, ImportFormat, ImportIssue, ImportLayer, ImportOptions, ImportResult, ImportedFeature, ImportedProperties, MappingTarget, Severity } from './types';
export { guessMapping, applyMapping } from './mapping';
export { detectFormat } from './detect';
export { formatReport, formatTotal, reportToCsv } from './report';
export { checkFileSize, MAX_FILE_BYTES } from './limits';
export { parseCsv, detectDelimiter } from './csv';

/** Runs a progress generator over [from, to] of the whole. */
function* scaled<T>(gen: Generator<number, T, void>, from: number, to: number): Generator<number, T, void> {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
    yield from + (to - from) * step.value;
  }
}

/** The import as a generator of progress fractions, returning the result. */
export function* importSteps(text: string, fileName: string, mapping?: FieldMapping): Generator<number, ImportResult, void> {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so only long texts need counting.
  const tooBig = text.length > MAX_FILE_BYTES / 3 ? checkFileSize(utf8Length(text, MAX_FILE_BYTES)) : null;
  if (tooBig) return new ResultBuilder(fileName, 'unknown').fatal(tooBig);
  const detected = detectFormat(text, fileName);
  const b = new ResultBuilder(fileName, detected.format);
  if (detected.format === 'unknown') return b.fatal(detected.message);
  if (detected.format === 'geojson') {
    const parsed = parseJson(text);
    yield 0.4;
    if (!parsed.ok) return b.fatal(parsed.message);
    return yield* scaled(importGeoJson(parsed.value, b, mapping), 0.4, 1);
  }
  const table = yield* scaled(readCsv(text, detected.delimiter, b), 0, 0.5);
  if (!table) return { ...b.result(), fatal: b.issues[b.issues.length - 1]?.reason ?? 'The file could not be read.' };
  if (detected.format === 'acled') return yield* scaled(importAcled(table, b), 0.5, 1);
  if (detected.format === 'ucdp') return yield* scaled(importUcdp(table, b), 0.5, 1);
  return yield* scaled(importGenericCsv(table, b, mapping), 0.5, 1);
}

/** Imports a file's text synchronously (progress still reported; no abort). */
export function importTextSync(text: string, fileName: string, opts: Omit<ImportOptions, 'signal'> = {}): ImportResult {
  const gen = importSteps(text, fileName, opts.mapping);
  let last = -1;
  for (;;) {
    const step = gen.next();
    if (step.done) {
      opts.onProgress?.(1);
      return step.value;
    }
    if (opts.onProgress && step.value - last >= 0.01) {
      last = step.value;
      opts.onProgress(step.value);
    }
  }
}

/** Time between yields to the event loop (so an abort message can arrive in a Worker), in ms. */
const YIELD_EVERY_MS = 50;

/**
 * Imports a file's text: detects the format, parses, validates, maps to our schema. Every problem is in
 * `issues`; every good feature loads. Rejects with the signal's reason when aborted.
 */
export async function importText(text: string, fileName: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  const gen = importSteps(text, fileName, opts.mapping);
  let last = -1;
  let lastYield = Date.now();
  for (;;) {
    const step = gen.next();
    if (step.done) {
      onProgress?.(1);
      return step.value;
    }
    if (onProgress && step.value - last >= 0.01) {
      last = step.value;
      onProgress(step.value);
    }
    if (signal) {
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = Date.now();
      }
      signal.throwIfAborted();
    }
  }
}
