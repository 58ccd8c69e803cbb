// The embed page: the map with minimal chrome for news articles; state from the hash, flags from the query.
import '../ui/styles/app.css';
import '../ui/styles/embed.css';
import { createAtlasStore } from '../app/store';
import { mountUrlSync } from '../app/url-sync';
import { buildDataset } from '../core/columnar/dataset';
import { earlyData } from '../ui/embed/early-data';
import type { MapView } from '../ui/map/map-view-contract';
// deck.gl alone draws the embed's map: MapLibre (442 kB gzip with its worker) stays out of embed.html (docs/embedding.md#weight).
import { mountDeckMapView } from '../ui/map/deck-map-view';
import { TimeSlider } from '../ui/controls/time-slider';
import { EventList } from '../ui/controls/event-list';
import { DetailsPanel } from '../ui/controls/details-panel';
import { Legend } from '../ui/controls/legend';
import { mountPlayback } from '../ui/controls/playback';
import { mountDebugHandle } from './debug-handle';
import { mountLazyStory } from '../ui/embed/lazy-story';
import { showFatal } from '../ui/controls/fatal';
import { isPublishedUrl } from '../core/published/is-published-url';
import { el } from '../ui/controls/control';
import { parseFlags, shouldAutoplay, type EmbedFlags } from '../ui/embed/flags';
import { parentFrame, mountResizeReporter, type ResizeReporter } from '../ui/embed/resize';
import { paletteFor, mountTheme } from '../ui/embed/theme';
import { EmbedChrome, weaponKey } from '../ui/embed/chrome';
import { mountExportButton } from '../ui/embed/export-button';
import { hasPoster, hidePoster } from '../ui/embed/poster';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`embed.html lacks #${id}`);
  return node as T;
};

/** Builds the embed; resolves to the function that takes it down again (every listener removed). */
async function start(flags: EmbedFlags, reporter: ResizeReporter): Promise<() => void> {
  const stops: (() => void)[] = [];
  const store = createAtlasStore();
  const mapEl = byId('map');
  const legendBox = byId<HTMLDetailsElement>('embed-legend');
  const eventsBox = byId<HTMLDetailsElement>('embed-events');
  const detailsSlot = byId('embed-details');
  const timeEl = byId('time');

  let view: MapView | null = null;
  const theme = mountTheme(flags.theme, (t) => view?.setPalette(paletteFor(t)));
  stops.push(() => theme.destroy());

  const [features, places, basemap] = await earlyData(); // started by the boot chunk (src/entries/embed-boot.ts)
  store.getState().setDataset(buildDataset(features));
  const urlSync = mountUrlSync(store);
  stops.push(() => urlSync.destroy());

  const chrome = new EmbedChrome(store, flags, {
    root: byId('embed-root'),
    header: byId('embed-header'),
    title: byId('embed-title'),
    caption: byId('embed-caption'),
    footer: byId('embed-footer'),
    openApp: byId<HTMLAnchorElement>('embed-open-app'),
    eventsCount: byId('embed-events-count'),
    detailsSlot,
  });
  stops.push(() => chrome.destroy());

  // The legend's toggles sit in a fieldset so that static=1 can disable them all at once.
  const legendSet = el('fieldset', { class: 'embed-legend-set' });
  const legend = new Legend(store, { compact: true });
  stops.push(() => legend.destroy());
  legendSet.append(legend.element, weaponKey());
  legendSet.disabled = flags.static;
  legendBox.append(legendSet);
  // Open by default where there is room; a tap opens it on a phone.
  legendBox.open = flags.static || window.matchMedia('(min-width: 600px)').matches;

  const details = new DetailsPanel(store);
  detailsSlot.prepend(details.element);
  const list = new EventList(store);
  eventsBox.append(list.element);
  stops.push(
    () => details.destroy(),
    () => list.destroy(),
  );
  // `#data=…/dataset.json`: a published dataset, read window by window (its code loads only then).
  // What the link asked for that names those data (its window, layers, selection) waits in the store
  // (linkIntent) until they arrive; any other `data=` (files) the embed does not load: none to wait for.
  const publishedUrl = store.getState().dataUrls.find(isPublishedUrl);
  const arrived = (u: string): void => {
    for (const w of store.getState().dataArrived(u)) console.warn(w);
  };
  for (const u of store.getState().dataUrls) if (u !== publishedUrl) arrived(u);
  if (publishedUrl) {
    const t = store.getState().linkIntent?.link.t;
    void import('../ui/published/open')
      .then((m) => m.mountPublished(store, publishedUrl, eventsBox, mapEl, { t }))
      .finally(() => arrived(publishedUrl));
  }
  if (flags.static) {
    // static=1: the list stays readable (it is the map's text alternative) but choosing does nothing.
    list.element.classList.add('event-list-static');
    list.element.addEventListener('click', stopEvent, true);
    stops.push(() => list.element.removeEventListener('click', stopEvent, true));
  }

  if (flags.controls) {
    const slider = new TimeSlider(store);
    timeEl.append(slider.element);
    stops.push(() => slider.destroy());
  } else timeEl.hidden = true;
  timeEl.inert = flags.static;
  const playback = mountPlayback(store);
  stops.push(() => playback.destroy());
  // Report the height now the chrome is in: a frame scrolled out of view gets no ResizeObserver
  // callbacks (its rendering is throttled), and its host should not wait for it to be seen.
  reporter.repost();

  const ready = (): void => {
    if (view) hidePoster(); // the live map is drawn under the picture: swap (without WebGL the picture stays)
    document.documentElement.dataset.atlasReady = '1';
    reporter.repost();
    if (shouldAutoplay(flags, window.matchMedia('(prefers-reduced-motion: reduce)').matches))
      store.getState().setPlaying(true);
  };
  try {
    view = mountDeckMapView({
      container: mapEl,
      store,
      basemap,
      places,
      interactive: !flags.static,
      palette: paletteFor(theme.theme),
      onFirstDraw: ready,
      // In an article, a wheel or one finger scrolls the page; Ctrl+wheel or two fingers move the map.
      cooperative: !flags.static,
    });
    store.getState().camera.attach(view); // the map owns the camera from now on
    stops.push(view.onDensity((info) => legend.density.show(info)));
  } catch (e) {
    const still = hasPoster()
      ? 'The picture above shows this view; the list of events below still works.'
      : 'The list of events below still works.';
    showFatal(mapEl, `The map could not start (WebGL may be unavailable). ${still}`, e);
    eventsBox.open = true;
    ready();
  }
  mapEl.inert = flags.static;
  if (flags.export) {
    const button = mountExportButton(byId('embed-tools'), store, () => view, flags.title);
    stops.push(() => button.destroy());
  }
  // The guided story: #story=1&step=3 in the embed's hash opens that step, as in the app (src/ui/story/mount.ts); its code loads then.
  const story = mountLazyStory(store, mapEl);
  stops.push(() => story.destroy());
  // The story card and the key share the map's left side: the key folds away while a story is open (a tap opens it again).
  stops.push(
    store.subscribe(
      (s) => s.story !== null,
      (open) => {
        if (open) legendBox.open = false;
      },
      { fireImmediately: true },
    ),
  );
  const handle = mountDebugHandle(store, view);
  stops.push(() => handle.destroy());
  return () => {
    for (const stop of stops.reverse()) stop();
    store.getState().camera.attach(null);
    view?.destroy();
    reporter.destroy();
  };
}

function stopEvent(e: Event): void {
  e.stopPropagation();
  e.preventDefault();
}

const { flags, warnings } = parseFlags(location.search);
for (const w of warnings) console.warn(w);
const reporter = mountResizeReporter(byId('embed-root'), flags.id, parentFrame());
// The embed lives as long as its page; `stop` (the resolved value) exists for tests and reuse.
start(flags, reporter).catch((e: unknown) => {
  showFatal(document.getElementById('map') ?? document.body, 'Conflict Atlas could not load its data.', e);
  reporter.repost();
});
