import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { MORTON_SQL, mortonCode, mortonOf, quantise } from './morton';

describe('Morton code', () => {
  it('interleaves the bits of x (even) and y (odd)', () => {
    expect(mortonOf(0, 0)).toBe(0);
    expect(mortonOf(1, 0)).toBe(1);
    expect(mortonOf(0, 1)).toBe(2);
    expect(mortonOf(3, 3)).toBe(15);
    expect(mortonOf(0xffff, 0xffff)).toBe(0xffffffff);
    expect(mortonOf(0b101, 0b010)).toBe(0b011001);
  });

  it('keeps nearby places near each other along the curve, more than far ones', () => {
    const kharkiv = mortonCode(36.23, 49.99);
    const near = mortonCode(36.24, 49.995);
    const odesa = mortonCode(30.72, 46.48);
    expect(Math.abs(kharkiv - near)).toBeLessThan(Math.abs(kharkiv - odesa));
    expect(quantise(-200, 100)).toEqual([0, 65535]);
  });

  it('is computed the same by the SQL the publisher sorts with', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const sql of MORTON_SQL) await con.run(sql);
    const points: [number, number][] = [
      [0, 0],
      [36.23, 49.99],
      [-179.9, -89.9],
      [180, 90],
      [30.7234, 46.4825],
      [-0.0001, 0.0001],
      [12.3456, -45.678],
    ];
    const rows = (
      await con.runAndReadAll(
        `SELECT morton(lon, lat) AS m FROM (VALUES ${points.map(([x, y]) => `(${x}::DOUBLE, ${y}::DOUBLE)`).join(', ')}) t(lon, lat)`,
      )
    ).getRowObjectsJS();
    expect(rows.map((r) => Number(r.m))).toEqual(points.map(([x, y]) => mortonCode(x, y)));
    con.closeSync();
  });
});
