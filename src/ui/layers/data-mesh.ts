// Pure: the data's fills, outlines and link arcs as one triangle mesh of one vertex layout (drawn by DataMeshLayer).
import { earcut } from '@math.gl/polygon';
import { lineMesh, mercatorY, type LineMesh } from '../map/line-mesh';
import type { FilterValue } from './time-filter';
import type { GlyphQuad } from './text-mesh';

type RGBA = readonly [number, number, number, number];
type Line = readonly (readonly number[])[];

/**
 * Every vertex carries the same seven attributes, whatever it belongs to, so that every fill,
 * outline and arc of the data is drawn by one small program with one vertex layout (in software
 * WebGL each new program or layout costs its first draw 0.1–0.9 s: docs/performance-history.md, the embed's start-up):
 * - `positions` [lon, lat, 0]: everything lies on the ground, a link's arc too (deck.gl's camera is a
 *   perspective one: a raised arc, as ArcLayer draws it, stands further from the view's centre the
 *   higher it rises, so it moved as the map was panned and ran off the map's edge past its own end);
 * - `offsets` in pixels (north up): half the line's width along its mitred normal; 0 for a fill;
 * - `colors` RGBA 0–255;
 * - `dist`: distance along a dashed line in Web Mercator common units (512 a world), −1 when solid;
 * - `pick`: the index of the object the vertex belongs to (picking, and its filter values);
 * - `uvs`: where a glyph's corner is in the glyph atlas, in texels (glyph-atlas.ts); 0 for anything
 *   else (a layer of glyphs samples the atlas, DataMeshLayer's `glyphs`; no other does);
 * - filter values come per vertex from `owner` (see `meshFilter`), written when the filters change.
 */
export interface DataMesh {
  positions: Float32Array;
  offsets: Float32Array;
  colors: Uint8Array;
  dist: Float32Array;
  pick: Float32Array;
  uvs: Float32Array;
  indices: Uint32Array;
  /** Vertices written. */
  vertices: number;
}

/** Common units (deck.gl's: 512 a world) per degree of longitude. */
const COMMON_PER_DEGREE = 512 / 360;
/** Segments of a link's great circle (deck.gl ArcLayer's default numSegments). */
export const ARC_SEGMENTS = 50;

/** Builds a DataMesh a piece at a time; `build` packs it. */
export class DataMeshBuilder {
  private pos: number[] = [];
  private off: number[] = [];
  private col: number[] = [];
  private dst: number[] = [];
  private pk: number[] = [];
  private uv: number[] = [];
  private idx: number[] = [];

  private vertex(
    lon: number,
    lat: number,
    z: number,
    ox: number,
    oy: number,
    c: RGBA,
    d: number,
    pick: number,
    u = 0,
    v = 0,
  ): void {
    this.pos.push(lon, lat, z);
    this.off.push(ox, oy);
    this.col.push(c[0], c[1], c[2], c[3]);
    this.dst.push(d);
    this.pk.push(pick);
    this.uv.push(u, v);
  }

  get vertices(): number {
    return this.pk.length;
  }

  /** A polygon's rings (outer first, then holes) as triangles. */
  fill(rings: readonly Line[], color: RGBA, pick: number): void {
    const flat: number[] = [];
    const holes: number[] = [];
    for (const [i, ring] of rings.entries()) {
      if (i > 0) holes.push(flat.length / 2);
      for (const p of ring) flat.push(p[0], p[1]);
    }
    const base = this.vertices;
    const tris = earcut(flat, holes, 2);
    for (let i = 0; i < flat.length; i += 2) this.vertex(flat[i], flat[i + 1], 0, 0, 0, color, -1, pick);
    for (const t of tris) this.idx.push(base + t);
  }

  /** Lines `widthPx` wide (mitred as line-mesh.ts does), dashed when `dashed`, each colour a vertex's (or one for all). */
  line(
    line: Line,
    widthPx: number,
    color: RGBA | ((i: number, n: number) => RGBA),
    pick: number,
    dashed = false,
  ): void {
    const m = lineMesh([line]);
    const n = m.positions.length / 4; // points
    if (!n) return;
    const base = this.vertices;
    const half = widthPx / 2;
    let d = 0;
    for (let i = 0; i < n; i++) {
      const o = i * 4;
      const lon = m.positions[o];
      const lat = m.positions[o + 1];
      if (i > 0) {
        const dx = (lon - m.positions[o - 4]) * COMMON_PER_DEGREE;
        const dy = (mercatorY(lat) - mercatorY(m.positions[o - 3])) * COMMON_PER_DEGREE;
        d += Math.hypot(dx, dy);
      }
      const c = typeof color === 'function' ? color(i, n) : color;
      const dist = dashed ? d : -1;
      this.vertex(lon, lat, 0, m.normals[o] * half, m.normals[o + 1] * half, c, dist, pick);
      this.vertex(lon, lat, 0, m.normals[o + 2] * half, m.normals[o + 3] * half, c, dist, pick);
    }
    for (const t of m.indices) this.idx.push(base + t);
  }

  /**
   * A link as a flight map draws it: ARC_SEGMENTS points on the great circle from `from` to `to` at
   * smoothstep ratios (as deck.gl's ArcLayer spaces them), on the ground, its colour going from `a` to `b`.
   */
  arc(from: readonly number[], to: readonly number[], a: RGBA, b: RGBA, widthPx: number, pick: number): void {
    const ratios = arcRatios(ARC_SEGMENTS);
    const mix = (i: number): RGBA => {
      const t = ratios[i];
      return [0, 1, 2, 3].map((k) => a[k] + (b[k] - a[k]) * t) as unknown as RGBA;
    };
    this.line(greatCircle(from, to, ratios), widthPx, mix, pick, false);
  }

  /** A screen-aligned box round [lon, lat]: from (x0, y0) to (x1, y1) in pixels, y down (a label's background). */
  box(lon: number, lat: number, x0: number, y0: number, x1: number, y1: number, color: RGBA, pick: number): void {
    const base = this.vertices;
    // Offsets are north up: a pixel down the screen is −1.
    this.vertex(lon, lat, 0, x0, -y0, color, -1, pick);
    this.vertex(lon, lat, 0, x1, -y0, color, -1, pick);
    this.vertex(lon, lat, 0, x1, -y1, color, -1, pick);
    this.vertex(lon, lat, 0, x0, -y1, color, -1, pick);
    this.idx.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  /** A glyph's quad round [lon, lat] (text-mesh.ts layoutText: pixels y down, atlas texels). */
  glyph(lon: number, lat: number, q: GlyphQuad, color: RGBA, pick: number): void {
    const base = this.vertices;
    this.vertex(lon, lat, 0, q.x0, -q.y0, color, -1, pick, q.u0, q.v0);
    this.vertex(lon, lat, 0, q.x1, -q.y0, color, -1, pick, q.u1, q.v0);
    this.vertex(lon, lat, 0, q.x1, -q.y1, color, -1, pick, q.u1, q.v1);
    this.vertex(lon, lat, 0, q.x0, -q.y1, color, -1, pick, q.u0, q.v1);
    this.idx.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  build(): DataMesh {
    return {
      positions: new Float32Array(this.pos),
      offsets: new Float32Array(this.off),
      colors: new Uint8Array(this.col),
      dist: new Float32Array(this.dst),
      pick: new Float32Array(this.pk),
      uvs: new Float32Array(this.uv),
      indices: new Uint32Array(this.idx),
      vertices: this.vertices,
    };
  }
}

/** ArcLayer's ratios along a link: smoothstep(i / (n − 1)), denser at the ends. */
export function arcRatios(n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const x = i / (n - 1);
    return x * x * (3 - 2 * x);
  });
}

/** The angle between two [lon, lat] points on the sphere, in radians (haversine). */
export function angularDistance(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const sLat = Math.sin(((a[1] - b[1]) * rad) / 2);
  const sLon = Math.sin(((a[0] - b[0]) * rad) / 2);
  const h = sLat * sLat + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * sLon * sLon;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The points at `ratios` (0–1) along the great circle from a to b ([lon, lat]), longitudes kept continuous. */
export function greatCircle(a: readonly number[], b: readonly number[], ratios: readonly number[]): number[][] {
  const rad = Math.PI / 180;
  const [l1, p1, l2, p2] = [a[0] * rad, a[1] * rad, b[0] * rad, b[1] * rad];
  const v1 = [Math.cos(p1) * Math.cos(l1), Math.cos(p1) * Math.sin(l1), Math.sin(p1)];
  const v2 = [Math.cos(p2) * Math.cos(l2), Math.cos(p2) * Math.sin(l2), Math.sin(p2)];
  const w = angularDistance(a, b);
  let lastLon = a[0];
  return ratios.map((t) => {
    if (w < 1e-9 || Math.abs(w - Math.PI) < 0.001) return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    const s1 = Math.sin((1 - t) * w);
    const s2 = Math.sin(t * w);
    const x = s1 * v1[0] + s2 * v2[0];
    const y = s1 * v1[1] + s2 * v2[1];
    const z = s1 * v1[2] + s2 * v2[2];
    let lon = Math.atan2(y, x) / rad;
    while (lon - lastLon > 180) lon -= 360;
    while (lon - lastLon < -180) lon += 360;
    lastLon = lon;
    return [lon, Math.atan2(z, Math.hypot(x, y)) / rad];
  });
}

/** The per-vertex filter values (×3) of a mesh: each object's values (by `pick`) copied to its vertices. */
export function meshFilter<T>(mesh: DataMesh, objects: readonly T[], valuesOf: (o: T) => FilterValue): Float32Array {
  const byObject = objects.map(valuesOf);
  const out = new Float32Array(mesh.vertices * 3);
  for (let v = 0; v < mesh.vertices; v++) {
    const f = byObject[mesh.pick[v]];
    out[v * 3] = f[0];
    out[v * 3 + 1] = f[1];
    out[v * 3 + 2] = f[2];
  }
  return out;
}

/** A line mesh (line-mesh.ts: the base map's) as a DataMesh for lines 1 px wide (DataMeshLayer's widthScale widens them), solid, one object. */
export function fromLineMesh(m: LineMesh): DataMesh {
  const n = m.positions.length / 2;
  const positions = new Float32Array(n * 3);
  const offsets = new Float32Array(n * 2);
  for (let v = 0; v < n; v++) {
    positions[3 * v] = m.positions[2 * v];
    positions[3 * v + 1] = m.positions[2 * v + 1];
    offsets[2 * v] = m.normals[2 * v] * 0.5;
    offsets[2 * v + 1] = m.normals[2 * v + 1] * 0.5;
  }
  return {
    positions,
    offsets,
    colors: new Uint8Array(n * 4),
    dist: new Float32Array(n).fill(-1),
    pick: new Float32Array(n),
    uvs: new Float32Array(2 * n),
    indices: m.indices,
    vertices: n,
  };
}

/** Filter values that always pass time-filter.ts's PASS_ALL ranges ([0, 0, 1] a vertex): for meshes that are not data. */
export function passingFilter(mesh: DataMesh): Float32Array {
  const f = new Float32Array(mesh.vertices * 3);
  for (let v = 0; v < mesh.vertices; v++) f[3 * v + 2] = 1;
  return f;
}
