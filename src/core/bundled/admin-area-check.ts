// Checks that a feature placed to a country or region (admin_area) has its mark inside that country: a representative point, not one beside it.
import { issueMessage, type BundledIssue } from './validate-bundled.ts';

/** ISO 3166-1 alpha-2 → numeric (Natural Earth's country ids), for the countries the data names. */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  UA: '804',
  RU: '643',
  RO: '642',
  CN: '156',
  KP: '408',
  KR: '410',
  BY: '112',
  MD: '498',
  PL: '616',
  GB: '826',
};

type Ring = [number, number][];
/** A country's outline as polygons of rings (first ring outer, then holes). */
export type CountryShape = Ring[][];

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a country's polygons (even-odd over each polygon's rings). */
export function inCountry(point: [number, number], shape: CountryShape): boolean {
  return shape.some((poly) => poly.reduce((inside, ring) => (inRing(point, ring) ? !inside : inside), false));
}

/** The mark's position: a Point's coordinates, or the centre of an area's bounding box (as the map anchors it). */
function anchorOf(geometry: unknown): [number, number] | null {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return null;
  if (g.type === 'Point' && Array.isArray(g.coordinates)) return g.coordinates as [number, number];
  const flat: [number, number][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') flat.push(c as [number, number]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  if (flat.length === 0) return null;
  const xs = flat.map((p) => p[0]);
  const ys = flat.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/**
 * Every feature with an `admin_area` must have its mark inside the country the code starts with
 * (`UA-14` → Ukraine). `shapeOf(alpha2)` gives the country's outline, or null where it is not known
 * (then the feature is not judged).
 */
export function checkAdminAreaPoints(
  collection: unknown,
  fileName: string,
  shapeOf: (alpha2: string) => CountryShape | null,
): BundledIssue[] {
  const issues: BundledIssue[] = [];
  const features = (collection as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return issues;
  features.forEach((f: { properties?: Record<string, unknown>; geometry?: unknown }, index: number) => {
    const p = f?.properties;
    if (!p || typeof p.admin_area !== 'string') return;
    const country = p.admin_area.slice(0, 2);
    const shape = shapeOf(country);
    const at = anchorOf(f.geometry);
    if (!shape || !at) return;
    if (!inCountry(at, shape)) {
      const id = typeof p.id === 'string' ? p.id : null;
      const what = `"${p.admin_area}", but the mark at [${at[0]}, ${at[1]}] is outside ${country}: put a representative point inside the unit`;
      issues.push({
        file: fileName,
        index,
        field: 'admin_area',
        message: issueMessage(fileName, index, id, 'admin_area', what),
      });
    }
  });
  return issues;
}
