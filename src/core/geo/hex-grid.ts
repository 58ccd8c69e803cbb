// Pure: a flat-top hexagon grid in Web Mercator world units, its cell size for a zoom, and lon/lat ↔ world.

/**
 * World units are deck.gl's Web Mercator "common" space: the world is 512 × 512 at zoom 0, so at
 * zoom z one unit is 2^z screen pixels. Cells are flat-top hexagons of circumradius R (centre to
 * corner) in axial coordinates (q, r):
 *
 *        ____            centre x = R · 3/2 · q
 *       /    \____       centre y = R · √3 · (r + q/2)
 *       \____/    \      across the flats = √3 · R, corner to corner = 2R
 *       /    \____/
 *
 * A grid in world units is the same everywhere on the map (the hexagons tile exactly as drawn by
 * deck.gl's ColumnLayer with radiusUnits 'common'); on the ground a hexagon is cos(latitude) times
 * smaller towards the poles, so its size in km is given at one reference latitude (the data's).
 */
export const WORLD = 512;
const KM_PER_WORLD_UNIT_AT_EQUATOR = 40_075.016686 / WORLD;
const SQRT3 = Math.sqrt(3);

export function worldX(lon: number): number {
  return ((lon + 180) / 360) * WORLD;
}
export function worldY(lat: number): number {
  const phi = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return WORLD / 2 + (WORLD / (2 * Math.PI)) * Math.log(Math.tan(Math.PI / 4 + phi / 2));
}
export function lonOf(x: number): number {
  return (x / WORLD) * 360 - 180;
}
export function latOf(y: number): number {
  return ((2 * Math.atan(Math.exp(((y - WORLD / 2) * 2 * Math.PI) / WORLD)) - Math.PI / 2) * 180) / Math.PI;
}

/** Packs axial (q, r) into one integer key (|q|, |r| < 2^20 — enough for 1 m cells over the world). */
export function cellKey(q: number, r: number): number {
  return (q + 0x100000) * 0x200000 + (r + 0x100000);
}
export function cellOfKey(key: number): [number, number] {
  const r = (key % 0x200000) - 0x100000;
  return [Math.round((key - (r + 0x100000)) / 0x200000) - 0x100000, r];
}

/** The last cell cubeRound found (module state: no pair made a call). */
let roundedQ = 0;
let roundedR = 0;

/** Cube rounding of world point (x, y) for circumradius R: the cell's axial (q, r) in roundedQ, roundedR. */
function cubeRound(x: number, y: number, R: number): void {
  const qf = ((2 / 3) * x) / R;
  const rf = ((-1 / 3) * x + (SQRT3 / 3) * y) / R;
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  roundedQ = q === 0 ? 0 : q;
  roundedR = r === 0 ? 0 : r;
}

/** The axial cell holding world point (x, y) for circumradius R (cube rounding). */
export function hexAt(x: number, y: number, R: number): [number, number] {
  cubeRound(x, y, R);
  return [roundedQ, roundedR];
}

/**
 * cellKey(...hexAt(x, y, R)) without the pair made between them (the density grid asks it of every
 * mark: a million pairs at 1M rows).
 */
export function hexCellKey(x: number, y: number, R: number): number {
  cubeRound(x, y, R);
  return cellKey(roundedQ, roundedR);
}

/** The key of the cell holding world point (x, y). */
export function hexKeyAt(x: number, y: number, R: number): number {
  const [q, r] = hexAt(x, y, R);
  return cellKey(q, r);
}

/** World centre of a cell. */
export function hexCentre(q: number, r: number, R: number): [number, number] {
  return [R * 1.5 * q, R * SQRT3 * (r + q / 2)];
}

/** The six corners (lon, lat) of a cell, for outlines. */
export function hexCorners(q: number, r: number, R: number): [number, number][] {
  const [cx, cy] = hexCentre(q, r, R);
  return Array.from({ length: 7 }, (_, i) => {
    const a = (Math.PI / 3) * (i % 6);
    return [lonOf(cx + R * Math.cos(a)), latOf(cy + R * Math.sin(a))] as [number, number];
  });
}

/** Hexagon sizes offered, as the distance across the flats in km: the grid snaps to these. */
export const HEX_KM = [1, 2, 5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500] as const;
/** About how wide a hexagon is drawn on screen, in CSS pixels, before snapping to HEX_KM. */
export const HEX_TARGET_PX = 26;

export interface HexSize {
  /** Across the flats, in km at `refLat`. */
  km: number;
  /** Circumradius in world units. */
  R: number;
  refLat: number;
}

/**
 * The hexagon size for a zoom: the HEX_KM step nearest (in log scale) to HEX_TARGET_PX on screen,
 * at the reference latitude. It changes only when the zoom crosses a step, so the bins (and their
 * counts) stay put while the map is panned or zoomed a little.
 */
export function hexSizeFor(zoom: number, refLat: number): HexSize {
  const kmPerUnit = KM_PER_WORLD_UNIT_AT_EQUATOR * Math.cos((refLat * Math.PI) / 180);
  const targetKm = (HEX_TARGET_PX / 2 ** zoom) * kmPerUnit;
  let km: number = HEX_KM[0];
  for (const k of HEX_KM) if (Math.abs(Math.log(k / targetKm)) < Math.abs(Math.log(km / targetKm))) km = k;
  return { km, R: km / kmPerUnit / SQRT3, refLat };
}
