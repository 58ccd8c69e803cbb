// Pure: greedy label placement in screen space — by priority, each label takes the first free spot, or is left out.
/**
 * Every candidate has a priority (lower first) and a few allowed spots around its anchor (right,
 * left, above, below for a place; centred for an area or water name). A label is placed at the
 * first spot whose box is inside the viewport and intersects no placed label and no obstacle (the
 * map's controls, the data's own labels; for area and water names also the data's marks); otherwise it is left out at this view.
 * A place's dot is drawn too, and no country's, region's or river's name (`avoidDots`) is written
 * over it: the dots of the places that must show (`keepDot`) are reserved before anything is placed,
 * the others once their place is; a minor place whose dot lies under an area name placed before is
 * left out (MACAO is no longer written over Macau's dot). The boxes placed
 * are exactly what is drawn, so a test can read them back and check that none intersect.
 *
 *      above
 *   left ● right        (● = the place's dot; area names sit centred on their label point)
 *      below
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Spot = 'right' | 'left' | 'above' | 'below' | 'center';

export interface LabelCandidate {
  id: string;
  text: string;
  /** Screen position of the anchor (CSS pixels in the map's container). */
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
  spots: readonly Spot[];
  /** Gap between the dot and the text, in pixels. */
  gap?: number;
  /** Least vertical gap for the above / below spots (an area name moving off a mark on its point). */
  vgap?: number;
  /** Keep clear of the data's marks too (area and water names; a place's own name may sit beside a mark). */
  avoidMarks?: boolean;
  /** Radius in pixels of the dot drawn at the anchor with the label (places), if any. */
  dot?: number;
  /** A place that must show (capital, major city, named by the data): its dot is reserved first. */
  keepDot?: boolean;
  /** An area's name (country, region, water): never written over a place's dot. */
  avoidDots?: boolean;
}

export interface PlacedLabel {
  id: string;
  text: string;
  spot: Spot;
  box: Box;
  /** The anchor's screen position the box was placed from. */
  anchor: [number, number];
  /** The box of the dot drawn at the anchor, for a candidate with a `dot`. */
  dotBox?: Box;
}

/** The box of a candidate's dot, or null without one. */
export function dotBoxOf(c: LabelCandidate): Box | null {
  return c.dot ? { x: c.x - c.dot, y: c.y - c.dot, w: 2 * c.dot, h: 2 * c.dot } : null;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function boxAt(c: LabelCandidate, spot: Spot): Box {
  const g = c.gap ?? 5;
  const { x, y, width: w, height: h } = c;
  const gv = Math.max(h / 2 + 3, c.vgap ?? 0); // above / below clear a label to the right or left of the same dot
  switch (spot) {
    case 'right':
      return { x: x + g, y: y - h / 2, w, h };
    case 'left':
      return { x: x - g - w, y: y - h / 2, w, h };
    case 'above':
      return { x: x - w / 2, y: y - gv - h, w, h };
    case 'below':
      return { x: x - w / 2, y: y + gv, w, h };
    default:
      return { x: x - w / 2, y: y - h / 2, w, h };
  }
}

/** A simple grid so that each test looks only at the boxes near it. */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  constructor(private readonly size = 64) {}
  private *keys(b: Box): Generator<number> {
    const s = this.size;
    for (let i = Math.floor(b.x / s); i <= Math.floor((b.x + b.w) / s); i++)
      for (let j = Math.floor(b.y / s); j <= Math.floor((b.y + b.h) / s); j++) yield i * 100003 + j;
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) if (intersects(b, o)) return true;
    return false;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
}

/**
 * Places labels by priority (ties keep the input order). `margin` pads every box so that two labels
 * never touch; `obstacles` are boxes nothing may overlap.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  viewport: { width: number; height: number },
  obstacles: readonly Box[] = [],
  margin = 2,
  marks: readonly Box[] = [],
): PlacedLabel[] {
  const grid = new BoxGrid();
  for (const o of obstacles) grid.add(o);
  const markGrid = new BoxGrid();
  for (const m of marks) markGrid.add(m);
  const order = candidates.map((c, i) => [c, i] as const).sort((a, b) => a[0].priority - b[0].priority || a[1] - b[1]);
  const placed: PlacedLabel[] = [];
  // The places' dots (the ones that must show reserved before anything is placed) and the area
  // names placed: an area name keeps off the dots, a minor place whose dot lies under one is left out.
  const dots = new BoxGrid();
  const areas = new BoxGrid();
  for (const [c] of order) {
    const d = c.keepDot ? dotBoxOf(c) : null;
    if (d) dots.add(d);
  }
  for (const [c] of order) {
    const dotBox = dotBoxOf(c);
    if (dotBox && !c.keepDot && areas.hits(dotBox)) continue;
    for (const spot of c.spots) {
      const box = boxAt(c, spot);
      if (box.x < 0 || box.y < 0 || box.x + box.w > viewport.width || box.y + box.h > viewport.height) continue;
      const padded = { x: box.x - margin, y: box.y - margin, w: box.w + 2 * margin, h: box.h + 2 * margin };
      if (grid.hits(padded) || (c.avoidDots && dots.hits(box)) || (c.avoidMarks && markGrid.hits(padded))) continue;
      grid.add(box);
      if (c.avoidDots) areas.add(box);
      if (dotBox && !c.keepDot) dots.add(dotBox);
      placed.push({ id: c.id, text: c.text, spot, box, anchor: [c.x, c.y], ...(dotBox ? { dotBox } : {}) });
      break;
    }
  }
  return placed;
}
