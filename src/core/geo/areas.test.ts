// Tests for the approximate-area builders: containment, distance bound, ring validity, single place, bad input.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import {
  COORD_DECIMALS,
  EARTH_RADIUS_KM,
  approximateArea,
  areaFromPlaces,
  containsPoint,
  distanceKm,
  lookUpPlaces,
  ringsOf,
  uncertaintyCircle,
  type AreaGeometry,
  type LonLat,
} from './areas.ts';

/** The point `km` away from `from` on initial bearing `deg` (spherical Earth, as turf). */
function destination(from: LonLat, km: number, deg: number): LonLat {
  const rad = Math.PI / 180;
  const d = km / EARTH_RADIUS_KM;
  const b = deg * rad;
  const lat1 = from[1] * rad;
  const lon1 = from[0] * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [lon2 / rad, lat2 / rad];
}

const nearestKm = (p: LonLat, places: LonLat[]): number => Math.min(...places.map((q) => distanceKm(p, q)));
const asLonLat = (p: Position): LonLat => [p[0]!, p[1]!];

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position): number =>
    Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** Closed, at least 4 positions, no repeated consecutive positions, no self-crossing edges. */
function expectValidRings(g: AreaGeometry): void {
  for (const ring of ringsOf(g)) {
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (let i = 1; i < ring.length; i++) expect(ring[i]).not.toEqual(ring[i - 1]);
    for (let i = 0; i + 1 < ring.length; i++) {
      for (let j = i + 2; j + 1 < ring.length; j++) {
        if (i === 0 && j + 2 === ring.length) continue; // first and last edges share the closing vertex
        expect(segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)).toBe(false);
      }
    }
  }
}

// A curved chain of towns along the Russia-Ukraine border, and two far-apart places.
const CHAIN: LonLat[] = [
  [34.685, 51.568],
  [35.272, 51.195],
  [35.676, 50.479],
  [36.587, 50.596],
  [38.1, 50.211],
];
const APART: LonLat[] = [
  [30.524, 50.45],
  [36.231, 49.993],
];

describe('approximateArea', () => {
  it('contains every place it was built from', () => {
    for (const [pts, km] of [
      [CHAIN, 40],
      [APART, 25],
      [[[127.657, 39.92]], 5],
    ] as [LonLat[], number][]) {
      const g = approximateArea(pts, km);
      for (const p of pts) expect(containsPoint(g, p)).toBe(true);
    }
  });

  it('contains nothing farther than the buffer from every place', () => {
    const km = 40;
    const g = approximateArea(CHAIN, km);
    // Every vertex lies within the buffer (allowing ~20 m for 4-decimal rounding) ...
    for (const ring of ringsOf(g)) for (const v of ring) expect(nearestKm(asLonLat(v), CHAIN)).toBeLessThan(km + 0.02);
    // ... and so does every grid point inside the area.
    let inside = 0;
    for (let lon = 33.5; lon <= 39; lon += 0.1) {
      for (let lat = 49.5; lat <= 52.5; lat += 0.1) {
        if (!containsPoint(g, [lon, lat])) continue;
        inside += 1;
        expect(nearestKm([lon, lat], CHAIN)).toBeLessThanOrEqual(km + 0.02);
      }
    }
    expect(inside).toBeGreaterThan(100);
    // Points just beyond the buffer of the chain's ends are outside.
    expect(containsPoint(g, destination(CHAIN[0]!, km * 1.05, 300))).toBe(false);
    expect(containsPoint(g, destination(CHAIN[4]!, km * 1.05, 90))).toBe(false);
  });

  it('keeps a curved chain a band instead of filling its hull', () => {
    // Twelve places on a 270-degree arc of radius 150 km: the centre is inside their convex hull
    // but 150 km from every place, so the area must leave it out.
    const centre: LonLat = [36.2, 50.0];
    const arc = Array.from({ length: 12 }, (_, i) => destination(centre, 150, (i * 270) / 11));
    const g = approximateArea(arc, 40);
    expect(g.type).toBe('Polygon');
    expect(containsPoint(g, centre)).toBe(false);
    for (const p of arc) expect(containsPoint(g, p)).toBe(true);
  });

  it('returns a MultiPolygon when the circles do not touch', () => {
    const g = approximateArea(APART, 25);
    expect(g.type).toBe('MultiPolygon');
    if (g.type === 'MultiPolygon') expect(g.coordinates).toHaveLength(2);
  });

  it('builds closed, valid, counter-clockwise rings with coordinates rounded to 4 decimals', () => {
    for (const g of [approximateArea(CHAIN, 40), approximateArea(APART, 25), approximateArea(CHAIN, 15)]) {
      expectValidRings(g);
      const outers = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((poly) => poly[0]!);
      for (const ring of outers) {
        let twiceArea = 0;
        for (let i = 0; i + 1 < ring.length; i++)
          twiceArea += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
        expect(twiceArea).toBeGreaterThan(0);
      }
      const scale = 10 ** COORD_DECIMALS;
      for (const ring of ringsOf(g))
        for (const v of ring) for (const c of v) expect(Math.round(c * scale) / scale).toBe(c);
    }
  });

  it('gives a circle for a single place', () => {
    const center: LonLat = [127.657, 39.92];
    const g = approximateArea([center], 10);
    expect(g.type).toBe('Polygon');
    if (g.type !== 'Polygon') return;
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toHaveLength(65);
    for (const v of g.coordinates[0]!) expect(distanceKm(asLonLat(v), center)).toBeCloseTo(10, 1);
    expect(g).toEqual(uncertaintyCircle(center, 10));
  });

  it('is deterministic', () => {
    expect(approximateArea(CHAIN, 40)).toEqual(approximateArea([...CHAIN], 40));
  });

  it('rejects bad input with a clear error', () => {
    expect(() => approximateArea([], 10)).toThrow(/at least one \[lon, lat\] point/);
    expect(() => approximateArea([[200, 10]], 10)).toThrow(/point 0 \[200,10\] is not a \[lon, lat\] pair/);
    expect(() =>
      approximateArea(
        [
          [30, 50],
          [Number.NaN, 50],
        ],
        10,
      ),
    ).toThrow(/point 1/);
    expect(() => approximateArea([[30, 95]], 10)).toThrow(/out of range|not a \[lon, lat\] pair/);
    expect(() => approximateArea([[30, 50, 1] as unknown as LonLat], 10)).toThrow(/not a \[lon, lat\] pair/);
    expect(() => approximateArea([[30, 50]], 0)).toThrow(/bufferKm must be a finite number of km greater than 0/);
    expect(() => approximateArea([[30, 50]], -5)).toThrow(/bufferKm/);
    expect(() => approximateArea([[30, 50]], Number.POSITIVE_INFINITY)).toThrow(/bufferKm/);
    expect(() => approximateArea([[30, 50]], 10, 3)).toThrow(/steps must be an integer/);
    expect(() => approximateArea([[0, 89.5]], 10)).toThrow(/pole/);
    expect(() => approximateArea(null as unknown as LonLat[], 10)).toThrow(/at least one/);
  });
});

describe('uncertaintyCircle', () => {
  it('draws a closed circle of the given radius', () => {
    const c = uncertaintyCircle([36.231, 49.993], 12, 32);
    expect(c.coordinates[0]).toHaveLength(33);
    expectValidRings(c);
    for (const v of c.coordinates[0]!) expect(distanceKm(asLonLat(v), [36.231, 49.993])).toBeCloseTo(12, 1);
    expect(containsPoint(c, [36.231, 49.993])).toBe(true);
    expect(containsPoint(c, destination([36.231, 49.993], 12.5, 45))).toBe(false);
  });

  it('rejects a bad centre or radius', () => {
    expect(() => uncertaintyCircle([181, 0], 5)).toThrow(/uncertaintyCircle: center/);
    expect(() => uncertaintyCircle([0, 0], Number.NaN)).toThrow(/uncertaintyCircle: radius/);
  });
});

describe('gazetteer look-ups', () => {
  const gazetteer = [
    { name: 'Kursk', lon: 36.193, lat: 51.73, country: 'Russia', rank: 1 as const },
    { name: 'Sudzha', lon: 35.272, lat: 51.195, country: 'Russia', rank: 3 as const },
  ];
  it('builds an area from place names', () => {
    expect(areaFromPlaces(['Kursk', 'Sudzha'], 40, gazetteer)).toEqual(
      approximateArea(
        [
          [36.193, 51.73],
          [35.272, 51.195],
        ],
        40,
      ),
    );
  });
  it('names every missing place', () => {
    expect(() => lookUpPlaces(['Kursk', 'Atlantis', 'Lgov'], gazetteer)).toThrow(/Atlantis, Lgov/);
  });
});
