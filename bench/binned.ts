// Benchmark part: the app's layer drawing the same windows as dots, hexagons and heatmap, and a whole-span frame of each.
import type { Page } from 'playwright-core';
import { BINNED_METHODS } from './methods';

/**
 * Hexagons and heatmap are counted on the CPU from the window's marks (src/ui/layers/bins.ts,
 * heatmap.ts), so their frame should cost what the window holds, not what the dataset holds: the
 * "before drawing" part (JavaScript: binning, the heatmap image, layer updates) is what to compare
 * across sizes at the same window share, and against the dots of the same window.
 */
export interface BinnedFrames {
  /** Mean ms per frame and the part before the drawing, by method (ours = dots), over the stepped windows. */
  mean: Record<string, number>;
  cpu: Record<string, number>;
  /** One frame of the whole span, by method (the first at a new hexagon size also builds its grid). */
  whole: Record<string, number>;
  wholeCpu: Record<string, number>;
}

type Api = {
  frames(
    methods: string[],
    steps: number,
    widthDays: number,
    warmup: number,
  ): Promise<{ ms: Record<string, number[]>; cpu: Record<string, number[]>; visible: number[] }>;
  span(): { start: number; end: number };
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Times the binned methods on the bench page (after the dots table's own frames). */
export async function timeBinned(
  page: Page,
  steps: number,
  windowDays: number,
  log: (s: string) => void,
): Promise<BinnedFrames> {
  type W = Window & { __bench: Api };
  const r = await page.evaluate(([ms, st, w]) => (window as unknown as W).__bench.frames([...ms], st, w, 1), [
    BINNED_METHODS,
    steps,
    windowDays,
  ] as const);
  const span = await page.evaluate(() => (window as unknown as W).__bench.span());
  // The whole span: one untimed frame (builds the grid at this size), then one timed.
  const whole = await page.evaluate(([ms, w]) => (window as unknown as W).__bench.frames([...ms], 1, w, 1), [
    BINNED_METHODS,
    span.end - span.start + 1,
  ] as const);
  const out: BinnedFrames = { mean: {}, cpu: {}, whole: {}, wholeCpu: {} };
  for (const m of BINNED_METHODS) {
    out.mean[m] = mean(r.ms[m]);
    out.cpu[m] = mean(r.cpu[m]);
    out.whole[m] = mean(whole.ms[m]);
    out.wholeCpu[m] = mean(whole.cpu[m]);
    log(
      `    binned ${m.padEnd(8)} window: mean ${out.mean[m].toFixed(1)} ms (before drawing ${out.cpu[m].toFixed(1)} ms); whole span ${out.whole[m].toFixed(1)} ms (${out.wholeCpu[m].toFixed(1)} ms)`,
    );
  }
  return out;
}

/** The report's lines for the binned frames (section 1b). */
export function binnedReport(results: readonly { n: number; binned?: BinnedFrames }[]): string[] {
  const lines = ['\n== 1b. The same windows as dots (ours), hexagons and heatmap; and one frame of the whole span =='];
  const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  for (const r of results) {
    if (!r.binned) continue;
    const b = r.binned;
    lines.push(`${r.n.toLocaleString('en-GB')} events:`);
    for (const m of BINNED_METHODS)
      lines.push(
        `  ${(m === 'ours' ? 'dots' : m).padEnd(9)} window ${fmt(b.mean[m]).padStart(9)} (before drawing ${fmt(b.cpu[m]).padStart(8)})   whole span ${fmt(b.whole[m]).padStart(9)} (before drawing ${fmt(b.wholeCpu[m]).padStart(8)})`,
      );
  }
  return lines;
}
