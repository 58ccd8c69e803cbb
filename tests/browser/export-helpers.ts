// Helpers for the export browser tests: the page's export handle, PNG decoding, Web Mercator maths, colour spots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ARTIFACTS_DIR, pixelAt, type Rgba } from './harness';
import type { DataSnapshot, ExportHandle, PngSnapshot } from '../../src/ui/export/handle';
import type { PngOptions } from '../../src/ui/export/exporter';

type HandleWindow = Window & { __atlas: { exports(): Promise<ExportHandle> } };

export interface DecodedPng {
  png: PNG;
  meta: Omit<PngSnapshot, 'base64'>;
  file: string;
}

/** Saves bytes under tests/artifacts/ and returns the path. */
export function saveArtifact(name: string, bytes: Buffer | string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, name);
  writeFileSync(file, bytes);
  return file;
}

/** Runs the page's PNG export (the dialog's code) and decodes the result; saves it as tests/artifacts/<name>. */
export async function exportPngIn(
  page: Page,
  name: string,
  options: Partial<PngOptions>,
  probes: [number, number][] = [],
): Promise<DecodedPng> {
  const r = await page.evaluate(
    async ([o, p]) => (await (window as unknown as HandleWindow).__atlas.exports()).png(o, p),
    [options, probes] as const,
  );
  const bytes = Buffer.from(r.base64, 'base64');
  const file = saveArtifact(name, bytes);
  const { base64: _drop, ...meta } = r;
  return { png: PNG.sync.read(bytes), meta, file };
}

export async function exportDataIn(page: Page, format: 'geojson' | 'csv', inView = false): Promise<DataSnapshot> {
  return page.evaluate(
    async ([f, v]) => (await (window as unknown as HandleWindow).__atlas.exports()).data(f, { inView: v }),
    [format, inView] as const,
  );
}

/**
 * The pixel of lon/lat in a Web Mercator view of `width` × `height` CSS px centred on
 * `center` at `zoom` (MapLibre's 512 px world), times `scale`: the view maths, done independently.
 */
export function mercatorPixel(
  lon: number,
  lat: number,
  center: { lon: number; lat: number },
  zoom: number,
  width: number,
  height: number,
  scale: number,
): [number, number] {
  const world = 512 * 2 ** zoom;
  const x = (l: number): number => ((l + 180) / 360) * world;
  const y = (φ: number): number => ((1 - Math.log(Math.tan(Math.PI / 4 + (φ * Math.PI) / 360)) / Math.PI) / 2) * world;
  return [(x(lon) - x(center.lon) + width / 2) * scale, (y(lat) - y(center.lat) + height / 2) * scale];
}

/** Per-channel median of a 3×3 grid of pixels `spread` image pixels apart around (x, y). */
export function spotColour(png: PNG, x: number, y: number, spread: number): Rgba {
  const cells: Rgba[] = [];
  for (const dy of [-spread, 0, spread])
    for (const dx of [-spread, 0, spread]) cells.push(pixelAt(png, x + dx, y + dy));
  const median = (c: number): number => cells.map((p) => p[c]).sort((a, b) => a - b)[4];
  return [median(0), median(1), median(2), median(3)];
}

/** The centre of a rectangle. */
export function centreOf(r: { x: number; y: number; width: number; height: number }): [number, number] {
  return [r.x + r.width / 2, r.y + r.height / 2];
}

export function insideRect(
  p: [number, number],
  r: { x: number; y: number; width: number; height: number } | null,
): boolean {
  return r !== null && p[0] >= r.x && p[0] <= r.x + r.width && p[1] >= r.y && p[1] <= r.y + r.height;
}
