// Entry of the published-dataset chunk (loaded on demand): opens `#data=…/dataset.json` links into the store, with a status panel.
import type { AtlasStore } from '../../app/store';
import { fetchManifest, PublishedSource } from './source';
import { PublishedStatus } from './status-panel';
import { el } from '../controls/control';

let current: PublishedSource | null = null;

/**
 * Opens a published dataset in place of the data shown (one at a time: a later link replaces it).
 * `statusHost` gets the panel saying what is loaded, or why nothing could be. `mapEl` gives the
 * view's size (for the bbox a view needs); `link` the window the link asked for (the URL sync may
 * have clamped it to the data shown before). Resolves once the first window is loaded or failed.
 */
export async function mountPublished(
  store: AtlasStore,
  url: string,
  statusHost: HTMLElement,
  mapEl: HTMLElement,
  link: Parameters<PublishedSource['start']>[0] = {},
): Promise<PublishedSource | null> {
  const href = new URL(url, location.href).href;
  let panel = statusHost.querySelector<HTMLElement>('.published-status');
  try {
    const { manifest, bytes } = await fetchManifest(href);
    current?.destroy();
    const source = new PublishedSource(store, href, manifest, bytes, () => ({
      width: mapEl.clientWidth || innerWidth,
      height: mapEl.clientHeight || innerHeight,
    }));
    current = source;
    const status = new PublishedStatus(manifest.rows, manifest.overview.belowZoom);
    panel?.remove();
    statusHost.prepend(status.element);
    source.onStatus = (s) => status.render(s);
    status.render(source.status);
    await source.start(link);
    exposeForTests(source);
    return source;
  } catch (e) {
    panel?.remove();
    panel = el('section', {
      class: 'published-status',
      role: 'alert',
      'data-testid': 'published-status',
      'data-state': 'error',
    });
    panel.textContent = e instanceof Error ? e.message : String(e);
    statusHost.prepend(panel);
    return null;
  }
}

/** Tests and the bench read the transfer counts and what was planned through this handle. */
function exposeForTests(source: PublishedSource): void {
  (window as unknown as { __atlasPublished?: PublishedSource }).__atlasPublished = source;
}
