// The committed base map's polygons are drawable: no ring crosses itself or its polygon's other rings, no lake edge is a chord across the land.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import type { Position } from 'geojson';
import { basemapFromTopology, type AreaFeature } from './basemap-data';
import { inArea } from './basemap-lookup';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);

const orient = (p: Position, q: Position, r: Position): number =>
  Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
/** Two segments cross at a point inside both (touching at an end or a shared vertex is allowed). */
function cross(a: Position, b: Position, c: Position, d: Position): boolean {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** Every crossing of two edges within one polygon (its outer ring and holes), as "name: at lon,lat". */
function crossings(features: readonly AreaFeature<unknown>[], name: (f: AreaFeature<unknown>) => string): string[] {
  const out: string[] = [];
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of polys) {
      const segs: [Position, Position][] = [];
      for (const r of rings) for (let i = 1; i < r.length; i++) segs.push([r[i - 1], r[i]]);
      // Sorted by their west end, so each edge is tested only against the edges that overlap it in longitude.
      segs.sort((s, t) => Math.min(s[0][0], s[1][0]) - Math.min(t[0][0], t[1][0]));
      for (let i = 0; i < segs.length; i++) {
        const [a, b] = segs[i];
        const east = Math.max(a[0], b[0]);
        for (let j = i + 1; j < segs.length && Math.min(segs[j][0][0], segs[j][1][0]) <= east; j++) {
          const [c, d] = segs[j];
          if (cross(a, b, c, d)) out.push(`${name(f)}: at ${a[0].toFixed(2)},${a[1].toFixed(2)}`);
        }
      }
    }
  }
  return out;
}

const km = (a: Position, b: Position): number =>
  Math.hypot((b[0] - a[0]) * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180), b[1] - a[1]) * 111.2;

describe('the committed base map (public/basemap/basemap.json)', () => {
  it('has no country, admin-1 unit or lake whose rings cross (a crossed ring fills as wedges)', () => {
    const countries = basemap.countries.features as AreaFeature<{ a3: string }>[];
    expect(crossings(countries, (f) => (f.properties as { a3: string }).a3)).toEqual([]);
    expect(crossings(basemap.admin1.features, (f) => (f.properties as { iso: string }).iso)).toEqual([]);
    expect(crossings(basemap.lakes.features as AreaFeature<unknown>[], () => 'lake')).toEqual([]);
  });

  it('draws lakes along their shorelines: no edge cuts across the land (the old sea-coloured wedges in Russia’s far east)', () => {
    // GSHHG's shorelines were dumped cut at 5° bins and each piece closed on itself with a straight line:
    // chords of up to 540 km across Siberia, filled with water. A traced shoreline has no edge near that long.
    const long: string[] = [];
    for (const f of basemap.lakes.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const rings of polys)
        for (const r of rings)
          for (let i = 1; i < r.length; i++)
            if (km(r[i - 1], r[i]) > 60) long.push(`${km(r[i - 1], r[i]).toFixed(0)} km at ${r[i - 1].join(',')}`);
    }
    expect(long).toEqual([]);
    // The lakes and reservoirs an editor looks for are there, whole.
    const lakeAt = (lon: number, lat: number): boolean =>
      basemap.lakes.features.some((f) => inArea(f as AreaFeature<unknown>, lon, lat));
    expect(lakeAt(31.5, 60.8), 'Ladoga').toBe(true);
    expect(lakeAt(108.0, 53.5), 'Baikal').toBe(true);
    expect(lakeAt(32.6, 49.3), 'the Kremenchuk reservoir').toBe(true);
    expect(lakeAt(34.5, 47.5), 'the Kakhovka reservoir (as GSHHG has it, before June 2023)').toBe(true);
    expect(lakeAt(125.0, 66.0), 'no water over Yakutia').toBe(false);
    expect(lakeAt(143.0, 65.0), 'no water over the Kolyma uplands').toBe(false);
  });
});
