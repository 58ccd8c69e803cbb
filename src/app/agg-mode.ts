// How point layers are drawn: the user's choice (`agg=` in the URL) and the density threshold of `auto`.

/**
 * `auto`: dots while the view holds fewer than AUTO_BIN_THRESHOLD events and no hexagon of it is
 * crowded (AUTO_CROWDED_CELL events in one ~26 px cell are discs piled on discs), hexagons otherwise.
 */
export type AggMode = 'auto' | 'dots' | 'hexagons' | 'heatmap';
export const AGG_MODES: readonly AggMode[] = ['auto', 'dots', 'hexagons', 'heatmap'];
/** What is drawn after `auto` is decided. */
export type DrawnAgg = Exclude<AggMode, 'auto'>;

export const AUTO_BIN_THRESHOLD = 3000;
/** Events in one hexagon of the view from which `auto` bins (with at least AUTO_CROWDED_MIN in view). */
export const AUTO_CROWDED_CELL = 30;
/** Below this many events in view the marks are few enough to draw whatever their crowding. */
export const AUTO_CROWDED_MIN = 300;

/** What `auto` draws for a view holding `inView` events, `busiest` of them in its fullest hexagon. */
export function autoDrawn(inView: number, busiest: number): 'dots' | 'hexagons' {
  return inView >= AUTO_BIN_THRESHOLD || (inView >= AUTO_CROWDED_MIN && busiest >= AUTO_CROWDED_CELL)
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
