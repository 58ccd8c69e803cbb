// How point layers are drawn: the user's choice (`agg=` in the URL) and the density threshold of `auto`.

/**
 * `auto`: dots while the view holds fewer than AUTO_BIN_THRESHOLD events and no hexagon of it is
 * crowded (its marks, at the size they are drawn, would cover it AUTO_CROWDED_COVER times over:
 * discs piled on discs), hexagons otherwise.
 */
export type AggMode = 'auto' | 'dots' | 'hexagons' | 'heatmap';
export const AGG_MODES: readonly AggMode[] = ['auto', 'dots', 'hexagons', 'heatmap'];
/** What is drawn after `auto` is decided. */
export type DrawnAgg = Exclude<AggMode, 'auto'>;

export const AUTO_BIN_THRESHOLD = 3000;
/**
 * How many times over the marks in the view's busiest hexagon would cover it, from which `auto`
 * bins (with at least AUTO_CROWDED_MIN in view). Twice over is ~25 of the smallest discs in a
 * ~26 px cell, or a handful of large ones (a week of strikes around Kharkiv).
 */
export const AUTO_CROWDED_COVER = 2;
/** Below this many events in view the marks are few enough to draw whatever their crowding. */
export const AUTO_CROWDED_MIN = 300;

/**
 * What `auto` draws for a view holding `inView` events whose fullest hexagon's marks would cover it
 * `busiestCover` times over (markCover).
 */
export function autoDrawn(inView: number, busiestCover: number): 'dots' | 'hexagons' {
  return inView >= AUTO_BIN_THRESHOLD || (inView >= AUTO_CROWDED_MIN && busiestCover >= AUTO_CROWDED_COVER)
    ? 'hexagons'
    : 'dots';
}

export const AGG_LABELS: Record<AggMode, string> = {
  auto: 'Auto',
  dots: 'Dots',
  hexagons: 'Hexagons',
  heatmap: 'Heatmap',
};

export function isAggMode(v: string): v is AggMode {
  return (AGG_MODES as readonly string[]).includes(v);
}

/**
 * How many times over `count` marks of mean area `meanMarkAreaPx` (px², at full size, drawn at
 * `scale`) would cover a flat-top hexagon of circumradius `hexRadiusPx`.
 */
export function markCover(count: number, meanMarkAreaPx: number, scale: number, hexRadiusPx: number): number {
  const cell = 1.5 * Math.sqrt(3) * hexRadiusPx * hexRadiusPx;
  return cell > 0 ? (count * meanMarkAreaPx * scale * scale) / cell : 0;
}
