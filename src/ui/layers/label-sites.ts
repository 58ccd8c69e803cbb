// The names a view may show before placement: places, capitals, countries, admin-1 units and water, ranked; a city that is a unit of its own named once.
import type { AreaFeature, BasemapData } from '../map/basemap-data';
import { areaBbox } from '../map/label-interior';
import type { Place } from '../../core/bundled/load-bundled';

/** The highest gazetteer rank of data/places.json shown at a zoom level. */
export function maxRankAtZoom(zoom: number): number {
  if (zoom < 4.2) return 1;
  if (zoom < 5.5) return 2;
  return 3;
}

export type LabelKind = 'place' | 'capital' | 'region' | 'country' | 'water';

/** A name the map may draw, before placement: where, what, how important. */
export interface LabelSite {
  id: string;
  text: string;
  lon: number;
  lat: number;
  kind: LabelKind;
  priority: number;
  /** The country or admin-1 unit a name stands for: where its label point has no free spot, other points inside it are tried. */
  area?: AreaFeature<unknown>;
}

/** Town ranks of the base map's gazetteer by the zoom they appear at. */
const RANK_MIN_ZOOM = [0, 0, 4.4, 5.6, 6.6];

/** A gazetteer place's priority by rank: capitals 1, admin seats 2, towns 5–6. */
const placePriority = (rank: number): number => (rank === 1 ? 1 : rank === 2 ? 2 : rank + 2);

/** The same place in both gazetteers (same name nearby, or any name within ~10 km: "Chișinău" / "Chisinau"). */
function inBoth(dataPlaces: readonly Place[], p: Place): boolean {
  return dataPlaces.some(
    (q) =>
      (q.name === p.name && Math.abs(q.lon - p.lon) < 0.4 && Math.abs(q.lat - p.lat) < 0.3) ||
      (Math.abs(q.lon - p.lon) < 0.12 && Math.abs(q.lat - p.lat) < 0.09),
  );
}

/**
 * Where the dots of the places that show at every zoom stand (lon, lat): the places the data names
 * and the capitals. The data's area labels keep clear of them (area-labels.ts), on the map and in exports.
 */
export function labelDotPoints(
  b: BasemapData,
  dataPlaces: readonly Place[],
  named: ReadonlySet<string>,
): [number, number][] {
  const out: [number, number][] = [];
  for (const p of dataPlaces) if (named.has(p.name) || p.rank === 1) out.push([p.lon, p.lat]);
  for (const p of b.places) if (p.rank === 1 && !inBoth(dataPlaces, p)) out.push([p.lon, p.lat]);
  return out;
}

/**
 * The names a view may show, most important first:
 *   0 the places the data names (always tried first) · 1 capitals · 1.5 countries (below zoom 7)
 *   2 admin seats (oblast centres) · 3 admin-1 units (from zoom 4.5) · 4 rivers · 5–6 towns.
 * A base-map place that repeats a data place (same name, within ~30 km) is left to the data's.
 */
export function labelSites(
  b: BasemapData,
  dataPlaces: readonly Place[],
  named: ReadonlySet<string>,
  zoom: number,
): LabelSite[] {
  const sites: LabelSite[] = [];
  const dataShown = dataPlaces.filter((p) => named.has(p.name) || p.rank <= maxRankAtZoom(zoom));
  for (const p of dataShown)
    sites.push({
      id: `data:${p.name}`,
      text: p.name,
      lon: p.lon,
      lat: p.lat,
      kind: 'place',
      // Ranked as the base map ranks its own (a capital such as Seoul is not put behind Tokyo).
      priority: named.has(p.name) ? 0 : placePriority(p.rank),
    });
  const dup = (p: Place): boolean => inBoth(dataPlaces, p);
  for (const p of b.places) {
    if (zoom < RANK_MIN_ZOOM[p.rank] || dup(p)) continue;
    const priority = placePriority(p.rank);
    sites.push({
      id: `place:${p.name}:${p.lon}`,
      text: p.name,
      lon: p.lon,
      lat: p.lat,
      kind: p.rank === 1 ? 'capital' : 'place',
      priority,
    });
  }
  if (zoom < 7) {
    for (const f of b.countries.features) {
      const { lx, ly, name, a3 } = f.properties;
      if (lx !== undefined && ly !== undefined)
        sites.push({ id: `country:${a3}`, text: name, lon: lx, lat: ly, kind: 'country', priority: 1.5, area: f });
    }
  }
  // Moldova's 37 districts are named only close in; the other countries' units from zoom 4.5. A
  // city that is a unit of its own (Sevastopol, Kyiv City) is named once, by its place's label.
  const placeNames = new Set(sites.map((s) => s.text));
  if (zoom >= 4.5)
    for (const f of b.admin1.features)
      if ((zoom >= 7 || f.properties.a3 !== 'MDA') && !isCityUnit(f, placeNames, sites))
        sites.push({
          id: `admin1:${f.properties.iso}`,
          text: f.properties.name,
          lon: f.properties.lx,
          lat: f.properties.ly,
          kind: 'region',
          priority: 3,
          area: f,
        });
  b.water.forEach((w, i) => {
    if (zoom >= (w.minZoom ?? 0))
      sites.push({ id: `water:${i}`, text: w.name, lon: w.lon, lat: w.lat, kind: 'water', priority: 4 });
  });
  return sites;
}

/** A unit is its city when it is small (under ~1° across) and a place of its name ("Kyiv" for "Kyiv City") stands inside its box. */
const CITY_UNIT_SPAN = 1;

function isCityUnit(
  f: AreaFeature<{ name: string }>,
  placeNames: ReadonlySet<string>,
  places: readonly LabelSite[],
): boolean {
  const name = f.properties.name.replace(/ City$/, '');
  if (!placeNames.has(name)) return false;
  const box = areaBbox(f);
  const [w, s, e, n] = box;
  if (e - w > CITY_UNIT_SPAN || n - s > CITY_UNIT_SPAN) return false;
  return places.some(
    (p) =>
      p.text === name &&
      (p.kind === 'place' || p.kind === 'capital') &&
      p.lon >= w &&
      p.lon <= e &&
      p.lat >= s &&
      p.lat <= n,
  );
}
