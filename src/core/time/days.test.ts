// parseIsoDay reads exactly the dates the Date-based check did (strict YYYY-MM-DD, real calendar days, years from 100), to the same day numbers.
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from './days';

/** The earlier parser (a pattern, Date.UTC and the date read back), as the reference. */
function byDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

describe('parseIsoDay', () => {
  it('gives the day numbers of real dates, and null for anything else', () => {
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(parseIsoDay('2024-02-29')).toBe(19782);
    expect(parseIsoDay('1969-12-31')).toBe(-1);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '2024-01-01\n',
      ' 2024-01-01',
      '2024/01/01',
      '２０２４-01-01',
      '0099-01-01',
      '',
    ])
      expect(parseIsoDay(bad), bad).toBeNull();
  });

  it('agrees with the Date-based check on every day of four centuries and on near misses', () => {
    const wrong: string[] = [];
    for (let day = -150_000; day < 150_000; day += 1) {
      const iso = formatIsoDay(day);
      if (iso.length === 10 && parseIsoDay(iso) !== day) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
    const digits = '0123456789';
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 20_000; k++) {
      const pick = (len: number): string => Array.from({ length: len }, () => digits[rnd(10)]).join('');
      const y = rnd(4) === 0 ? pick(4) : String(1900 + rnd(200));
      const text = `${y}-${rnd(3) ? String(rnd(14)).padStart(2, '0') : pick(2)}-${String(rnd(33)).padStart(2, '0')}`;
      if (parseIsoDay(text) !== byDate(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    for (const y of ['0000', '0001', '0099', '0100', '0400', '1600', '9999'])
      for (const md of ['01-01', '02-28', '02-29', '12-31'])
        expect(parseIsoDay(`${y}-${md}`), `${y}-${md}`).toBe(byDate(`${y}-${md}`));
  });
});
