// Vite build: the full app (index.html) and the embed page (embed.html), with a manifest of what each loads.
import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { devContentSecurityPolicy, securityHeaders } from './src/security/csp.ts';

/**
 * `vite preview` (npm start, the browser tests) serves every response with the security headers:
 * the strict Content-Security-Policy (frame-ancestors * only for embed.html), nosniff, referrer and
 * permissions policies. `npm run dev` sends a laxer policy (server.headers below): vite's dev server
 * injects each stylesheet as an inline <style>. See docs/security.md.
 */
function securityHeadersOnPreview(): Plugin {
  return {
    name: 'conflict-atlas-security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(securityHeaders(req.url ?? '/'))) res.setHeader(name, value);
        next();
      });
    },
  };
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
  // Empty on purpose: preview would otherwise inherit server.headers (the dev policy); the plugin above sets them by path.
  preview: { host: '127.0.0.1', headers: {} },
  server: { host: '127.0.0.1', headers: { 'Content-Security-Policy': devContentSecurityPolicy() } },
});
