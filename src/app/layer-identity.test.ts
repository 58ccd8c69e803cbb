// Tests for a layer's one identity: LayerDef.key names it everywhere (links, store, features); kind only says how it is drawn.
import { describe, expect, it } from 'vitest';
import { createAtlasStore, hashStateOf } from './store';
import { createHash, parseHash } from './url-hash';
import { buildDataset } from '../core/columnar/dataset';
import { BUNDLED_LAYERS, bundledLayerKey } from '../core/schema/layers';
import { layerKeyOf } from '../core/columnar/feature-keys';
import { layerKey } from '../core/import/builder';
import { SAMPLE } from '../../tests/support/features';

describe('a layer is named by its key', () => {
  it('parses and applies the old links: layers=strikes,… as written before and since', () => {
    for (const [hash, shown] of [
      ['#layers=strikes,facilities,deployments,links', ['strikes', 'facilities', 'deployments', 'links']],
      ['#layers=strikes,deployments', ['strikes', 'deployments']],
      ['#t=2024-11-01..2024-11-30&mode=window&layers=deployments,strikes&sel=x', ['strikes', 'deployments']],
      ['#layers=', []],
    ] as const) {
      const store = createAtlasStore();
      store.getState().setDataset(buildDataset(SAMPLE));
      const { state, warnings } = parseHash(hash);
      expect(warnings).toEqual([]);
      store.getState().applyHash(state);
      expect(store.getState().layers).toEqual(shown); // in the dataset's layer order
      // …and the hash the store writes back names the same keys.
      expect(
        parseHash(createHash(hashStateOf(store.getState()))).state.layers ?? BUNDLED_LAYERS.map((l) => l.key),
      ).toEqual(shown);
    }
  });

  it('a kind is not a layer name: layers=strike names no layer of the data (warned, not shown)', () => {
    const store = createAtlasStore();
    store.getState().setDataset(buildDataset(SAMPLE));
    const warnings = store.getState().applyHash(parseHash('#layers=strike,facilities').state);
    expect(store.getState().layers).toEqual(['facilities']);
    expect(warnings.join(' ')).toContain('strike');
  });

  it("an imported layer's key keeps the form old links name: file::bundled key of its kind::category", () => {
    expect(layerKey('acled.csv', 'strike', 'Battles')).toBe('acled.csv::strikes::Battles');
    expect(layerKey('bases.geojson', 'facility', undefined)).toBe('bases.geojson::facilities::');
    expect(parseHash('#layers=strikes,bases.geojson::facilities::').state.layers).toEqual([
      'strikes',
      'bases.geojson::facilities::',
    ]);
  });

  it('a bundled feature belongs to the bundled layer of its kind; an imported one to its layer_key', () => {
    for (const def of BUNDLED_LAYERS) expect(bundledLayerKey(def.kind)).toBe(def.key);
    const strike = SAMPLE.find((f) => f.properties.layer === 'strike');
    expect(strike && layerKeyOf(strike)).toBe('strikes');
    const imported = { ...strike!, properties: { ...strike!.properties, layer_key: 'a.csv::strikes::' } };
    expect(layerKeyOf(imported)).toBe('a.csv::strikes::');
    // Items and the dataset's layers speak keys; the row's number is only the dataset's private index.
    const ds = buildDataset(SAMPLE);
    for (let row = 0; row < ds.columns.n; row++) {
      const it = ds.itemAt(row);
      expect(ds.layerOf.get(it.layer)?.kind).toBe(it.kind);
      expect(ds.layers[ds.columns.layer[row]].key).toBe(it.layer);
    }
  });
});
