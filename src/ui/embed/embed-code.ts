// Pure: the code a newsroom pastes — iframe, host script tag, plain link — for a state and flags.
import type { HashState } from '../../app/url-hash';
import { createHash } from '../../app/url-hash';
import { BUNDLED_LAYERS } from '../../core/columnar/dataset';
import { formatHumanDay } from '../../core/time/days';
import { cleanTitle, createFlagsQuery, type EmbedFlags } from './flags';

/**
 * Only what the embed needs (see docs/embedding.md):
 * - allow-scripts: the map is drawn by script;
 * - allow-same-origin: the embed keeps its real origin, so it can load its own scripts, worker
 *   and data, and so the host script can check `event.origin` (a sandboxed page without it has
 *   the origin "null", which nobody can verify);
 * - allow-popups: "Open in Conflict Atlas" and source links open in a new tab;
 * - allow-popups-to-escape-sandbox: that tab is the ordinary app, not a sandboxed copy.
 * Never allow-top-navigation: the embed cannot move the article's page. No `allow=` permissions.
 */
export const SANDBOX = [
  'allow-scripts',
  'allow-same-origin',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
] as const;
/** Added only with export=1: saving an exported file is a download. */
export const SANDBOX_EXPORT = 'allow-downloads';
/** The embed needs no referrer (it has no analytics and no per-site behaviour). */
export const REFERRER_POLICY = 'no-referrer';
export const DEFAULT_EMBED_HEIGHT = 640;

export interface EmbedCodeOptions {
  /** Absolute URL of the folder the atlas is served from, e.g. `https://example.org/atlas/`. */
  base: string;
  state: HashState;
  flags: Partial<EmbedFlags>;
  /** Width in CSS pixels, or null for the full column (100%). */
  width: number | null;
  /** The height before the embed reports its own (and without the host script, for good). */
  height: number;
}

export interface EmbedCode {
  /** embed.html with the flags (query) and the state (hash). */
  embedUrl: string;
  /** The full app at the same state. */
  appUrl: string;
  /** The host script's URL. */
  scriptUrl: string;
  iframe: string;
  script: string;
  /** A plain link, for places that take no iframe (newsletters, feeds, AMP). */
  link: string;
  /** iframe + script: what most pages paste. */
  snippet: string;
  /** Short name of the map (iframe `title`). */
  title: string;
  /** Longer description (iframe `aria-label`). */
  label: string;
  /** The iframe's sandbox tokens. */
  sandbox: string;
}

/** Escapes text for an HTML attribute value in double quotes, or for text content. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** The iframe's short title: the newsroom's title, or what the map shows. */
export function mapTitle(state: HashState, title: string | null | undefined): string {
  const t = title ? cleanTitle(title) : null;
  return t ? `${t} (interactive map)` : `Conflict Atlas: map of ${layerWords(state)}`;
}

/** The iframe's accessible label: what the map shows, for which dates, and where its text lives. */
export function mapLabel(state: HashState, title: string | null | undefined): string {
  const t = title ? cleanTitle(title) : null;
  const lead = t ? `${t}. Interactive map of ${layerWords(state)}` : `Interactive map of ${layerWords(state)}`;
  return `${lead}${windowWords(state)}, from Conflict Atlas. A list of the events shown is inside the frame.`;
}

/** Builds every piece of embed code. `base` must be an absolute http(s) URL. */
export function embedCode(opts: EmbedCodeOptions): EmbedCode {
  const base = new URL(opts.base);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`Embed code: base must be an http(s) URL, not ${base.protocol}`);
  const folder = new URL('./', base);
  const hash = createHash(opts.state);
  const embedUrl = new URL(`embed.html${createFlagsQuery(opts.flags)}${hash}`, folder).href;
  const appUrl = new URL(`index.html${hash}`, folder).href;
  const scriptUrl = new URL('embed.js', folder).href;
  const title = mapTitle(opts.state, opts.flags.title);
  const label = mapLabel(opts.state, opts.flags.title);
  const sandbox = opts.flags.export ? [...SANDBOX, SANDBOX_EXPORT] : [...SANDBOX];
  const width = opts.width === null ? '100%' : String(clampInt(opts.width, 200, 4000));
  const height = String(clampInt(opts.height, 150, 4000));
  const attrs: [string, string][] = [
    ['src', embedUrl],
    ['title', title],
    ['aria-label', label],
    ['data-conflict-atlas', opts.flags.id ?? ''],
    ['width', width],
    ['height', height],
    ['style', 'border:0;max-width:100%'],
    ['loading', 'lazy'],
    ['referrerpolicy', REFERRER_POLICY],
    ['sandbox', sandbox.join(' ')],
  ];
  const iframe = `<iframe ${attrs.map(([k, v]) => `${k}="${escapeHtml(v)}"`).join(' ')}></iframe>`;
  const script = `<script src="${escapeHtml(scriptUrl)}" async></script>`;
  const linkText = opts.flags.title ? cleanTitle(opts.flags.title) : null;
  const link = `<a href="${escapeHtml(appUrl)}">${escapeHtml(linkText ? `${linkText}: open the interactive map` : 'Open the interactive map')} (Conflict Atlas)</a>`;
  return {
    embedUrl,
    appUrl,
    scriptUrl,
    iframe,
    script,
    link,
    snippet: `${iframe}\n${script}`,
    title,
    label,
    sandbox: sandbox.join(' '),
  };
}

function layerWords(state: HashState): string {
  const layers = state.layers ?? BUNDLED_LAYERS.map((l) => l.key);
  const names = BUNDLED_LAYERS.filter((l) => layers.includes(l.key)).map((l) => l.label.toLowerCase());
  if (layers.some((k) => !BUNDLED_LAYERS.some((l) => l.key === k))) names.push('imported data');
  if (!names.length) return 'no layers';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function windowWords(state: HashState): string {
  if (!state.t) return '';
  const { from, to } = state.t;
  if (state.mode === 'cumulative') return `, up to ${formatHumanDay(to)}`;
  return from === to ? `, on ${formatHumanDay(from)}` : `, ${formatHumanDay(from)} to ${formatHumanDay(to)}`;
}

function clampInt(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.min(max, Math.round(n))) : min;
}
