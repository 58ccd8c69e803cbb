// Tests: a padded view's centre lands in the middle of what the padding leaves, as MapLibre's does, and back.
import { describe, expect, it } from 'vitest';
import { WebMercatorViewport } from '@deck.gl/core';
import { constrainPose, poseOf, viewStateFor } from './deck-camera';

const W = 1280;
const H = 600;

describe('viewStateFor / poseOf', () => {
  it('puts the centre of a view with a left or bottom padding in the middle of the rest of the map', () => {
    for (const padding of [
      { top: 0, right: 0, bottom: 0, left: 228 },
      { top: 0, right: 0, bottom: 180, left: 0 },
      { top: 20, right: 40, bottom: 0, left: 0 },
    ]) {
      const pose = { lon: 100, lat: 50, zoom: 2.5, padding };
      const vs = viewStateFor(pose, W, H);
      const [x, y] = new WebMercatorViewport({ ...vs, width: W, height: H }).project([100, 50]);
      expect(x).toBeCloseTo(padding.left + (W - padding.left - padding.right) / 2, 6);
      expect(y).toBeCloseTo(padding.top + (H - padding.top - padding.bottom) / 2, 6);
      const back = poseOf(vs, padding, W, H);
      expect(back.lon).toBeCloseTo(100, 8);
      expect(back.lat).toBeCloseTo(50, 8);
      expect(back.zoom).toBe(2.5);
    }
  });

  it('without padding the view state is the pose', () => {
    const none = { top: 0, right: 0, bottom: 0, left: 0 };
    expect(viewStateFor({ lon: 32, lat: 49, zoom: 4.6, padding: none }, W, H)).toEqual({
      longitude: 32,
      latitude: 49,
      zoom: 4.6,
      pitch: 0,
      bearing: 0,
    });
  });
});

describe('constrainPose (MapLibre with renderWorldCopies: false)', () => {
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  it('keeps a view that shows only the world as it is', () => {
    const p = { lon: 32, lat: 49, zoom: 4.6, padding: none };
    const c = constrainPose(p, W, H);
    expect(c.lon).toBeCloseTo(32, 9);
    expect(c.lat).toBeCloseTo(49, 9);
    expect(c.zoom).toBe(4.6);
  });

  it("moves the centre in so the padded map's part stays inside the world (the story's step 3: lon 79 at zoom 1.6)", () => {
    const padding = { top: 0, right: 0, bottom: 0, left: 378 };
    const c = constrainPose({ lon: 79, lat: 56, zoom: 1.6, padding }, W, H);
    // The world is 512 × 2^1.6 ≈ 1552 px wide; the part the bar leaves, 902 px: its centre at most 776 − 451 px from 180° E.
    const ws = 512 * 2 ** 1.6;
    expect(c.lon).toBeCloseTo(((ws - 451) / ws) * 360 - 180, 6);
    expect(c.zoom).toBe(1.6);
    expect(c.lon).toBeCloseTo(75.38, 1);
    // With the padding in effect before the move (none), as MapLibre's jumpTo constrains it: lon 31.5554,
    // where the app's and the MapLibre embed's story put step 3 (deck-map-view's `landing`).
    expect(constrainPose({ lon: 79, lat: 56, zoom: 1.6, padding: none }, W, H).lon).toBeCloseTo(31.5554, 3);
  });

  it('zooms in where the world is narrower than the map', () => {
    const c = constrainPose({ lon: 10, lat: 0, zoom: 1, padding: none }, W, H);
    expect(c.zoom).toBeCloseTo(1 + Math.log2(W / 1024), 9);
    expect(c.lon).toBeCloseTo(0, 6);
  });
});
