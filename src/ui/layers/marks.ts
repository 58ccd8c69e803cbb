// Point marks of the few long-lived features (one per point of a Point or MultiPoint) and a small keep-the-last-few map.
import type { Item } from '../../core/columnar/dataset';

/**
 * One drawn point. A MultiPoint feature (e.g. one attack on two cities that the report counts
 * together) gets a mark at each of its points, all pointing back to the same item.
 */
export interface Mark {
  item: Item;
  position: [number, number];
}

/** Marks for the point items (Point, MultiPoint) among `items`. */
export function marksOf(items: Item[]): Mark[] {
  return items.flatMap((item) => {
    const g = item.feature.geometry;
    if (!g) return []; // not placed on the map (null geometry)
    if (g.type === 'MultiPoint')
      return g.coordinates.map((c) => ({ item, position: [c[0], c[1]] as [number, number] }));
    if (g.type === 'Point') return [{ item, position: item.anchor }];
    return [];
  });
}

export const isPointItem = (it: Item): boolean =>
  it.feature.geometry?.type === 'Point' || it.feature.geometry?.type === 'MultiPoint';

/** Whether an item is drawn at all: false for an imported feature not placed on the map (null geometry). */
export const isPlacedItem = (it: Item): boolean => it.feature.geometry !== null;

/** Masks, selections and highlights kept per dataset before the oldest is let go. */
const KEPT = 8;

/** The value for `key`, made and kept (at most KEPT, the oldest let go first). */
export function remember<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    if (map.size >= KEPT) map.delete(map.keys().next().value as K);
    v = make();
    map.set(key, v);
  }
  return v;
}
