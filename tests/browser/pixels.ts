// Pixel helpers for browser tests: decode page screenshots (pngjs) and sample, compare and crop them.
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

export type Rgba = [number, number, number, number];

/** A PNG screenshot of the page, decoded (what the compositor shows, so WebGL's buffer mode is irrelevant). */
export async function capture(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.screenshot({ fullPage: true }));
}

/** RGBA of a decoded PNG at device-pixel position (x, y), clamped to the image. */
export function pixelAt(png: PNG, x: number, y: number): Rgba {
  const px = Math.min(png.width - 1, Math.max(0, Math.round(x)));
  const py = Math.min(png.height - 1, Math.max(0, Math.round(y)));
  const i = (png.width * py + px) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
}

/** RGBA at CSS-pixel positions (relative to the page), read from one full-page screenshot. */
export async function samplePixels(page: Page, points: ReadonlyArray<readonly [number, number]>): Promise<Rgba[]> {
  const png = await capture(page);
  const scale = await page.evaluate(() => window.devicePixelRatio);
  return points.map(([x, y]) => pixelAt(png, Math.floor(x * scale), Math.floor(y * scale)));
}

/**
 * The colour at each CSS-pixel position, robust to a stray label stroke or anti-aliased edge:
 * the per-channel median of a 3×3 grid of pixels `spread` CSS pixels apart around it.
 */
export async function sampleSpots(
  page: Page,
  points: ReadonlyArray<readonly [number, number]>,
  spread = 2,
): Promise<Rgba[]> {
  const offsets = [-spread, 0, spread];
  const grid = points.flatMap(([x, y]) => offsets.flatMap((dy) => offsets.map((dx) => [x + dx, y + dy] as const)));
  const pixels = await samplePixels(page, grid);
  return points.map((_, i) => {
    const cell = pixels.slice(i * 9, i * 9 + 9);
    const median = (c: number): number => cell.map((p) => p[c]).sort((a, b) => a - b)[4];
    return [median(0), median(1), median(2), median(3)];
  });
}

/** Largest per-channel difference (RGB) between two colours. */
export function colourDistance(a: Rgba | readonly number[], b: Rgba | readonly number[]): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/**
 * True when the image is blank-ish: at least `fraction` of a grid of samples (every `step` pixels)
 * lies within `tolerance` of the most common sampled colour.
 */
export function isMostlyUniform(png: PNG, fraction = 0.98, tolerance = 8, step = 7): boolean {
  const samples: Rgba[] = [];
  for (let y = 0; y < png.height; y += step) {
    for (let x = 0; x < png.width; x += step) samples.push(pixelAt(png, x, y));
  }
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = `${s[0] >> 3},${s[1] >> 3},${s[2] >> 3}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [topKey] = [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const top = samples.find((s) => `${s[0] >> 3},${s[1] >> 3},${s[2] >> 3}` === topKey) ?? samples[0];
  const near = samples.filter((s) => colourDistance(s, top) <= tolerance).length;
  return near / samples.length >= fraction;
}

/** Crops a decoded PNG to a CSS-pixel box (e.g. an element's bounding box). */
export function crop(png: PNG, box: { x: number; y: number; width: number; height: number }, scale = 1): PNG {
  const x0 = Math.max(0, Math.floor(box.x * scale));
  const y0 = Math.max(0, Math.floor(box.y * scale));
  const width = Math.max(1, Math.min(png.width - x0, Math.floor(box.width * scale)));
  const height = Math.max(1, Math.min(png.height - y0, Math.floor(box.height * scale)));
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, x0, y0, width, height, 0, 0);
  return out;
}
