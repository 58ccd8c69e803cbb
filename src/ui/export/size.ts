// Pure: export image sizes — aspect presets, scale presets, clamping to the browser's WebGL limits.

export type AspectPreset = 'view' | '16:9' | '4:3' | '1:1' | 'custom';
export const ASPECT_PRESETS: readonly AspectPreset[] = ['view', '16:9', '4:3', '1:1', 'custom'];
export const ASPECT_LABELS: Record<AspectPreset, string> = {
  view: 'Current view',
  '16:9': '16:9',
  '4:3': '4:3',
  '1:1': '1:1 (square)',
  custom: 'Custom',
};
export const SCALE_PRESETS: readonly number[] = [1, 2, 4];

/** Smallest and largest CSS size accepted for one side of an export. */
export const MIN_SIDE_CSS = 100;
export const MAX_SIDE_CSS = 16384;
/** Chromium's largest 2D canvas area (pixels); the final image is composed on one. */
export const MAX_CANVAS_AREA = 268_435_456;

/** What the browser's WebGL reports (gl.getParameter). */
export interface GlLimits {
  maxTextureSize: number;
  maxRenderbufferSize: number;
  maxViewportDims: [number, number];
}

/** The largest side in device pixels any WebGL canvas (map or deck.gl) may have here. */
export function maxPixelSide(limits: GlLimits): number {
  return Math.max(
    1,
    Math.min(limits.maxTextureSize, limits.maxRenderbufferSize, limits.maxViewportDims[0], limits.maxViewportDims[1]),
  );
}

/** CSS width × height for a preset, starting from the map's current size (`view`). */
export function sizeForAspect(
  aspect: AspectPreset,
  view: { width: number; height: number },
  custom: { width: number; height: number },
): { width: number; height: number } {
  const ratio = aspect === '16:9' ? 16 / 9 : aspect === '4:3' ? 4 / 3 : aspect === '1:1' ? 1 : 0;
  if (aspect === 'view') return { width: clampSide(view.width), height: clampSide(view.height) };
  if (aspect === 'custom') return { width: clampSide(custom.width), height: clampSide(custom.height) };
  // Presets keep the width the person typed (or the view's) and derive the height.
  const width = clampSide(custom.width || view.width);
  return { width, height: clampSide(width / ratio) };
}

/** A CSS side length: a whole number within [MIN_SIDE_CSS, MAX_SIDE_CSS]; NaN becomes the minimum. */
export function clampSide(n: number): number {
  if (!Number.isFinite(n)) return MIN_SIDE_CSS;
  return Math.min(MAX_SIDE_CSS, Math.max(MIN_SIDE_CSS, Math.round(n)));
}

export interface SizeRequest {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (1×, 2×, 4× or custom). */
  scale: number;
}

export interface ResolvedSize {
  width: number;
  height: number;
  /** The scale actually used: the one asked for, or less where the limit forced it. */
  scale: number;
  /** The PNG's size in pixels. */
  pixelWidth: number;
  pixelHeight: number;
  clamped: boolean;
  /** Says what was clamped and why; '' when nothing was. */
  message: string;
}

/**
 * Resolves the size of an export: CSS size × scale, with the scale lowered so that neither side
 * passes the WebGL limit (`maxSide` device pixels) and the area stays within one 2D canvas.
 */
export function resolveSize(req: SizeRequest, maxSide: number, maxArea = MAX_CANVAS_AREA): ResolvedSize {
  const width = clampSide(req.width);
  const height = clampSide(req.height);
  const asked = Number.isFinite(req.scale) && req.scale > 0 ? req.scale : 1;
  const sideLimit = Math.min(maxSide / width, maxSide / height);
  const areaLimit = Math.sqrt(maxArea / (width * height));
  const limit = Math.min(sideLimit, areaLimit);
  if (asked <= limit + 1e-9) {
    const pixelWidth = Math.round(width * asked);
    const pixelHeight = Math.round(height * asked);
    if (pixelWidth <= maxSide && pixelHeight <= maxSide) {
      return { width, height, scale: asked, pixelWidth, pixelHeight, clamped: false, message: '' };
    }
  }
  // Floor to two decimals, then make sure rounding the sides cannot pass the limit.
  let scale = Math.floor(limit * 100) / 100;
  while (scale > 0.01 && (Math.round(width * scale) > maxSide || Math.round(height * scale) > maxSide)) scale -= 0.01;
  scale = Math.max(0.01, Number(scale.toFixed(2)));
  const pixelWidth = Math.round(width * scale);
  const pixelHeight = Math.round(height * scale);
  const wanted = `${Math.round(width * asked)} × ${Math.round(height * asked)} px`;
  const why =
    sideLimit <= areaLimit
      ? `this browser's WebGL limit of ${maxSide} px per side`
      : `the largest canvas this browser can draw (${(maxArea / 1e6).toFixed(0)} megapixels)`;
  return {
    width,
    height,
    scale,
    pixelWidth,
    pixelHeight,
    clamped: true,
    message: `${formatScale(asked)} would make ${wanted}, beyond ${why}: the scale is lowered to ${formatScale(scale)} (${pixelWidth} × ${pixelHeight} px).`,
  };
}

/** "2×", "1.5×". */
export function formatScale(scale: number): string {
  return `${Number(scale.toFixed(2))}×`;
}

/**
 * Zoom that fits what a `from` viewport shows into a `to` viewport (both CSS px, same centre):
 * the whole current extent stays visible, with more around it on the longer side.
 */
export function fitZoom(
  zoom: number,
  from: { width: number; height: number },
  to: { width: number; height: number },
): number {
  const ratio = Math.min(to.width / from.width, to.height / from.height);
  return zoom + Math.log2(ratio);
}
