// Pure: export file names that say what they hold — the window, the layers when not all, in-view.
import { BUNDLED_LAYERS } from '../../core/schema/layers';

export type ExportFormat = 'png' | 'geojson' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'geojson', 'csv'];

export interface FileNameInput {
  /** The window shown (after the mode is applied), ISO dates. */
  from: string;
  to: string;
  /** Layers switched on; when every layer of the data is on, no suffix. */
  layers?: readonly string[];
  /** Every layer of the data (default: the bundled three). */
  allLayers?: readonly string[];
  /** Only the features in the map's view. */
  inView?: boolean;
}

/**
 * `conflict-atlas_2024-11-18_2024-11-25.png`; with a subset of layers
 * `conflict-atlas_2024-11-18_2024-11-25_strikes-deployments.csv`; in view `…_in-view.geojson`.
 * Only [a-z0-9_-] (and the extension's dot) reach the name, so it is safe on every file system.
 */
export function exportFileName(input: FileNameInput, format: ExportFormat | 'webm' | 'mp4'): string {
  const parts = ['conflict-atlas', safe(input.from), safe(input.to)];
  const allLayers = input.allLayers ?? BUNDLED_LAYERS.map((l) => l.key);
  const layers = input.layers ?? allLayers;
  const all = allLayers.every((k) => layers.includes(k));
  if (!all) parts.push(layers.length ? layers.map(safe).join('-') : 'no-layers');
  if (input.inView) parts.push('in-view');
  return `${parts.join('_')}.${format}`;
}

function safe(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'x'
  );
}
