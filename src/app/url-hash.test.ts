// Tests for the URL hash: round trips, the documented form and malformed input.
import { describe, expect, it } from 'vitest';
import { createHash, parseHash } from './url-hash';
import { days } from '../../tests/support/days';

describe('parseHash', () => {
  it('reads the documented form', () => {
    const { state, warnings } = parseHash(
      '#t=2024-11-01..2024-11-30&mode=window&layers=strikes,facilities,deployments&view=49.0,32.0,5&sel=strike-kharkiv-2024-11-25',
    );
    expect(warnings).toEqual([]);
    expect(state).toEqual({
      t: days('2024-11-01', '2024-11-30'),
      mode: 'window',
      layers: ['strikes', 'facilities', 'deployments'],
      view: { lat: 49, lon: 32, zoom: 5 },
      sel: 'strike-kharkiv-2024-11-25',
    });
  });
  it('round-trips through createHash', () => {
    const h =
      '#t=2024-11-25..2024-11-25&mode=cumulative&layers=strikes,deployments&view=50.1234,36.5,6.25&sel=facility-x';
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
    const { state, warnings } = parseHash(
      '#t=garbage&view=1,2&foo=bar&mode=sideways&layers=strikes,Tanks%07&sel=<img>',
    );
    expect(state).toEqual({ layers: ['strikes'] });
    expect(warnings).toHaveLength(6);
    expect(warnings.join('\n')).toMatch(/t="garbage"/);
    expect(warnings.join('\n')).toMatch(/unknown part "foo"/);
    expect(warnings.join('\n')).toContain('"Tanks\u0007" in layers is not a layer name');
  });
  it('keeps an imported layer as its file and categories spell it: capitals, spaces, commas (round trip)', () => {
    const layers = [
      'strikes',
      'ACLED Ukraine.csv::strikes::Battles',
      'acled.csv::strikes::Explosions/Remote violence, IED',
    ];
    const hash = createHash({ layers });
    expect(hash).toBe(
      '#layers=strikes,ACLED%20Ukraine.csv::strikes::Battles,acled.csv::strikes::Explosions%2FRemote%20violence%2C%20IED',
    );
    const { state, warnings } = parseHash(hash);
    expect(warnings).toEqual([]);
    expect(state.layers).toEqual(layers);
  });
  it('rejects impossible dates, reversed ranges and out-of-range views', () => {
    expect(parseHash('#t=2024-02-30..2024-03-01').state.t).toBeUndefined();
    expect(parseHash('#t=2024-03-02..2024-03-01').state.t).toBeUndefined();
    expect(parseHash('#view=91,0,3').state.view).toBeUndefined();
    expect(parseHash('#view=0,0,30').state.view).toBeUndefined();
    expect(parseHash('#view=NaN,0,3').state.view).toBeUndefined();
  });
  it('reads repeated data= parts and refuses other schemes', () => {
    const { state, warnings } = parseHash(
      `#data=${encodeURIComponent('https://example.org/a.csv?x=1,2')}&data=mine.geojson&data=javascript:alert(1)&data=//evil.example/x`,
    );
    expect(state.data).toEqual(['https://example.org/a.csv?x=1,2', 'mine.geojson']);
    expect(warnings).toHaveLength(2);
    expect(createHash(state)).toBe('#data=https%3A%2F%2Fexample.org%2Fa.csv%3Fx%3D1%2C2&data=mine.geojson');
  });
  it('reads and writes filters and search: q, weapon, min', () => {
    const h =
      '#t=2024-11-25..2024-11-25&q=KN-23%20%22Ryongsong%20Machine%22%20%26%20more&weapon=missile,drone&min=injured:10';
    const { state, warnings } = parseHash(h);
    expect(warnings).toEqual([]);
    expect(state).toMatchObject({
      q: 'KN-23 "Ryongsong Machine" & more',
      weapon: ['missile', 'drone'],
      min: { field: 'injured', value: 10 },
    });
    expect(createHash(state)).toBe(h);
    expect(parseHash('#weapon=').state.weapon).toEqual([]);
    expect(createHash({ weapon: [] })).toBe('#weapon=');
    expect(parseHash('#min=').state.min).toBeNull();
    expect(parseHash('#q=').state.q).toBe('');
  });
  it('ignores malformed filters with a warning', () => {
    const { state, warnings } = parseHash(`#weapon=laser,drone&min=injured:lots&q=${'x'.repeat(201)}`);
    expect(state).toEqual({ weapon: ['drone'] });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/"laser" in weapon is not a weapon/);
    expect(warnings.join('\n')).toMatch(/min="injured:lots"/);
    expect(parseHash('#weapon=laser').state.weapon).toBeUndefined();
    expect(parseHash('#min=wounded:3').state.min).toBeUndefined();
  });
  it('reads and writes the story step', () => {
    expect(parseHash('#story=1&step=3')).toEqual({ state: { story: '1', step: 3 }, warnings: [] });
    expect(createHash({ story: '1', step: 3, sel: 'facility-x' })).toBe('#sel=facility-x&story=1&step=3');
    expect(createHash({ story: '0', step: 3 })).toBe('');
    const bad = parseHash('#story=<b>&step=0&step=x&step=1000');
    expect(bad.state).toEqual({});
    expect(bad.warnings).toHaveLength(4);
  });
  it('survives broken percent-encoding and empty input', () => {
    expect(parseHash('#sel=%E0%A4%A').warnings[0]).toMatch(/percent-encoding/);
    expect(parseHash('')).toEqual({ state: {}, warnings: [] });
    expect(parseHash('#&&')).toEqual({ state: {}, warnings: [] });
  });
});

describe('agg= (how point layers are drawn)', () => {
  it('round-trips dots, hexagons and heatmap, leaves auto out, and ignores anything else with a warning', () => {
    for (const agg of ['dots', 'hexagons', 'heatmap'] as const)
      expect(parseHash(createHash({ agg })).state.agg).toBe(agg);
    expect(createHash({ agg: 'auto' })).toBe('');
    const bad = parseHash('#agg=cubes');
    expect(bad.state.agg).toBeUndefined();
    expect(bad.warnings[0]).toMatch(/agg="cubes" is not one of auto, dots, hexagons, heatmap/);
  });
});
