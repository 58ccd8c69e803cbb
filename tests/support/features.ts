// Small hand-made features for unit tests (not the bundled data).
import type { AtlasFeature, AtlasProperties, LayerKind } from '../../src/core/schema/schema';

export function feature(
  id: string,
  layer: LayerKind,
  start: string,
  end: string | null,
  extra: Partial<AtlasProperties> = {},
  coords: [number, number] = [30, 50],
): AtlasFeature {
  return {
    type: 'Feature',
    geometry:
      layer === 'deployment'
        ? {
            type: 'Polygon',
            coordinates: [
              [
                [coords[0] - 1, coords[1] - 1],
                [coords[0] + 1, coords[1] - 1],
                [coords[0] + 1, coords[1] + 1],
                [coords[0] - 1, coords[1] - 1],
              ],
            ],
          }
        : { type: 'Point', coordinates: coords },
    properties: {
      id,
      layer,
      title: `Title ${id}`,
      summary: 'Summary',
      start,
      end,
      date_precision: start === end ? 'day' : 'range',
      date_note: 'note',
      place: 'Somewhere',
      place_precision_km: 10,
      sources: [{ seed: 'seed.txt', quote: 'quote' }],
      ...(layer === 'strike' ? { weapon: 'missile' as const } : {}),
      ...extra,
    },
  };
}

export const SAMPLE: AtlasFeature[] = [
  feature('strike-b', 'strike', '2024-11-25', '2024-11-25', { injured: 23 }, [36.23, 49.99]),
  feature('strike-a', 'strike', '2024-11-25', '2024-11-25', { injured: 10 }, [30.72, 46.48]),
  feature('strike-old', 'strike', '2021-08-09', '2021-08-13'),
  feature('facility-x', 'facility', '2024-10-01', null),
  feature('deployment-y', 'deployment', '2024-11-25', null, { troops: 10000 }),
];
