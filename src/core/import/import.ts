// Entry point of the import core: text (whole or in chunks) + file name → features in our schema and a report. DOM-free, Worker-safe.
import { ImportSession } from './stream/import-session';
import { parseJson } from './json';
import { utf8Length } from '../schema/limits';
import type { FieldMapping, ImportOptions, ImportResult } from './types';

export type {
  FieldMapping,
  ImportFormat,
  ImportIssue,
  ImportLayer,
  ImportOptions,
  ImportResult,
  ImportedFeature,
  ImportedProperties,
  MappingTarget,
  Severity,
} from './types';
export { applyMapping } from './mapping';
export { guessMapping } from './mapping-guess';
export { detectFormat } from './detect';
export { formatReport, formatTotal, reportToCsv } from './report';
export { checkFileSize, estimateRows, MAX_IMPORT_MEMORY_BYTES } from '../schema/limits';
export { parseCsv, detectDelimiter } from './csv';
export { ImportSession } from './stream/import-session';

/** Characters fed to the session at a time (as a file's stream would). */
const CHUNK_CHARS = 1 << 16;

/**
 * The import of a whole text as a generator of progress fractions, returning the result. The
 * text is fed to the same streaming session a file's bytes go through, a MB at a time.
 */
export function* importSteps(
  text: string,
  fileName: string,
  mapping?: FieldMapping,
): Generator<number, ImportResult, void> {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count only when that could matter.
  const session = new ImportSession(fileName, mapping, text.length > 10_000_000 ? utf8Length(text) : undefined);
  for (let at = 0; at < text.length && !session.done; at += CHUNK_CHARS) {
    session.push(text.slice(at, at + CHUNK_CHARS));
    if (at + CHUNK_CHARS < text.length) yield (at + CHUNK_CHARS) / text.length;
  }
  const result = session.end();
  // A broken JSON text: with the whole text at hand, the full scanner says where and why.
  if (result.format === 'geojson' && result.fatal && /^(Invalid|Truncated) JSON/.test(result.fatal)) {
    const parsed = parseJson(text);
    if (!parsed.ok && parsed.message !== result.fatal) {
      result.fatal = parsed.message;
      const last = result.issues[result.issues.length - 1];
      if (last) last.reason = parsed.message;
    }
  }
  return result;
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
