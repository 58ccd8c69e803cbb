// Pure: more points inside a country or region for its name, where its label point has no free spot — nearest that point first.
import type { Position } from 'geojson';
import type { AreaFeature } from './basemap-data';

type Project = (lon: number, lat: number) => [number, number];

interface Part {
  rings: Position[][];
  /** west, south, east, north */
  bbox: [number, number, number, number];
}

const partsCache = new WeakMap<object, Part[]>();

/** The polygons of an area with their bounding boxes (once per feature). */
function partsOf(f: AreaFeature<unknown>): Part[] {
  let parts = partsCache.get(f);
  if (parts) return parts;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  parts = polys.map((rings) => {
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of rings[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
    return { rings, bbox: b };
  });
  partsCache.set(f, parts);
  return parts;
}

/** An area's bounding box (west, south, east, north), from its parts' (cached per feature). */
export function areaBbox(f: AreaFeature<unknown>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bbox } of partsOf(f)) {
    b[0] = Math.min(b[0], bbox[0]);
    b[1] = Math.min(b[1], bbox[1]);
    b[2] = Math.max(b[2], bbox[2]);
    b[3] = Math.max(b[3], bbox[3]);
  }
  return b;
}

/** The screen box of a part (Web Mercator keeps a lon/lat box a box). */
function screenBox(p: Part, project: Project): { x0: number; y0: number; x1: number; y1: number } {
  const [ax, ay] = project(p.bbox[0], p.bbox[3]);
  const [bx, by] = project(p.bbox[2], p.bbox[1]);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}

/** True when some part of the area lies in the view. */
export function areaInView(
  f: AreaFeature<unknown>,
  project: Project,
  view: { width: number; height: number },
): boolean {
  return partsOf(f).some((p) => {
    const b = screenBox(p, project);
    return b.x1 > 0 && b.y1 > 0 && b.x0 < view.width && b.y0 < view.height;
  });
}

function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i];
    const yi = ring[2 * i + 1];
    const xj = ring[2 * j];
    const yj = ring[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Most grid points laid over one area (the grid grows coarser for a big area), and most tried: a cost bound. */
const MAX_POINTS = 400;
const MAX_TRIES = 150;

/**
 * Centres for a `width` × `height` box inside the area and the view, nearest `from` first, made as
 * they are asked for (placement stops at the first that is free): every corner, the middle of each
 * long side and the centre of the box fall inside one polygon of the area (none in a hole). Only
 * the polygons in view are projected.
 */
export function* interiorAnchors(
  f: AreaFeature<unknown>,
  project: Project,
  view: { width: number; height: number },
  width: number,
  height: number,
  from: readonly [number, number],
): Generator<[number, number]> {
  const hw = width / 2;
  const hh = height / 2;
  const grid: { x: number; y: number; d: number; part: number }[] = [];
  const parts: Part[] = [];
  const spans: [number, number, number, number][] = [];
  const all = partsOf(f);
  const boxes = all.map((part) => screenBox(part, project));
  const size = (b: (typeof boxes)[number]): number => (b.x1 - b.x0) * (b.y1 - b.y0);
  // The part the label point is in (else the biggest on screen): a name too big for it may stand beside it.
  const home =
    boxes.find((b) => b.x0 <= from[0] && from[0] <= b.x1 && b.y0 <= from[1] && from[1] <= b.y1) ??
    boxes.reduce<(typeof boxes)[number] | null>((m, b) => (!m || size(b) > size(m) ? b : m), null);
  all.forEach((part, i) => {
    const b = boxes[i];
    // The box must fit inside the part and the view.
    const x0 = Math.max(b.x0, 0) + hw;
    const x1 = Math.min(b.x1, view.width) - hw;
    const y0 = Math.max(b.y0, 0) + hh;
    const y1 = Math.min(b.y1, view.height) - hh;
    if (x1 < x0 || y1 < y0) return;
    parts.push(part);
    spans.push([x0, y0, x1, y1]);
  });
  // One grid step for the whole area, coarser where it is big on screen.
  let sx = Math.max(6, width / 4);
  let sy = Math.max(6, height / 2);
  const cells = spans.reduce((n, [x0, y0, x1, y1]) => n + ((x1 - x0) / sx + 1) * ((y1 - y0) / sy + 1), 0);
  if (cells > MAX_POINTS) {
    const k = Math.sqrt(cells / MAX_POINTS);
    sx *= k;
    sy *= k;
  }
  spans.forEach(([x0, y0, x1, y1], part) => {
    for (let y = y0; y <= y1; y += sy)
      for (let x = x0; x <= x1; x += sx) grid.push({ x, y, d: Math.hypot(x - from[0], y - from[1]), part });
  });
  grid.sort((a, b) => a.d - b.d);
  const projected = new Map<number, (x: number, y: number) => boolean>();
  const insideOf = (i: number): ((x: number, y: number) => boolean) => {
    let fn = projected.get(i);
    if (!fn) {
      const rings = parts[i].rings.map((r) => {
        const a = new Float64Array(r.length * 2);
        r.forEach(([lon, lat], k) => {
          const [x, y] = project(lon, lat);
          a[2 * k] = x;
          a[2 * k + 1] = y;
        });
        return a;
      });
      fn = (x, y) => inRing(rings[0], x, y) && !rings.slice(1).some((h) => inRing(h, x, y));
      projected.set(i, fn);
    }
    return fn;
  };
  for (const { x, y, part } of grid.slice(0, MAX_TRIES)) {
    const inside = insideOf(part);
    if (!inside(x, y)) continue;
    const probes: [number, number][] = [
      [x - hw, y - hh],
      [x + hw, y - hh],
      [x - hw, y + hh],
      [x + hw, y + hh],
      [x, y - hh],
      [x, y + hh],
    ];
    if (probes.every(([px, py]) => inside(px, py))) yield [x, y];
  }
  // Too small on screen for its name (NORTH KOREA zoomed out): beside it, east then west, at the label
  // point's height, then a line higher or lower.
  if (home && (home.x1 - home.x0 < width || home.y1 - home.y0 < height))
    for (const x of [home.x1 + hw + 3, home.x0 - hw - 3])
      for (const dy of [0, -height, height]) yield [x, from[1] + dy];
}
