// CLI: serves a published dataset's folder with Range requests and CORS on 127.0.0.1, logging each request (see docs/hosting.md).
import { serveMain } from './serve-range';

await serveMain(process.argv.slice(2));
