// The data's colours (weapons, imported categories, "other", the kinds' own) stand out from the land of both base-map palettes (≥ 3:1, WCAG non-text) and from each other, colour blind or not.
import { describe, expect, it } from 'vitest';
import {
  BASEMAP,
  BASEMAP_DARK,
  DEPLOYMENT_LINE,
  FACILITY_COLOR,
  LINK_SOURCE_COLOR,
  LINK_TARGET_COLOR,
  WEAPON_COLORS,
  type RGBA,
} from '../../core/config';
import { OTHER_COLOR, PALETTE } from '../layers/categories';

const hex = (h: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
const linear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = (c: readonly number[]): number =>
  0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
/** WCAG 2 contrast ratio of two colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

/** Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB: how each colour looks to protan, deutan and tritan eyes. */
const VISION: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protan: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deutan: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritan: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
/** CIELAB (D65) of a colour as one kind of vision sees it. */
function lab(c: readonly number[], m: number[][]): [number, number, number] {
  const l = [linear(c[0]), linear(c[1]), linear(c[2])];
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2])));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
/** The two colours of a set closest to each other (CIE76 ΔE) for one kind of vision. */
function closest(colours: Record<string, RGBA>, m: number[][]): { d: number; pair: string } {
  const names = Object.keys(colours);
  let best = { d: Infinity, pair: '' };
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [lab(colours[names[i]], m), lab(colours[names[j]], m)];
      const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      if (d < best.d) best = { d, pair: `${names[i]} / ${names[j]}` };
    }
  return best;
}

const SETS: Record<string, Record<string, RGBA>> = {
  weapons: WEAPON_COLORS,
  categories: { ...Object.fromEntries(PALETTE.map((c, i) => [`palette ${i}`, c])), other: OTHER_COLOR },
};
const LANDS: Record<string, string> = {
  'light land': BASEMAP.land,
  'light land of Ukraine': BASEMAP.focusLand,
  'dark land': BASEMAP_DARK.land,
  'dark land of Ukraine': BASEMAP_DARK.focusLand,
};

it('the kinds’ own colours (facility ring, deployment outline, the links’ two ends) have ≥ 3:1 against the land of both palettes', () => {
  // They were 1.7–2.4:1 on the dark land: a facility's teal ring and the troops' green outline faded into it.
  const kinds: Record<string, RGBA> = {
    facility: FACILITY_COLOR,
    'deployment outline': DEPLOYMENT_LINE,
    'link start': LINK_SOURCE_COLOR,
    'link end': LINK_TARGET_COLOR,
  };
  for (const [name, c] of Object.entries(kinds))
    for (const [ground, h] of Object.entries(LANDS))
      expect(contrast(c, hex(h)), `${name} on the ${ground}`).toBeGreaterThanOrEqual(3);
});

describe.each(Object.entries(SETS))('the %s colours', (_, colours) => {
  it('each have ≥ 3:1 against the land of both palettes (WCAG non-text), by their fill alone', () => {
    for (const [name, c] of Object.entries(colours))
      for (const [ground, h] of Object.entries(LANDS))
        expect(contrast(c, hex(h)), `${name} on the ${ground}`).toBeGreaterThanOrEqual(3);
  });
  it('read on the sea too: ≥ 4:1 on the dark, ≥ 2.65:1 on the light (one colour cannot have 3:1 on both lands and the light sea)', () => {
    for (const [name, c] of Object.entries(colours)) {
      expect(contrast(c, hex(BASEMAP_DARK.sea)), `${name} on the dark sea`).toBeGreaterThanOrEqual(4);
      expect(contrast(c, hex(BASEMAP.sea)), `${name} on the light sea`).toBeGreaterThanOrEqual(2.65);
    }
  });
  it('stay apart from each other for normal, protan, deutan and tritan vision', () => {
    for (const [vision, m] of Object.entries(VISION)) {
      const { d, pair } = closest(colours, m);
      // Normal vision: clearly different hues. Colour-blind: no pair closer than the old palette's closest (9.3, for deutans).
      expect(d, `${vision}: ${pair}`).toBeGreaterThanOrEqual(vision === 'normal' ? 30 : 8);
    }
  });
});

it('gives "missiles and drones" a colour apart from the missiles’ for red–green colour blindness (the dark orange was not)', () => {
  for (const v of ['protan', 'deutan']) {
    const { d } = closest({ missile: WEAPON_COLORS.missile, mixed: WEAPON_COLORS.mixed }, VISION[v]);
    expect(d, v).toBeGreaterThanOrEqual(20);
  }
});
