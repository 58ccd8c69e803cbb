// Bytes in chunks → text in chunks: UTF-8 decoded with the stream flag, so a character split between chunks stays whole.

/**
 * Decodes byte chunks as UTF-8. A multi-byte character cut by a chunk boundary is held back
 * until its last byte arrives (TextDecoder's `stream` option); a leading BOM is dropped. Invalid
 * bytes become U+FFFD, as `File.text()` does.
 */
export class Utf8Chunks {
  private readonly decoder = new TextDecoder('utf-8');

  decode(bytes: Uint8Array): string {
    return this.decoder.decode(bytes, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}

/** Reads a byte stream (e.g. `File.stream()`) as text chunks, calling `onBytes` with the bytes read so far. */
export async function* readTextChunks(
  stream: ReadableStream<Uint8Array>,
  onBytes?: (read: number) => void,
): AsyncGenerator<string, void, void> {
  const reader = stream.getReader();
  const utf8 = new Utf8Chunks();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      onBytes?.(read);
      const text = utf8.decode(value);
      if (text) yield text;
    }
    const tail = utf8.end();
    if (tail) yield tail;
  } finally {
    reader.releaseLock();
  }
}
