// Tests for the words shown to people about dates, places, figures and counts.
import { describe, expect, it } from 'vitest';
import {
  countText,
  describeDatePrecision,
  describeDates,
  describeFigures,
  describePlace,
  formatWindow,
} from './format';
import { parseIsoDay } from '../../core/time/days';
import type { AtlasProperties } from '../../core/schema/schema';

const base: AtlasProperties = {
  id: 'x',
  layer: 'strike',
  title: 't',
  summary: 's',
  start: '2024-11-25',
  end: '2024-11-25',
  date_precision: 'day',
  date_note: 'n',
  place: 'Kharkiv',
  place_precision_km: 10,
  sources: [],
};

describe('format', () => {
  it('describes a day, a range and an open end', () => {
    expect(describeDates(base)).toBe('25 Nov 2024');
    expect(describeDates({ ...base, start: '2024-01-03', end: '2024-01-07', date_precision: 'range' })).toBe(
      'between 3 Jan 2024 and 7 Jan 2024',
    );
    expect(describeDates({ ...base, end: null, date_precision: 'range' })).toBe('since 25 Nov 2024 (no end reported)');
    expect(describeDatePrecision(base)).toBe('Known to the day');
    expect(describeDatePrecision({ ...base, date_precision: 'range' })).toMatch(/range/);
  });
  it('prints a window as one date or two', () => {
    const d = parseIsoDay('2024-11-25') as number;
    expect(formatWindow({ from: d, to: d })).toBe('25 Nov 2024');
    expect(formatWindow({ from: d - 6, to: d })).toBe('19 Nov 2024 – 25 Nov 2024');
  });
  it('states place precision', () => {
    expect(describePlace(base)).toBe('Kharkiv (true spot within about 10 km)');
    expect(describePlace({ ...base, place_precision_km: 0.5 })).toBe('Kharkiv');
  });
  it('lists figures with qualifiers in schema order', () => {
    expect(
      describeFigures({
        ...base,
        buildings_damaged: 40,
        injured: 23,
        figure_qualifiers: { injured: 'at least', buildings_damaged: 'more than' },
      }),
    ).toEqual([
      ['Injured', 'at least 23'],
      ['Buildings damaged', 'more than 40'],
    ]);
  });
  it('counts with plurals', () => {
    expect(countText(1)).toBe('1 event in window');
    expect(countText(3)).toBe('3 events in window');
  });
});
