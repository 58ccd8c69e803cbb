// Mounts imports on the page: drop zone, "Add data" tool, and `#data=` links; the import code loads on first use.
import type { AtlasStore } from '../../app/store';
import type { AtlasFeature } from '../../core/schema/schema';
import type { ToolbarAction } from '../controls/toolbar';
import { mountDropZone, pickFiles } from './drop-zone';
import type { ImportController } from './controller';
import { parseHash } from '../../app/url-hash';
import { isPublishedUrl } from '../../core/published/is-published-url';

/**
 * The hash the page was opened with, read when this module is evaluated: before the URL sync
 * rewrites it from the store, which drops `sel` and `layers` naming data not loaded yet.
 */
const OPENED_WITH_HASH = typeof location === 'undefined' ? '' : location.hash;

export interface ImportWiring {
  action: ToolbarAction;
  destroy(): void;
}

export function mountImports(
  store: AtlasStore,
  bundled: AtlasFeature[],
  dropTarget: HTMLElement,
  panelHost: HTMLElement,
): ImportWiring {
  const controller = async (): Promise<ImportController> =>
    (await import('./controller')).mountImportController(store, bundled, panelHost);
  const drop = mountDropZone(dropTarget, (files) => {
    void controller().then((c) => c.addFiles(files));
  });

  // `#data=` URLs: import each new one; then apply the link again, since its `sel` and `layers`
  // may name features and layers that only exist once the data has arrived.
  const loaded = new Set<string>();
  const loadUrls = async (urls: string[], hashAtStart: string): Promise<void> => {
    const fresh = urls.filter((u) => !loaded.has(u));
    if (!fresh.length) return;
    for (const u of fresh) loaded.add(u);
    // A published dataset (…/dataset.json) is read by range requests, window by window (src/core/published/).
    const published = fresh.filter(isPublishedUrl);
    const files = fresh.filter((u) => !isPublishedUrl(u));
    const mountPublished = published.length ? (await import('../published/open')).mountPublished : null;
    const c = files.length ? await controller() : null;
    const { state } = parseHash(hashAtStart);
    await Promise.all([
      ...published.map((u) => mountPublished?.(store, u, panelHost, dropTarget, { t: state.t, mode: state.mode })),
      ...files.map((u) => c?.addUrl(u)),
    ]);
    for (const w of store.getState().applyHash({ sel: state.sel, layers: state.layers })) console.warn(w);
  };
  void loadUrls(store.getState().dataUrls, OPENED_WITH_HASH);
  // A later link (hashchange): the store takes it before the URL sync writes, so location.hash is still the link.
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.dataUrls !== prev.dataUrls) void loadUrls(s.dataUrls, location.hash);
  });

  return {
    action: {
      id: 'import-button',
      label: 'Add data',
      run: async () => {
        const c = await controller();
        pickFiles((files) => void c.addFiles(files));
      },
    },
    destroy() {
      unsubscribe();
      drop.destroy();
    },
  };
}
