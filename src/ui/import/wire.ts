// Mounts imports on the page: drop zone, "Add data" tool, and `#data=` links; the import code loads on first use.
import type { AtlasStore } from '../../app/store';
import type { AtlasFeature } from '../../core/schema/schema';
import type { ToolbarAction } from '../controls/toolbar';
import { mountDropZone, pickFiles } from './drop-zone';
import type { ImportController } from './controller';
import type { BasemapData } from '../map/basemap-data';
import { isPublishedUrl } from '../../core/published/is-published-url';

export interface ImportWiring {
  action: ToolbarAction;
  destroy(): void;
}

export function mountImports(
  store: AtlasStore,
  bundled: AtlasFeature[],
  dropTarget: HTMLElement,
  panelHost: HTMLElement,
  basemap?: BasemapData,
  /** Resolves once the map has drawn what the store holds (main.ts: the map view's idle). */
  whenDrawn?: () => Promise<void>,
): ImportWiring {
  const controller = async (): Promise<ImportController> =>
    (await import('./controller')).mountImportController(store, bundled, panelHost, basemap, whenDrawn);
  const drop = mountDropZone(dropTarget, (files) => {
    void controller().then((c) => c.addFiles(files));
  });

  // `#data=` URLs: import each new one, and tell the store when each has arrived (loaded or failed):
  // what the link asked for that may name those data (its `sel`, `layers`, `t`) waits there as linkIntent.
  const started = new Set<string>();
  const settled = new Set<string>();
  const arrived = (u: string): void => {
    settled.add(u);
    for (const w of store.getState().dataArrived(u)) console.warn(w);
  };
  const loadUrls = async (urls: string[]): Promise<void> => {
    for (const u of urls) if (settled.has(u)) arrived(u); // named again by a later link: here already
    const fresh = urls.filter((u) => !started.has(u));
    if (!fresh.length) return;
    for (const u of fresh) started.add(u);
    // A published dataset (…/dataset.json) is read by range requests, window by window (src/core/published/).
    const published = fresh.filter(isPublishedUrl);
    const files = fresh.filter((u) => !isPublishedUrl(u));
    const mountPublished = published.length ? (await import('../published/open')).mountPublished : null;
    const c = files.length ? await controller() : null;
    // The link's window, which the store has had to clamp to the data it had until now.
    const t = store.getState().linkIntent?.link.t;
    await Promise.all([
      ...published.map(async (u) => {
        try {
          await mountPublished?.(store, u, panelHost, dropTarget, { t });
        } finally {
          arrived(u);
        }
      }),
      ...files.map(async (u) => {
        try {
          await c?.addUrl(u); // resolves once the merged data holding it are in the store
        } finally {
          arrived(u);
        }
      }),
    ]);
  };
  void loadUrls(store.getState().dataUrls);
  // A later link (hashchange) naming other data.
  const unsubscribe = store.subscribe(
    (s) => s.dataUrls,
    (urls) => void loadUrls(urls),
  );

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
