// picture=1: the pre-rendered picture, the key and the event list with details; no map code and no WebGL at all.
import { createAtlasStore } from '../app/store';
import { mountUrlSync } from '../app/url-sync';
import { buildDataset } from '../core/columnar/dataset';
import { loadBundledFeatures } from '../core/bundled/load-bundled';
import { EventList } from '../ui/controls/event-list';
import { DetailsPanel } from '../ui/controls/details-panel';
import { Legend } from '../ui/controls/legend';
import { showFatal } from '../ui/controls/fatal';
import { el } from '../ui/controls/control';
import { mountDebugHandle } from './debug-handle';
import { parseFlags } from '../ui/embed/flags';
import { parentFrame, mountResizeReporter } from '../ui/embed/resize';
import { mountTheme } from '../ui/embed/theme';
import { EmbedChrome, weaponKey } from '../ui/embed/chrome';
import { hasPoster } from '../ui/embed/poster';
import { appHref } from '../ui/embed/chrome';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`embed.html lacks #${id}`);
  return node as T;
};

async function start(): Promise<void> {
  const { flags, warnings } = parseFlags(location.search);
  for (const w of warnings) console.warn(w);
  const reporter = mountResizeReporter(byId('embed-root'), flags.id, parentFrame());
  mountTheme(flags.theme, () => undefined);
  const mapEl = byId('map');
  // No map here: the picture (its alt text is the embed code's label) stands in for it.
  mapEl.removeAttribute('role');
  mapEl.removeAttribute('aria-label');
  mapEl.classList.add('embed-map-picture');
  byId('embed-root').classList.add('embed-picture');
  if (!hasPoster()) {
    const note = el('p', { class: 'embed-no-picture' }, 'There is no picture of this view. ');
    const open = el(
      'a',
      { href: appHref(location.hash), target: '_blank', rel: 'noopener' },
      'Open the interactive map',
    );
    note.append(open, '; the events it shows are listed below.');
    mapEl.append(note);
  }
  byId('time').hidden = true;

  const store = createAtlasStore();
  store.getState().setDataset(buildDataset(await loadBundledFeatures()));
  mountUrlSync(store);
  // A picture loads no `data=`: nothing waits for them (the link is applied now, with its warnings).
  for (const u of store.getState().dataUrls) for (const w of store.getState().dataArrived(u)) console.warn(w);
  // A picture cannot follow a slider: the window's dates show as the caption, like controls=0.
  new EmbedChrome(
    store,
    { ...flags, controls: false, static: true },
    {
      root: byId('embed-root'),
      header: byId('embed-header'),
      title: byId('embed-title'),
      caption: byId('embed-caption'),
      footer: byId('embed-footer'),
      openApp: byId<HTMLAnchorElement>('embed-open-app'),
      eventsCount: byId('embed-events-count'),
      detailsSlot: byId('embed-details'),
    },
  );
  // The key explains the picture's colours; its toggles cannot change a picture, so they are off.
  const legendSet = el('fieldset', { class: 'embed-legend-set' });
  legendSet.append(new Legend(store, { compact: true }).element, weaponKey());
  legendSet.disabled = true;
  const legendBox = byId<HTMLDetailsElement>('embed-legend');
  legendBox.append(legendSet);
  legendBox.open = window.matchMedia('(min-width: 600px)').matches;
  byId('embed-details').prepend(new DetailsPanel(store).element);
  const eventsBox = byId<HTMLDetailsElement>('embed-events');
  eventsBox.append(new EventList(store).element);
  eventsBox.open = true;
  mountDebugHandle(store, null);
  document.documentElement.dataset.atlasReady = '1';
  reporter.repost();
}

start().catch((e: unknown) => {
  showFatal(document.getElementById('map') ?? document.body, 'Conflict Atlas could not load its data.', e);
});
