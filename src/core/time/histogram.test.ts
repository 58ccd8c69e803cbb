// Tests for the per-bin event histogram behind the slider.
import { describe, expect, it } from 'vitest';
import { binOf, histogram } from './histogram';

describe('histogram', () => {
  it('counts events into equal bins over the span', () => {
    const h = histogram([0, 1, 2, 9, 9, 5], { start: 0, end: 9 }, 5);
    expect(Array.from(h.counts)).toEqual([2, 1, 1, 0, 2]);
    expect(h.max).toBe(2);
    expect(h.binDays).toBe(2);
  });
  it('puts the last day in the last bin and ignores days outside the span', () => {
    const h = histogram([100, 199, 250, 50], { start: 100, end: 199 }, 10);
    expect(h.counts[0]).toBe(1);
    expect(h.counts[9]).toBe(1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });
  it('handles a one-day span', () => {
    const h = histogram([7, 7], { start: 7, end: 7 }, 30);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(binOf(h, 7)).toBe(0);
  });
  it('maps days to bins, clamped', () => {
    const h = histogram([], { start: 0, end: 99 }, 10);
    expect(binOf(h, 0)).toBe(0);
    expect(binOf(h, 55)).toBe(5);
    expect(binOf(h, 1000)).toBe(9);
    expect(binOf(h, -5)).toBe(0);
  });
});
