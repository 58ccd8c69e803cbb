// App-wide constants: initial view, colours, symbol sizes, playback speeds.
import type { Weapon } from './data/schema';

export type RGBA = [number, number, number, number];

/** Centred on Ukraine and its neighbours. */
export const INITIAL_VIEW = { lat: 49.0, lon: 32.0, zoom: 4.6 } as const;

/** Weapon colours for strikes (also used by the legend and the tests): Okabe & Ito's colour-blind-safe colours (src/layers/categories.ts). */
export const WEAPON_COLORS: Record<Weapon, RGBA> = {
  missile: [213, 94, 0, 255],
  drone: [0, 114, 178, 255],
  mixed: [230, 159, 0, 255],
  cyber: [0, 158, 115, 255],
  unknown: [128, 128, 128, 255],
};

export const WEAPON_LABELS: Record<Weapon, string> = {
  missile: 'Missile',
  drone: 'Drone',
  mixed: 'Missiles and drones',
  cyber: 'Cyberattack',
  unknown: 'Weapon not stated',
};

export const FACILITY_COLOR: RGBA = [20, 110, 140, 255];
export const DEPLOYMENT_FILL: RGBA = [40, 120, 60, 70];
export const DEPLOYMENT_LINE: RGBA = [30, 100, 45, 230];
export const UNCERTAINTY_FILL: RGBA = [70, 100, 130, 16];
export const UNCERTAINTY_LINE: RGBA = [70, 100, 130, 90];
export const SELECTION_COLOR: RGBA = [255, 200, 0, 255];

/** Colours of the offline base map and of the place names drawn over it. */
export interface BasemapPalette {
  sea: string;
  land: string;
  landOutline: string;
  border: string;
  label: RGBA;
}

/** Base map palette (offline style): the app's, and the embed's light theme. */
export const BASEMAP = {
  sea: '#cfe0ea',
  land: '#f4f1ea',
  landOutline: '#b9b3a6',
  border: '#9a8f80',
  label: [40, 40, 40, 255] as RGBA,
} satisfies BasemapPalette;

/** Dark base map for the embed's theme=dark (data colours are unchanged: they read on both). */
export const BASEMAP_DARK = {
  sea: '#14222c',
  land: '#2b2e33',
  landOutline: '#454a52',
  border: '#7d838c',
  label: [228, 228, 228, 255] as RGBA,
} satisfies BasemapPalette;

/** Strike symbol radius in pixels: sqrt-scaled from the report's figures. */
export const STRIKE_RADIUS = { minPx: 5, maxPx: 22 } as const;

/** Playback speeds, in days advanced per second. */
export const SPEEDS = [
  { label: '1 day/s', daysPerSecond: 1 },
  { label: '1 week/s', daysPerSecond: 7 },
  { label: '1 month/s', daysPerSecond: 30 },
  { label: '3 months/s', daysPerSecond: 90 },
] as const;

/** Histogram bins behind the slider. */
export const HISTOGRAM_BINS = 120;

/** Large offset standing for "open end" in filter values; exact in fp32. */
export const OPEN_END = 1_000_000;

/** Link arcs run from the source colour to the target colour, so the direction reads without arrows. */
export const LINK_SOURCE_COLOR: RGBA = [35, 85, 200, 255];
export const LINK_TARGET_COLOR: RGBA = [210, 40, 150, 255];
/** Alpha of a link the reports only claim, or that is disputed (a reported one is drawn opaque). */
export const LINK_CLAIMED_ALPHA = 130;
