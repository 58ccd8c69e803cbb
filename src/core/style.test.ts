// Tests for strike sizing and colouring.
import { describe, expect, it } from 'vitest';
import { strikeMagnitude, strikeRadiusPx, weaponColor } from './style';
import { STRIKE_RADIUS, WEAPON_COLORS } from './config';
import type { AtlasProperties } from './schema/schema';

const base: AtlasProperties = {
  id: 'x',
  layer: 'strike',
  title: 't',
  summary: 's',
  start: '2024-01-01',
  end: '2024-01-01',
  date_precision: 'day',
  date_note: 'n',
  place: 'p',
  place_precision_km: 1,
  sources: [],
};

describe('strike style', () => {
  it('sizes by injured, killed and buildings damaged', () => {
    expect(strikeMagnitude({ ...base, injured: 23, buildings_damaged: 40 })).toBe(63);
    expect(strikeMagnitude({ ...base, killed: 5 })).toBe(5);
    expect(strikeMagnitude(base)).toBe(0);
  });
  it('grows with the count and stays within bounds', () => {
    expect(strikeRadiusPx(0, 100)).toBe(STRIKE_RADIUS.minPx);
    expect(strikeRadiusPx(100, 100)).toBe(STRIKE_RADIUS.maxPx);
    expect(strikeRadiusPx(25, 100)).toBeGreaterThan(STRIKE_RADIUS.minPx);
    expect(strikeRadiusPx(25, 100)).toBeLessThan(strikeRadiusPx(50, 100));
    expect(strikeRadiusPx(500, 100)).toBe(STRIKE_RADIUS.maxPx);
  });
  it('colours by weapon, unknown when missing', () => {
    expect(weaponColor('missile')).toEqual(WEAPON_COLORS.missile);
    expect(weaponColor(undefined)).toEqual(WEAPON_COLORS.unknown);
  });
});
