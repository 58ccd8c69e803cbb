// Pure styling helpers for the data layers: strike size and colour, from a feature's properties.
import type { AtlasProperties, Weapon } from './schema/schema';
import { STRIKE_RADIUS, WEAPON_COLORS, type RGBA } from './config';

/** What a strike's symbol size stands for: the people and buildings the report counts. */
export function strikeMagnitude(p: AtlasProperties): number {
  return (p.injured ?? 0) + (p.killed ?? 0) + (p.buildings_damaged ?? 0);
}

/** Symbol radius in pixels, sqrt-scaled so area tracks the count; `max` is the dataset's largest. */
export function strikeRadiusPx(magnitude: number, max: number): number {
  if (max <= 0 || magnitude <= 0) return STRIKE_RADIUS.minPx;
  const t = Math.sqrt(Math.min(magnitude, max) / max);
  return STRIKE_RADIUS.minPx + (STRIKE_RADIUS.maxPx - STRIKE_RADIUS.minPx) * t;
}

export function weaponColor(weapon: Weapon | undefined): RGBA {
  return WEAPON_COLORS[weapon ?? 'unknown'] ?? WEAPON_COLORS.unknown;
}

/** Below this many point marks in the window, every uncertainty disc is drawn and symbols keep their full size. */
export const FEW_MARKS = 300;

/**
 * How much point symbols shrink as the map zooms out, so that hundreds of marks over a country do
 * not merge: full size from zoom 8 in, down to 45% by zoom 3. A window with few marks keeps them full size.
 */
export function markScale(zoom: number, few: boolean): number {
  if (few) return 1;
  return Math.max(0.45, Math.min(1, 0.45 + ((zoom - 3) / 5) * 0.55));
}

/** A colour with another alpha. */
export function withAlpha(c: RGBA, a: number): RGBA {
  return [c[0], c[1], c[2], a];
}
