// Decoded Parquet row groups → features in our schema: the reference the worker's direct path (group-rows.ts) is tested and timed against.
import type { AtlasFeature } from '../schema/schema';
import { featureOfRow, type PublishedRow } from './row-codec';
import type { DecodedGroup } from './reader-protocol';

/** Features of decoded row groups (in the order given). */
export function featuresOfGroups(
  m: { layers: readonly { key: string; kind: AtlasFeature['properties']['layer'] }[] },
  groups: readonly DecodedGroup[],
): AtlasFeature[] {
  const out: AtlasFeature[] = [];
  const row: PublishedRow = {};
  // Rows of a day often cite the same sources: parse each distinct text once.
  const parsed = new Map<string, unknown>();
  const parseSources = (text: string): unknown => {
    let v = parsed.get(text);
    if (v === undefined) {
      if (parsed.size > 5000) parsed.clear();
      v = JSON.parse(text);
      parsed.set(text, v);
    }
    return v;
  };
  for (const g of groups) {
    const names = Object.keys(g.columns);
    const layer = g.columns.layer as Float64Array;
    for (let i = 0; i < g.rows; i++) {
      for (const k of names) {
        const v = g.columns[k][i];
        row[k] = typeof v === 'number' && Number.isNaN(v) ? null : v;
      }
      const l = m.layers[layer[i]];
      out.push(featureOfRow(row, l.key, l.kind, parseSources));
    }
  }
  return out;
}
