// WCAG AA: every kind of name on the base map reads against the land (and the sea) in both palettes.
import { describe, expect, it } from 'vitest';
import { BASEMAP, BASEMAP_DARK, type BasemapPalette, type RGBA } from '../../core/config';

const hex = (h: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
const luminance = ([r, g, b]: readonly number[]): number => {
  const f = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
/** WCAG 2 contrast ratio of two colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

describe.each([
  ['light', BASEMAP as BasemapPalette],
  ['dark', BASEMAP_DARK as BasemapPalette],
])('the %s palette', (_, p) => {
  const grounds = [p.land, p.focusLand ?? p.land].map(hex);
  it('gives every name ≥ 4.5:1 against the land (WCAG AA for text)', () => {
    const names: [string, RGBA | undefined][] = [
      ['place', p.label],
      ['region', p.regionLabel],
      ['country', p.countryLabel],
      ['water', p.waterLabel],
    ];
    for (const [kind, colour] of names)
      for (const g of grounds) expect(contrast(colour!, g), `${kind} on ${g.join()}`).toBeGreaterThanOrEqual(4.5);
  });
  // The data colours against the land and the sea: data-contrast.test.ts.
});
