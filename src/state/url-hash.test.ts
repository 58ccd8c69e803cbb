// Tests for the URL hash: round trips, the documented form and malformed input.
import { describe, expect, it } from 'vitest';
import { createHash, parseHash } from './url-hash';

describe('parseHash', () => {
  it('reads the documented form', () => {
    const { state, warnings } = parseHash(
      '#t=2024-11-01..2024-11-30&mode=window&layers=strikes,facilities,deployments&view=49.0,32.0,5&sel=strike-kharkiv-2024-11-25',
    );
    expect(warnings).toEqual([]);
    expect(state).toEqual({
      t: { from: '2024-11-01', to: '2024-11-30' },
      mode: 'window',
      layers: ['strikes', 'facilities', 'deployments'],
      view: { lat: 49, lon: 32, zoom: 5 },
      sel: 'strike-kharkiv-2024-11-25',
    });
  });
  it('round-trips through createHash', () => {
    const h = '#t=2024-11-25..2024-11-25&mode=cumulative&layers=strikes,deployments&view=50.1234,36.5,6.25&sel=facility-x';
    expect(createHash(parseHash(h).state)).toBe(h);
  });
  it('keeps layer order and drops repeats', () => {
    expect(parseHash('#layers=deployments,strikes,strikes').state.layers).toEqual(['deployments', 'strikes']);
  });
  it('keeps an empty layer list (all layers off) distinct from no layers part', () => {
    expect(parseHash('#layers=').state.layers).toEqual([]);
    expect(parseHash('#mode=window').state.layers).toBeUndefined();
    expect(createHash({ layers: [] })).toBe('#layers=');
  });
  it('ignores malformed parts with a warning and keeps the good ones', () => {
    const { state, warnings } = parseHash('#t=garbage&view=1,2&foo=bar&mode=sideways&layers=strikes,Tanks!&sel=<img>');
    expect(state).toEqual({ layers: ['strikes'] });
    expect(warnings).toHaveLength(6);
    expect(warnings.join('\n')).toMatch(/t="garbage"/);
    expect(warnings.join('\n')).toMatch(/unknown part "foo"/);
    expect(warnings.join('\n')).toMatch(/"Tanks!" in layers is not a layer name/);
  });
  it('rejects impossible dates, reversed ranges and out-of-range views', () => {
    expect(parseHash('#t=2024-02-30..2024-03-01').state.t).toBeUndefined();
    expect(parseHash('#t=2024-03-02..2024-03-01').state.t).toBeUndefined();
    expect(parseHash('#view=91,0,3').state.view).toBeUndefined();
    expect(parseHash('#view=0,0,30').state.view).toBeUndefined();
    expect(parseHash('#view=NaN,0,3').state.view).toBeUndefined();
  });
  it('reads repeated data= parts and refuses other schemes', () => {
    const { state, warnings } = parseHash('#data=' + encodeURIComponent('https://example.org/a.csv?x=1,2') + '&data=mine.geojson&data=javascript:alert(1)&data=//evil.example/x');
    expect(state.data).toEqual(['https://example.org/a.csv?x=1,2', 'mine.geojson']);
    expect(warnings).toHaveLength(2);
    expect(createHash(state)).toBe('#data=https%3A%2F%2Fexample.org%2Fa.csv%3Fx%3D1%2C2&data=mine.geojson');
  });
  it('survives broken percent-encoding and empty input', () => {
    expect(parseHash('#sel=%E0%A4%A').warnings[0]).toMatch(/percent-encoding/);
    expect(parseHash('')).toEqual({ state: {}, warnings: [] });
    expect(parseHash('#&&')).toEqual({ state: {}, warnings: [] });
  });
});
