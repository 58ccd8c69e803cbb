// The space-filling curve rows are sorted by within a day: a 32-bit Morton (Z-order) code of lon/lat, in JS and in DuckDB SQL.

/**
 * Longitude and latitude are each quantised to 16 bits (≈ 600 m cells) and their bits interleaved,
 * lon in the even bits: nearby places get nearby codes, so a run of rows sorted by the code covers
 * a compact area and a row group's bbox stays small enough to skip when it is out of view.
 *
 *   lon bits  x15 … x1 x0      code = … y1 x1 y0 x0
 *   lat bits  y15 … y1 y0
 */
export const MORTON_BITS = 16;
const SCALE = (1 << MORTON_BITS) - 1;

/** lon/lat → the 0..65535 cell along each axis (clamped). */
export function quantise(lon: number, lat: number): [number, number] {
  const x = Math.round(((Math.min(180, Math.max(-180, lon)) + 180) / 360) * SCALE);
  const y = Math.round(((Math.min(90, Math.max(-90, lat)) + 90) / 180) * SCALE);
  return [x, y];
}

/** Spreads the low 16 bits of v to the even bits of a 32-bit number. */
function spread(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** The Morton code of cell (x, y), 0..2³²−1. */
export function mortonOf(x: number, y: number): number {
  return (spread(x) | (spread(y) << 1)) >>> 0;
}

/** The Morton code of a lon/lat. */
export function mortonCode(lon: number, lat: number): number {
  const [x, y] = quantise(lon, lat);
  return mortonOf(x, y);
}

/** The same as SQL macros for DuckDB (the publisher sorts with them): `morton(lon, lat)` → UBIGINT. */
export const MORTON_SQL = [
  `CREATE OR REPLACE MACRO morton_s1(x) AS ((x | (x << 8)) & 16711935)`, // 0x00ff00ff
  `CREATE OR REPLACE MACRO morton_s2(x) AS ((x | (x << 4)) & 252645135)`, // 0x0f0f0f0f
  `CREATE OR REPLACE MACRO morton_s3(x) AS ((x | (x << 2)) & 858993459)`, // 0x33333333
  `CREATE OR REPLACE MACRO morton_s4(x) AS ((x | (x << 1)) & 1431655765)`, // 0x55555555
  `CREATE OR REPLACE MACRO morton_spread(v) AS (morton_s4(morton_s3(morton_s2(morton_s1(v::UBIGINT & 65535)))))`,
  `CREATE OR REPLACE MACRO morton_q(v, lo, span) AS (round((least(greatest(v, lo), lo + span) - lo) / span * ${SCALE})::UBIGINT)`,
  `CREATE OR REPLACE MACRO morton(lon, lat) AS (morton_spread(morton_q(lon, -180, 360)) | (morton_spread(morton_q(lat, -90, 180)) << 1))`,
];
