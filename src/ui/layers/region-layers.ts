// Regions drawn as regions: a feature with `admin_area` is its unit's tinted outline (oblast, or the whole country).
import { DataMeshLayer } from './data-mesh-layer';
import { addShape, filterOf, meshOf, shapesMesh } from './data-meshes';
import { DataMeshBuilder, type DataMesh } from './data-mesh';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import type { Dataset, Item } from '../../core/columnar/dataset';
import type { AtlasProperties } from '../../core/schema/schema';
import type { DayRange } from '../../core/time/window';
import type { BasemapData } from '../map/basemap-data';
import { areaUnit } from '../map/basemap-lookup';
import type { Filters } from '../../core/filters/filters';
import { filterMask } from '../../app/derived';
import { filterDay, filterRangeFor, filterValueAccessor, type FilterValue } from './time-filter';
import { weaponColor } from '../../core/style';
import { DEPLOYMENT_LINE, FACILITY_COLOR, type RGBA } from '../../core/config';
import { OPEN_DAY } from '../../core/columnar/columns';

/**
 * A feature placed only to a first-level unit ("the Mykolaiv region") or a country ("nationwide")
 * names it in `admin_area` (ISO 3166-2, e.g. "UA-48", or alpha-2, e.g. "UA"). It is drawn as that
 * unit's polygon from the base map: a faint grey tint and an outline in the feature's colour, under the
 * marks. Its mark stands at the feature's Point, which for bundled data is the unit's label point
 * (inside the unit); its place-uncertainty disc is not drawn (`drawnAsRegion`), so no mark is
 * bigger than the region it stands for.
 *
 * A feature whose geometry is itself a polygon (e.g. the Kursk deployment, stored as Kursk oblast's
 * outline) keeps being drawn by the area layers; only point features get an outline here.
 *
 * Every region row gets its own copy of the outline with its own time filter (as the other
 * layers do), up to MAX_REGION_ROWS; beyond that (a big import at admin-1 precision) the
 * outline of each unit is drawn once, with no tint, shown over the whole span of its rows: thousands
 * of tinted copies of an oblast piled up into a dark mass (and took seconds to draw).
 */
export const MAX_REGION_ROWS = 50;
const CLEAR: RGBA = [0, 0, 0, 0];
/** A big import's unit outline shared by layers of different colours. */
export const MIXED_LINE: RGBA = [70, 70, 70, 230];

export interface RegionLayerInputs {
  dataset: Dataset;
  window: DayRange;
  layers: readonly string[];
  filters?: Filters;
  basemap: BasemapData;
}

interface RegionRows {
  /** 1 where the row carries `admin_area`. */
  mask: Uint8Array;
  rows: number[];
  codeOf: (row: number) => string;
}

const rowsCache = new WeakMap<Dataset, RegionRows>();

/** The rows of a dataset that name an `admin_area` (read from the property store's codes: no Items made). */
export function regionRows(dataset: Dataset): RegionRows {
  let r = rowsCache.get(dataset);
  if (r) return r;
  const n = dataset.columns.n;
  const mask = new Uint8Array(n);
  const rows: number[] = [];
  const d = dataset.columns.props.distinct('admin_area');
  const codeOf = (row: number): string => {
    const v = d?.plain(row) ? d.values[d.codes[row] - 1] : dataset.columns.props.get(row, 'admin_area');
    return typeof v === 'string' ? v : '';
  };
  if (d) {
    for (let row = 0; row < n; row++) {
      if (d.codes[row] || !d.plain(row)) {
        if (codeOf(row)) {
          mask[row] = 1;
          rows.push(row);
        }
      }
    }
  }
  r = { mask, rows, codeOf };
  rowsCache.set(dataset, r);
  return r;
}

/** At most this many region marks are kept clear of by the names (the first in row order). */
const MAX_MARK_OBSTACLES = 500;

/**
 * The boxes of the marks of features drawn as regions in `window` on shown `layers` (24 px round
 * their unit's label point): area names keep clear of them and place names move off them, on the map
 * and in exports alike (label-controller.ts, export-layers.ts).
 */
export function regionMarkBoxes(
  dataset: Dataset,
  window: DayRange,
  layers: readonly string[],
  project: (lonLat: [number, number]) => [number, number],
): { x: number; y: number; w: number; h: number }[] {
  const boxes: { x: number; y: number; w: number; h: number }[] = [];
  const c = dataset.columns;
  for (const row of regionRows(dataset).rows.slice(0, MAX_MARK_OBSTACLES)) {
    if (c.start[row] > window.to || (c.end[row] !== OPEN_DAY && c.end[row] < window.from)) continue;
    if (!layers.includes(dataset.layers[c.layer[row]].key)) continue;
    const [x, y] = project([c.lon[row], c.lat[row]]);
    boxes.push({ x: x - 12, y: y - 12, w: 24, h: 24 });
  }
  return boxes;
}

/** True when the row is drawn as its unit's polygon (so the point layers skip its uncertainty disc). */
export function drawnAsRegion(dataset: Dataset, row: number): boolean {
  return regionRows(dataset).mask[row] === 1;
}

/** The feature's own properties (so picking and tooltips read it as the feature) plus its row and colour. */
export type RegionFeature = Feature<
  Geometry,
  AtlasProperties & { row: number; color: RGBA; country: boolean; span?: FilterValue; grouped?: boolean }
>;

interface Prepared {
  byLayer: Map<string, RegionFeature[]>;
  grouped: boolean;
  /** Grouped: each unit's outline once over the layers shown (by the shown layers' keys), so a window step keeps the same data. */
  merged: Map<string, RegionFeature[]>;
}
const preparedCache = new WeakMap<Dataset, WeakMap<BasemapData, Prepared>>();

function colorOf(it: Item): RGBA {
  if (it.kind === 'strike') return weaponColor(it.feature.properties.weapon);
  if (it.kind === 'facility') return FACILITY_COLOR;
  return DEPLOYMENT_LINE;
}

/**
 * Makes (and keeps, by dataset and base map) the regions' features ahead of the first frame that
 * draws them (layer-prepare.ts): by data layer, the lists the region layers then draw.
 */
export function prepareRegions(dataset: Dataset, basemap: BasemapData): ReadonlyMap<string, readonly RegionFeature[]> {
  return regionRows(dataset).rows.length ? prepare(dataset, basemap).byLayer : new Map();
}

function prepare(dataset: Dataset, basemap: BasemapData): Prepared {
  let byBase = preparedCache.get(dataset);
  if (!byBase) {
    byBase = new WeakMap();
    preparedCache.set(dataset, byBase);
  }
  const cached = byBase.get(basemap);
  if (cached) return cached;
  const { rows, codeOf } = regionRows(dataset);
  const c = dataset.columns;
  const grouped = rows.length > MAX_REGION_ROWS;
  const byLayer = new Map<string, RegionFeature[]>();
  // Per layer code: its list, and (grouped) each unit's feature by the unit's code. A row's unit
  // is looked up once per distinct code, not per row (every row of an ACLED import names one).
  const lists: (RegionFeature[] | undefined)[] = [];
  const groupsOf: Map<string, RegionFeature>[] = [];
  const units = new Map<string, ReturnType<typeof areaUnit>>();
  for (const row of rows) {
    // A feature whose own geometry is already the unit's polygon (the Kursk deployment) is drawn by the area layers.
    const g = c.geometries.size ? c.geometries.get(row) : undefined;
    if (g && g.type !== 'Point' && g.type !== 'MultiPoint') continue;
    const code = codeOf(row);
    let unit = units.get(code);
    if (unit === undefined && !units.has(code)) {
      unit = areaUnit(basemap, code);
      units.set(code, unit);
    }
    if (!unit) continue; // validated at the boundary: a code the base map lacks is reported there
    const layerCode = c.layer[row];
    let list = lists[layerCode];
    if (!list) {
      list = [];
      lists[layerCode] = list;
      byLayer.set(dataset.layers[layerCode].key, list);
      groupsOf[layerCode] = new Map();
    }
    if (grouped) {
      const g = groupsOf[layerCode].get(unit.code);
      const s = filterDay(c.start[row], dataset.origin);
      const e = filterDay(c.end[row], dataset.origin);
      const span = g?.properties.span;
      if (span) {
        // Widened in place (the feature's own array, made below): no array a row.
        if (s < span[0]) span[0] = s;
        if (e > span[1]) span[1] = e;
        continue;
      }
      const it = dataset.itemAt(row);
      const f: RegionFeature = {
        type: 'Feature',
        geometry: unit.feature.geometry,
        properties: {
          ...it.feature.properties,
          row,
          color: colorOf(it),
          country: unit.level === 'country',
          span: [s, e, 1],
          grouped: true,
        },
      };
      groupsOf[layerCode].set(unit.code, f);
      list.push(f);
    } else {
      const it = dataset.itemAt(row);
      list.push({
        type: 'Feature',
        geometry: unit.feature.geometry,
        properties: { ...it.feature.properties, row, color: colorOf(it), country: unit.level === 'country' },
      });
    }
  }
  // Countries under oblasts: a click inside an oblast finds the oblast's feature, not the nationwide one.
  for (const list of byLayer.values()) list.sort((a, b) => Number(b.properties.country) - Number(a.properties.country));
  const p = { byLayer, grouped, merged: new Map() };
  byBase.set(basemap, p);
  return p;
}

const getLine = (f: RegionFeature): RGBA => f.properties.color;
/**
 * The tint inside a region is the same warm grey whatever its weapon or category, the colour is
 * its outline's: a region tinted in the drones' blue read as water (the Mykolaiv oblast beside the
 * Black Sea looked like a lake). Grey darkens the light land and lightens the dark land a little.
 * A country-level feature ("nationwide") is its outline alone: a tint would cover everything else
 * in view, and dim Ukraine's lighter land.
 */
export const REGION_TINT: RGBA = [120, 110, 95, 40];
const getFill = (f: RegionFeature): RGBA => (f.properties.grouped || f.properties.country ? CLEAR : REGION_TINT);
const getLineWidth = (f: RegionFeature): number => (f.properties.grouped ? 1 : f.properties.country ? 1.5 : 2);

/**
 * The filter accessor per dataset and mask (the same function while the filters stay): the mesh's
 * filter values are computed once per accessor, so a new one each window step would rewrite them.
 */
const accessorCache = new WeakMap<
  Dataset,
  { none?: (f: RegionFeature) => FilterValue; byMask: WeakMap<Uint8Array, (f: RegionFeature) => FilterValue> }
>();
function regionFilterValue(dataset: Dataset, mask: Uint8Array | null): (f: RegionFeature) => FilterValue {
  let c = accessorCache.get(dataset);
  if (!c) {
    c = { byMask: new WeakMap() };
    accessorCache.set(dataset, c);
  }
  let fn = mask ? c.byMask.get(mask) : c.none;
  if (!fn) {
    const itemValue = filterValueAccessor(dataset, mask);
    fn = (f) => f.properties.span ?? itemValue(dataset.itemAt(f.properties.row));
    if (mask) c.byMask.set(mask, fn);
    else c.none = fn;
  }
  return fn;
}

/** The regions' layers (one per data layer that has any), to draw under the data's marks. */
export function buildRegionLayers(input: RegionLayerInputs): Layer[] {
  const { dataset, basemap } = input;
  if (!regionRows(dataset).rows.length) return [];
  const p = prepare(dataset, basemap);
  const mask = filterMask(dataset, input.filters);
  const value = regionFilterValue(dataset, mask);
  const filterRange = filterRangeFor(dataset, input.window);
  if (p.grouped) return [groupedLayer(p, input.layers, filterRange)];
  const out: Layer[] = [];
  for (const [key, data] of p.byLayer) {
    // Tints and outlines in one mesh, built once per layer's regions (data-meshes.ts): the areas' program.
    const mesh = meshOf(data, () =>
      shapesMesh(
        data,
        (f) => f.geometry,
        (f) => ({ fill: getFill(f), line: getLine(f), widthPx: getLineWidth(f), dashed: false }),
      ),
    );
    out.push(
      new DataMeshLayer<RegionFeature>({
        id: `${key}:regions`,
        mesh,
        data,
        filter: filterOf(mesh, data, value),
        filterRange,
        visible: input.layers.includes(key),
        pickable: true,
      }),
    );
  }
  return out;
}

/**
 * A big import's outlines: each unit once over every layer shown (its span the union of theirs), in
 * the areas' mesh program (DataMeshLayer), time-filtered on the GPU by the unit's span: a window
 * step sets uniforms only. A GeoJsonLayer per category drew the same oblasts again for each (eight
 * copies at a 100k ACLED import), each with a clear fill over the whole unit; PathLayer's vertex
 * work for ~13,000 outline segments cost software WebGL ~0.5 s a frame; and LineLayer (the units
 * in the window picked on the CPU, as segments) was a program of its own: in software WebGL its
 * first draw, in the import's frame, cost 0.5–1.4 s and each later frame ~0.3 s (its ~5,500
 * instances at ~50 µs each: docs/performance-history.md, "The frame after an update, bisected"). Not pickable: one
 * outline stands for thousands of rows, which the list and the hexagons show.
 */
function groupedLayer(p: Prepared, shown: readonly string[], filterRange: ReturnType<typeof filterRangeFor>): Layer {
  const keys = [...p.byLayer.keys()].filter((k) => shown.includes(k));
  const id = keys.join('\u0000');
  let all = p.merged.get(id);
  if (!all) {
    const byUnit = new Map<Geometry, RegionFeature>();
    for (const k of keys) {
      for (const f of p.byLayer.get(k) ?? []) {
        const span = f.properties.span as FilterValue;
        const had = byUnit.get(f.geometry);
        if (!had) byUnit.set(f.geometry, { ...f, properties: { ...f.properties, span: [...span] as FilterValue } });
        else {
          const s = had.properties.span as FilterValue;
          had.properties.span = [Math.min(s[0], span[0]), Math.max(s[1], span[1]), 1];
          // Rows of layers in different colours: the outline stands for all of them, in neutral ink.
          if (
            had.properties.color !== f.properties.color &&
            had.properties.color.some((v, i) => v !== f.properties.color[i])
          )
            had.properties.color = MIXED_LINE;
        }
      }
    }
    all = [...byUnit.values()].sort((a, b) => Number(b.properties.country) - Number(a.properties.country));
    p.merged.set(id, all);
  }
  const units = all;
  // Outlines only (no fill): built once per set of layers shown, kept with it; the filter values once per mesh.
  const mesh = meshOf(units, () => outlinesMesh(units));
  return new DataMeshLayer<RegionFeature>({
    id: 'regions:grouped',
    mesh,
    data: units,
    filter: filterOf(mesh, units, spanOf),
    filterRange,
    pickable: false,
  });
}

/** A grouped unit's filter values: its span over the layers shown (always passes the filters' third range). */
const spanOf = (f: RegionFeature): FilterValue => f.properties.span as FilterValue;

/** Every ring of the units as a 1-px line in its unit's colour, `pick` the unit's index: one mesh, no fill. */
export function outlinesMesh(units: readonly RegionFeature[]): DataMesh {
  const b = new DataMeshBuilder();
  for (const [i, u] of units.entries())
    addShape(b, u.geometry, { fill: CLEAR, line: u.properties.color, widthPx: 1, dashed: false }, i, 'outline');
  return b.build();
}
