// A layer's one identity: `LayerDef.key` (the URL's `layers=` name); its `kind` only says how it is drawn.
import type { LayerKind } from './schema';

/**
 * A layer of the map: the four bundled ones, or one per (file, kind, category) of imported data.
 *
 * - `key` is the layer's identity wherever a layer is named: the URL's `layers=`, the store's
 *   `layers`, the legend's toggles, exports' file names, the story, imported layers' links.
 *   The bundled keys (`strikes`, `facilities`, `deployments`, `links`) are what old links name.
 * - `kind` only says how the layer is drawn (strike points, facility symbols, deployment areas,
 *   link arcs) and which fields its features need; it names no layer. A bundled feature's
 *   `properties.layer` holds its kind (the data format's field name), and the feature belongs to
 *   the bundled layer of that kind (`bundledLayerKey`); an imported feature names its layer's key
 *   in `layer_key`.
 * - A layer's position in a dataset's `layers` (the `layer` column's number, `rowsOfLayer[i]`,
 *   `layerIndex[i]`) is a private index of that one dataset: it changes when data is merged, so
 *   it is never stored, linked or shown; look the key up (`dataset.layers[i].key`).
 */
export interface LayerDef {
  key: string;
  label: string;
  kind: LayerKind;
  /** Where the layer comes from: `bundled`, or the imported file's name. */
  group: string;
}

export const BUNDLED_GROUP = 'bundled';

/** The bundled layers, in legend order; their keys are the URL's `layers=` names. */
export const BUNDLED_LAYERS: readonly LayerDef[] = [
  { key: 'strikes', label: 'Strikes', kind: 'strike', group: BUNDLED_GROUP },
  { key: 'facilities', label: 'Facilities', kind: 'facility', group: BUNDLED_GROUP },
  { key: 'deployments', label: 'Troop deployments', kind: 'deployment', group: BUNDLED_GROUP },
  { key: 'links', label: 'Links between them', kind: 'link', group: BUNDLED_GROUP },
];

const BUNDLED_KEY_OF_KIND = new Map(BUNDLED_LAYERS.map((l) => [l.kind, l.key]));

/** The key of the bundled layer drawn as `kind` (a bundled feature's layer: `strike` → `strikes`); undefined for no kind of ours. */
export function bundledLayerKey(kind: LayerKind): string | undefined {
  return BUNDLED_KEY_OF_KIND.get(kind);
}
