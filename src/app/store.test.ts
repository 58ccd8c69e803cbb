// Tests for the store: default window, stepping, modes, layers, selection and applying a hash.
import { describe, expect, it } from 'vitest';
import { createAtlasStore, hashStateOf } from './store';
import { shownWindow, visibleItems } from './derived';
import { day, days } from '../../tests/support/days';
import { buildDataset } from '../core/columnar/dataset';
import { SAMPLE } from '../../tests/support/features';
import { parseHash } from './url-hash';

function loaded() {
  const store = createAtlasStore();
  store.getState().setDataset(buildDataset(SAMPLE));
  return store;
}

describe('store', () => {
  it('opens on the last 30 days of the data', () => {
    const s = loaded().getState();
    expect(s.window).toEqual(days('2024-10-27', '2024-11-25'));
    expect(visibleItems(s).map((it) => it.id)).toEqual(['facility-x', 'deployment-y', 'strike-a', 'strike-b']);
  });
  it('slices by window, both modes', () => {
    const store = loaded();
    store.getState().applyHash(parseHash('#t=2021-08-10..2021-08-10').state);
    expect(visibleItems(store.getState()).map((it) => it.id)).toEqual(['strike-old']);
    store.getState().applyHash(parseHash('#t=2024-11-25..2024-11-25&mode=cumulative').state);
    expect(shownWindow(store.getState()).from).toBe(buildDataset(SAMPLE).span.start);
    expect(visibleItems(store.getState())).toHaveLength(5);
  });
  it('steps and jumps within the span', () => {
    const store = loaded();
    store.getState().applyHash(parseHash('#t=2024-11-20..2024-11-21').state);
    store.getState().step(1);
    expect(store.getState().window).toEqual(days('2024-11-21', '2024-11-22'));
    store.getState().step(7);
    expect(store.getState().window).toEqual(days('2024-11-24', '2024-11-25'));
    store.getState().jump('start');
    expect(store.getState().window).toEqual(days('2021-08-09', '2021-08-10'));
  });
  it('hides a layer that is toggled off', () => {
    const store = loaded();
    store.getState().setLayerVisible('strikes', false);
    expect(store.getState().layers).toEqual(['facilities', 'deployments', 'links']);
    expect(visibleItems(store.getState()).every((it) => it.layer !== 'strikes')).toBe(true);
  });
  it('ignores layers the data does not have, with a warning', () => {
    const store = loaded();
    const warnings = store.getState().applyHash(parseHash('#layers=deployments,tanks').state);
    expect(warnings[0]).toMatch(/"tanks" not in the data/);
    expect(store.getState().layers).toEqual(['deployments']);
  });
  it('ignores a list of nothing but layers the data lack (every layer stays as it was); layers= turns all off', () => {
    const store = loaded();
    store.getState().setLayerVisible('links', false);
    const warnings = store.getState().applyHash(parseHash('#layers=tanks,ships').state);
    expect(warnings[0]).toMatch(/"tanks", "ships" not in the data; ignored/);
    expect(store.getState().layers).toEqual(['strikes', 'facilities', 'deployments']);
    store.getState().applyHash(parseHash('#layers=').state);
    expect(store.getState().layers).toEqual([]);
  });
  it('ignores a selection the data does not have, with a warning', () => {
    const store = loaded();
    const warnings = store.getState().applyHash({ sel: 'nope' });
    expect(warnings[0]).toMatch(/not a feature/);
    expect(store.getState().selected).toBeNull();
    store.getState().applyHash({ sel: 'strike-a' });
    expect(store.getState().selected).toBe('strike-a');
  });
  it('clamps a window outside the data and says so', () => {
    const store = loaded();
    const warnings = store.getState().applyHash(parseHash('#t=2030-01-01..2030-01-05').state);
    expect(warnings[0]).toMatch(/outside the data/);
    expect(store.getState().window.to).toBe(day('2024-11-25'));
  });
  it('gives the hash state a link carries', () => {
    const store = loaded();
    store.getState().select('strike-b');
    expect(hashStateOf(store.getState())).toMatchObject({
      sel: 'strike-b',
      mode: 'window',
      t: { to: day('2024-11-25') },
    });
  });
});

describe('store filters and story', () => {
  it('narrows what the list shows by weapon, minimum figure and search, and carries them in the hash', () => {
    const store = loaded();
    store.getState().applyHash(parseHash('#t=2024-11-25..2024-11-25').state);
    expect(visibleItems(store.getState()).map((it) => it.id)).toEqual([
      'facility-x',
      'deployment-y',
      'strike-a',
      'strike-b',
    ]);
    store.getState().setFilters({ min: { field: 'injured', value: 20 } });
    expect(visibleItems(store.getState()).map((it) => it.id)).toEqual(['strike-b']);
    store.getState().setFilters({ min: null, q: 'title strike-a' });
    expect(visibleItems(store.getState()).map((it) => it.id)).toEqual(['strike-a']);
    expect(hashStateOf(store.getState())).toMatchObject({ q: 'title strike-a' });
    store.getState().clearFilters();
    expect(hashStateOf(store.getState()).q).toBeUndefined();
    store.getState().applyHash(parseHash('#weapon=drone&min=troops:100').state);
    expect(store.getState().filters).toEqual({ weapons: ['drone'], min: { field: 'troops', value: 100 }, q: '' });
    expect(visibleItems(store.getState()).map((it) => it.id)).toEqual(['deployment-y']);
  });

  it('opens, steps and closes the story from the hash', () => {
    const store = loaded();
    store.getState().applyHash(parseHash('#story=1&step=3').state);
    expect(store.getState().story).toEqual({ id: '1', step: 3 });
    const same = store.getState().story;
    store.getState().applyHash(parseHash('#story=1&step=3').state);
    expect(store.getState().story).toBe(same);
    store.getState().applyHash(parseHash('#step=2').state);
    expect(store.getState().story).toEqual({ id: '1', step: 2 });
    expect(hashStateOf(store.getState())).toMatchObject({ story: '1', step: 2 });
    store.getState().applyHash(parseHash('#story=0').state);
    expect(store.getState().story).toBeNull();
    expect(store.getState().applyHash(parseHash('#step=2').state)[0]).toMatch(/without story/);
  });

  it('shows a patch in one change', () => {
    const store = loaded();
    let changes = 0;
    store.subscribe(() => changes++);
    store.getState().show({
      window: { from: 0, to: 1e9 },
      layers: ['strikes', 'nope'],
      selected: 'strike-a',
    });
    expect(changes).toBe(1);
    const s = store.getState();
    expect(s.window.to).toBe(day('2024-11-25'));
    expect(s.layers).toEqual(['strikes']);
    expect(s.selected).toBe('strike-a');
  });
});
