// Tests the ACLED-shaped generator: deterministic, sorted by date, every row loads through the ACLED import, categories mixed.
import { describe, expect, it } from 'vitest';
import { ACLED_COLUMNS, ACLED_MIX, generateAcledLines } from './acled-csv';
import { importTextSync } from '../import/import';

const text = (n: number, seed: number): string => `${[...generateAcledLines({ n, seed })].join('\n')}\n`;

describe('ACLED-shaped generator', () => {
  it('gives the same bytes for the same seed, a header and one line a row, sorted by event_date', () => {
    const a = text(3000, 4);
    expect(a).toBe(text(3000, 4));
    expect(a).not.toBe(text(3000, 5));
    const lines = a.trimEnd().split('\n');
    expect(lines[0]).toBe(ACLED_COLUMNS.join(','));
    expect(lines).toHaveLength(3001);
    const dates = lines.slice(1).map((l) => l.split(',')[1]);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[dates.length - 1] > '2025-06-01').toBe(true);
  });

  it('is a valid ACLED export: the importer loads every row and rejects none, in every category', () => {
    const result = importTextSync(text(4000, 2), 'acled.csv');
    expect(result.fatal).toBeUndefined();
    expect(result.rejected).toBe(0);
    expect(result.loaded).toBe(4000);
    const lines = text(4000, 2).trimEnd().split('\n').slice(1);
    for (const m of ACLED_MIX.slice(0, 5)) {
      const share = lines.filter((l) => l.includes(`,${m.subEventType},`)).length / lines.length;
      expect(share).toBeGreaterThan(m.share * 0.7);
      expect(share).toBeLessThan(m.share * 1.3);
    }
  });
});
