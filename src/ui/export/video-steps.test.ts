// Tests for a video's steps: day, week and month steps, moving and cumulative windows, captions, frames, even sizes.
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../core/time/days';
import {
  addMonths,
  evenVideoSize,
  formatSeconds,
  framesPerStep,
  stepCount,
  totalFrames,
  unionWindow,
  videoSteps,
} from './video-steps';

const d = (iso: string): number => parseIsoDay(iso) as number;
const isoWin = (w: { from: number; to: number }): string => `${formatIsoDay(w.from)}..${formatIsoDay(w.to)}`;

describe('videoSteps', () => {
  it('one step a day, each day alone, captioned with its date', () => {
    const steps = videoSteps({ from: d('2024-11-18'), to: d('2024-11-25') }, 'day', 'window');
    expect(steps).toHaveLength(8);
    expect(isoWin(steps[0].window)).toBe('2024-11-18..2024-11-18');
    expect(steps[0].caption).toBe('18 Nov 2024');
    expect(steps[7].caption).toBe('25 Nov 2024');
  });
  it('weeks: the last one cut at the period’s end', () => {
    const steps = videoSteps({ from: d('2024-11-01'), to: d('2024-11-20') }, 'week', 'window');
    expect(steps.map((s) => isoWin(s.window))).toEqual([
      '2024-11-01..2024-11-07',
      '2024-11-08..2024-11-14',
      '2024-11-15..2024-11-20',
    ]);
    expect(steps[1].caption).toBe('8 Nov 2024 – 14 Nov 2024');
  });
  it('calendar months, keeping the day of the month (or the month’s last day)', () => {
    expect(formatIsoDay(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatIsoDay(addMonths(d('2024-01-31'), 2))).toBe('2024-03-31');
    expect(formatIsoDay(addMonths(d('2024-11-15'), 2))).toBe('2025-01-15');
    const steps = videoSteps({ from: d('2024-01-01'), to: d('2024-03-31') }, 'month', 'window');
    expect(steps.map((s) => isoWin(s.window))).toEqual([
      '2024-01-01..2024-01-31',
      '2024-02-01..2024-02-29',
      '2024-03-01..2024-03-31',
    ]);
    expect(stepCount({ from: d('2024-01-31'), to: d('2024-03-30') }, 'month')).toBe(2);
  });
  it('cumulative: from the period’s start, "Everything up to" when that is the data’s start', () => {
    const steps = videoSteps({ from: d('2024-11-18'), to: d('2024-11-20') }, 'day', 'cumulative', d('2024-11-18'));
    expect(steps.map((s) => isoWin(s.window))).toEqual([
      '2024-11-18..2024-11-18',
      '2024-11-18..2024-11-19',
      '2024-11-18..2024-11-20',
    ]);
    expect(steps[2].caption).toBe('Everything up to 20 Nov 2024');
    const later = videoSteps({ from: d('2024-11-18'), to: d('2024-11-20') }, 'day', 'cumulative', d('2023-01-01'));
    expect(later[2].caption).toBe('From 18 Nov 2024 to 20 Nov 2024');
  });
  it('the union of the windows, and a clear error for too many steps', () => {
    expect(unionWindow(videoSteps({ from: 10, to: 30 }, 'week', 'window'))).toEqual({ from: 10, to: 30 });
    expect(unionWindow([])).toBeNull();
    expect(() => videoSteps({ from: 0, to: 20_000 }, 'day', 'window')).toThrow(/longer step or a shorter period/);
  });
});

describe('timing and size', () => {
  it('frames per step from seconds × fps, or as given', () => {
    expect(framesPerStep({ fps: 30, secondsPerStep: 0.5 })).toBe(15);
    expect(framesPerStep({ fps: 30, secondsPerStep: 0.01 })).toBe(1);
    expect(framesPerStep({ fps: 30, secondsPerStep: 2, framesPerStep: 4 })).toBe(4);
    expect(framesPerStep({ fps: 30 })).toBe(15);
  });
  it('limits the frames with a message that says what to change', () => {
    expect(totalFrames(10, 15)).toBe(150);
    expect(() => totalFrames(2000, 30)).toThrow(/60000 frames, more than 18000/);
  });
  it('even pixel sides for the encoders', () => {
    expect(evenVideoSize(1920, 1080, 1)).toEqual({ width: 1920, height: 1080, changed: false });
    expect(evenVideoSize(641, 361, 1)).toEqual({ width: 640, height: 360, changed: true });
    expect(evenVideoSize(641, 361, 2)).toEqual({ width: 641, height: 361, changed: false });
  });
  it('formats an estimate', () => {
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(120)).toBe('2 min');
  });
});
