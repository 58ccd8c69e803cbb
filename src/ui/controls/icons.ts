// Small SVG icons built as DOM nodes (no markup strings, no icon font, no network).
const NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  play: 'M5 3 L13 8 L5 13 Z',
  pause: 'M4 3 H7 V13 H4 Z M9 3 H12 V13 H9 Z',
  back: 'M3 3 H5 V13 H3 Z M13 3 L6 8 L13 13 Z',
  forward: 'M11 3 H13 V13 H11 Z M3 3 L10 8 L3 13 Z',
  /** Cyberattacks: a lightning bolt (legend and filter key; the weapon colour is set by the caller). */
  cyber: 'M9.5 1 L3 9 H7.5 L6.5 15 L13 6.5 H8.5 Z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
