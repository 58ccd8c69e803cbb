// A story step's bounds fitted into what its card leaves free: all of them shown, as close as fits, at a phone's and a page's size.
import { describe, expect, it } from 'vitest';
import { type Bounds, boundsOk, fitStepView } from './step-view';

const NONE = { top: 0, right: 0, bottom: 0, left: 0 };
const FALLBACK = { lat: 56, lon: 79, zoom: 4 };
/** Hamhung to Kyiv and Kursk, with the links' arcs up to 62° N. */
const KURSK_HAMHUNG: Bounds = [29, 37.5, 131, 62];

/** Pixel x, y of lon, lat in a map of this size centred on `v` (padding shifts the centre by half). */
function project(v: { lat: number; lon: number; zoom: number }, lon: number, lat: number): [number, number] {
  const world = 512 * 2 ** v.zoom;
  const mx = (l: number): number => ((l + 180) / 360) * world;
  const my = (a: number): number => {
    const s = Math.sin((a * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return [mx(lon) - mx(v.lon), my(lat) - my(v.lat)];
}

describe('fitStepView', () => {
  it('shows every corner of the bounds inside the free part of the map, with its margin, and fills one side', () => {
    for (const [size, padding] of [
      [
        { width: 1280, height: 720 },
        { ...NONE, left: 360 },
      ],
      [
        { width: 375, height: 600 },
        { ...NONE, bottom: 260 },
      ],
      [{ width: 1600, height: 520 }, NONE],
    ] as const) {
      const v = fitStepView(KURSK_HAMHUNG, size, padding, FALLBACK);
      const freeW = size.width - padding.left - padding.right;
      const freeH = size.height - padding.top - padding.bottom;
      const [x0, y0] = project(v, KURSK_HAMHUNG[0], KURSK_HAMHUNG[3]);
      const [x1, y1] = project(v, KURSK_HAMHUNG[2], KURSK_HAMHUNG[1]);
      expect(x0).toBeGreaterThanOrEqual(-freeW / 2 + 23.9);
      expect(x1).toBeLessThanOrEqual(freeW / 2 - 23.9);
      expect(y0).toBeGreaterThanOrEqual(-freeH / 2 + 23.9);
      expect(y1).toBeLessThanOrEqual(freeH / 2 - 23.9);
      // As close as fits: one of the two sides is filled (to rounding).
      const fillW = (x1 - x0) / (freeW - 48);
      const fillH = (y1 - y0) / (freeH - 48);
      expect(Math.max(fillW, fillH)).toBeGreaterThan(0.99);
    }
  });

  it('goes closer on a wide map than on a phone, and never past the step’s own zoom', () => {
    const wide = fitStepView(KURSK_HAMHUNG, { width: 1600, height: 900 }, NONE, FALLBACK);
    const phone = fitStepView(KURSK_HAMHUNG, { width: 375, height: 400 }, NONE, FALLBACK);
    expect(wide.zoom).toBeGreaterThan(phone.zoom + 1.5);
    expect(fitStepView([36, 50, 36.5, 50.5], { width: 1600, height: 900 }, NONE, FALLBACK).zoom).toBe(4);
  });

  it('keeps the fallback when the map has no room to measure', () => {
    expect(fitStepView(KURSK_HAMHUNG, { width: 0, height: 0 }, NONE, FALLBACK)).toEqual(FALLBACK);
    expect(fitStepView(KURSK_HAMHUNG, { width: 300, height: 300 }, { ...NONE, left: 290 }, FALLBACK)).toEqual(FALLBACK);
  });

  it('checks bounds', () => {
    expect(boundsOk(KURSK_HAMHUNG)).toBe(true);
    for (const b of [[1, 2, 3], [10, 0, 5, 1], [0, 10, 1, 5], [-190, 0, 0, 1], 'x', [0, 0, Number.NaN, 1]])
      expect(boundsOk(b), JSON.stringify(b)).toBe(false);
  });
});
