// Place labels drawn by deck.gl's TextLayer from the bundled gazetteer: no glyph server needed.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { DataFilterExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import { BASEMAP, type RGBA } from '../config';
import { OPEN_END } from '../config';
import { PASS_RANGE, timeFilterExtension, type FilterRange, type FilterValue } from './time-filter';

/** One gazetteer entry (data/places.json). rank 1 shows at low zoom, 3 only close in. */
export interface Place {
  name: string;
  lon: number;
  lat: number;
  country: string;
  rank: 1 | 2 | 3;
}

/** Fonts the browser has locally; deck.gl rasterises glyphs itself, offline. */
export const LABEL_FONT = '"DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif';

/** Props objects are module constants so that re-rendering never looks like a change to deck.gl. */
// Plain (not SDF) glyphs: software WebGL drops thin SDF glyphs such as "i" at small sizes.
export const FONT_SETTINGS = { sdf: false, fontSize: 64, buffer: 4 };
const LABEL_OFFSET: [number, number] = [6, 0];
/**
 * The data layers' own filter extension (filterSize 3), so the dots share the data points' shader
 * program and the names the area labels': every distinct program costs a compile on the first
 * frame (seconds in software WebGL). Value 0 is the rank; 1 and 2 always pass.
 */
const RANK_EXTENSIONS = [timeFilterExtension];
const getRank = (p: Place): FilterValue => [p.rank, 0, 1];
const getPos = (p: Place): [number, number] => [p.lon, p.lat];
const getName = (p: Place): string => p.name;

/** The highest rank shown at a zoom level. */
export function maxRankAtZoom(zoom: number): number {
  if (zoom < 4.2) return 1;
  if (zoom < 5.5) return 2;
  return 3;
}

/** [dots, labels]: the caller draws dots under the data layers and names above them. */
export function buildLabelLayers(places: Place[], zoom: number, color: RGBA = BASEMAP.label): [Layer, Layer] {
  const filterRange: FilterRange = [[0, maxRankAtZoom(zoom)], [-OPEN_END, OPEN_END], PASS_RANGE];
  return [
    new ScatterplotLayer<Place, DataFilterExtensionProps<Place>>({
      id: 'place-dots',
      data: places,
      getPosition: getPos,
      radiusUnits: 'pixels',
      getRadius: 2.5,
      getFillColor: color,
      extensions: RANK_EXTENSIONS,
      getFilterValue: getRank,
      filterRange,
    }),
    new TextLayer<Place, DataFilterExtensionProps<Place>>({
      id: 'place-labels',
      data: places,
      getPosition: getPos,
      getText: getName,
      getSize: 12,
      getColor: color,
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getPixelOffset: LABEL_OFFSET,
      fontFamily: LABEL_FONT,
      characterSet: 'auto',
      fontSettings: FONT_SETTINGS,
      extensions: RANK_EXTENSIONS,
      getFilterValue: getRank,
      filterRange,
    }),
  ];
}
