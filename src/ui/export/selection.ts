// Pure: which features an export holds — the window's visible items, optionally only those in view.
import type { Geometry } from 'geojson';
import type { Item } from '../../core/columnar/dataset';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** Bounding box of any geometry; null for an empty one. */
export function geometryBbox(g: Geometry): Bbox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (g.type === 'GeometryCollection')
    for (const x of g.geometries) visit(x.type === 'GeometryCollection' ? [] : x.coordinates);
  else visit(g.coordinates);
  return w === Infinity ? null : [w, s, e, n];
}

/** True when two boxes share any point (edges included). */
export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The items to export: `visible` as given, or those whose geometry's box meets the view's box. */
export function itemsToExport(visible: readonly Item[], inView: Bbox | null): Item[] {
  if (!inView) return [...visible];
  return visible.filter((it) => {
    // A feature not placed on the map (null geometry) is in no view.
    const box = it.feature.geometry ? geometryBbox(it.feature.geometry) : null;
    return box !== null && bboxesIntersect(box, inView);
  });
}

/** One numbered source of an export: a report file, or an outlet and its address. */
export interface NumberedSource {
  n: number;
  label: string;
  /** Titles of the exported features that cite it, in order. */
  titles: string[];
}

/** Unique sources of the items, numbered in order of first citation; `withTitles` false leaves `titles` empty (the attribution needs only the names). */
export function numberedSources(items: Iterable<Item>, withTitles = true): NumberedSource[] {
  const byKey = new Map<string, NumberedSource>();
  for (const it of items) {
    for (const s of it.feature.properties.sources ?? []) {
      const who = s.seed ?? s.name ?? s.url ?? 'Unnamed source';
      const label = s.url && s.url !== who ? `${who} (${s.url})` : who;
      let entry = byKey.get(label);
      if (!entry) {
        entry = { n: byKey.size + 1, label, titles: [] };
        byKey.set(label, entry);
      }
      if (withTitles && !entry.titles.includes(it.feature.properties.title))
        entry.titles.push(it.feature.properties.title);
    }
  }
  return [...byKey.values()];
}
