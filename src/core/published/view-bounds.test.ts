import { describe, expect, it } from 'vitest';
import { viewBounds } from './view-bounds';

describe('viewBounds', () => {
  it('gives the box a 512-px-tile Web Mercator view shows', () => {
    // Zoom 0, 512 px wide: the whole world's width.
    const [w, , e] = viewBounds({ lon: 0, lat: 0, zoom: 0 }, 512, 512, 0);
    expect(w).toBeCloseTo(-180);
    expect(e).toBeCloseTo(180);
    // Zoom 6 over Kharkiv, 1000 × 600 px: ~11° wide, and the margin widens it.
    const b = viewBounds({ lon: 36.23, lat: 49.99, zoom: 6 }, 1000, 600, 0);
    expect(b[2] - b[0]).toBeCloseTo((1000 * 360) / (512 * 64), 5);
    expect(b[1]).toBeLessThan(49.99);
    expect(b[3]).toBeGreaterThan(49.99);
    expect(b[3] - 49.99).toBeLessThan(49.99 - b[1]); // Mercator: the north half is shorter in degrees
    const wide = viewBounds({ lon: 36.23, lat: 49.99, zoom: 6 }, 1000, 600, 0.25);
    expect(wide[2] - wide[0]).toBeCloseTo(1.5 * (b[2] - b[0]), 5);
  });
});
