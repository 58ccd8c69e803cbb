// The categorical palette: fixed colours for ACLED's and UCDP's main categories, the rest by size, then "Other".
import { describe, expect, it } from 'vitest';
import { assignColors, OTHER_COLOR, OTHER_LABEL, PALETTE } from './categories';
import { ACLED_MIX } from '../../core/synth/acled-csv';
import { acledCategory } from '../../core/import/acled';

describe('assignColors', () => {
  it('gives the ACLED categories distinct colours, names the largest and puts the rest in "Other" when the palette runs out', () => {
    const cats = ACLED_MIX.map((m, i) => ({
      label: acledCategory(m.eventType, m.subEventType),
      count: Math.round(m.share * 20000),
      layers: [`f1-${i}`],
    }));
    const { layerColor, entries } = assignColors(cats);
    const named = entries.filter((e) => e.label !== OTHER_LABEL);
    expect(named.length).toBe(PALETTE.length);
    expect(new Set(named.map((e) => e.color.join())).size).toBe(PALETTE.length);
    expect(named.map((e) => e.label)).toContain('Shelling/artillery/missile attack');
    expect(layerColor.get('f1-0')).toEqual(PALETTE[0]); // shelling: always vermillion
    expect(layerColor.get('f1-1')).toEqual(PALETTE[1]); // air/drone strike: always blue
    const other = entries.at(-1);
    expect(other?.label).toBe(OTHER_LABEL);
    expect(other?.color).toEqual(OTHER_COLOR);
    expect(other?.count).toBe(Math.round(0.015 * 20000) + Math.round(0.005 * 20000)); // protests and riots, the smallest
  });

  it('keeps a category’s colour across files (layers of the same category share it) and fills free colours by size', () => {
    const { layerColor } = assignColors([
      { label: 'One-sided', count: 5, layers: ['u-3'] },
      { label: 'Custom B', count: 50, layers: ['x-b', 'y-b'] },
      { label: 'Custom A', count: 10, layers: ['x-a'] },
    ]);
    expect(layerColor.get('u-3')).toEqual(PALETTE[1]);
    expect(layerColor.get('x-b')).toEqual(layerColor.get('y-b'));
    expect(layerColor.get('x-b')).toEqual(PALETTE[0]);
    expect(layerColor.get('x-a')).toEqual(PALETTE[2]);
  });
});
