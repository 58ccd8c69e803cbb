// The Content-Security-Policy and other security headers the built app and the embed are served with (vite preview, docs/security.md).

/** What a response is: the full app's page (framed by no other site), or anything else (the embed, files). */
export type PageKind = 'app' | 'embed';

/**
 * Directives shared by both pages. Everything the app loads comes from its own origin: scripts and
 * styles as files (no inline code, no eval), data with fetch, workers from files; images may be
 * data:/blob: (MapLibre's control icons in its CSS, exported PNGs). Stricter than required where it
 * costs nothing: no plugins, no <base>, no form ever posted (every form of the app is handled by script).
 */
export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['frame-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** Who may frame a response: only the app's own origin for the app's page (no clickjacking), anyone for the embed (articles on any site) and plain files. */
export const FRAME_ANCESTORS: Record<PageKind, string> = { app: "'self'", embed: '*' };

/**
 * Origins a published dataset may be read from besides the atlas's own (docs/hosting.md): the
 * `ATLAS_DATA_ORIGINS` environment variable of the server (space- or comma-separated, e.g.
 * `https://data.example.org https://cdn.example.net`), added to `connect-src`. Anything that is not
 * a plain http(s) origin is refused with an error, so a typo cannot widen the policy.
 */
export function dataOrigins(
  value: string | undefined = typeof process === 'undefined' ? undefined : process.env.ATLAS_DATA_ORIGINS,
): string[] {
  const list = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = list.map((o, i) => [o, i] as const).filter(([o]) => !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
  if (bad.length) {
    const what = bad.map(([o, i]) => `entry ${i + 1} of ${list.length}, "${o.slice(0, 80)}"`).join('; ');
    throw new Error(
      `ATLAS_DATA_ORIGINS (the server's environment variable): ${what}: not an origin like https://data.example.org (scheme, host and optional port; no path, no wildcard). Set it to space- or comma-separated origins and start the server again (docs/hosting.md).`,
    );
  }
  return list;
}

/** The policy for a page, as one header value; `origins` are the data origins connect-src also allows. */
export function contentSecurityPolicy(page: PageKind, origins: readonly string[] = dataOrigins()): string {
  const directives = CSP_DIRECTIVES.map(
    ([k, v]) => [k, k === 'connect-src' && origins.length ? `${v} ${origins.join(' ')}` : v] as const,
  );
  return [...directives, ['frame-ancestors', FRAME_ANCESTORS[page]] as const].map(([k, v]) => `${k} ${v}`).join('; ');
}

/**
 * The development server's policy (`npm run dev`): the same, except that vite's dev server injects
 * each stylesheet as a <style> element (so inline styles are allowed) and anyone may frame it.
 * HMR's web socket is same-origin, which 'self' covers. Never used for the build.
 */
export function devContentSecurityPolicy(): string {
  return contentSecurityPolicy('embed').replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

/** Headers sent with every response besides the policy. No X-Frame-Options: embeds must be framable. */
export const OTHER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * The page kind of a request path on the preview server: the app's document is `/` or `/index.html`
 * (any query); the embed and every other file may be framed. An unknown path is a 404 (appType 'mpa'
 * in vite.config.ts), never the app under another name.
 */
export function pageKindOf(path: string): PageKind {
  const pathname = path.split(/[?#]/)[0] ?? '';
  return pathname === '/' || pathname === '/index.html' || pathname === '/index' ? 'app' : 'embed';
}

/**
 * Every security header for a request path (documents, scripts and workers alike: a worker takes its
 * own response's policy). `origins`: the data origins, read once when the server starts (dataOrigins).
 */
export function securityHeaders(path: string, origins: readonly string[] = dataOrigins()): Record<string, string> {
  return { 'Content-Security-Policy': contentSecurityPolicy(pageKindOf(path), origins), ...OTHER_SECURITY_HEADERS };
}
