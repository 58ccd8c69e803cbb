// The slider's per-frame path: a window change must only change filterRange, never data or accessors.
import { describe, expect, it } from 'vitest';
import { buildDataLayers } from './data-layers';
import { buildLabelLayers } from './labels';
import { buildDataset } from '../data/dataset';
import { SAMPLE } from '../test-support/features';
import { filterRangeFor } from './time-filter';
import { parseIsoDay } from '../time/days';
import { overlaps } from '../time/window';

const day = (s: string): number => parseIsoDay(s) as number;

describe('data layers', () => {
  const dataset = buildDataset(SAMPLE);
  const layers = ['strikes', 'facilities', 'deployments'] as const;
  const a = buildDataLayers({ dataset, window: { from: day('2024-11-01'), to: day('2024-11-25') }, layers, selected: 'strike-b' });
  const b = buildDataLayers({ dataset, window: { from: day('2021-08-01'), to: day('2021-08-31') }, layers, selected: 'strike-b' });

  it('keeps stable ids', () => {
    expect(a.map((l) => l.id)).toEqual(b.map((l) => l.id));
  });

  it('changes nothing but filterRange when the window moves (no accessor re-run, no attribute rebuild)', () => {
    a.forEach((la, i) => {
      const lb = b[i];
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = lb.props as unknown as Record<string, unknown>;
      const keys = new Set([...Object.keys(pa), ...Object.keys(pb)]);
      const changed = [...keys].filter((k) => pa[k] !== pb[k]);
      expect(changed, `layer ${la.id}`).toEqual(['filterRange']);
    });
  });

  it('changes only the rank filter of labels when the zoom moves', () => {
    const places = [{ name: 'Kharkiv', lon: 36.23, lat: 49.99, country: 'Ukraine', rank: 1 as const }];
    const z4 = buildLabelLayers(places, 4);
    const z7 = buildLabelLayers(places, 7);
    z4.forEach((la, i) => {
      const pa = la.props as unknown as Record<string, unknown>;
      const pb = z7[i].props as unknown as Record<string, unknown>;
      expect(Object.keys(pa).filter((k) => pa[k] !== pb[k]), la.id).toEqual(['filterRange']);
    });
  });

  it('encodes the overlap rule in the filter range', () => {
    const win = { from: day('2024-11-25'), to: day('2024-11-25') };
    const [r0, r1] = filterRangeFor(dataset, win);
    for (const it of dataset.items) {
      const v0 = it.startDay - dataset.origin;
      const v1 = (it.endDay ?? dataset.origin + 1_000_000) - dataset.origin;
      const passes = v0 >= r0[0] && v0 <= r0[1] && v1 >= r1[0] && v1 <= r1[1];
      expect(passes, it.id).toBe(overlaps(it.startDay, it.endDay, win));
    }
  });

  it('keeps a selected area by reference too', () => {
    const w1 = buildDataLayers({ dataset, window: { from: day('2024-11-01'), to: day('2024-11-25') }, layers, selected: 'deployment-y' });
    const w2 = buildDataLayers({ dataset, window: { from: day('2024-11-02'), to: day('2024-11-25') }, layers, selected: 'deployment-y' });
    expect(w1.at(-1)?.props.data).toBe(w2.at(-1)?.props.data);
  });

  it('hides toggled-off layers through `visible`, keeping their data', () => {
    const c = buildDataLayers({ dataset, window: { from: day('2024-11-01'), to: day('2024-11-25') }, layers: ['facilities'], selected: null });
    expect(c.find((l) => l.id === 'strikes')?.props.visible).toBe(false);
    expect(c.find((l) => l.id === 'strikes')?.props.data).toBe(a.find((l) => l.id === 'strikes')?.props.data);
  });

  it('adds a selection ring for the selected feature', () => {
    const c = buildDataLayers({ dataset, window: { from: day('2024-11-01'), to: day('2024-11-25') }, layers, selected: 'strike-b' });
    expect(c.at(-1)?.id).toBe('selection');
  });
});
