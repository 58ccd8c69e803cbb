// The deck.gl layer of a published dataset's zoomed-out overview: one disc per grid cell, its area proportional to the cell's events.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Dataset } from '../data/dataset';
import type { DayRange } from '../time/window';

const FILL: [number, number, number, number] = [200, 60, 40, 150];
const LINE: [number, number, number, number] = [120, 30, 20, 200];

/** The overview's layers for a dataset and window: none unless it is a published dataset zoomed out. */
export function overviewLayers(ds: Dataset, win: DayRange, layers: readonly string[]): Layer[] {
  const cells = ds.published?.cells(win, layers);
  if (!cells || !cells.n) return [];
  // The biggest cell's disc fills its cell (diameter = the cell's east-west width there); the others scale by area.
  const cellMetres = cells.cellDeg * 111_000;
  const radius = new Float32Array(cells.n);
  const position = new Float32Array(cells.n * 2);
  for (let i = 0; i < cells.n; i++) {
    radius[i] = (cellMetres / 2) * Math.cos((cells.lat[i] * Math.PI) / 180) * Math.sqrt(cells.count[i] / cells.max);
    position[2 * i] = cells.lon[i];
    position[2 * i + 1] = cells.lat[i];
  }
  return [
    new ScatterplotLayer({
      id: 'published-overview',
      data: { length: cells.n, attributes: { getPosition: { value: position, size: 2 }, getRadius: { value: radius, size: 1 } } },
      radiusUnits: 'meters',
      radiusMinPixels: 1.5,
      stroked: true,
      lineWidthMinPixels: 0.5,
      getFillColor: FILL,
      getLineColor: LINE,
      pickable: false,
    }),
  ];
}
