// Tests the columnar build: sorted rows, typed columns, features rebuilt by row, per-layer rows, and its errors.
import { describe, expect, it } from 'vitest';
import { buildColumns, featureAt, KINDS, OPEN_DAY, TIMELESS_DAY } from './columns';
import { feature, SAMPLE } from '../../../tests/support/features';
import { parseIsoDay } from '../time/days';
import { WEAPONS, type AtlasFeature } from '../schema/schema';

const KEYS = ['strikes', 'facilities', 'deployments', 'links'];
const day = (s: string): number => parseIsoDay(s) as number;

describe('buildColumns', () => {
  const c = buildColumns(SAMPLE, KEYS);

  it('sorts rows by start day, then id', () => {
    expect([...c.ids]).toEqual(['strike-old', 'facility-x', 'deployment-y', 'strike-a', 'strike-b']);
    expect(Array.from(c.start)).toEqual([
      day('2021-08-09'),
      day('2024-10-01'),
      day('2024-11-25'),
      day('2024-11-25'),
      day('2024-11-25'),
    ]);
  });

  it('fills the typed columns: end (open = OPEN_DAY), layer, kind, weapon, magnitude, anchor', () => {
    expect(c.end[0]).toBe(day('2021-08-13'));
    expect(c.end[1]).toBe(OPEN_DAY);
    expect(Array.from(c.layer)).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(c.kind, (k) => KINDS[k])).toEqual(['strike', 'facility', 'deployment', 'strike', 'strike']);
    expect(WEAPONS[c.weapon[4]]).toBe('missile');
    expect(c.magnitude[4]).toBe(23);
    expect([c.lon[4], c.lat[4]]).toEqual([36.23, 49.99]);
    expect(c.lon[2]).toBeCloseTo(30); // centre of the deployment's square
    expect(c.rowOfId.get('strike-b')).toBe(4);
  });

  it('lists the rows of each layer in start order', () => {
    expect(c.rowsOfLayer.map((r) => Array.from(r))).toEqual([[0, 3, 4], [1], [2], []]);
  });

  it('rebuilds each feature exactly (properties, point and area geometry, feature members)', () => {
    const byId = new Map(SAMPLE.map((f) => [f.properties.id, f]));
    for (let r = 0; r < c.n; r++) expect(featureAt(c, r)).toEqual(byId.get(c.ids.get(r)));
    const withMembers: AtlasFeature = {
      ...feature('m', 'strike', '2024-01-01', '2024-01-01'),
      id: 'm',
      bbox: [1, 2, 3, 4],
    };
    const withOtherId = { ...feature('o', 'strike', '2024-01-02', '2024-01-02'), id: 7 } as AtlasFeature;
    const c2 = buildColumns([withMembers, withOtherId], KEYS);
    expect(featureAt(c2, 0)).toEqual(withMembers);
    expect(featureAt(c2, 1)).toEqual(withOtherId);
  });

  it('keeps a 3-D point and a MultiPoint aside, anchored', () => {
    const p3 = feature('p3', 'strike', '2024-01-01', '2024-01-01');
    p3.geometry = { type: 'Point', coordinates: [30, 50, 100] };
    const mp = feature('mp', 'strike', '2024-01-02', '2024-01-02');
    mp.geometry = {
      type: 'MultiPoint',
      coordinates: [
        [30, 50],
        [32, 52],
      ],
    };
    const c2 = buildColumns([p3, mp], KEYS);
    expect(featureAt(c2, 0).geometry).toEqual(p3.geometry);
    expect(featureAt(c2, 1).geometry).toEqual(mp.geometry);
    expect([c2.lon[1], c2.lat[1]]).toEqual([31, 51]);
  });

  it('orders by id within a day whatever the input order, and handles far-apart days', () => {
    const fs = ['c', 'a', 'b'].map((id) => feature(id, 'strike', '2024-01-01', '2024-01-01'));
    expect([...buildColumns(fs, KEYS).ids]).toEqual(['a', 'b', 'c']);
    const far = [
      feature('late', 'strike', '2900-01-01', '2900-01-01'),
      feature('early', 'strike', '1000-01-01', '1000-01-01'),
    ];
    expect([...buildColumns(far, KEYS).ids]).toEqual(['early', 'late']);
    expect(buildColumns([], KEYS).n).toBe(0);
  });

  it('names the feature when a layer, a date or an id is wrong', () => {
    expect(() => buildColumns(SAMPLE, ['strikes'])).toThrow(/layer "facilities"/);
    expect(() => buildColumns([feature('x', 'strike', '2024-13-01', '2024-13-01')], KEYS)).toThrow(
      /feature 0 \(x\): start/,
    );
    expect(() =>
      buildColumns(
        [feature('x', 'strike', '2024-01-01', '2024-01-01'), feature('x', 'strike', '2024-01-02', '2024-01-02')],
        KEYS,
      ),
    ).toThrow(/appears twice/);
  });

  it('puts timeless rows first (TIMELESS_DAY, open end) with the counting sort, and keeps null geometries as null', () => {
    const fs = [
      feature('dated-b', 'strike', '2024-01-02', '2024-01-02'),
      feature('undated-z', 'strike', '', '', { timeless: true }),
      { ...feature('unplaced', 'strike', '2024-01-01', '2024-01-01'), geometry: null },
      feature('undated-a', 'strike', '', '', { timeless: true }),
    ];
    const t = buildColumns(fs, KEYS);
    expect([...t.ids]).toEqual(['undated-a', 'undated-z', 'unplaced', 'dated-b']);
    expect(Array.from(t.start.subarray(0, 3))).toEqual([TIMELESS_DAY, TIMELESS_DAY, day('2024-01-01')]);
    expect([t.end[0], t.end[1]]).toEqual([OPEN_DAY, OPEN_DAY]);
    expect([t.lon[2], t.lat[2]]).toEqual([NaN, NaN]);
    expect(featureAt(t, 2).geometry).toBeNull();
    expect(featureAt(t, 3).geometry).toEqual({ type: 'Point', coordinates: [30, 50] });
  });
});
