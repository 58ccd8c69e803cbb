// The full app: builds the store, loads the base map and data, mounts the map and every control.
import '../ui/styles/app.css';
import '../ui/styles/theme.css';
import { createAtlasStore } from '../app/store';
import { mountUrlSync } from '../app/url-sync';
import { buildDataset } from '../core/columnar/dataset';
import { loadBundledFeatures, loadPlaces } from '../core/bundled/load-bundled';
import { loadBasemap } from '../ui/map/basemap-data';
import { mountMapView, type MapView } from '../ui/map/map-view';
import { TimeSlider } from '../ui/controls/time-slider';
import { EventList } from '../ui/controls/event-list';
import { DetailsPanel } from '../ui/controls/details-panel';
import { Legend } from '../ui/controls/legend';
import { mountPlayback } from '../ui/controls/playback';
import { mountDebugHandle } from './debug-handle';
import { showFatal } from '../ui/controls/fatal';
import { mountToolbar, type ToolbarAction } from '../ui/controls/toolbar';
import { mountImports } from '../ui/import/wire';
import { FilterPanel } from '../ui/filters/filter-panel';
import { mountStory } from '../ui/story/mount';
import { ThemeToggle, paletteOf } from '../ui/controls/theme-toggle';

async function start(): Promise<void> {
  const store = createAtlasStore();
  const mapEl = document.getElementById('map') as HTMLElement;
  const side = document.getElementById('side') as HTMLElement;
  const bottom = document.getElementById('time') as HTMLElement;

  // The base map (public/basemap/, cached apart from the code) loads while the panels are built.
  const basemapLoad = loadBasemap();
  basemapLoad.catch(() => undefined); // handled where it is awaited, below
  const [features, places] = await Promise.all([loadBundledFeatures(), loadPlaces()]);
  store.getState().setDataset(buildDataset(features));
  mountUrlSync(store);

  const legend = new Legend(store);
  side.append(
    legend.element,
    new DetailsPanel(store).element,
    new FilterPanel(store).element,
    new EventList(store).element,
  );
  bottom.append(new TimeSlider(store).element);
  mountPlayback(store);

  const basemap = await basemapLoad;
  let view: MapView | null = null;
  // Light or dark: the system's scheme until the user picks one (theme= in the URL).
  const theme = new ThemeToggle(store, (palette) => view?.setPalette(palette));
  try {
    view = mountMapView({
      container: mapEl,
      store,
      basemap,
      places,
      palette: paletteOf(theme.theme),
      onFirstDraw: () => {
        document.documentElement.dataset.atlasReady = '1';
      },
    });
  } catch (e) {
    showFatal(mapEl, 'The map could not start (WebGL may be unavailable). The event list and details still work.', e);
    document.documentElement.dataset.atlasReady = '1';
  }
  // The map owns the camera: the store's camera (what the list, the story and links move) goes to it from now on.
  if (view) store.getState().camera.attach(view);
  view?.onDensity((info) => legend.density.show(info));
  // The guided story (#story=1&step=3, or the toolbar's Story button) lays its bar over the map.
  mountStory(store, mapEl);
  mountDebugHandle(store, view);
  const drawnView = view;
  const imports = mountImports(
    store,
    features,
    mapEl,
    side,
    drawnView ? basemap : undefined,
    drawnView ? () => drawnView.idle() : undefined,
  );
  const toolbar = document.getElementById('toolbar') as HTMLElement;
  mountToolbar(toolbar, [imports.action, ...toolbarActions(store, view)]);
  toolbar.append(theme.element);
}

/**
 * The header's tools. Each feature's code is a separate chunk, loaded on first use
 * (dynamic import), so the first render stays light. Features add their entry here.
 */
function toolbarActions(store: ReturnType<typeof createAtlasStore>, view: MapView | null): ToolbarAction[] {
  return [
    { id: 'story-button', label: 'Story', run: async () => store.getState().openStory() },
    {
      id: 'share-button',
      label: 'Share / Embed',
      run: async () => (await import('../ui/embed/share-dialog')).openShareDialog(store, location.href, view),
    },
    {
      id: 'export-button',
      label: 'Export',
      run: async () => (await import('../ui/export/export-dialog')).openExportDialog(store, view),
    },
  ];
}

start().catch((e: unknown) => {
  showFatal(document.getElementById('map') ?? document.body, 'Conflict Atlas could not load its data.', e);
});
