// Tests for the data's one-layout mesh: fills, outlines (dashed or not), link arcs as ArcLayer draws them, filter values per vertex.
import { describe, expect, it } from 'vitest';
import { ARC_SEGMENTS, DataMeshBuilder, arcRatios, greatCircle, meshFilter } from './data-mesh';
import { AREA_DASH, shapesMesh } from './data-meshes';

const RED = [200, 0, 0, 255] as const;
const BLUE = [0, 0, 200, 255] as const;

describe('DataMeshBuilder', () => {
  it('triangulates a polygon with a hole: its triangles cover the ring minus the hole, no vertex pushed out', () => {
    const b = new DataMeshBuilder();
    const outer = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole = [
      [1, 1],
      [1, 3],
      [3, 3],
      [3, 1],
      [1, 1],
    ];
    b.fill([outer, hole], RED, 0);
    const m = b.build();
    let area = 0;
    for (let t = 0; t < m.indices.length; t += 3) {
      const [a, c, d] = [m.indices[t], m.indices[t + 1], m.indices[t + 2]].map((v) => [
        m.positions[3 * v],
        m.positions[3 * v + 1],
      ]);
      area += Math.abs((c[0] - a[0]) * (d[1] - a[1]) - (d[0] - a[0]) * (c[1] - a[1])) / 2;
    }
    expect(area).toBeCloseTo(16 - 4, 9);
    expect([...m.offsets].every((o) => o === 0)).toBe(true);
    expect([...m.dist].every((d) => d === -1)).toBe(true);
    expect([...m.colors.subarray(0, 4)]).toEqual([...RED]);
  });

  it('pushes a line out by half its width each side, and measures a dashed one along it in common units', () => {
    const b = new DataMeshBuilder();
    b.line(
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      2,
      BLUE,
      3,
      true,
    );
    b.line(
      [
        [0, 1],
        [1, 1],
      ],
      4,
      BLUE,
      4,
    );
    const m = b.build();
    expect(m.vertices).toBe(6 + 4);
    // Two vertices a point, one each side: (0, ±1) for 2 px, (0, ±2) for 4 px.
    expect([...m.offsets.subarray(0, 4)]).toEqual([-0, 1, 0, -1]);
    expect(Math.abs(m.offsets[13])).toBe(2);
    // 512 common units a world: a degree along the equator is 512 / 360.
    expect(m.dist[2]).toBeCloseTo(512 / 360, 6);
    expect(m.dist[5]).toBeCloseTo((2 * 512) / 360, 6);
    expect(m.dist[6]).toBe(-1); // the solid line
    expect([...m.pick]).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 4, 4]);
    expect(m.indices.length).toBe(2 * 6 + 6);
  });

  it('draws a link on the ground along its great circle at smoothstep ratios, colour from source to target', () => {
    const moscow = [37.618, 55.756];
    const beijing = [116.407, 39.904];
    const b = new DataMeshBuilder();
    b.arc(moscow, beijing, RED, BLUE, 3, 0);
    const m = b.build();
    expect(m.vertices).toBe(2 * ARC_SEGMENTS);
    const point = (k: number): number[] => [...m.positions.subarray(6 * k, 6 * k + 3)];
    expect(point(0)[0]).toBeCloseTo(moscow[0], 4);
    expect(point(ARC_SEGMENTS - 1)[1]).toBeCloseTo(beijing[1], 4);
    // Nothing rises: a raised arc, seen through deck.gl's perspective camera, bulged away from the view's
    // centre (past its own end at the map's edge) and moved as the map was panned.
    for (let k = 0; k < ARC_SEGMENTS; k++) expect(point(k)[2]).toBe(0);
    // Its middle vertex is the great circle's middle point.
    const half = arcRatios(ARC_SEGMENTS).findIndex((t) => t >= 0.5);
    const onCircle = greatCircle(moscow, beijing, [arcRatios(ARC_SEGMENTS)[half]])[0];
    expect(point(half)[0]).toBeCloseTo(onCircle[0], 3);
    expect(point(half)[1]).toBeCloseTo(onCircle[1], 3);
    // The great circle runs north of the straight line between them (poleward).
    const gc = greatCircle(moscow, beijing, [0.5])[0];
    expect(gc[1]).toBeGreaterThan((moscow[1] + beijing[1]) / 2 + 5);
    expect([...m.colors.subarray(0, 4)]).toEqual([...RED]);
    expect([...m.colors.subarray(m.colors.length - 4)]).toEqual([...BLUE]);
    expect(arcRatios(5)).toEqual([0, 0.15625, 0.5, 0.84375, 1]);
  });
});

describe('DataMeshBuilder.box', () => {
  it('puts a label box round its anchor in screen pixels (y down), two triangles', () => {
    const b = new DataMeshBuilder();
    b.box(30, 50, -10, -7, 10, 7, RED, 2);
    const m = b.build();
    expect([...m.offsets]).toEqual([-10, 7, 10, 7, 10, -7, -10, -7]);
    expect([...m.indices]).toEqual([0, 1, 2, 0, 2, 3]);
    expect([...m.positions.subarray(0, 3)]).toEqual([30, 50, 0]);
  });
});

describe('shapesMesh and meshFilter', () => {
  it('draws every fill under every outline, dashes only the approximate shapes, and gives each vertex its shape’s filter values', () => {
    const square = (x: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    });
    const shapes = [
      { g: square(0), approx: false },
      { g: square(2), approx: true },
    ];
    const m = shapesMesh(
      shapes,
      (s) => s.g,
      (s) => ({ fill: RED, line: BLUE, widthPx: 2, dashed: s.approx }),
    );
    const fillVerts = [...m.pick.keys()].filter((v) => m.offsets[2 * v] === 0 && m.offsets[2 * v + 1] === 0);
    const lineVerts = [...m.pick.keys()].filter((v) => !fillVerts.includes(v));
    expect(Math.max(...fillVerts)).toBeLessThan(Math.min(...lineVerts));
    expect(lineVerts.filter((v) => m.dist[v] >= 0).every((v) => m.pick[v] === 1)).toBe(true);
    expect(lineVerts.some((v) => m.pick[v] === 1 && m.dist[v] > 0)).toBe(true);
    expect(AREA_DASH).toEqual([6, 4]);
    // A clear fill (a country-level region's) is still triangulated: picking finds the shape inside its outline.
    const clear = shapesMesh(
      [shapes[0]],
      (s) => s.g,
      () => ({ fill: [0, 0, 0, 0], line: BLUE, widthPx: 1.5, dashed: false }),
    );
    expect(
      [...clear.pick.keys()].filter((v) => clear.offsets[2 * v] === 0 && clear.offsets[2 * v + 1] === 0).length,
    ).toBe(5);
    const f = meshFilter(m, shapes, (s) => (s.approx ? [5, 6, 1] : [1, 2, 0]));
    for (let v = 0; v < m.vertices; v++)
      expect([...f.subarray(3 * v, 3 * v + 3)]).toEqual(m.pick[v] === 1 ? [5, 6, 1] : [1, 2, 0]);
  });
});
