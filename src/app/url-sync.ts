// Mirrors the store and the map's camera into the URL hash and back (replaceState; hashchange restores), as maplibre's hash.ts does the camera.
import type { AtlasStore } from './store';
import { hashStateOf } from './store';
import { createHash, parseHash } from './url-hash';
import { shallow } from 'zustand/vanilla/shallow';

const WRITE_INTERVAL_MS = 150;

function hashOf(url: string | undefined): string | null {
  if (!url) return null;
  const i = url.indexOf('#');
  return i < 0 ? '' : url.slice(i);
}

/**
 * Applies the current hash to the store and its view to the camera, logs warnings, then keeps them
 * in step: the hash is written from the store and from the view read off the camera (the map owns
 * it; the store keeps no copy), whenever either changes, until `destroy()`.
 */
export function mountUrlSync(store: AtlasStore, win: Window = window): { destroy(): void } {
  const camera = store.getState().camera;
  const apply = (hash: string): void => {
    const { state, warnings } = parseHash(hash);
    if (state.view) camera.moveTo(state.view); // first: what the window change below plans for sees the new view
    const more = store.getState().applyHash(state);
    for (const w of [...warnings, ...more]) console.warn(w);
  };
  apply(win.location.hash);
  let last = '';
  const write = (): void => {
    const hash = createHash(hashStateOf(store.getState()));
    if (hash === last) return;
    last = hash;
    if (win.location.hash !== hash)
      win.history.replaceState(win.history.state, '', hash || win.location.pathname + win.location.search);
  };
  // Browsers throttle history updates (Chromium: ~200 per 10 s), and playback changes the window
  // every frame: write when the page is next idle, then at most every WRITE_INTERVAL_MS (trailing).
  // Idle, not at once: a replaceState took ~9 ms of each search keystroke's path to the screen at
  // 1M rows, in the task before the frame that shows the list; an idle callback runs after it.
  let cancel: (() => void) | null = null;
  let lastWrite = 0;
  const run = (): void => {
    cancel = null;
    lastWrite = Date.now();
    write();
  };
  const schedule = (): void => {
    if (cancel) return;
    const wait = Math.max(0, lastWrite + WRITE_INTERVAL_MS - Date.now());
    if (wait === 0 && typeof win.requestIdleCallback === 'function') {
      const id = win.requestIdleCallback(run, { timeout: WRITE_INTERVAL_MS });
      cancel = () => win.cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, wait);
      cancel = () => clearTimeout(id);
    }
  };
  const unsubscribe = store.subscribe(
    (s) => [s.window, s.mode, s.layers, s.selected, s.dataUrls, s.linkIntent, s.filters, s.story, s.agg, s.theme],
    () => schedule(),
    { equalityFn: shallow },
  );
  const unlistenCamera = camera.onMove(schedule);
  // The hash the person navigated to is the event's, not location's: a write due at the same
  // moment may already have replaced location with the state from before the navigation.
  const onHashChange = (e: HashChangeEvent): void => {
    const hash = hashOf(e.newURL) ?? win.location.hash;
    if (hash !== last) apply(hash);
    else schedule();
  };
  win.addEventListener('hashchange', onHashChange);
  write();
  return {
    destroy() {
      cancel?.();
      unsubscribe();
      unlistenCamera();
      win.removeEventListener('hashchange', onHashChange);
    },
  };
}
