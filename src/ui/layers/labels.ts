// Place, region, country and water names drawn as glyph quads by the data's mesh program, placed so that none collide: no glyph server needed.
import { WindowedPointsLayer, type WindowedPointsProps } from './windowed-points-layer';
import { pointSetOf, type PointSet } from './point-sets';
import type { Layer } from '@deck.gl/core';
import { BASEMAP, OPEN_END, type BasemapPalette, type RGBA } from '../../core/config';
import { PASS_RANGE, type FilterRange, type FilterValue } from './time-filter';
import { DataMeshLayer } from './data-mesh-layer';
import { passingFilter, type DataMesh } from './data-mesh';
import { glyphAtlas, LABEL_FONT } from './glyph-atlas';
import { textMesh, type TextAnchor, type TextBaseline } from './text-mesh';
import { areaInView, interiorAnchors } from '../map/label-interior';
import { ownMarkClearance, type MarkCircle } from './mark-circles';
import { placeLabels, type Box, type LabelCandidate, type PlacedLabel, type Spot } from '../map/label-placement';
import type { LabelKind, LabelSite } from './label-sites';

export { LABEL_FONT };
export { labelDotPoints, labelSites, maxRankAtZoom, type LabelKind, type LabelSite } from './label-sites';

/** Placement has already chosen what is drawn: every value passes. */
const ALWAYS: FilterValue = [0, 0, 1];
const PASS_ALL: FilterRange = [[-OPEN_END, OPEN_END], [-OPEN_END, OPEN_END], PASS_RANGE];

const SIZE: Record<LabelKind, number> = { capital: 13, place: 12, region: 11, country: 12, water: 11 };
/** Beside the dot first, then above or below it, then at its corners (Pyongyang between Hamhung's, Beijing's and Seoul's dots). */
const PLACE_SPOTS: readonly Spot[] = [
  'right',
  'left',
  'above',
  'below',
  'above-right',
  'below-right',
  'above-left',
  'below-left',
];
const CENTER: readonly Spot[] = ['center'];
/** A unit's name may move off its label point (where a region-level mark may stand) to just above or below it. */
const REGION_SPOTS: readonly Spot[] = ['center', 'below', 'above'];

export interface PlacedSite extends PlacedLabel {
  site: LabelSite;
}

export interface Placement {
  labels: PlacedSite[];
  /** Places whose dot is drawn (every labelled place). */
  dots: LabelSite[];
}

const textLayout = (kind: LabelKind, text: string): string => (kind === 'country' ? text.toUpperCase() : text);

/** Text width in CSS pixels, measured with the same font the glyph atlas is drawn in. */
export type Measure = (text: string, sizePx: number, bold: boolean) => number;

export function canvasMeasure(): Measure {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (text, size, bold) => {
    const key = `${size}|${bold}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      if (ctx) ctx.font = `${bold ? 'bold ' : ''}${size}px ${LABEL_FONT}`;
      w = ctx ? ctx.measureText(text).width : text.length * size * 0.6;
      cache.set(key, w);
    }
    return w;
  };
}

/** Places the sites for a view: project, measure, then the greedy placement (map/label-placement.ts). */
export function placeSites(
  sites: readonly LabelSite[],
  project: (lon: number, lat: number) => [number, number],
  viewport: { width: number; height: number },
  obstacles: readonly Box[],
  measure: Measure,
  marks: readonly Box[] = [],
  circles: readonly MarkCircle[] = [],
): Placement {
  const byId = new Map<string, LabelSite>();
  const candidates: LabelCandidate[] = [];
  // The point marks drawn as dots (mark-circles.ts): every name takes a spot off them where it has one,
  // and is never left out for them (NORTH KOREA beside Hamhung's ring); a place under its own (a strike
  // on the city, wider than the city's dot) writes its name beyond the mark's edge.
  const circleBoxes = circles.map((m) => ({ x: m.x - m.r, y: m.y - m.r, w: 2 * m.r, h: 2 * m.r }));
  const clearOf = ownMarkClearance(circles);
  for (const s of sites) {
    const [x, y] = project(s.lon, s.lat);
    const area = s.area;
    // An area's name is tried while any of the area is in view, even with its label point outside it.
    if (
      !(x > -50 && y > -50 && x < viewport.width + 50 && y < viewport.height + 50) &&
      !(area && areaInView(area, project, viewport))
    )
      continue;
    byId.set(s.id, s);
    const size = SIZE[s.kind];
    const text = textLayout(s.kind, s.text);
    const width = Math.ceil(measure(text, size, false) + 2);
    const height = Math.ceil(size * 1.25);
    const isPlace = s.kind === 'place' || s.kind === 'capital';
    const under = isPlace ? clearOf(x, y) : 0;
    candidates.push({
      id: s.id,
      text,
      x,
      y,
      width,
      height,
      // UKRAINE under the nationwide strike's mark, NORTH KOREA by Pyongyang's dot: another point inside the country.
      alternates: area ? () => interiorAnchors(area, project, viewport, width, height, [x, y]) : undefined,
      priority: s.priority,
      // A country's name may step off a dot at its label point (NORTH KOREA by Pyongyang's), as a region's does.
      spots:
        s.kind === 'place' || s.kind === 'capital'
          ? PLACE_SPOTS
          : s.kind === 'region' || s.kind === 'country'
            ? REGION_SPOTS
            : CENTER,
      // Area and water names keep clear of the marks of features drawn as regions (they stand on their
      // unit's label point); a place's name takes a spot off them where it has one (Kropyvnytskyi's had
      // covered the nationwide drone wave's mark), but is never left out for them: an import's hundreds
      // of region rows, binned and not drawn as marks, stand on the cities themselves.
      avoidMarks: s.kind !== 'place' && s.kind !== 'capital',
      preferOffMarks: s.kind === 'place' || s.kind === 'capital',
      vgap: s.kind === 'region' ? 15 : under > 0 ? under + 3 : undefined,
      ...(under > 0 ? { gap: under + 3 } : {}),
      // A place's dot (place-dots, with a pixel's margin) is never under a country's, region's or river's name.
      dot: s.kind === 'place' || s.kind === 'capital' ? getDotRadius(s) + 1 : undefined,
      keepDot: (s.kind === 'place' || s.kind === 'capital') && s.priority <= 5,
      avoidDots: s.kind === 'country' || s.kind === 'region' || s.kind === 'water',
    });
  }
  const labels = placeLabels(candidates, viewport, obstacles, 2, marks, circleBoxes).map((p) => ({
    ...p,
    site: byId.get(p.id) as LabelSite,
  }));
  return {
    labels,
    dots: labels.filter((l) => l.site.kind === 'place' || l.site.kind === 'capital').map((l) => l.site),
  };
}

const ANCHOR: Record<Spot, TextAnchor> = {
  right: 'start',
  left: 'end',
  above: 'middle',
  below: 'middle',
  center: 'middle',
  'above-right': 'start',
  'above-left': 'end',
  'below-right': 'start',
  'below-left': 'end',
};
const BASELINE: Record<Spot, TextBaseline> = {
  right: 'center',
  left: 'center',
  above: 'bottom',
  below: 'top',
  center: 'center',
  'above-right': 'bottom',
  'above-left': 'bottom',
  'below-right': 'top',
  'below-left': 'top',
};

/** The pixel offset that puts the drawn text exactly on its placed box (anchor and alignment per spot). */
const getOffset = (l: PlacedSite): [number, number] => {
  const {
    box: b,
    anchor: [x, y],
  } = l;
  switch (l.spot) {
    case 'right':
      return [b.x - x, 0];
    case 'left':
      return [b.x + b.w - x, 0];
    case 'above':
      return [0, b.y + b.h - y];
    case 'below':
      return [0, b.y - y];
    case 'above-right':
      return [b.x - x, b.y + b.h - y];
    case 'above-left':
      return [b.x + b.w - x, b.y + b.h - y];
    case 'below-right':
      return [b.x - x, b.y - y];
    case 'below-left':
      return [b.x + b.w - x, b.y - y];
    default:
      // Centred on its box: on the label point, or on another point inside the area (alternates).
      return [b.x + b.w / 2 - x, b.y + b.h / 2 - y];
  }
};

/** Each kind's colour in a palette. */
const colorOf = (palette: BasemapPalette, kind: LabelKind): RGBA =>
  kind === 'region'
    ? (palette.regionLabel ?? palette.label)
    : kind === 'country'
      ? (palette.countryLabel ?? palette.label)
      : kind === 'water'
        ? (palette.waterLabel ?? palette.label)
        : palette.label;
const getDotRadius = (s: LabelSite): number => (s.kind === 'capital' ? 3 : 2.3);

const nameMeshes = new WeakMap<
  readonly PlacedSite[],
  { palette: BasemapPalette; mesh: DataMesh; filter: Float32Array }
>();
/** The names' glyphs as one mesh (text-mesh.ts), made once per placement's labels and palette. */
function nameMesh(labels: readonly PlacedSite[], palette: BasemapPalette): { mesh: DataMesh; filter: Float32Array } {
  const cached = nameMeshes.get(labels);
  if (cached && cached.palette === palette) return cached;
  const font = glyphAtlas().font(
    false,
    labels.map((l) => l.text),
  );
  const mesh = textMesh(
    labels.map((l) => ({
      lon: l.site.lon,
      lat: l.site.lat,
      text: l.text,
      sizePx: SIZE[l.site.kind],
      anchor: ANCHOR[l.spot],
      baseline: BASELINE[l.spot],
      offset: getOffset(l),
      color: colorOf(palette, l.site.kind),
    })),
    font,
  );
  const made = { palette, mesh, filter: passingFilter(mesh) };
  nameMeshes.set(labels, made);
  return made;
}

const DOT_STYLE: WindowedPointsProps['style'] = { radiusUnits: 'pixels', stroked: false, filled: true };
const dotSets = new WeakMap<readonly LabelSite[], { palette: BasemapPalette; set: PointSet }>();
/** The places' dots as a point set (point-sets.ts), made once per placement's dots and palette. */
function dotSet(dots: readonly LabelSite[], palette: BasemapPalette): PointSet {
  const cached = dotSets.get(dots);
  if (cached && cached.palette === palette) return cached.set;
  const color = palette.label;
  const set = pointSetOf(dots.length, (k) => ({
    lon: dots[k].lon,
    lat: dots[k].lat,
    radius: getDotRadius(dots[k]),
    color,
    filter: ALWAYS,
    row: 0,
  }));
  dotSets.set(dots, { palette, set });
  return set;
}

/** [dots, names]: the caller draws dots under the data layers and names above them. */
export function buildLabelLayers(placement: Placement, palette: BasemapPalette = BASEMAP): [Layer, Layer] {
  const names = nameMesh(placement.labels, palette);
  return [
    // The data's point layer, with its buffers' layout: one program and one layout for every dot on the map.
    new WindowedPointsLayer({
      id: 'place-dots',
      set: dotSet(placement.dots, palette),
      style: DOT_STYLE,
      perMarkColor: true,
      range: [0, placement.dots.length, 0, 0],
      filterRange: PASS_ALL,
      mask: null,
      itemAt: null,
      radiusScale: 1,
    }),
    // The names' glyphs, drawn by the data's mesh program (no TextLayer: its program's first draw was ~0.4 s in software WebGL).
    new DataMeshLayer<PlacedSite>({
      id: 'place-labels',
      mesh: names.mesh,
      filter: names.filter,
      data: placement.labels,
      filterRange: PASS_ALL,
      glyphs: true,
    }),
  ];
}
