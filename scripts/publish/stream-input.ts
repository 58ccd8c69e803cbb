// Publishing: one input file read in chunks through the import's streaming session (src/core/import/stream/), each accepted feature handed on as it comes.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { ResultBuilder } from '../../src/core/import/builder';
import { ImportSession, type ImportResult } from '../../src/core/import/import';
import { readTextChunks } from '../../src/core/import/stream/utf8-chunks';
import type { ImportedFeature } from '../../src/core/import/types';

/** Bytes read at a time: the file's text is never held whole, whatever its size. */
const CHUNK_BYTES = 1 << 20;

/**
 * Imports `path` with the same validation and report as the app's import (format detected from its
 * first MB, CSV rows or GeoJSON features streamed) and calls `onFeature` for each accepted feature.
 * The result's `features` is empty. No size limit: publishing is for files bigger than a tab.
 */
export async function importFileStreamed(path: string, onFeature: (f: ImportedFeature) => void): Promise<ImportResult> {
  const name = basename(path);
  try {
    statSync(path);
    const session = new ImportSession(name, undefined, undefined, onFeature);
    const stream = Readable.toWeb(createReadStream(path, { highWaterMark: CHUNK_BYTES })) as ReadableStream<Uint8Array>;
    for await (const text of readTextChunks(stream)) {
      session.push(text);
      if (session.done) break;
    }
    // The session gave every accepted feature to the sink: its result holds none.
    return session.end();
  } catch (e) {
    return new ResultBuilder(name, 'unknown').fatal(
      `Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
