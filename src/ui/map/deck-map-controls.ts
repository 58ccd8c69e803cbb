// The deck.gl map's own controls (no MapLibre): zoom buttons, scale bar, attribution, and the article's scroll gestures.
import { el } from '../controls/control';
import { NATURAL_EARTH_ATTRIBUTION } from './basemap-style';
import '../styles/deck-map.css';

export interface DeckMapControls {
  /** Redraws the scale bar for the view (its centre's latitude and zoom). */
  update(lat: number, zoom: number): void;
  destroy(): void;
}

/** Metres one CSS pixel stands for at a latitude and zoom (512-px tiles, as deck.gl and MapLibre). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The scale bar for `maxWidth` px: a round distance (1, 2, 3 or 5 × 10ⁿ m) and its width, as MapLibre's ScaleControl draws it. */
export function scaleBar(lat: number, zoom: number, maxWidth = 100): { label: string; width: number } {
  const maxMetres = metresPerPixel(lat, zoom) * maxWidth;
  const pow = 10 ** Math.floor(Math.log10(maxMetres));
  const d = maxMetres / pow;
  const round = pow * (d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : 1);
  return {
    label: round >= 1000 ? `${round / 1000} km` : `${round} m`,
    width: Math.round((maxWidth * round) / maxMetres),
  };
}

/**
 * Puts the controls in the map's element: zoom in/out (top right; `zoomBy(±1)`), the scale (bottom
 * left) and the base map's sources (bottom right). With `cooperative`, as MapLibre's
 * cooperativeGestures in an article: a plain wheel scrolls the page (the map sees only Ctrl/⌘ +
 * wheel), one finger scrolls it too (two move the map), and a hint says so.
 */
export function mountDeckMapControls(
  container: HTMLElement,
  opts: { interactive: boolean; cooperative: boolean; zoomBy: (delta: number) => void },
): DeckMapControls {
  const zoomButton = (delta: number, label: string, text: string): HTMLButtonElement => {
    const b = el(
      'button',
      {
        type: 'button',
        class: `atlas-ctrl-zoom ${delta > 0 ? 'atlas-ctrl-zoom-in' : 'atlas-ctrl-zoom-out'}`,
        'aria-label': label,
        title: label,
      },
      text,
    );
    b.addEventListener('click', () => opts.zoomBy(delta));
    return b;
  };
  const zoom = el('div', { class: 'atlas-ctrl atlas-ctrl-group atlas-ctrl-top-right' });
  zoom.append(zoomButton(1, 'Zoom in', '+'), zoomButton(-1, 'Zoom out', '−'));
  zoom.hidden = !opts.interactive;
  const scale = el('div', { class: 'atlas-ctrl atlas-ctrl-scale' });
  const attribution = el('div', { class: 'atlas-ctrl atlas-ctrl-attrib' }, NATURAL_EARTH_ATTRIBUTION);
  const hint = el('div', { class: 'atlas-gesture-hint', 'aria-hidden': 'true' });
  container.append(zoom, scale, attribution, hint);

  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  let hideHint = 0;
  const showHint = (text: string): void => {
    hint.textContent = text;
    hint.classList.add('atlas-gesture-hint-shown');
    clearTimeout(hideHint);
    hideHint = window.setTimeout(() => hint.classList.remove('atlas-gesture-hint-shown'), 1200);
  };
  // Capture phase on the map's element: the canvas (deck.gl's event root) never sees a plain wheel.
  const onWheel = (e: WheelEvent): void => {
    if (e.ctrlKey || e.metaKey) return;
    e.stopPropagation();
    showHint(mac ? 'Use ⌘ + scroll to zoom the map' : 'Use Ctrl + scroll to zoom the map');
  };
  const onTouch = (e: TouchEvent): void => {
    if (e.touches.length === 1) showHint('Use two fingers to move the map');
  };
  if (opts.cooperative) {
    container.addEventListener('wheel', onWheel, { capture: true });
    container.addEventListener('touchstart', onTouch, { passive: true });
  }
  return {
    update(lat, z) {
      const s = scaleBar(lat, z);
      scale.textContent = s.label;
      scale.style.width = `${s.width}px`;
    },
    destroy() {
      clearTimeout(hideHint);
      container.removeEventListener('wheel', onWheel, { capture: true });
      container.removeEventListener('touchstart', onTouch);
      for (const n of [zoom, scale, attribution, hint]) n.remove();
    },
  };
}
