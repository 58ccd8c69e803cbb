// Pure: the GeoJSON export — the original features, every property as loaded, plus what the export holds.
import type { AtlasFeature } from '../../core/schema/schema';

/** What an export holds, written as the collection's `conflict_atlas` member. */
export interface ExportMeta {
  window: { from: string; to: string };
  mode: string;
  layers: readonly string[];
  in_view: boolean;
  /** [west, south, east, north] of the view when `in_view`. */
  view_bbox?: [number, number, number, number];
}

/**
 * A FeatureCollection text with one feature per line. Features are written as they were loaded
 * (nothing renamed, nothing guarded: the spreadsheet guard is CSV-only).
 */
export function* geojsonChunks(features: Iterable<AtlasFeature>, meta: ExportMeta): Generator<string> {
  yield `{"type":"FeatureCollection","conflict_atlas":${JSON.stringify(meta)},"features":[`;
  let i = 0;
  for (const f of features) yield `${i++ ? ',' : ''}\n${JSON.stringify(f)}`;
  yield '\n]}\n';
}

export function toGeojson(features: readonly AtlasFeature[], meta: ExportMeta): string {
  return [...geojsonChunks(features, meta)].join('');
}
