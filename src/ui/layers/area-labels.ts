// The deployments' area labels in a window: their text, and where each is drawn, nudged so no two collide.
import type { Dataset, Item } from '../../core/columnar/dataset';
import { KINDS, OPEN_DAY } from '../../core/columnar/columns';
import type { DayRange } from '../../core/time/window';
import type { Box } from '../map/label-placement';
import type { Measure } from './labels';

/** The labels' size in pixels, the box's height round it, and the gap kept between two. */
export const AREA_LABEL_SIZE = 12;
const BOX_H = 20;
const GAP = 2;
/** Half the side of the box kept free round a dot the labels avoid (the largest dot and its margin). */
const DOT_R = 4;
/** Rows tried in turn: where the label stands, then one row below and above (near: the label still touches its place's row). */
const NEAR_STEPS = [0, 1, -1];
/** Rows tried only when no near spot is free of other labels: two and three rows away. */
const FAR_STEPS = [2, -2, 3, -3];
/** Within each row: centred on its place, then starting at it (to the right), then ending at it (to the left). */
const SIDES = [0, 1, -1];
/** How far a label that starts or ends at its place keeps its edge past it (pixels). */
const SIDE_INSET = 6;
/** More labels than this in one window are not placed: the rest (the oldest) are left out, `hidden`. */
const MAX_LABELS = 300;
/**
 * Screen area (px²) a label is given in a view: a 940 × 650 map shows at most 10 area labels, so
 * that 150 overlapping deployments (a 300k import over the whole span) read as areas with a few
 * names, not a wall of labels over the hexagons and the towns; the rest are `hidden` (the newest
 * and the selected first), named by hover, the list and the details.
 */
const VIEW_AREA_PER_LABEL = 60_000;
const MIN_LABELS_IN_VIEW = 4;

/** One label as drawn: the row it names, its box on screen (nudged), and the nudge in pixels. */
export interface AreaLabelSpot {
  id: string;
  text: string;
  box: Box;
  dx: number;
  dy: number;
  /** Left out: no spot near or further off is free of the labels placed before it (or over MAX_LABELS). */
  hidden?: true;
}

/** The text of an area's label: its troops when given (with their qualifier), else its place. */
export function areaLabel(it: Item): string {
  const p = it.feature.properties;
  const q = p.figure_qualifiers?.troops;
  const prefix = q === 'more than' ? '>' : q === 'about' ? '~' : q === 'at least' ? '≥' : '';
  const text = p.troops ? `${prefix}${p.troops.toLocaleString('en-GB')} troops` : p.place;
  return p.approximate ? `${text} (approx. area)` : text;
}

/**
 * Pure: gives each label, in the order given, the first place where its box meets no label placed
 * before it and none of the `reserved` boxes (the dots of the places that must show: Kyiv's beside
 * the troops' label at Kursk): each of NEAR_STEPS' rows in turn (its own row, one below, one
 * above), in each row centred on its place, then starting at it, then ending at it (the place stays
 * under the label's edge). A label stays near its place rather than clear a dot: where every near
 * spot covers one, the near spot free of labels that covers fewest is taken and the map leaves the
 * places whose dots it covers out instead (three rows away at a continent's zoom put Kursk's troops by Kurakhove,
 * in Donetsk). Only when no near spot is free of other labels are FAR_STEPS' rows tried. Labels never
 * overlap, for a dot's sake or any other: one with no free spot at all is left out (`hidden`; its
 * area is still drawn, listed and pickable), as a map leaves out a name it has no room for.
 *
 * With `view` (the map's size in pixels), a label is kept inside it: each row also offers the
 * label slid sideways just inside the view's edge (its place still under it), and a spot wholly
 * inside is taken before any that the edge would cut — a label cut by the map's edge (or by the
 * panel beside it) cannot be read. A label with no spot inside (its place off the view, or wider
 * than the view) is placed as without `view`.
 */
export function nudgeLabels(
  spots: readonly { id: string; text: string; box: Box }[],
  reserved: readonly Box[] = [],
  view: { width: number; height: number } | null = null,
): AreaLabelSpot[] {
  const placed: Box[] = [];
  const out: AreaLabelSpot[] = [];
  const free = (boxes: readonly Box[], b: Box): boolean => !boxes.some((o) => overlaps(o, b));
  const inside = (b: Box): boolean =>
    !view || (b.x >= 0 && b.y >= 0 && b.x + b.w <= view.width && b.y + b.h <= view.height);
  for (const s of spots) {
    const shift = Math.max(0, s.box.w / 2 - SIDE_INSET);
    const slid = view ? slideInside(s.box, view.width) : 0;
    const spotsOf = (rows: number[]) =>
      rows.flatMap((row) => {
        const dy = row * (BOX_H + GAP);
        const row3 = SIDES.map((side) => ({ dx: side * shift, dy }));
        return slid && !row3.some((c) => c.dx === slid) ? [...row3, { dx: slid, dy }] : row3;
      });
    const at = (t: { dx: number; dy: number }): Box => ({ ...s.box, x: s.box.x + t.dx, y: s.box.y + t.dy });
    const covered = (b: Box): number => reserved.reduce((n, o) => n + (overlaps(o, b) ? 1 : 0), 0);
    const fewestCovered = (spots: { dx: number; dy: number }[]) => {
      let best: { dx: number; dy: number } | undefined;
      let bestN = Infinity;
      for (const c of spots) {
        const b = at(c);
        if (!free(placed, b)) continue;
        const n = covered(b);
        if (n < bestN) [best, bestN] = [c, n];
      }
      return best;
    };
    const choose = (near: { dx: number; dy: number }[], far: { dx: number; dy: number }[]) =>
      near.find((c) => free(placed, at(c)) && free(reserved, at(c))) ??
      fewestCovered(near) ??
      far.find((c) => free(placed, at(c)) && free(reserved, at(c))) ??
      far.find((c) => free(placed, at(c)));
    const near = spotsOf(NEAR_STEPS);
    const far = spotsOf(FAR_STEPS);
    const within = (cs: { dx: number; dy: number }[]) => cs.filter((c) => inside(at(c)));
    const t = (view && choose(within(near), within(far))) || choose(near, far);
    if (!t) {
      out.push({ id: s.id, text: s.text, box: s.box, dx: 0, dy: 0, hidden: true });
      continue;
    }
    const box = at(t);
    placed.push(box);
    out.push({ id: s.id, text: s.text, box, dx: t.dx, dy: t.dy });
  }
  return out;
}

/**
 * The sideways nudge that brings a box wholly inside [0, width] while its centre (its place) stays
 * under it; 0 when it is inside already or cannot be.
 */
function slideInside(b: Box, width: number): number {
  if (b.w > width) return 0;
  const dx = b.x < 0 ? -b.x : b.x + b.w > width ? width - (b.x + b.w) : 0;
  return Math.abs(dx) <= b.w / 2 ? dx : 0;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The area labels the window shows on the layers shown, projected and nudged apart and off the
 * dots at `avoid` (lon, lat: the places that must show, labelDotPoints): the selected feature's
 * first, then the newest; with `view` (the map's size in pixels), at most one label per
 * VIEW_AREA_PER_LABEL of it in view, the rest `hidden`. The map's names keep clear of these boxes (label-controller),
 * and the data layers draw each label at its nudge (data-layers), so the two always agree.
 */
export function windowAreaLabels(
  dataset: Dataset,
  win: DayRange,
  layers: readonly string[],
  project: (lonLat: [number, number]) => [number, number],
  measure: Measure,
  selected: string | null = null,
  avoid: readonly (readonly [number, number])[] = [],
  view: { width: number; height: number } | null = null,
): AreaLabelSpot[] {
  const c = dataset.columns;
  const dep = KINDS.indexOf('deployment');
  const rows: number[] = [];
  dataset.layers.forEach((def, code) => {
    if (def.kind !== 'deployment' || !layers.includes(def.key)) return;
    for (const row of c.rowsOfLayer[code]) {
      if (c.kind[row] !== dep || c.start[row] > win.to || (c.end[row] !== OPEN_DAY && c.end[row] < win.from)) continue;
      rows.push(row);
    }
  });
  const sel = selected === null ? -1 : (dataset.find(selected)?.index ?? -1);
  rows.sort((a, b) => Number(b === sel) - Number(a === sel) || c.start[b] - c.start[a] || a - b);
  // Past MAX_LABELS the oldest are left out unplaced (no object made for them); placing is quadratic.
  const over = rows.splice(MAX_LABELS).map(
    (row): AreaLabelSpot => ({
      id: c.ids.get(row),
      text: '',
      box: { x: 0, y: 0, w: 0, h: 0 },
      dx: 0,
      dy: 0,
      hidden: true,
    }),
  );
  const items = rows.map((row) => dataset.itemAt(row));
  const spots = items.map((it) => {
    const [x, y] = project(it.anchor as [number, number]);
    const text = areaLabel(it);
    const w = measure(text, AREA_LABEL_SIZE, true) + 8;
    return { id: it.id, text, box: { x: x - w / 2, y: y - BOX_H / 2, w, h: BOX_H } };
  });
  if (view) {
    // In a view: the first `budget` of those in it (selected, newest) are placed, the others in it left out.
    const budget = Math.max(MIN_LABELS_IN_VIEW, Math.floor((view.width * view.height) / VIEW_AREA_PER_LABEL));
    const inView = (b: Box): boolean => b.x + b.w > 0 && b.y + b.h > 0 && b.x < view.width && b.y < view.height;
    let n = 0;
    for (let i = 0; i < spots.length; i++) {
      if (!inView(spots[i].box) || n++ < budget) continue;
      over.push({ ...spots[i], dx: 0, dy: 0, hidden: true });
      spots.splice(i--, 1);
    }
  }
  const placed = nudgeLabels(
    spots,
    avoid.map((p) => {
      const [x, y] = project(p as [number, number]);
      return { x: x - DOT_R, y: y - DOT_R, w: 2 * DOT_R, h: 2 * DOT_R };
    }),
    view,
  );
  return over.length ? placed.concat(over) : placed;
}

/** A stable signature of the nudges (only labels moved off their place or left out), for deck.gl's updateTriggers. */
export function nudgeKey(spots: readonly AreaLabelSpot[]): string {
  return spots
    .filter((s) => s.dx !== 0 || s.dy !== 0 || s.hidden)
    .map((s) => (s.hidden ? `${s.id}:-` : `${s.id}:${s.dx},${s.dy}`))
    .join(';');
}

/** The boxes of the labels drawn (not `hidden`): what the map's names keep clear of. */
export function shownBoxes(spots: readonly AreaLabelSpot[]): Box[] {
  return spots.filter((s) => !s.hidden).map((s) => s.box);
}
