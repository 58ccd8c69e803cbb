// Tests for the time-window logic: overlap, modes, stepping, jumps and playback.
import { describe, expect, it } from 'vitest';
import {
  atEnd,
  clampWindow,
  effectiveWindow,
  jumpWindow,
  openingDay,
  overlaps,
  playbackAdvance,
  stepWindow,
} from './window';

const span = { start: 100, end: 200 };

describe('overlaps', () => {
  it('shows a one-day event only inside the window', () => {
    expect(overlaps(150, 150, { from: 150, to: 150 })).toBe(true);
    expect(overlaps(150, 150, { from: 151, to: 160 })).toBe(false);
    expect(overlaps(150, 150, { from: 140, to: 149 })).toBe(false);
  });
  it('shows a ranged event while any of its days is in the window (inclusive ends)', () => {
    expect(overlaps(140, 150, { from: 150, to: 160 })).toBe(true);
    expect(overlaps(160, 170, { from: 150, to: 160 })).toBe(true);
    expect(overlaps(120, 190, { from: 150, to: 151 })).toBe(true);
  });
  it('treats a null end as still active', () => {
    expect(overlaps(120, null, { from: 5000, to: 6000 })).toBe(true);
    expect(overlaps(120, null, { from: 10, to: 119 })).toBe(false);
  });
});

describe('modes', () => {
  it('cumulative pins from to the span start', () => {
    expect(effectiveWindow({ from: 150, to: 160 }, 'cumulative', span)).toEqual({ from: 100, to: 160 });
    expect(effectiveWindow({ from: 150, to: 160 }, 'window', span)).toEqual({ from: 150, to: 160 });
  });
});

describe('stepping', () => {
  it('moves a moving window keeping its width', () => {
    expect(stepWindow({ from: 150, to: 156 }, 1, 'window', span)).toEqual({ from: 151, to: 157 });
    expect(stepWindow({ from: 150, to: 156 }, -7, 'window', span)).toEqual({ from: 143, to: 149 });
  });
  it('stops at the span edges without shrinking', () => {
    expect(stepWindow({ from: 190, to: 196 }, 30, 'window', span)).toEqual({ from: 194, to: 200 });
    expect(stepWindow({ from: 102, to: 108 }, -30, 'window', span)).toEqual({ from: 100, to: 106 });
  });
  it('moves only the end in cumulative mode', () => {
    expect(stepWindow({ from: 150, to: 156 }, 7, 'cumulative', span)).toEqual({ from: 150, to: 163 });
    expect(stepWindow({ from: 150, to: 156 }, 100, 'cumulative', span).to).toBe(200);
  });
  it('jumps to the start and end', () => {
    expect(jumpWindow({ from: 150, to: 156 }, 'start', 'window', span)).toEqual({ from: 100, to: 106 });
    expect(jumpWindow({ from: 150, to: 156 }, 'end', 'window', span)).toEqual({ from: 194, to: 200 });
    expect(atEnd({ from: 194, to: 200 }, span)).toBe(true);
  });
  it('clamps a window wider than the span to the span', () => {
    expect(clampWindow({ from: 0, to: 1000 }, span)).toEqual({ from: 100, to: 200 });
    expect(clampWindow({ from: 160, to: 150 }, span)).toEqual({ from: 150, to: 160 });
  });
});

describe('playbackAdvance', () => {
  it('advances whole days and carries the fraction', () => {
    const a = playbackAdvance(250, 2, 0);
    expect(a.days).toBe(0);
    expect(a.carry).toBeCloseTo(0.5);
    const b = playbackAdvance(250, 2, a.carry);
    expect(b.days).toBe(1);
    expect(b.carry).toBeCloseTo(0);
    expect(playbackAdvance(1000, 30, 0).days).toBe(30);
  });
  it('never goes backwards on a negative elapsed time', () => {
    expect(playbackAdvance(-50, 7, 0).days).toBe(0);
  });
});

describe('openingDay', () => {
  it('ends the first window on the newest event dated to within a month, not on a long range or an open end', () => {
    const OPEN = 2_147_483_647;
    const span = { start: 0, end: 1000 };
    // a strike on day 500, a 2-day event ending 700, a campaign 0..1000, a facility still active
    expect(openingDay([500, 698, 0, 10], [500, 700, 1000, OPEN], OPEN, span)).toBe(700);
    expect(openingDay([0], [1000], OPEN, span)).toBe(1000);
    expect(openingDay([], [], OPEN, span)).toBe(1000);
  });
});
