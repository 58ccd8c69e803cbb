// Vite build: the full app (index.html) and the embed page (embed.html), with a manifest of what each loads.
import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { dataOrigins, devContentSecurityPolicy, securityHeaders } from './scripts/csp.ts';

/**
 * `vite preview` (npm start, the browser tests) serves every response with the security headers:
 * the strict Content-Security-Policy (frame-ancestors * only for embed.html), nosniff, referrer and
 * permissions policies. `npm run dev` sends a laxer policy (configureServer below): vite's dev server
 * injects each stylesheet as an inline <style>. See docs/security.md.
 */
function securityHeadersOnPreview(): Plugin {
  return {
    name: 'conflict-atlas-security-headers',
    configureServer(server) {
      const policy = atStart(devContentSecurityPolicy);
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
    configurePreviewServer(server) {
      // Read once, at start: a malformed ATLAS_DATA_ORIGINS stops the server with one message saying what and where.
      const origins = atStart(dataOrigins);
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(securityHeaders(req.url ?? '/', origins)))
          res.setHeader(name, value);
        next();
      });
    },
  };
}

/** Runs `read` as a server starts; its error stops the start with its message alone (no stack: the message says what and where). */
function atStart<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const clean = new Error(message);
    clean.stack = message;
    throw clean;
  }
}

export default defineConfig({
  base: './',
  plugins: [securityHeadersOnPreview()],
  // Two pages, no client-side routes: an unknown path is a 404, never the app served under another name.
  appType: 'mpa',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // Never inline assets as data: URLs: data files are fetched, and a strict CSP allows only 'self'.
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: what each page loads before first render (scripts/measure-size.ts).
    manifest: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        embed: resolve(import.meta.dirname, 'embed.html'),
      },
    },
  },
  // Empty on purpose: the plugin above sets the headers (by path for preview; the dev policy for `npm run dev`), read when the server starts.
  preview: { host: '127.0.0.1', headers: {} },
  server: { host: '127.0.0.1' },
});
