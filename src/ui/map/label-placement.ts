// Pure: greedy label placement in screen space — by priority, each label takes the first free spot, or is left out.
/**
 * Every candidate has a priority (lower first) and a few allowed spots around its anchor (right,
 * left, above, below and the corners for a place; centred, below or above for an area name). A label is placed at the
 * first spot whose box is inside the viewport and intersects no placed label and no obstacle (the
 * map's controls, the data's own labels; for area and water names also the data's marks); otherwise it is left out at this view.
 * A place's dot is drawn too, and no name of any kind is written over another place's dot: the dots
 * of the places that must show (`keepDot`) are reserved before anything is placed, the others once
 * their place is; a place whose dot lies under an obstacle, or a minor place whose dot lies under a
 * name placed before, is left out (MACAO is no longer written over Macau's dot, nor "Zaporizhzhia"
 * beside Kurakhove's). An area's name whose spots round its label point are all taken tries
 * `alternates`, more points inside its area, before it is left out. The boxes placed are exactly
 * what is drawn, so a test can read them back and check that none intersect.
 *
 *   above-left   above   above-right
 *          left    ●    right        (● = the place's dot; area names sit centred on their label point)
 *   below-left   below   below-right
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Spot =
  | 'right'
  | 'left'
  | 'above'
  | 'below'
  | 'center'
  | 'above-right'
  | 'above-left'
  | 'below-right'
  | 'below-left';

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
  /** Keep clear of the data's region marks (`marks`: features drawn as regions, standing on their unit's label point). */
  avoidMarks?: boolean;
  /** Take a spot off the region marks where one is free, else the first spot free of everything else (places). */
  preferOffMarks?: boolean;
  /** Radius in pixels of the dot drawn at the anchor with the label (places), if any. */
  dot?: number;
  /** A place that must show (capital, major city, named by the data): its dot is reserved first. */
  keepDot?: boolean;
  /** An area's name (country, region, water): a minor place's dot under it is left out, not the name. */
  avoidDots?: boolean;
  /**
   * More anchors for a centred box, tried in turn once every spot round (x, y) is taken: points
   * inside the area the name stands for, nearest first. Called only then (it may cost a projection).
   */
  alternates?: () => Iterable<readonly [number, number]>;
}

export interface PlacedLabel {
  id: string;
  text: string;
  spot: Spot;
  box: Box;
  /** The anchor's screen position (the site's); a box at an alternate lies off it, centred elsewhere. */
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
    // The corners: just clear of a dot of up to 4 px radius, diagonally.
    case 'above-right':
      return { x: x + 3, y: y - 4 - h, w, h };
    case 'above-left':
      return { x: x - 3 - w, y: y - 4 - h, w, h };
    case 'below-right':
      return { x: x + 3, y: y + 4, w, h };
    case 'below-left':
      return { x: x - 3 - w, y: y + 4, w, h };
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
  /** True when `ok` holds for every box that `b` meets. */
  every(b: Box, ok: (o: Box) => boolean): boolean {
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) if (intersects(b, o) && !ok(o)) return false;
    return true;
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
  softMarks: readonly Box[] = [],
): PlacedLabel[] {
  const grid = new BoxGrid();
  for (const o of obstacles) grid.add(o);
  const obstacleGrid = new BoxGrid();
  for (const o of obstacles) obstacleGrid.add(o);
  const markGrid = new BoxGrid();
  for (const m of marks) markGrid.add(m);
  const softGrid = new BoxGrid();
  for (const m of softMarks) softGrid.add(m);
  const order = candidates.map((c, i) => [c, i] as const).sort((a, b) => a[0].priority - b[0].priority || a[1] - b[1]);
  const placed: PlacedLabel[] = [];
  // The places' dots (the ones that must show reserved before anything is placed): no name is
  // written over one, and a minor place whose dot lies under a name placed before is left out.
  const dots = new BoxGrid();
  const dotOf = new Map<LabelCandidate, Box>();
  for (const [c] of order) {
    const d = dotBoxOf(c);
    if (!d) continue;
    dotOf.set(c, d);
    if (c.keepDot) dots.add(d);
  }
  /** `preferring`: the first pass, where the marks a name only prefers to keep off count too. */
  const fits = (c: LabelCandidate, box: Box, own: Box | null, preferring: boolean): boolean => {
    if (box.x < 0 || box.y < 0 || box.x + box.w > viewport.width || box.y + box.h > viewport.height) return false;
    const padded = { x: box.x - margin, y: box.y - margin, w: box.w + 2 * margin, h: box.h + 2 * margin };
    if (grid.hits(padded)) return false;
    if ((c.avoidMarks || (preferring && c.preferOffMarks)) && markGrid.hits(padded)) return false;
    if (preferring && softGrid.hits(padded)) return false;
    // No name over any dot but its own.
    return dots.every(box, (o) => o === own);
  };
  for (const [c] of order) {
    const dotBox = dotOf.get(c) ?? null;
    // A dot is never drawn under an obstacle (a control, the data's own labels), nor a minor place's
    // under a name placed before it.
    if (dotBox && (obstacleGrid.hits(dotBox) || (!c.keepDot && grid.hits(dotBox)))) continue;
    let done: { spot: Spot; box: Box } | null = null;
    for (const preferring of (c.preferOffMarks && !c.avoidMarks) || softMarks.length ? [true, false] : [false]) {
      for (const spot of c.spots) {
        const box = boxAt(c, spot);
        if (fits(c, box, dotBox, preferring)) {
          done = { spot, box };
          break;
        }
      }
      if (!done && c.alternates)
        for (const [x, y] of c.alternates()) {
          const box = boxAt({ ...c, x, y }, 'center');
          if (fits(c, box, null, preferring)) {
            done = { spot: 'center', box };
            break;
          }
        }
      if (done) break;
    }
    if (!done) continue;
    grid.add(done.box);
    if (dotBox && !c.keepDot) dots.add(dotBox);
    placed.push({
      id: c.id,
      text: c.text,
      spot: done.spot,
      box: done.box,
      anchor: [c.x, c.y],
      ...(dotBox ? { dotBox } : {}),
    });
  }
  return placed;
}
