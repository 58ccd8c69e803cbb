// Tests for the time slider's pixel maths and drag rules.
import { describe, expect, it } from 'vitest';
import { centreWindowOn, dayToX, dragWindow, xToDay, yearTicks } from './slider-geometry';
import { parseIsoDay } from '../../core/time/days';

const span = { start: 0, end: 99 };

describe('slider geometry', () => {
  it('maps days to x and back', () => {
    expect(dayToX(0, span, 1000)).toBe(0);
    expect(dayToX(50, span, 1000)).toBe(500);
    expect(xToDay(505, span, 1000)).toBe(50);
    expect(xToDay(-20, span, 1000)).toBe(0);
    expect(xToDay(5000, span, 1000)).toBe(99);
  });
  it('drags the body keeping the width, within the span', () => {
    expect(dragWindow({ from: 10, to: 20 }, 'body', 5, span)).toEqual({ from: 15, to: 25 });
    expect(dragWindow({ from: 10, to: 20 }, 'body', 500, span)).toEqual({ from: 89, to: 99 });
  });
  it('drags handles without crossing', () => {
    expect(dragWindow({ from: 10, to: 20 }, 'from', -4, span)).toEqual({ from: 6, to: 20 });
    expect(dragWindow({ from: 10, to: 20 }, 'from', 50, span)).toEqual({ from: 20, to: 20 });
    expect(dragWindow({ from: 10, to: 20 }, 'to', -50, span)).toEqual({ from: 10, to: 10 });
    expect(dragWindow({ from: 10, to: 20 }, 'to', 500, span)).toEqual({ from: 10, to: 99 });
  });
  it('centres the window on a clicked day', () => {
    expect(centreWindowOn(50, { from: 0, to: 10 }, span)).toEqual({ from: 45, to: 55 });
    expect(centreWindowOn(99, { from: 0, to: 10 }, span)).toEqual({ from: 89, to: 99 });
  });
  it('puts a tick on each new year inside the span', () => {
    const s = { start: parseIsoDay('2021-08-01') as number, end: parseIsoDay('2024-11-25') as number };
    expect(yearTicks(s).map((t) => t.label)).toEqual(['2022', '2023', '2024']);
  });
});
