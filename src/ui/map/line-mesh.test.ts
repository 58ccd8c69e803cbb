// Unit tests: the base map's lines as one triangle mesh (line-mesh.ts) — widths through turns, rings, the Mercator plane.
import { describe, expect, it } from 'vitest';
import { lineMesh, mercatorY, MITER_LIMIT } from './line-mesh';

/** Vertex `i`'s position pushed out by its normal × `half` (the mesh's vertex as the shader places it, in the Mercator plane). */
function placed(m: ReturnType<typeof lineMesh>, i: number, half = 1): [number, number] {
  return [
    m.positions[i * 2] + m.normals[i * 2] * half,
    mercatorY(m.positions[i * 2 + 1]) + m.normals[i * 2 + 1] * half,
  ];
}

/** Distance of point p from the infinite line through a and b. */
function distance(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  return Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.hypot(dx, dy);
}

describe('lineMesh', () => {
  it('makes a segment a quad: two vertices a point, one each side, two triangles', () => {
    const m = lineMesh([
      [
        [0, 0],
        [10, 0],
      ],
    ]);
    expect(m.positions.length).toBe(8);
    expect([...m.normals]).toEqual([-0, 1, 0, -1, -0, 1, 0, -1]);
    expect([...m.indices]).toEqual([0, 1, 2, 1, 3, 2]);
  });

  it('keeps the width through a turn: both sides of a joint are a half-width from both segments (the miter)', () => {
    const m = lineMesh([
      [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    ]);
    const [a, b, c]: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, mercatorY(10)],
    ];
    for (const v of [2, 3]) {
      expect(distance(placed(m, v), a, b)).toBeCloseTo(1, 6);
      expect(distance(placed(m, v), b, c)).toBeCloseTo(1, 6);
    }
    // A right angle's miter is √2 half-widths long.
    expect(Math.hypot(m.normals[4], m.normals[5])).toBeCloseTo(Math.SQRT2, 6);
    expect(m.indices.length).toBe(12);
  });

  it('cuts the miter of a sharp turn at MITER_LIMIT half-widths; a line that turns straight back keeps its normal', () => {
    const sharp = lineMesh([
      [
        [0, 0],
        [10, 0],
        [0, 0.5],
      ],
    ]);
    expect(Math.hypot(sharp.normals[4], sharp.normals[5])).toBeCloseTo(MITER_LIMIT, 6);
    const back = lineMesh([
      [
        [0, 0],
        [10, 0],
        [0, 0],
      ],
    ]);
    expect(Math.hypot(back.normals[4], back.normals[5])).toBeCloseTo(1, 6);
  });

  it("turns a ring's closing point like any other: its first and last vertices share the joint's miter", () => {
    const m = lineMesh([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ]);
    const n = m.normals.length;
    expect([m.normals[0], m.normals[1]]).toEqual([m.normals[n - 4], m.normals[n - 3]]);
    expect(Math.hypot(m.normals[0], m.normals[1])).toBeCloseTo(Math.SQRT2, 3);
  });

  it('drops repeated points and lines of fewer than two points (no segment without a direction)', () => {
    const m = lineMesh([
      [
        [0, 0],
        [0, 0],
        [5, 0],
      ],
      [[3, 3]],
      [
        [1, 1],
        [1, 1],
      ],
    ]);
    expect(m.positions.length).toBe(8);
    expect([...m.normals].every(Number.isFinite)).toBe(true);
    expect(m.indices.length).toBe(6);
  });

  it("takes a line's direction in Web Mercator's plane, where the map is drawn (north-up, conformal)", () => {
    expect(mercatorY(0)).toBeCloseTo(0, 9);
    expect(mercatorY(45)).toBeCloseTo(50.4987, 3);
    expect(mercatorY(-30)).toBeCloseTo(-mercatorY(30), 9);
    // One degree east and one north at 60°N is steeper than 45° on the map: the normal leans towards west.
    const m = lineMesh([
      [
        [30, 60],
        [31, 61],
      ],
    ]);
    const steep = mercatorY(61) - mercatorY(60);
    expect(m.normals[0]).toBeCloseTo(-steep / Math.hypot(1, steep), 6);
    expect(m.normals[1]).toBeCloseTo(1 / Math.hypot(1, steep), 6);
  });
});
