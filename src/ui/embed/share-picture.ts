// The Share / Embed dialog's picture: built in for the default view and the story, else made here for download and named in the code.
import manifest from '../../../public/posters/manifest.json';
import type { AtlasStore } from '../../app/store';
import type { MapView } from '../map/map-view';
import type { HashState } from '../../app/url-hash';
import { createHash } from '../../app/url-hash';
import { el } from '../controls/control';
import { customPosterKey, mapBoxHeight, posterFor, type PosterManifest } from './poster-manifest';

/** Width of a made picture when the code takes the full column: frames up to this show its centre crop. */
export const CUSTOM_POSTER_WIDTH = 1280;

export interface SharePicture {
  element: HTMLElement;
  /** The `poster=` key the code should carry ('' when the view has a built-in picture or none is wanted). */
  key(): string;
  /** The view, title or width changed: say what the picture is now and drop a made file that no longer fits. */
  update(state: HashState, title: string | null, width: number | null): void;
  destroy(): void;
}

/** Renders the map at the frame's width and map-box height, at 1×, as WebP (PNG where the browser cannot encode WebP). */
async function makePicture(store: AtlasStore, view: MapView, width: number): Promise<Blob> {
  const { exportPng, DEFAULT_PNG_OPTIONS } = await import('../export/exporter');
  const r = await exportPng(store, view, {
    ...DEFAULT_PNG_OPTIONS,
    width,
    height: mapBoxHeight(width),
    scale: 1,
    frame: 'zoom',
    title: null,
    time: false,
    legend: false,
    scaleBar: false,
    attribution: false,
    sources: false,
  });
  const image = await createImageBitmap(r.blob);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  (canvas.getContext('2d') as CanvasRenderingContext2D).drawImage(image, 0, 0);
  const webp = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/webp', 0.8));
  return webp && webp.type === 'image/webp' ? webp : r.blob;
}

export function sharePicture(
  store: AtlasStore,
  view: MapView | null,
  base: string,
  onChange: () => void,
): SharePicture {
  const element = el('fieldset', { class: 'share-options share-picture' });
  element.append(el('legend', {}, 'Picture before the map loads'));
  const note = el('p', { class: 'share-note', id: 'share-picture-note' });
  const want = el('input', { id: 'share-picture-want', type: 'checkbox' });
  const wantLabel = el('label', { class: 'share-check' });
  wantLabel.append(want, ' Show a picture of this view at once (you serve the file)');
  const make = el('button', { type: 'button', id: 'share-picture-make', class: 'share-copy' }, 'Make the picture');
  const download = el('a', { id: 'share-picture-download', class: 'share-download', hidden: '' });
  element.append(note, wantLabel, make, download);
  let key = '';
  let builtIn = false;
  let url: string | null = null;
  const folder = new URL('./posters/', base).href;

  const clearFile = (): void => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    download.hidden = true;
  };
  const show = (): void => {
    want.disabled = builtIn || !view;
    make.hidden = builtIn || !want.checked || !view;
    if (builtIn) note.textContent = 'This view has a built-in picture: the embed shows it at once, then the live map.';
    else if (!view) note.textContent = 'The map is not running here (no WebGL?), so no picture can be made.';
    else
      note.textContent = `Readers see an empty box until the map has loaded, unless you add a picture: make it, then put the file on the atlas’s server at ${folder}${key}.webp. The code below loads it from there.`;
  };
  const onWant = (): void => {
    show();
    onChange();
  };
  const onMake = async (): Promise<void> => {
    if (!view) return;
    make.disabled = true;
    make.textContent = 'Making the picture…';
    try {
      const width = currentWidth ?? CUSTOM_POSTER_WIDTH;
      const blob = await makePicture(store, view, width);
      clearFile();
      url = URL.createObjectURL(blob);
      const ext = blob.type === 'image/webp' ? 'webp' : 'png';
      download.href = url;
      download.download = `${key}.${ext}`;
      download.textContent = `Download ${key}.${ext} (${Math.round(blob.size / 1024)} kB, ${width} × ${mapBoxHeight(width)} px)`;
      download.hidden = false;
    } catch (e) {
      note.textContent = `The picture could not be made: ${(e as Error).message}`;
    } finally {
      make.disabled = false;
      make.textContent = 'Make the picture';
    }
  };
  let currentWidth: number | null = null;
  want.addEventListener('change', onWant);
  make.addEventListener('click', onMake);
  return {
    element,
    key: () => (!builtIn && want.checked && view ? key : ''),
    update(state, title, width) {
      const hash = createHash(state);
      builtIn = !!posterFor(manifest as unknown as PosterManifest, hash); // the title sits above the map, not in the picture
      const next = customPosterKey(hash, title);
      if (next !== key || width !== currentWidth) clearFile();
      key = next;
      currentWidth = width;
      show();
    },
    destroy() {
      clearFile();
      want.removeEventListener('change', onWant);
      make.removeEventListener('click', onMake);
    },
  };
}
