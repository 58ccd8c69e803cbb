// buildPointSetSteps: the strike point set made a chunk of rows a step, the same set as in one go.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import { buildPointSet, buildPointSetSteps, maxStrikeMagnitude } from './point-sets';

describe('buildPointSetSteps', () => {
  // 40 strikes, some over a range of days, some imprecise (the uncertainty set).
  const features = Array.from({ length: 40 }, (_, i) =>
    feature(
      `s${i}`,
      'strike',
      `2024-11-${String(1 + (i % 20)).padStart(2, '0')}`,
      `2024-11-${String(1 + (i % 20) + (i % 3)).padStart(2, '0')}`,
      { place_precision_km: i % 4 === 0 ? 25 : 1 },
      [30 + i / 10, 48 + i / 20],
    ),
  );
  const ds = buildDataset(features);
  const rows = ds.columns.rowsOfLayer[ds.layers.findIndex((l) => l.key === 'strikes')];
  const max = maxStrikeMagnitude(ds);

  it('yields after every chunk of rows in both passes, and makes the very set buildPointSet makes', () => {
    for (const style of ['strike', 'uncertainty'] as const) {
      const steps = buildPointSetSteps(ds, rows, style, max, undefined, 8);
      let pauses = 0;
      let r = steps.next();
      while (!r.done) {
        pauses++;
        r = steps.next();
      }
      expect(rows.length).toBe(40);
      expect(pauses).toBe(10); // 40 / 8 in the count pass, and again in the fill pass
      const whole = buildPointSet(ds, rows, style, max);
      expect(r.value.n).toBe(whole.n);
      expect(r.value.n).toBeGreaterThan(0);
      expect([...r.value.row]).toEqual([...whole.row]);
      expect([...r.value.positions]).toEqual([...whole.positions]);
      expect([...r.value.filter]).toEqual([...whole.filter]);
    }
  });
});
