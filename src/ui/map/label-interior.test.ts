// Names of countries and regions at more points inside them: on the committed base map, UKRAINE off a mark on its label point, oblasts whose label point is out of view, city units named once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology, toPlace, type BasemapPlace } from './basemap-data';
import { basemapAt } from './basemap-lookup';
import { interiorAnchors } from './label-interior';
import { labelSites, placeSites } from '../layers/labels';
import { intersects } from './label-placement';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);
const measure = (t: string, size: number): number => t.length * size * 0.62;

/** Web Mercator for a 1024×700 view centred on (lon, lat) at a zoom, and its inverse. */
function viewAt(lon: number, lat: number, zoom: number) {
  const k = (512 * 2 ** zoom) / (2 * Math.PI);
  const my = (la: number): number => Math.log(Math.tan(Math.PI / 4 + (la * Math.PI) / 360));
  const cx = (lon * Math.PI) / 180;
  const cy = my(lat);
  const project = (lo: number, la: number): [number, number] => [
    512 + ((lo * Math.PI) / 180 - cx) * k,
    350 - (my(la) - cy) * k,
  ];
  const unproject = (x: number, y: number): [number, number] => [
    (((x - 512) / k + cx) * 180) / Math.PI,
    ((2 * Math.atan(Math.exp(cy - (y - 350) / k)) - Math.PI / 2) * 180) / Math.PI,
  ];
  return { project, unproject, view: { width: 1024, height: 700 } };
}

describe('names at more points inside their area', () => {
  it('finds boxes wholly inside Ukraine, nearest its label point first', () => {
    const { project, unproject, view } = viewAt(31.3, 48.4, 4.75);
    const ukraine = basemap.countries.features.find((f) => f.properties.a3 === 'UKR');
    expect(ukraine).toBeDefined();
    const from = project(ukraine!.properties.lx!, ukraine!.properties.ly!);
    const at = [...interiorAnchors(ukraine!, project, view, 70, 15, from)];
    expect(at.length).toBeGreaterThan(20);
    const d = at.map(([x, y]) => Math.hypot(x - from[0], y - from[1]));
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    for (const [x, y] of at.slice(0, 40))
      for (const [px, py] of [
        [x - 35, y - 7.5],
        [x + 35, y + 7.5],
      ])
        expect(basemapAt(basemap, ...unproject(px, py)).country, `${px},${py}`).toBe('UKR');
  });

  it('names UKRAINE inside Ukraine when a mark covers its label point and the spots round it', () => {
    const { project, unproject, view } = viewAt(31.3, 48.4, 4.75);
    const sites = labelSites(basemap, [], new Set(), 4.75).filter((s) => s.kind === 'country');
    const u = sites.find((s) => s.id === 'country:UKR')!;
    const [x, y] = project(u.lon, u.lat);
    const mark = { x: x - 60, y: y - 40, w: 120, h: 80 };
    const placed = placeSites(sites, project, view, [], measure, [mark]).labels;
    const label = placed.find((l) => l.site.id === 'country:UKR');
    expect(label, 'UKRAINE is named').toBeDefined();
    expect(intersects(label!.box, mark)).toBe(false);
    const b = label!.box;
    for (const [px, py] of [
      [b.x, b.y],
      [b.x + b.w, b.y + b.h],
      [b.x + b.w / 2, b.y + b.h / 2],
    ])
      expect(basemapAt(basemap, ...unproject(px, py)).country).toBe('UKR');
    // Without the other points the name was left out.
    const before = placeSites(
      sites.map(({ area: _area, ...s }) => s),
      project,
      view,
      [],
      measure,
      [mark],
    ).labels;
    expect(before.find((l) => l.site.id === 'country:UKR')).toBeUndefined();
  });

  it('moves a place’s name off a region’s mark (Kropyvnytskyi beside the nationwide drone wave’s mark)', () => {
    const { project, view } = viewAt(31.3, 48.4, 5.6);
    const places = JSON.parse(readFileSync('public/basemap/places.json', 'utf8')) as BasemapPlace[];
    const withPlaces = basemapFromTopology(
      JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology,
      places.map(toPlace),
    );
    const sites = labelSites(withPlaces, [], new Set(), 5.6);
    const place = sites.find((s) => s.kind === 'place' && s.text === 'Kropyvnytskyi')!;
    expect(place, 'Kropyvnytskyi is among the sites').toBeDefined();
    const free = placeSites(sites, project, view, [], measure).labels.find((l) => l.site.id === place.id)!;
    expect(free, 'named with nothing in the way').toBeDefined();
    // A region's mark (24 px) on the middle of where its name went.
    const mark = { x: free.box.x + free.box.w / 2 - 12, y: free.box.y + free.box.h / 2 - 12, w: 24, h: 24 };
    const moved = placeSites(sites, project, view, [], measure, [mark]).labels.find((l) => l.site.id === place.id);
    if (moved) expect(intersects(moved.box, mark), `${moved.spot} covers the mark`).toBe(false);
    expect(moved?.spot).not.toBe(free.spot);
  });

  it('puts a name too big for its country beside it, east first (NORTH KOREA zoomed out, as at story step 3)', () => {
    const { project, view } = viewAt(79, 56, 1.6);
    const prk = basemap.countries.features.find((f) => f.properties.a3 === 'PRK')!;
    const from = project(prk.properties.lx!, prk.properties.ly!);
    const at = [...interiorAnchors(prk, project, view, 90, 15, from)];
    const [east] = project(131, 40); // east of North Korea's easternmost point (130.7° E)
    expect(at.length).toBe(6);
    expect(at[0][0] - 45).toBeGreaterThan(from[0]);
    expect(at[0][0] - 45).toBeLessThan(east + 3);
    expect(at[0][1]).toBe(from[1]);
    expect(at[1][1]).toBe(from[1] - 15);
    expect(at[3][0] + 45).toBeLessThan(from[0]);
  });

  it('names an oblast whose label point is out of view at a point of it in view (southern Ukraine at zoom 7)', () => {
    const { project, unproject, view } = viewAt(33.6, 47.0, 7);
    const placed = placeSites(labelSites(basemap, [], new Set(), 7), project, view, [], measure).labels;
    const offPoint = placed.filter((l) => {
      if (l.site.kind !== 'region') return false;
      const [x, y] = project(l.site.lon, l.site.lat);
      return x < -50 || y < -50 || x > view.width + 50 || y > view.height + 50;
    });
    expect(offPoint.length, 'units named away from their label point').toBeGreaterThan(0);
    for (const l of offPoint) {
      const c = unproject(l.box.x + l.box.w / 2, l.box.y + l.box.h / 2);
      expect(basemapAt(basemap, ...c).admin1, l.text).toBe(l.site.text);
    }
  });

  it('names a city that is a unit of its own once, by its place (Sevastopol, Kyiv City), and keeps the oblasts named after cities', () => {
    const places = JSON.parse(readFileSync('public/basemap/places.json', 'utf8')) as BasemapPlace[];
    const withPlaces = basemapFromTopology(
      JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology,
      places.map(toPlace),
    );
    const regions = (zoom: number): string[] =>
      labelSites(withPlaces, [], new Set(), zoom)
        .filter((s) => s.kind === 'region')
        .map((s) => s.text);
    for (const zoom of [6, 8]) {
      const named = regions(zoom);
      expect(named, `zoom ${zoom}`).not.toContain('Sevastopol');
      expect(named).not.toContain('Kyiv City');
      for (const oblast of ['Kyiv', 'Kharkiv', 'Odesa', 'Crimea', 'Zaporizhzhia']) expect(named).toContain(oblast);
    }
    // Without the city's own label (no gazetteer places), the unit keeps its name.
    expect(labelSites(basemap, [], new Set(), 8).some((s) => s.kind === 'region' && s.text === 'Sevastopol')).toBe(
      true,
    );
  });
});
