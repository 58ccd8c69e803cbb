// App-wide constants: initial view, colours, symbol sizes, playback speeds.
import type { Weapon } from './schema/schema';

export type RGBA = [number, number, number, number];

/** Centred on Ukraine and its neighbours. */
export const INITIAL_VIEW = { lat: 49.0, lon: 32.0, zoom: 4.6 } as const;

/**
 * Weapon colours for strikes (also used by the legend, the embed and exports): Okabe & Ito's
 * colour-blind-safe hues, each brought to one band of lightness so that its fill has ≥ 3:1 (WCAG
 * non-text) against the land of both base-map palettes (src/ui/map/data-contrast.test.ts). "Missiles
 * and drones" is reddish purple, not orange: orange that dark reads as the missiles' vermillion to
 * red–green colour-blind eyes.
 */
export const WEAPON_COLORS: Record<Weapon, RGBA> = {
  missile: [213, 94, 0, 255], // Okabe & Ito's vermillion
  drone: [46, 140, 206, 255], // their blue, lighter
  mixed: [194, 90, 176, 255], // their reddish purple, deeper
  cyber: [0, 147, 105, 255], // their bluish green, darker
  unknown: [134, 134, 134, 255], // mid grey (the old 118 grey was 2.6:1 on the dark land)
};

export const WEAPON_LABELS: Record<Weapon, string> = {
  missile: 'Missile',
  drone: 'Drone',
  mixed: 'Missiles and drones',
  cyber: 'Cyberattack',
  unknown: 'Weapon not stated',
};

/*
 * The kinds' own colours, like the weapons', sit in one band of lightness so that each has ≥ 3:1 against
 * the land of both palettes (WCAG non-text; src/ui/map/data-contrast.test.ts): the darker teal, green and
 * blue of before were 1.7–2.4:1 on the dark land. A deployment's label is text, so it keeps a dark green
 * (≥ 4.5:1 on its light label box).
 */
export const FACILITY_COLOR: RGBA = [0, 140, 172, 255];
export const DEPLOYMENT_FILL: RGBA = [40, 140, 70, 70];
export const DEPLOYMENT_LINE: RGBA = [30, 146, 80, 255];
export const DEPLOYMENT_TEXT: RGBA = [30, 100, 45, 255];
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
  /** Land of the country the map is about (Ukraine), a shade apart from its neighbours. */
  focusLand?: string;
  /** Lakes and reservoirs, rivers, admin-1 boundaries. */
  water?: string;
  river?: string;
  admin1?: string;
  /** Names of admin-1 units, countries and water (each ≥ 4.5:1 against the land: WCAG AA). */
  regionLabel?: RGBA;
  countryLabel?: RGBA;
  waterLabel?: RGBA;
}

/** Base map palette (offline style): the app's, and the embed's light theme. */
export const BASEMAP = {
  sea: '#cfe0ea',
  land: '#efebe3',
  landOutline: '#b9b3a6',
  border: '#8a7f70',
  label: [34, 34, 34, 255] as RGBA,
  focusLand: '#faf8f3',
  water: '#b9d3e4',
  river: '#7eaed0',
  admin1: '#c6bcac',
  regionLabel: [102, 92, 78, 255] as RGBA,
  countryLabel: [72, 64, 54, 255] as RGBA,
  waterLabel: [38, 98, 140, 255] as RGBA,
} satisfies BasemapPalette;

/** Dark base map for the embed's theme=dark (data colours are unchanged: they read on both). */
export const BASEMAP_DARK = {
  sea: '#14222c',
  land: '#292c31',
  landOutline: '#454a52',
  border: '#858b94',
  label: [232, 232, 232, 255] as RGBA,
  focusLand: '#33373d',
  water: '#24465c',
  river: '#4a7fa3',
  admin1: '#4d525a',
  regionLabel: [176, 170, 160, 255] as RGBA,
  countryLabel: [206, 201, 192, 255] as RGBA,
  waterLabel: [120, 176, 218, 255] as RGBA,
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
export const LINK_SOURCE_COLOR: RGBA = [66, 124, 235, 255];
export const LINK_TARGET_COLOR: RGBA = [222, 72, 168, 255];
/** Alpha of a link the reports only claim, or that is disputed (a reported one is drawn opaque). */
export const LINK_CLAIMED_ALPHA = 130;
