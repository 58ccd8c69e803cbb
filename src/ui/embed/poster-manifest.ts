// Pure: the pre-rendered pictures of the embed (public/posters/manifest.json) — sizes, lookup by view, <picture> sources.
import { createHash, parseHash } from '../../app/url-hash';

/**
 * Bump when the look of the marks or the poster layout changes in a way the inputs hash cannot see
 * (the hash covers the bundled data, the base-map files and this number: see scripts/poster-inputs.ts).
 */
export const POSTER_STYLE_VERSION = 2;

/**
 * The embed's map box is `clamp(400px, 30vw + 320px, 600px)` high (src/ui/styles/embed-layout.css): its height is a
 * function of the frame's width, never of the frame's height. Keep the two in step.
 */
export function mapBoxHeight(width: number): number {
  return Math.round(Math.min(600, Math.max(400, 0.3 * width + 320)));
}

/**
 * Width classes. A poster for class W is the map drawn W × mapBoxHeight(W) CSS px at the view's zoom
 * and centre, so a frame narrower than W shows its centre crop (`object-fit: none`): the same
 * geography the live map shows at that width, whatever the width, so nothing moves at the swap.
 * Phones get a 2× file; wider frames 1×.
 */
export const POSTER_CLASSES: readonly { width: number; densities: readonly (1 | 2)[] }[] = [
  { width: 480, densities: [1, 2] },
  { width: 960, densities: [1] },
  { width: 1600, densities: [1] },
];

/** One pre-rendered view. */
export interface PosterView {
  /** File-name stem: `default`, `story-3`. */
  key: string;
  /** The hash it was rendered from (what an embed URL holds): '' for the default view. */
  hash: string;
  /** The app's hash once that state settled (the full state the Share dialog writes). */
  settled: string;
  /** `${key}-${width}w@${density}x.webp` → bytes. */
  files: Record<string, number>;
}

export interface PosterManifest {
  version: number;
  /** sha256 over the inputs (scripts/poster-inputs.ts); the unit test fails when it is stale. */
  inputsHash: string;
  classes: typeof POSTER_CLASSES;
  views: PosterView[];
}

export function posterFile(key: string, width: number, density: number): string {
  return `${key}-${width}w@${density}x.webp`;
}

/** The canonical form of a hash, so `#step=3&story=1` and `#story=1&step=3` match. */
export function canonicalHash(hash: string): string {
  return createHash(parseHash(hash).state);
}

/**
 * The pre-rendered view for an embed's hash, or null (then the embed shows no picture before the map).
 * A story step sets its own window, layers and view, so any hash open at that step matches its picture;
 * any other view matches by its canonical hash, as given or as it settled (the Share dialog writes the latter).
 */
export function posterFor(manifest: Pick<PosterManifest, 'views'>, hash: string): PosterView | null {
  const state = parseHash(hash).state;
  const want = createHash(state);
  const story = state.story && state.story !== '0' ? `${state.story}:${state.step ?? 1}` : null;
  return (
    manifest.views.find((v) => {
      const s = parseHash(v.hash).state;
      if (s.story) return story === `${s.story}:${s.step ?? 1}`;
      return !story && (createHash(s) === want || canonicalHash(v.settled) === want);
    }) ?? null
  );
}

/** A `poster=` flag's key: letters, digits and '-' (it becomes a file name under posters/). */
export const POSTER_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface PictureSource {
  /** Media condition on the frame's width ('' for the last, the fallback). */
  media: string;
  /** `srcset` with density descriptors: the file is the map at its class width, cropped by CSS, never scaled. */
  srcset: string;
}

/**
 * The <source> list for a view, narrowest class first: a frame up to 480 px gets the 480 class, up
 * to 960 px the 960 class, wider the 1600 one. `base` is the posters folder URL, ending in '/'.
 */
export function pictureSources(view: Pick<PosterView, 'key'>, base: string): PictureSource[] {
  return POSTER_CLASSES.map((c, i) => ({
    media: i < POSTER_CLASSES.length - 1 ? `(max-width: ${c.width}px)` : '',
    srcset: c.densities.map((d) => `${base}${posterFile(view.key, c.width, d)} ${d}x`).join(', '),
  }));
}

/** A short, stable key for a view the Share dialog makes a picture of: `view-` + 8 hex of FNV-1a of its canonical hash and title. */
export function customPosterKey(hash: string, title: string | null): string {
  let h = 0x811c9dc5;
  for (const ch of `${canonicalHash(hash)}|${title ?? ''}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `view-${h.toString(16).padStart(8, '0')}`;
}
