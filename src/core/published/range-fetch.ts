// Checks that a server answered a range request with the range (HTTP 206), and says clearly what is wrong when it did not.

/** Requests made and bytes received. */
export interface RangeStats {
  requests: number;
  bytes: number;
  /** When the last of these ranges arrived (the worker's clock), if any did. */
  lastAt?: number;
}

/**
 * null when `status`/`Content-Range` answer a request for bytes [start, end) of `url`; otherwise the
 * message for the reader. A server (or CDN) that ignores `Range` answers 200 with the whole file:
 * a published dataset cannot be read from it without downloading everything.
 */
export function checkRangeResponse(
  url: string,
  status: number,
  contentRange: string | null,
  start: number,
  end: number,
): string | null {
  const where = safeOrigin(url);
  if (status === 200) {
    return `The server at ${where} does not answer range requests (it sent the whole of ${fileName(url)} with HTTP 200 instead of the bytes asked for). A published dataset must be served by a server or CDN that supports HTTP Range requests (Accept-Ranges: bytes) and, from another site, exposes Content-Range to CORS: see docs/hosting.md.`;
  }
  if (status === 416)
    return `The server at ${where} says bytes ${start}–${end - 1} are outside ${fileName(url)} (HTTP 416): the file is not the one dataset.json describes (republished without updating the manifest, or cut short).`;
  if (status !== 206) return `Could not read ${fileName(url)} from ${where}: HTTP ${status}.`;
  const m = contentRange ? /^bytes (\d+)-(\d+)\//.exec(contentRange) : null;
  if (contentRange !== null && (!m || Number(m[1]) !== start || Number(m[2]) !== end - 1)) {
    return `The server at ${where} answered a request for bytes ${start}–${end - 1} of ${fileName(url)} with "${contentRange.slice(0, 60)}".`;
  }
  return null;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 80);
  }
}

function fileName(url: string): string {
  try {
    return new URL(url).pathname.split('/').pop() || url;
  } catch {
    return url;
  }
}
