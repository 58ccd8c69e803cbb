// Tests for a link that names data not loaded yet: the store keeps what it asked for as intent and applies it when the data arrive.
import { describe, expect, it } from 'vitest';
import { createAtlasStore, hashStateOf } from './store';
import { afterArrival, intentFor, REBUILD } from './link-intent';
import { parseHash } from './url-hash';
import { BUNDLED_LAYERS, buildDataset, type LayerDef } from '../core/columnar/dataset';
import type { AtlasFeature } from '../core/schema/schema';
import { SAMPLE, feature } from '../../tests/support/features';
import { day, days } from '../../tests/support/days';

const IMPORTED_LAYER: LayerDef = { key: 'f1-battles', label: 'Battles', kind: 'strike', group: 'battles.csv' };
/** An imported file's features: a layer of their own, in 2019 (before the sample's data). */
const IMPORTED: AtlasFeature[] = [
  feature('battle-1', 'strike', '2019-03-02', '2019-03-02'),
  feature('battle-2', 'strike', '2019-03-05', '2019-03-05'),
].map((f) => ({ ...f, properties: { ...f.properties, layer_key: IMPORTED_LAYER.key } }) as AtlasFeature);
const MERGED = (): ReturnType<typeof buildDataset> =>
  buildDataset([...SAMPLE, ...IMPORTED], [...BUNDLED_LAYERS, IMPORTED_LAYER]);
const LINK = '#data=battles.csv&t=2019-03-02..2019-03-10&layers=strikes,f1-battles&sel=battle-2';

function opened(hash = LINK) {
  const store = createAtlasStore();
  store.getState().setDataset(buildDataset(SAMPLE));
  const warnings = store.getState().applyHash(parseHash(hash).state);
  return { store, warnings };
}

describe('link intent', () => {
  it('shows what it can while the data load, keeps the rest (and in the URL), warns of nothing yet', () => {
    const { store, warnings } = opened();
    const s = store.getState();
    expect(warnings).toEqual([]);
    expect(s.layers).toEqual(['strikes']); // the layer it knows
    expect(s.selected).toBeNull();
    expect(s.window.from).toBe(day('2021-08-09')); // clamped into the data it has
    expect(s.linkIntent).toEqual({
      awaiting: ['battles.csv'],
      link: { t: days('2019-03-02', '2019-03-10'), layers: ['strikes', 'f1-battles'], sel: 'battle-2' },
    });
    // A link copied meanwhile is the link that was opened, not what the bundled data could show of it.
    expect(hashStateOf(s)).toMatchObject({
      t: days('2019-03-02', '2019-03-10'),
      layers: ['strikes', 'f1-battles'],
      sel: 'battle-2',
      data: ['battles.csv'],
    });
  });

  it('applies the selection, layers and window once the data have arrived', () => {
    const { store } = opened();
    store.getState().setDataset(MERGED());
    expect(store.getState().dataArrived('battles.csv')).toEqual([]);
    const s = store.getState();
    expect(s.linkIntent).toBeNull();
    expect(s.selected).toBe('battle-2');
    expect(s.layers).toEqual(['strikes', 'f1-battles']);
    expect(s.window).toEqual(days('2019-03-02', '2019-03-10'));
  });

  it('lets the person’s own window, layers and selection, set while the data load, win over the link’s', () => {
    const { store } = opened();
    // They move the slider, show the facilities and pick a feature before battles.csv has arrived.
    store.getState().setWindow(day('2024-11-01'), day('2024-11-30'));
    store.getState().setLayerVisible('facilities', true);
    const someId = store.getState().dataset!.itemAt(0).feature.properties.id;
    store.getState().select(someId);
    const waiting = store.getState();
    const theirs = waiting.window; // (as the data they have allow)
    expect(theirs.from).toBeGreaterThan(day('2024-10-01'));
    expect(waiting.linkIntent).toEqual({ awaiting: ['battles.csv'], link: {} });
    // The URL mirrors what they see, not the link's asks any more.
    expect(hashStateOf(waiting)).toMatchObject({ t: theirs, sel: someId });
    expect(hashStateOf(waiting).layers).toContain('facilities');
    // The data's arrival keeps their choices.
    store.getState().setDataset(MERGED());
    expect(store.getState().dataArrived('battles.csv')).toEqual([]);
    const s = store.getState();
    expect(s.window).toEqual(theirs);
    expect(s.selected).toBe(someId);
    expect(s.layers).toContain('facilities');
    // A step of the slider drops only the window's ask: the link's selection still waits.
    const again = opened().store;
    again.getState().step(1);
    expect(again.getState().linkIntent?.link).toEqual({ layers: ['strikes', 'f1-battles'], sel: 'battle-2' });
  });

  it('warns about what the data, once arrived, still lack (or when they failed)', () => {
    const { store } = opened();
    const warnings = store.getState().dataArrived('battles.csv'); // failed: the bundled data only
    expect(warnings.join('\n')).toMatch(/outside the data/);
    expect(warnings.join('\n')).toMatch(/"f1-battles" not in the data/);
    expect(warnings.join('\n')).toMatch(/sel="battle-2" is not a feature/);
    expect(store.getState().linkIntent).toBeNull();
    expect(store.getState().selected).toBeNull();
  });

  it('waits for every dataset the link names', () => {
    const { store } = opened(`${LINK}&data=more.csv`);
    expect(store.getState().linkIntent?.awaiting).toEqual(['battles.csv', 'more.csv']);
    store.getState().setDataset(MERGED());
    store.getState().dataArrived('battles.csv');
    expect(store.getState().selected).toBeNull(); // more.csv is still on its way
    store.getState().dataArrived('nope.csv'); // not awaited: nothing happens
    expect(store.getState().linkIntent?.awaiting).toEqual(['more.csv']);
    store.getState().dataArrived('more.csv');
    expect(store.getState().selected).toBe('battle-2');
  });

  it('applies a later link naming data already here at once, as any link', () => {
    const { store } = opened();
    store.getState().setDataset(MERGED());
    store.getState().dataArrived('battles.csv');
    const warnings = store.getState().applyHash(parseHash('#data=battles.csv&sel=battle-1').state);
    expect(warnings).toEqual([]);
    expect(store.getState().linkIntent).toBeNull();
    expect(store.getState().selected).toBe('battle-1');
    expect(store.getState().applyHash(parseHash('#data=battles.csv&sel=gone').state)[0]).toMatch(/not a feature/);
  });

  it('a link without data= keeps waiting for the data still on their way, over its newer asks', () => {
    const intent = intentFor(parseHash(LINK).state, null, []);
    const later = intentFor(parseHash('#sel=battle-1').state, intent, ['battles.csv']);
    expect(later).toEqual({ awaiting: ['battles.csv'], link: { ...intent?.link, sel: 'battle-1' } });
    expect(intentFor(parseHash('#sel=x').state, null, ['battles.csv'])).toBeNull();
    expect(later && afterArrival(later, 'battles.csv')).toBeNull();
  });
});

describe('a link applied while the data are rebuilt', () => {
  it('is fitted to the rebuilt data once they land, not to the data shown while it was built', () => {
    // The imports alone shown (2019), the bundled data asked back: the worker rebuilds.
    const store = createAtlasStore();
    store.getState().setDataset(buildDataset(IMPORTED, [IMPORTED_LAYER]));
    store.getState().rebuildStarted();
    const warnings = store.getState().applyHash(parseHash('#t=2024-11-01..2024-11-25&sel=strike-b').state);
    expect(warnings).toEqual([]); // nothing to warn of yet: the data it names are on their way
    expect(store.getState().window.to).toBeLessThan(day('2020-01-01')); // shown inside what is here
    expect(hashStateOf(store.getState()).t).toEqual(days('2024-11-01', '2024-11-25')); // the link kept
    store.getState().setDataset(MERGED());
    expect(store.getState().rebuildLanded()).toEqual([]);
    expect(store.getState().window).toEqual(days('2024-11-01', '2024-11-25'));
    expect(store.getState().selected).toBe('strike-b');
    expect(store.getState().linkIntent).toBeNull();
    expect(store.getState().rebuilding).toBe(false);
  });

  it('waits for both a link’s data and the rebuild; a build that failed still applies it, with its warnings', () => {
    const store = createAtlasStore();
    store.getState().setDataset(buildDataset(SAMPLE));
    store.getState().rebuildStarted();
    store.getState().applyHash(parseHash(LINK).state);
    expect(store.getState().linkIntent?.awaiting).toEqual(['battles.csv', REBUILD]);
    store.getState().dataArrived('battles.csv');
    expect(store.getState().linkIntent?.awaiting).toEqual([REBUILD]);
    const warnings = store.getState().rebuildLanded(); // the build failed: the bundled data only
    expect(warnings.join('\n')).toMatch(/sel="battle-2" is not a feature/);
    expect(store.getState().linkIntent).toBeNull();
    // Without a rebuild on its way a link is applied at once, as before.
    expect(store.getState().rebuildLanded()).toEqual([]);
    store.getState().applyHash(parseHash('#sel=strike-b').state);
    expect(store.getState().selected).toBe('strike-b');
  });
});
