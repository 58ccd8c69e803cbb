// How point layers are drawn: the user's choice (`agg=` in the URL) and the density threshold of `auto`.

/** `auto`: dots while the view holds fewer than AUTO_BIN_THRESHOLD events, hexagons above it. */
export type AggMode = 'auto' | 'dots' | 'hexagons' | 'heatmap';
export const AGG_MODES: readonly AggMode[] = ['auto', 'dots', 'hexagons', 'heatmap'];
/** What is drawn after `auto` is decided. */
export type DrawnAgg = Exclude<AggMode, 'auto'>;

export const AUTO_BIN_THRESHOLD = 3000;

export const AGG_LABELS: Record<AggMode, string> = {
  auto: 'Auto',
  dots: 'Dots',
  hexagons: 'Hexagons',
  heatmap: 'Heatmap',
};

export function isAggMode(v: string): v is AggMode {
  return (AGG_MODES as readonly string[]).includes(v);
}
