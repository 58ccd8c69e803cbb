// Tests only: every row of a dataset as Items, by id or by layer (the app itself makes Items only for rows it shows).
import type { Dataset, Item } from '../../src/core/columnar/dataset';

export function allItems(ds: Dataset): Item[] {
  return Array.from({ length: ds.columns.n }, (_, r) => ds.itemAt(r));
}

export function itemById(ds: Dataset, id: string): Item {
  const it = ds.find(id);
  if (!it) throw new Error(`no feature ${id}`);
  return it;
}

export function itemsOfLayer(ds: Dataset, key: string): Item[] {
  const i = ds.layers.findIndex((l) => l.key === key);
  return i < 0 ? [] : Array.from(ds.columns.rowsOfLayer[i], (r) => ds.itemAt(r));
}
