// Size and depth limits of the import, and the messages given beyond them.

/** Largest file accepted, in bytes (UTF-8). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Deepest nesting reported by the JSON error scanner before it gives up with a message. */
export const MAX_JSON_DEPTH = 1000;
/** Deepest nesting allowed inside one feature's properties (deeper values can't be cloned or exported safely). */
export const MAX_PROPERTY_DEPTH = 64;
/** Characters of a value quoted in a message; longer values are cut with `…`. */
export const MAX_QUOTED_CHARS = 60;
/** Records sampled for the mapping dialog and guessMapping. */
export const SAMPLE_ROWS = 20;
/** Features scanned for property names (GeoJSON with arbitrary properties). */
export const FIELD_SCAN_FEATURES = 500;

/** Human size, e.g. `250.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The message for a file of `bytes` bytes when it is over the limit, else null. The UI checks `File.size` with it before reading. */
export function checkFileSize(bytes: number): string | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return `The file is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_FILE_BYTES)}. Split it (e.g. by year or region) and load the parts.`;
}

/** UTF-8 length of a string without encoding it, stopping early once past `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
    if (n > limit) return n;
  }
  return n;
}
