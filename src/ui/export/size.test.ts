// Tests for export size maths: presets, clamping to WebGL limits, fitting the current extent.
import { describe, expect, it } from 'vitest';
import { clampSide, fitZoom, formatScale, maxPixelSide, resolveSize, sizeForAspect } from './size';

describe('maxPixelSide', () => {
  it('is the smallest of texture, renderbuffer and viewport limits', () => {
    expect(maxPixelSide({ maxTextureSize: 8192, maxRenderbufferSize: 16384, maxViewportDims: [16384, 16384] })).toBe(
      8192,
    );
    expect(maxPixelSide({ maxTextureSize: 16384, maxRenderbufferSize: 16384, maxViewportDims: [16384, 4096] })).toBe(
      4096,
    );
  });
});

describe('sizeForAspect', () => {
  const view = { width: 1000, height: 640 };
  it('current view keeps the map size', () => {
    expect(sizeForAspect('view', view, { width: 1, height: 1 })).toEqual({ width: 1000, height: 640 });
  });
  it('presets derive the height from the width', () => {
    expect(sizeForAspect('16:9', view, { width: 1920, height: 0 })).toEqual({ width: 1920, height: 1080 });
    expect(sizeForAspect('4:3', view, { width: 1200, height: 0 })).toEqual({ width: 1200, height: 900 });
    expect(sizeForAspect('1:1', view, { width: 0, height: 0 })).toEqual({ width: 1000, height: 1000 });
  });
  it('custom takes both sides, clamped to sane bounds', () => {
    expect(sizeForAspect('custom', view, { width: 800, height: 20 })).toEqual({ width: 800, height: 100 });
    expect(clampSide(Number.NaN)).toBe(100);
    expect(clampSide(1e9)).toBe(16384);
  });
});

describe('resolveSize', () => {
  it('multiplies CSS size by the scale when it fits', () => {
    const r = resolveSize({ width: 1920, height: 1080, scale: 2 }, 8192);
    expect(r).toMatchObject({ pixelWidth: 3840, pixelHeight: 2160, scale: 2, clamped: false, message: '' });
  });
  it('clamps the scale to the WebGL limit and says so', () => {
    const r = resolveSize({ width: 2400, height: 1350, scale: 4 }, 8192);
    expect(r.clamped).toBe(true);
    expect(r.pixelWidth).toBeLessThanOrEqual(8192);
    expect(r.pixelHeight).toBeLessThanOrEqual(8192);
    expect(r.scale).toBeCloseTo(3.41, 2);
    expect(r.message).toContain('9600 × 5400 px');
    expect(r.message).toContain('WebGL limit of 8192 px');
    expect(r.message).toContain('3.41×');
  });
  it('clamps custom scales too, never past the limit after rounding', () => {
    for (const [w, h, s] of [
      [3333, 777, 7.77],
      [8000, 100, 1.3],
      [101, 8191, 9],
    ] as const) {
      const r = resolveSize({ width: w, height: h, scale: s }, 8192);
      expect(Math.max(r.pixelWidth, r.pixelHeight)).toBeLessThanOrEqual(8192);
      expect(r.clamped).toBe(true);
    }
  });
  it('keeps the area within one 2D canvas', () => {
    const r = resolveSize({ width: 16000, height: 16000, scale: 2 }, 65536, 100_000_000);
    expect(r.pixelWidth * r.pixelHeight).toBeLessThanOrEqual(100_000_000);
    expect(r.message).toContain('megapixels');
  });
  it('treats a nonsense scale as 1×', () => {
    expect(resolveSize({ width: 500, height: 400, scale: Number.NaN }, 8192)).toMatchObject({
      scale: 1,
      pixelWidth: 500,
    });
    expect(resolveSize({ width: 500, height: 400, scale: -2 }, 8192).scale).toBe(1);
  });
  it('fractional scales round to whole pixels', () => {
    expect(resolveSize({ width: 1001, height: 333, scale: 1.5 }, 8192)).toMatchObject({
      pixelWidth: 1502,
      pixelHeight: 500,
    });
  });
});

describe('fitZoom and formatScale', () => {
  it('zooms out by log2 of the tighter ratio', () => {
    expect(fitZoom(5, { width: 1000, height: 500 }, { width: 500, height: 500 })).toBeCloseTo(4);
    expect(fitZoom(5, { width: 800, height: 600 }, { width: 1600, height: 1200 })).toBeCloseTo(6);
  });
  it('formats scales', () => {
    expect(formatScale(2)).toBe('2×');
    expect(formatScale(3.4133)).toBe('3.41×');
  });
});
