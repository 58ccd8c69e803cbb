// The embed's picture at once: a <picture> of the pre-rendered view over the map's box, until the live map has drawn.
import { el } from '../controls/control';
import { parseHash } from '../../app/url-hash';
import { mapLabel } from './embed-code';
import { pictureSources, posterFor, type PosterManifest } from './poster-manifest';
import type { EmbedFlags } from './flags';

let current: PosterMount | null = null;

/** Called by the live map once it has drawn: the picture fades out over the same pixels. */
export function hidePoster(): void {
  current?.hide();
  current = null;
}

/** True while a picture is shown (e.g. as the fallback when WebGL fails). */
export function hasPoster(): boolean {
  return !!current?.img;
}

export interface PosterMount {
  /** The <img>, or null when this view has no picture. */
  readonly img: HTMLImageElement | null;
  /** Fades the picture out once the live map is drawn under it, then removes it. */
  hide(): void;
}

/**
 * Puts the picture for `hash` into `box` (the map's positioned parent), at the map's size: the
 * pre-rendered one from the manifest, or `posters/<flags.poster>.webp` when the embed code names one.
 * Marks `<html data-atlas-picture="1">` once it is decoded (the bench's "first picture").
 * Its alt text is the embed code's aria-label for the same state and title.
 */
export function mountPoster(
  box: HTMLElement,
  manifest: PosterManifest,
  hash: string,
  flags: Pick<EmbedFlags, 'poster' | 'title'>,
  base = new URL('./posters/', location.href).href,
): PosterMount {
  const view = posterFor(manifest, hash);
  if (!view && !flags.poster) return { img: null, hide: () => undefined };
  const picture = el('picture', { class: 'embed-poster', id: 'embed-poster' });
  if (view) {
    for (const s of pictureSources(view, base)) {
      if (s.media) picture.append(el('source', { media: s.media, srcset: s.srcset, type: 'image/webp' }));
    }
  }
  const sources = view ? pictureSources(view, base) : [];
  const img = el('img', {
    alt: mapLabel(parseHash(hash).state, flags.title),
    decoding: 'async',
    fetchpriority: 'high',
    srcset: view ? sources[sources.length - 1].srcset : `${base}${flags.poster}.webp 1x`,
  });
  picture.append(img);
  box.prepend(picture);
  const mount: PosterMount = {
    img,
    hide() {
      picture.classList.add('embed-poster-gone');
      // Removed after its fade (or at once under reduced motion, where the transition is none).
      setTimeout(() => picture.remove(), window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 400);
    },
  };
  current = mount;
  const shown = (): void => {
    document.documentElement.dataset.atlasPicture = '1';
  };
  img.addEventListener(
    'load',
    () =>
      void img
        .decode()
        .catch(() => undefined)
        .then(shown),
    { once: true },
  );
  img.addEventListener('error', () => picture.classList.add('embed-poster-missing'), { once: true });
  return mount;
}
