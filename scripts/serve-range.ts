// A small static file server with HTTP Range support and CORS that counts requests and bytes (tests, bench, `npm run serve-data`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RangeServerOptions {
  root: string;
  port?: number;
  host?: string;
  /** false: ignore Range and send whole files with 200 (what a misconfigured server does), for tests. */
  range?: boolean;
}

export interface ServedRequest {
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

export interface RangeServer {
  url: string;
  /** Every request answered, in order; `reset()` clears it. */
  log: ServedRequest[];
  bytes(): number;
  reset(): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.parquet': 'application/vnd.apache.parquet',
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * Serves `root` read-only: GET and HEAD, `Range: bytes=a-b` / `a-` / `-n` (one range), 206 with
 * Content-Range, 416 outside the file, `Accept-Ranges: bytes`, and CORS for any origin with the
 * headers a range reader needs exposed (Content-Range, Content-Length, Accept-Ranges).
 */
export function startRangeServer(opts: RangeServerOptions): Promise<RangeServer> {
  const root = resolve(opts.root);
  const log: ServedRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const rec: ServedRequest = {
      path: req.url ?? '/',
      range: (req.headers.range as string | undefined) ?? null,
      status: 0,
      bytes: 0,
    };
    log.push(rec);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    res.setHeader('Cache-Control', 'no-cache');
    const done = (status: number, body?: string): void => {
      rec.status = status;
      res.statusCode = status;
      res.end(body);
    };
    if (req.method === 'OPTIONS') {
      done(204);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      done(405);
      return;
    }
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0])));
    } catch {
      done(400);
      return;
    }
    if (path !== root && !path.startsWith(root + sep)) {
      done(403);
      return;
    }
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) {
        done(404);
        return;
      }
      size = st.size;
    } catch {
      done(404);
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    let start = 0;
    let end = size - 1;
    let status = 200;
    if (opts.range !== false) {
      res.setHeader('Accept-Ranges', 'bytes');
      const m = rec.range ? /^bytes=(\d*)-(\d*)$/.exec(rec.range) : null;
      if (rec.range && !m) {
        done(416);
        return;
      }
      if (m) {
        if (m[1] === '') {
          start = Math.max(0, size - Number(m[2]));
        } else {
          start = Number(m[1]);
          if (m[2] !== '') end = Math.min(size - 1, Number(m[2]));
        }
        if (start >= size || start > end) {
          res.setHeader('Content-Range', `bytes */${size}`);
          done(416);
          return;
        }
        status = 206;
        res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
      }
    }
    res.setHeader('Content-Length', String(end - start + 1));
    rec.status = status;
    res.statusCode = status;
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(path, { start, end });
    stream.on('data', (chunk) => (rec.bytes += chunk.length));
    stream.on('error', () => res.destroy());
    // A client that stops reading (an aborted fetch) ends the stream: only what was sent is counted.
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };
  const server: Server = createServer(handler);
  return new Promise((resolveServer) => {
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
        log,
        bytes: () => log.reduce((n, r) => n + r.bytes, 0),
        reset: () => void log.splice(0),
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** `npm run serve-data -- DIR [--port N] [--no-range]` (scripts/serve-data.ts). */
export async function serveMain(argv: readonly string[]): Promise<void> {
  const dir = argv.find((a) => !a.startsWith('--'));
  const portAt = argv.indexOf('--port');
  if (!dir) {
    console.error(
      'Usage: npm run serve-data -- DIR [--port 8787] [--no-range]\nServes DIR (a published dataset) with Range requests and CORS, and logs each request.',
    );
    process.exitCode = 2;
    return;
  }
  const s = await startRangeServer({
    root: dir,
    port: portAt >= 0 ? Number(argv[portAt + 1]) : 8787,
    range: !argv.includes('--no-range'),
  });
  console.log(
    `Serving ${dir} at ${s.url}/ (Range ${argv.includes('--no-range') ? 'OFF' : 'on'}, CORS for any origin). Open the atlas with #data=${s.url}/dataset.json`,
  );
  setInterval(() => {
    if (s.log.length) {
      for (const r of s.log) console.log(`${r.status} ${r.path} ${r.range ?? ''} ${r.bytes} B`);
      s.reset();
    }
  }, 1000);
}
