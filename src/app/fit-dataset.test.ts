// Tests for fitToDataset: the one place a window, layers and a selection are fitted to the data.
import { describe, expect, it } from 'vitest';
import { fitToDataset, layersAfterChange } from './fit-dataset';
import { buildDataset } from '../core/columnar/dataset';
import { SAMPLE, feature } from '../../tests/support/features';
import { days } from '../../tests/support/days';

const ds = buildDataset(SAMPLE);

describe('fitToDataset', () => {
  it('keeps what fits as asked, and says nothing moved', () => {
    const win = days('2024-11-20', '2024-11-21');
    expect(fitToDataset(ds, { window: win, layers: ['strikes'], selected: 'strike-a' })).toEqual({
      window: win,
      layers: ['strikes'],
      selected: 'strike-a',
      windowMoved: false,
      unknownLayers: [],
      missingSelection: null,
    });
  });
  it('moves a window into the span (its width kept), orders layers as the data does, drops what the data lacks', () => {
    const fit = fitToDataset(ds, {
      window: days('2030-01-01', '2030-01-03'),
      layers: ['links', 'tanks', 'strikes'],
      selected: 'nope',
    });
    expect(fit.window).toEqual({ from: ds.span.end - 2, to: ds.span.end });
    expect(fit.windowMoved).toBe(true);
    expect(fit.layers).toEqual(['strikes', 'links']);
    expect(fit.unknownLayers).toEqual(['tanks']);
    expect(fit.selected).toBeNull();
    expect(fit.missingSelection).toBe('nope');
  });
  it('leaves out what was not asked for, and keeps everything as asked before the data', () => {
    expect(fitToDataset(ds, {})).toEqual({ windowMoved: false, unknownLayers: [], missingSelection: null });
    expect(fitToDataset(null, { window: { from: 5, to: 1 }, layers: ['tanks'], selected: 'nope' })).toMatchObject({
      window: { from: 5, to: 1 },
      layers: ['tanks'],
      selected: 'nope',
      windowMoved: false,
    });
  });
  it('after new data: shown layers stay shown, hidden stay hidden, new ones are shown', () => {
    const next = buildDataset(
      [...SAMPLE, feature('x', 'strike', '2024-11-25', '2024-11-25')],
      [...ds.layers, { key: 'import-1:x', label: 'X', kind: 'strike', group: 'import-1' }],
    );
    expect(layersAfterChange(['strikes', 'links'], ds, next)).toEqual(['strikes', 'links', 'import-1:x']);
  });
});
