// Tests: the deck.gl base map draws what the MapLibre style does (same table), and a zoom or theme change keeps its data.
import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { deckBasemapGeometry, deckBasemapLayers, lineAt, rgba, seaColor } from './deck-basemap';
import { atZoom, basemapPaint, BASEMAP_LINES } from './basemap-style';
import type { BasemapData } from './basemap-data';
import { BASEMAP, BASEMAP_DARK } from '../../core/config';

const square = (x: number, y: number): GeoJSON.Position[][] => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y],
  ],
];
const BASEMAP_DATA = {
  countries: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { a3: 'UKR', name: 'Ukraine' },
        geometry: { type: 'Polygon', coordinates: square(30, 48) },
      },
      {
        type: 'Feature',
        properties: { a3: 'POL', name: 'Poland' },
        geometry: { type: 'MultiPolygon', coordinates: [square(20, 50), square(18, 54)] },
      },
    ],
  },
  borders: {
    type: 'MultiLineString',
    coordinates: [
      [
        [24, 50],
        [24, 51],
      ],
    ],
  },
  admin1: { type: 'FeatureCollection', features: [] },
  admin1Lines: {
    type: 'MultiLineString',
    coordinates: [
      [
        [31, 48],
        [31, 49],
      ],
    ],
  },
  rivers: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { level: 1 },
        geometry: {
          type: 'LineString',
          coordinates: [
            [30, 46],
            [34, 50],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { level: 3 },
        geometry: {
          type: 'LineString',
          coordinates: [
            [25, 46],
            [26, 50],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { level: 1 },
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [35, 47],
              [35, 48],
            ],
            [
              [35, 48.5],
              [36, 49],
            ],
          ],
        },
      },
    ],
  },
  lakes: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(33, 47) } }],
  },
  water: [],
  places: [],
} as unknown as BasemapData;

const byId = (layers: Layer[]): Record<string, Layer> => Object.fromEntries(layers.map((l) => [l.id, l]));

/** Evaluates a `['interpolate', ['linear'], ['zoom'], z, v, …]` paint expression (v a number or a level `match`). */
function evalPaint(expr: unknown, zoom: number, level = 1): number {
  if (typeof expr === 'number') return expr;
  const e = expr as unknown[];
  if (e[0] === 'match') return level === e[2] ? (e[3] as number) : (e[4] as number);
  const stops: [number, number][] = [];
  for (let i = 3; i < e.length; i += 2) stops.push([e[i] as number, evalPaint(e[i + 1], zoom, level)]);
  return atZoom(stops, zoom);
}

describe('deckBasemapGeometry', () => {
  it("puts Ukraine's land apart from its neighbours', outlines every ring, splits rivers by level, and is made once", () => {
    const g = deckBasemapGeometry(BASEMAP_DATA);
    expect(g.focusLand).toEqual([square(30, 48)]);
    expect(g.land).toEqual([square(20, 50), square(18, 54)]);
    expect(g.coast).toHaveLength(3);
    // A MultiLineString river (the build joins some) is drawn as its parts.
    expect(g.riversMajor).toEqual([
      [
        [30, 46],
        [34, 50],
      ],
      [
        [35, 47],
        [35, 48],
      ],
      [
        [35, 48.5],
        [36, 49],
      ],
    ]);
    expect(g.riversMinor).toEqual([
      [
        [25, 46],
        [26, 50],
      ],
    ]);
    expect(g.lakes).toHaveLength(1);
    expect(deckBasemapGeometry(BASEMAP_DATA)).toBe(g);
  });
});

describe('deckBasemapLayers', () => {
  it("draws MapLibre's widths at every zoom: the style's expressions and the deck layers read one table", () => {
    const paint = basemapPaint(BASEMAP);
    for (const zoom of [2, 3, 3.6, 4.6, 5.5, 7, 9]) {
      const layers = byId(deckBasemapLayers(BASEMAP_DATA, BASEMAP, zoom));
      const drawn = (id: string): number => {
        const p = layers[id].props as unknown as { widthScale: number; color: number[] };
        const opacity = p.color[3] / 255;
        return (
          p.widthScale *
          Math.min(1, opacity / (id === 'basemap-admin1' ? atZoom(BASEMAP_LINES.admin1.opacity, zoom) : 1))
        );
      };
      // A line under a pixel is drawn one pixel wide at that fraction of its opacity: width × coverage is the same.
      expect(drawn('basemap-borders')).toBeCloseTo(evalPaint(paint.borders['line-width'], zoom), 6);
      expect(drawn('basemap-rivers-major')).toBeCloseTo(evalPaint(paint.rivers['line-width'], zoom, 1), 6);
      expect(drawn('basemap-rivers-minor')).toBeCloseTo(evalPaint(paint.rivers['line-width'], zoom, 3), 6);
      expect(drawn('basemap-admin1')).toBeCloseTo(evalPaint(paint.admin1['line-width'], zoom), 6);
      expect(layers['basemap-admin1'].props.visible).toBe(zoom >= 3.5);
    }
  });

  it("colours each layer from the palette, the sea as the view's clear colour", () => {
    const layers = byId(deckBasemapLayers(BASEMAP_DATA, BASEMAP_DARK, 5));
    const color = (id: string, prop: string): unknown => (layers[id].props as unknown as Record<string, unknown>)[prop];
    expect(color('basemap-land', 'color')).toEqual(rgba(BASEMAP_DARK.land));
    expect(color('basemap-focus-land', 'color')).toEqual(rgba(BASEMAP_DARK.focusLand));
    expect(color('basemap-lakes', 'color')).toEqual(rgba(BASEMAP_DARK.water));
    expect(color('basemap-coast', 'color')).toEqual(rgba(BASEMAP_DARK.landOutline));
    expect(color('basemap-rivers-major', 'color')).toEqual(rgba(BASEMAP_DARK.river));
    // (Its opacity at the zoom in its alpha.)
    expect((color('basemap-admin1', 'color') as number[]).slice(0, 3)).toEqual(rgba(BASEMAP_DARK.admin1).slice(0, 3));
    expect(color('basemap-borders', 'color')).toEqual(rgba(BASEMAP_DARK.border));
    expect(seaColor(BASEMAP_DARK)).toEqual([0x14, 0x22, 0x2c, 255]);
    // Bottom first, as the style's layers.
    expect(Object.keys(layers)).toEqual([
      'basemap-land',
      'basemap-focus-land',
      'basemap-coast',
      'basemap-lakes',
      'basemap-rivers-major',
      'basemap-rivers-minor',
      'basemap-admin1',
      'basemap-borders',
    ]);
  });

  it('keeps the same data and accessors across zooms and themes: only uniforms change (no accessor re-run, no tessellation)', () => {
    const a = deckBasemapLayers(BASEMAP_DATA, BASEMAP, 4);
    const b = deckBasemapLayers(BASEMAP_DATA, BASEMAP_DARK, 6.3);
    for (let i = 0; i < a.length; i++) {
      expect(b[i].props.data).toBe(a[i].props.data);
      const pa = a[i].props as unknown as Record<string, unknown>;
      const pb = b[i].props as unknown as Record<string, unknown>;
      // A mesh is built once: the same object at every zoom and theme (width and colour are uniforms).
      for (const key of ['mesh', 'filter']) expect(pb[key]).toBe(pa[key]);
      expect(a[i].constructor.name).toBe('DataMeshLayer');
      expect(Array.isArray(pa.color)).toBe(true);
      expect(pb.updateTriggers).toEqual(pa.updateTriggers);
    }
  });

  it('draws a hairline one pixel wide, as transparent as it is thin; refuses a colour that is not #rrggbb', () => {
    expect(
      lineAt(
        [
          [3, 0.3],
          [7, 1],
        ],
        3,
      ),
    ).toEqual({ width: 1, opacity: 0.3 });
    expect(
      lineAt(
        [
          [3, 0.3],
          [7, 1],
        ],
        9,
      ),
    ).toEqual({ width: 1, opacity: 1 });
    expect(
      lineAt(
        [
          [3, 0.7],
          [8, 1.6],
        ],
        8,
      ),
    ).toEqual({ width: 1.6, opacity: 1 });
    expect(rgba('#abc')).toEqual([0xaa, 0xbb, 0xcc, 255]);
    expect(() => rgba('red')).toThrow(/not a #rrggbb/);
  });
});
