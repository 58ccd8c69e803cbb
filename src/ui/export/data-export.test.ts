// Tests for what a data export holds: in-view filtering, numbered sources, GeoJSON round trip, file names.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE, feature } from '../../../tests/support/features';
import { bboxesIntersect, geometryBbox, itemsToExport, numberedSources } from './selection';
import { toGeojson } from './geojson-export';
import { exportFileName } from './file-names';
import { allItems } from '../../../tests/support/dataset-rows';

const ds = buildDataset(SAMPLE);

describe('itemsToExport', () => {
  it('keeps everything without a view box', () => {
    expect(itemsToExport(allItems(ds), null)).toHaveLength(allItems(ds).length);
  });
  it('keeps items whose geometry meets the view', () => {
    const kharkivOnly = itemsToExport(allItems(ds), [35, 49, 37, 51]).map((it) => it.id);
    expect(kharkivOnly).toEqual(['strike-b']);
    // The deployment square spans 29..31 x 49..51: a box touching its corner keeps it.
    expect(itemsToExport(allItems(ds), [31, 51, 32, 52]).map((it) => it.id)).toContain('deployment-y');
  });
  it('computes boxes and intersections', () => {
    expect(
      geometryBbox({
        type: 'LineString',
        coordinates: [
          [1, 2],
          [-3, 5],
        ],
      }),
    ).toEqual([-3, 2, 1, 5]);
    expect(geometryBbox({ type: 'GeometryCollection', geometries: [] })).toBeNull();
    expect(bboxesIntersect([0, 0, 1, 1], [2, 2, 3, 3])).toBe(false);
  });
});

describe('numberedSources', () => {
  it('numbers unique sources in order of first citation', () => {
    const a = feature('strike-1', 'strike', '2024-01-01', '2024-01-01', {
      title: 'One',
      sources: [
        { seed: 'b.txt', quote: 'q' },
        { seed: 'a.txt', quote: 'q' },
      ],
    });
    const b = feature('strike-2', 'strike', '2024-01-02', '2024-01-02', {
      title: 'Two',
      sources: [
        { seed: 'a.txt', quote: 'r' },
        { name: 'Outlet', url: 'https://x.example/' },
      ],
    });
    const list = numberedSources(allItems(buildDataset([a, b])));
    expect(list.map((s) => [s.n, s.label, s.titles])).toEqual([
      [1, 'b.txt', ['One']],
      [2, 'a.txt', ['One', 'Two']],
      [3, 'Outlet (https://x.example/)', ['Two']],
    ]);
  });
});

describe('toGeojson', () => {
  it('loads back to the same features, every property kept', () => {
    const features = allItems(ds).map((it) => it.feature);
    const text = toGeojson(features, {
      window: { from: '2024-11-25', to: '2024-11-25' },
      mode: 'window',
      layers: ['strikes'],
      in_view: false,
    });
    const back = JSON.parse(text) as { type: string; features: unknown[]; conflict_atlas: { window: unknown } };
    expect(back.type).toBe('FeatureCollection');
    expect(back.features).toEqual(features);
    expect(back.conflict_atlas.window).toEqual({ from: '2024-11-25', to: '2024-11-25' });
  });
  it('keeps text exactly, formula-like or not', () => {
    const f = feature('strike-f', 'strike', '2024-01-01', '2024-01-01', { title: '=1+1, "quoted"\nnext' });
    const back = JSON.parse(
      toGeojson([f], { window: { from: 'a', to: 'b' }, mode: 'window', layers: [], in_view: false }),
    ) as { features: (typeof f)[] };
    expect(back.features[0].properties.title).toBe('=1+1, "quoted"\nnext');
  });
});

describe('exportFileName', () => {
  it('names the window', () => {
    expect(exportFileName({ from: '2024-11-18', to: '2024-11-25' }, 'png')).toBe(
      'conflict-atlas_2024-11-18_2024-11-25.png',
    );
    expect(
      exportFileName(
        { from: '2024-11-25', to: '2024-11-25', layers: ['strikes', 'facilities', 'deployments', 'links'] },
        'csv',
      ),
    ).toBe('conflict-atlas_2024-11-25_2024-11-25.csv');
  });
  it('names a subset of layers and in-view exports', () => {
    expect(
      exportFileName(
        { from: '2024-11-18', to: '2024-11-25', layers: ['strikes', 'deployments'], inView: true },
        'geojson',
      ),
    ).toBe('conflict-atlas_2024-11-18_2024-11-25_strikes-deployments_in-view.geojson');
    expect(exportFileName({ from: '2024-11-18', to: '2024-11-25', layers: [] }, 'csv')).toBe(
      'conflict-atlas_2024-11-18_2024-11-25_no-layers.csv',
    );
  });
  it('keeps only safe characters', () => {
    expect(exportFileName({ from: '../x', to: '2024', layers: ['import-1:Air strike/../'] }, 'csv')).toBe(
      'conflict-atlas_x_2024_import-1-air-strike.csv',
    );
  });
});
