// Tests for the exported legend's rows, the time caption, attribution text and the scale bar maths.
import { describe, expect, it } from 'vitest';
import { WEAPON_COLORS } from '../../core/config';
import { attributionText, legendRows, metersPerPixel, niceScaleBar, sourceEntries, timeCaption } from './legend-model';
import { parseIsoDay } from '../../core/time/days';
import { BUNDLED_LAYERS } from '../../core/columnar/dataset';

const day = (iso: string): number => parseIsoDay(iso) as number;

describe('legendRows', () => {
  it('lists the shown layers with their counts and the weapon colours', () => {
    const shown = BUNDLED_LAYERS.filter((d) => d.key !== 'facilities');
    const rows = legendRows(
      shown,
      new Map([
        ['strikes', 3],
        ['deployments', 1],
      ]),
    );
    expect(rows[0]).toMatchObject({ text: 'Strikes (3)', bold: true });
    expect(
      rows
        .filter((r) => r.indent === 1 && r.swatch.kind === 'dot')
        .map((r) => (r.swatch.kind === 'dot' ? r.swatch.fill : null)),
    ).toEqual([
      WEAPON_COLORS.missile,
      WEAPON_COLORS.drone,
      WEAPON_COLORS.mixed,
      WEAPON_COLORS.cyber,
      WEAPON_COLORS.unknown,
    ]);
    expect(rows.map((r) => r.text)).toContain('Troop deployments (1)');
    expect(rows.map((r) => r.text)).not.toContain('Facilities');
    expect(rows.map((r) => r.text)).toContain('Approximate area');
  });
  it('is empty with no layers', () => {
    expect(legendRows([])).toEqual([]);
  });
});

describe('captions', () => {
  it('prints the window or the cumulative end', () => {
    expect(timeCaption({ from: day('2024-11-25'), to: day('2024-11-25') }, 'window')).toBe('25 Nov 2024');
    expect(timeCaption({ from: day('2024-11-18'), to: day('2024-11-25') }, 'window')).toBe('18 Nov 2024 – 25 Nov 2024');
    expect(timeCaption({ from: day('2021-01-01'), to: day('2024-11-25') }, 'cumulative')).toBe(
      'Everything up to 25 Nov 2024',
    );
  });
  it('attributes Natural Earth and the sources', () => {
    const sources = [1, 2, 3, 4, 5].map((n) => ({ n, label: `s${n}.txt`, titles: ['T'] }));
    expect(attributionText('Natural Earth', sources, true)).toBe(
      'Base map: Natural Earth. Data: Conflict Atlas, 5 sources numbered below.',
    );
    expect(attributionText('Natural Earth', sources.slice(0, 2), false)).toBe(
      'Base map: Natural Earth. Data: Conflict Atlas from s1.txt, s2.txt.',
    );
    expect(attributionText('Natural Earth', sources, false)).toContain('and 1 more');
    expect(sourceEntries(sources.slice(0, 1))).toEqual(['[1] s1.txt — T']);
    expect(attributionText('Natural Earth', [], true)).toBe('Base map: Natural Earth. Data: Conflict Atlas.');
  });
});

describe('scale bar', () => {
  it('metres per pixel halve with each zoom level', () => {
    expect(metersPerPixel(0, 0)).toBeCloseTo(78271.5, 0);
    expect(metersPerPixel(0, 1)).toBeCloseTo(metersPerPixel(0, 0) / 2, 6);
    expect(metersPerPixel(60, 0)).toBeCloseTo(metersPerPixel(0, 0) / 2, 3);
  });
  it('picks a round length that fits', () => {
    const bar = niceScaleBar(1000, 120);
    expect(bar).toEqual({ meters: 100_000, px: 100, label: '100 km' });
    expect(niceScaleBar(3, 100)).toMatchObject({ meters: 200, label: '200 m' });
    expect(niceScaleBar(0, 100).px).toBe(0);
  });
});

describe('legendRows with categories and density', () => {
  it('gives an imported category its own colour, leaves out the weapon key without weapon-coloured layers, and explains the hexagon scale', () => {
    const layer = {
      key: 'f1-shelling',
      label: 'Shelling/artillery/missile attack',
      kind: 'strike' as const,
      group: 'acled.csv',
    };
    const out = legendRows([layer], new Map([['f1-shelling', 12]]), {
      colors: new Map([['f1-shelling', [213, 94, 0, 255]]]),
      density: { drawn: 'hexagons', size: { km: 30, R: 0.1, refLat: 48 }, max: 950, domain: 950, fixed: false },
    });
    expect(out[0]).toMatchObject({
      text: 'Shelling/artillery/missile attack (12)',
      swatch: { kind: 'dot', fill: [213, 94, 0, 255] },
    });
    expect(out.map((r) => r.text)).toContain('Events per hexagon of 30 km');
    expect(out.map((r) => r.text)).toContain('950 (busiest)');
    expect(out.some((r) => r.text === 'Strike colour: weapon')).toBe(false);
    expect(out.filter((r) => r.swatch.kind === 'hex').length).toBe(3);
  });
});
