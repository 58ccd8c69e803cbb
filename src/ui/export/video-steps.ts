// Pure: a video's time steps (day, week, month; moving or cumulative), frames per step, its pixel size and limits.
import { formatHumanDay } from '../../core/time/days';
import type { DayRange, WindowMode } from '../../core/time/window';

export type VideoStep = 'day' | 'week' | 'month';
export const VIDEO_STEPS: readonly VideoStep[] = ['day', 'week', 'month'];

/** At most this many steps, and frames, in one video (10 minutes at 30 fps). */
export const MAX_VIDEO_STEPS = 5000;
export const MAX_VIDEO_FRAMES = 18_000;
export const DEFAULT_FPS = 30;

/** One time step of the video: the window its frames show and their date caption. */
export interface StepFrame {
  window: DayRange;
  caption: string;
}

const MS_PER_DAY = 86_400_000;

/** The day `months` calendar months after `day`, on the same day of the month or the month's last day. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / MS_PER_DAY);
}

/** The first day of step `k` of a period starting on `from`. */
export function stepStart(from: number, step: VideoStep, k: number): number {
  if (step === 'day') return from + k;
  if (step === 'week') return from + 7 * k;
  return addMonths(from, k);
}

/** How many steps a period has: every day, week or month that starts within it (the last may be cut short). */
export function stepCount(period: DayRange, step: VideoStep): number {
  if (period.to < period.from) return 0;
  const days = period.to - period.from + 1;
  if (step === 'day') return days;
  if (step === 'week') return Math.ceil(days / 7);
  let k = 0;
  while (stepStart(period.from, 'month', k) <= period.to) k++;
  return k;
}

/**
 * The steps of a video of `period`. A moving window shows each step's own days (one day, one week,
 * one month); cumulative shows everything from the period's start to the step's end. `dataStart`
 * (the data's first day) makes a cumulative caption read "Everything up to …" as in the app when
 * the period starts there.
 */
export function videoSteps(
  period: DayRange,
  step: VideoStep,
  mode: WindowMode,
  dataStart: number | null = null,
): StepFrame[] {
  const n = stepCount(period, step);
  if (n > MAX_VIDEO_STEPS)
    throw new Error(`Video: ${n} steps is more than ${MAX_VIDEO_STEPS}; choose a longer step or a shorter period.`);
  const out: StepFrame[] = [];
  for (let k = 0; k < n; k++) {
    const start = stepStart(period.from, step, k);
    const end = Math.min(period.to, stepStart(period.from, step, k + 1) - 1);
    const window = mode === 'cumulative' ? { from: period.from, to: end } : { from: start, to: end };
    out.push({ window, caption: stepCaption(window, mode, dataStart) });
  }
  return out;
}

/** "25 Nov 2024", "18 Nov 2024 – 24 Nov 2024"; cumulative "Everything up to 24 Nov 2024" or "From 18 Nov 2024 to 24 Nov 2024". */
export function stepCaption(win: DayRange, mode: WindowMode, dataStart: number | null): string {
  if (mode === 'cumulative') {
    if (dataStart !== null && win.from <= dataStart) return `Everything up to ${formatHumanDay(win.to)}`;
    return `From ${formatHumanDay(win.from)} to ${formatHumanDay(win.to)}`;
  }
  return win.from === win.to ? formatHumanDay(win.from) : `${formatHumanDay(win.from)} – ${formatHumanDay(win.to)}`;
}

/** Every window of the steps together (what any frame can show): their earliest day to their latest. */
export function unionWindow(steps: readonly StepFrame[]): DayRange | null {
  if (!steps.length) return null;
  return { from: Math.min(...steps.map((s) => s.window.from)), to: Math.max(...steps.map((s) => s.window.to)) };
}

/** Frames each step is shown for: `framesPerStep` when given, else seconds × fps, at least 1. */
export function framesPerStep(timing: {
  fps: number;
  secondsPerStep?: number | null;
  framesPerStep?: number | null;
}): number {
  if (timing.framesPerStep && timing.framesPerStep > 0) return Math.max(1, Math.round(timing.framesPerStep));
  const s = timing.secondsPerStep && timing.secondsPerStep > 0 ? timing.secondsPerStep : 0.5;
  return Math.max(1, Math.round(s * timing.fps));
}

/** Checks a frame rate: a whole or fractional number from 1 to 120. */
export function checkFps(fps: number): number {
  if (!Number.isFinite(fps) || fps < 1 || fps > 120)
    throw new Error(`Video: the frame rate must be 1–120 fps, not ${fps}.`);
  return fps;
}

/** Total frames, checked against the limit with a message that says what to change. */
export function totalFrames(steps: number, perStep: number): number {
  const n = steps * perStep;
  if (n > MAX_VIDEO_FRAMES) {
    throw new Error(
      `Video: ${steps} steps × ${perStep} frames is ${n} frames, more than ${MAX_VIDEO_FRAMES} (10 minutes at 30 fps); use fewer frames per step, a longer step or a shorter period.`,
    );
  }
  return n;
}

/**
 * The CSS size of a video whose pixels are even on both sides (H.264 and VP9's 4:2:0 need it):
 * a side whose width × scale rounds to an odd number loses a CSS pixel or two.
 */
export function evenVideoSize(
  width: number,
  height: number,
  scale: number,
): { width: number; height: number; changed: boolean } {
  const fix = (side: number): number => {
    let w = Math.round(side);
    for (let i = 0; i < 4 && Math.round(w * scale) % 2 !== 0; i++) w--;
    return w;
  };
  const w = fix(width);
  const h = fix(height);
  return { width: w, height: h, changed: w !== Math.round(width) || h !== Math.round(height) };
}

/** "2 min 5 s", "12 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '';
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  const m = Math.floor(s / 60);
  const r = Math.round(s - 60 * m);
  return r ? `${m} min ${r} s` : `${m} min`;
}
