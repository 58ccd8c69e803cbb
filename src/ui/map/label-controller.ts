// Keeps the map's names placed for the settled view: obstacles from the controls and the data's own labels.
import type { AtlasState } from '../../app/store';
import { filterMask, shownWindow } from '../../app/derived';
import type { BasemapData } from './basemap-data';
import {
  canvasMeasure,
  labelDotPoints,
  labelSites,
  placeSites,
  type LabelSite,
  type Placement,
  type PlacedSite,
} from '../layers/labels';
import type { Box } from './label-placement';
import { shownBoxes, windowAreaLabels, type AreaLabelSpot } from '../layers/area-labels';
import type { Dataset } from '../../core/columnar/dataset';
import { regionMarkBoxes } from '../layers/region-layers';
import { pointMarkCircles } from '../layers/mark-circles';
import type { Place } from '../../core/bundled/load-bundled';

/** What sits over the map and must not be written under: the maps' controls and the pages' overlays. */
export const OBSTACLE_SELECTOR =
  '.maplibregl-ctrl, .atlas-ctrl, .embed-legend, .embed-caption, .story-bar, [data-map-obstacle]';

/** What placing names needs of the map's camera: MapLibre's `Map` has it, and the deck.gl view gives the same. */
export interface LabelCamera {
  project(lnglat: [number, number]): { x: number; y: number };
  isMoving(): boolean;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
}

export interface LabelController {
  /** The placement for the map's view now (placed again only when the view or the data moved on). */
  place(s: AtlasState): Placement;
  current(): PlacedSite[];
  /** The deployments' area labels as last placed (nudged apart; the names keep clear of them). */
  areas(): AreaLabelSpot[];
  /** The dots the area labels keep clear of (labelDotPoints, for the data's names as last placed): the data layer's prop. */
  dotPoints(): readonly [number, number][];
}

/** Names the data's features use in their `place` (e.g. "Kharkiv", "Mykolaiv region"): those places are always tried first. */
export function namedPlaces(dataset: Dataset, gazetteer: readonly Place[]): Set<string> {
  const d = dataset.columns.props.distinct('place');
  const texts = d ? d.values.filter((v): v is string => typeof v === 'string') : [];
  const out = new Set<string>();
  for (const p of gazetteer) {
    // Most places are in no text at all: a plain search tells, before the word-bounded one (a
    // Unicode-class pattern compiled for each place took ~50 ms of an import's first frame at 300k).
    if (!texts.some((t) => t.includes(p.name))) continue;
    const re = wordPattern(p.name);
    if (texts.some((t) => re.test(t))) out.add(p.name);
  }
  return out;
}

const wordPatterns = new Map<string, RegExp>();

/** A place's name as a whole word (not inside another word), compiled once. */
function wordPattern(name: string): RegExp {
  let re = wordPatterns.get(name);
  if (!re) {
    re = new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
    wordPatterns.set(name, re);
  }
  return re;
}

export function createLabelController(opts: {
  map: LabelCamera;
  container: HTMLElement;
  basemap: BasemapData;
  places: Place[];
}): LabelController {
  const { map, container, basemap, places } = opts;
  const measure = canvasMeasure();
  let named: { dataset: Dataset; set: Set<string> } | null = null;
  let key = '';
  let placedFor: Dataset | null = null;
  let placement: Placement = { labels: [], dots: [] };
  let areaSpots: AreaLabelSpot[] = [];
  let dotPoints: { named: Set<string> | null; points: [number, number][] } = {
    named: null,
    points: labelDotPoints(basemap, places, new Set()),
  };
  const currentDots = (): [number, number][] => {
    const set = named?.set ?? null;
    if (dotPoints.named !== set) dotPoints = { named: set, points: labelDotPoints(basemap, places, set ?? new Set()) };
    return dotPoints.points;
  };

  const obstacles = (s: AtlasState): Box[] => {
    const r = container.getBoundingClientRect();
    const boxes: Box[] = [];
    for (const el of container.ownerDocument.querySelectorAll<HTMLElement>(OBSTACLE_SELECTOR)) {
      const b = el.getBoundingClientRect();
      if (!b.width || !b.height || b.right < r.left || b.left > r.right || b.bottom < r.top || b.top > r.bottom)
        continue;
      boxes.push({ x: b.left - r.left, y: b.top - r.top, w: b.width, h: b.height });
    }
    // The data's own labels: the deployments' area labels in the window, nudged apart as the data layers draw them.
    if (s.dataset) {
      const spots = windowAreaLabels(
        s.dataset,
        shownWindow(s),
        s.layers,
        (p) => {
          const q = map.project(p);
          return [q.x, q.y];
        },
        measure,
        s.selected,
        currentDots(),
        { width: r.width, height: r.height },
      );
      areaSpots = spots;
      boxes.push(...shownBoxes(spots));
    }
    return boxes;
  };
  /** The marks of features drawn as regions stand on their unit's label point: names keep clear of them. */
  const marks = (s: AtlasState): Box[] =>
    s.dataset
      ? regionMarkBoxes(s.dataset, shownWindow(s), s.layers, (p) => {
          const q = map.project(p);
          return [q.x, q.y];
        })
      : [];

  return {
    place(s) {
      if (s.dataset && named?.dataset !== s.dataset)
        named = { dataset: s.dataset, set: namedPlaces(s.dataset, places) };
      // While the camera moves, names ride along with the map; they are placed again once it settles.
      if (map.isMoving() && placement.labels.length) return placement;
      const c = map.getCenter();
      const z = map.getZoom();
      // Placed again only when the view, the layers or what the names must keep clear of changed: a
      // window step that brings no deployment label or region mark in or out keeps the placement,
      // and so the label layers' data (the slider's per-frame path uploads nothing; scale.test.ts).
      const obs = obstacles(s);
      const mk = marks(s);
      // The point marks drawn as dots, when few; not while playing (names stay put, placed off them once play stops).
      const circles =
        s.dataset && !s.playing
          ? pointMarkCircles(s.dataset, shownWindow(s), s.layers, filterMask(s.dataset, s.filters), s.agg, (p) => {
              const q = map.project(p);
              return [q.x, q.y];
            })
          : [];
      const boxesKey = (bs: Box[]): string =>
        bs.map((b) => `${Math.round(b.x)},${Math.round(b.y)},${Math.round(b.w)}`).join(';');
      const next = [
        c.lng.toFixed(4),
        c.lat.toFixed(4),
        z.toFixed(2),
        container.clientWidth,
        container.clientHeight,
        s.layers.join(),
        boxesKey(obs),
        boxesKey(mk),
        circles.map((m) => `${Math.round(m.x)},${Math.round(m.y)},${Math.round(m.r)}`).join(';'),
      ].join('|');
      if (next === key && s.dataset === placedFor) return placement;
      key = next;
      placedFor = s.dataset;
      const sites: LabelSite[] = labelSites(basemap, places, named?.set ?? new Set(), z);
      const placed = placeSites(
        sites,
        (lon, lat) => {
          const p = map.project([lon, lat]);
          return [p.x, p.y];
        },
        { width: container.clientWidth, height: container.clientHeight },
        obs,
        measure,
        mk,
        circles,
      );
      // The same names in the same boxes: keep the old arrays, so deck.gl sees no new data.
      const sig = (pl: Placement): string =>
        `${pl.labels.map((l) => `${l.text}@${Math.round(l.box.x)},${Math.round(l.box.y)}`).join(';')}|${pl.dots.length}`;
      if (sig(placed) !== sig(placement)) placement = placed;
      return placement;
    },
    current: () => placement.labels,
    areas: () => areaSpots,
    dotPoints: currentDots,
  };
}
