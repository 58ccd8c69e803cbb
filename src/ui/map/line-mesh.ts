// Pure: lines as one triangle mesh (MapLibre's way): two vertices a point, pushed apart along the mitred normal by the shader.

/** A line's points, [lon, lat] (GeoJSON positions; any third number is ignored). */
type Line = readonly (readonly number[])[];

/**
 * The mesh of a set of lines: `positions` [lon, lat] and `normals` (the unit normal, or the miter
 * at a joint, scaled so that the line keeps its width through the turn) in Web Mercator's
 * north-up plane, two vertices a point (one each side); `indices` the triangles between them.
 * The shader draws a line of `w` pixels at `position + normal × w/2` (in pixels) — one cheap
 * program and one draw call for every line of a kind, whatever its width (a uniform).
 */
export interface LineMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/** A sharp turn's miter is cut to this many half-widths (MapLibre's miter limit is 2): the line only thins there. */
export const MITER_LIMIT = 2;

/** Web Mercator's y for a latitude, in the same units as degrees of longitude (north up). */
export function mercatorY(lat: number): number {
  const l = Math.max(-85.051129, Math.min(85.051129, lat));
  return (Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360)) * 180) / Math.PI;
}

/** The points of a line with repeated points dropped (a zero-length segment has no direction). */
function distinctPoints(line: Line): number[][] {
  const out: number[][] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  return out;
}

/** Unit normal (left of the direction) of the segment a → b in the Mercator plane. */
function normalOf(ax: number, ay: number, bx: number, by: number): [number, number] {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.hypot(dx, dy);
  return [-dy / len, dx / len];
}

export function lineMesh(lines: readonly Line[]): LineMesh {
  const prepared = lines.map(distinctPoints).filter((l) => l.length >= 2);
  const points = prepared.reduce((n, l) => n + l.length, 0);
  const segments = prepared.reduce((n, l) => n + l.length - 1, 0);
  const positions = new Float32Array(points * 4);
  const normals = new Float32Array(points * 4);
  const indices = new Uint32Array(segments * 6);
  let v = 0; // vertex pairs written
  let t = 0; // indices written
  for (const line of prepared) {
    const n = line.length;
    const xs = line.map((p) => p[0]);
    const ys = line.map((p) => mercatorY(p[1]));
    // A ring (first point = last) turns at its start too: its first and last points share the joint's miter.
    const closed = n > 3 && xs[0] === xs[n - 1] && ys[0] === ys[n - 1];
    for (let i = 0; i < n; i++) {
      const prev = i > 0 ? i - 1 : closed ? n - 2 : -1;
      const next = i < n - 1 ? i + 1 : closed ? 1 : -1;
      const a = prev >= 0 ? normalOf(xs[prev], ys[prev], xs[i], ys[i]) : null;
      const b = next >= 0 ? normalOf(xs[i], ys[i], xs[next], ys[next]) : null;
      let nx: number;
      let ny: number;
      if (a && b) {
        // The miter: the mean of the two normals, lengthened by 1 / cos(half the turn), cut at MITER_LIMIT.
        const mx = a[0] + b[0];
        const my = a[1] + b[1];
        const ml = Math.hypot(mx, my);
        const cosHalf = ml / 2;
        const scale = ml < 1e-9 ? 0 : Math.min(MITER_LIMIT, 1 / Math.max(cosHalf, 1e-9)) / ml;
        [nx, ny] = ml < 1e-9 ? a : [mx * scale, my * scale];
      } else [nx, ny] = (a ?? b) as [number, number];
      const o = v * 4;
      positions[o] = line[i][0];
      positions[o + 1] = line[i][1];
      positions[o + 2] = line[i][0];
      positions[o + 3] = line[i][1];
      normals[o] = nx;
      normals[o + 1] = ny;
      normals[o + 2] = -nx;
      normals[o + 3] = -ny;
      if (i < n - 1) {
        const l = v * 2; // left vertex here; right is l + 1; the next point's are l + 2, l + 3
        indices.set([l, l + 1, l + 2, l + 1, l + 3, l + 2], t);
        t += 6;
      }
      v++;
    }
  }
  return { positions, normals, indices };
}
