// Pure: one colour-blind-safe colour per category (imported layers' categories, strike weapons), the rest "other".
import type { Dataset, LayerDef } from '../../core/columnar/dataset';
import type { RGBA } from '../../core/config';
import { publishedOf } from '../../core/published/published-dataset';

/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008) less its black and its
 * yellow, each brought to one band of lightness (≥ 3:1 against the land of both base-map palettes,
 * src/ui/map/data-contrast.test.ts): six colours that stay apart for the common forms of colour
 * blindness. Their orange and sky blue, that dark, read as the vermillion and the blue: olive and
 * periwinkle stand in. A seventh, grey, is "other". The first four are the weapons' (config.ts).
 */
export const PALETTE: readonly RGBA[] = [
  [213, 94, 0, 255], // vermillion
  [46, 140, 206, 255], // blue
  [0, 147, 105, 255], // bluish green
  [194, 90, 176, 255], // reddish purple
  [135, 135, 27, 255], // olive
  [121, 118, 226, 255], // periwinkle
];
export const OTHER_COLOR: RGBA = [134, 134, 134, 255];
export const OTHER_LABEL = 'Other';

/**
 * Categories the palette names in a fixed colour wherever they occur, so the same category has the
 * same colour in every file, view and export: ACLED's main event and sub-event types, UCDP's three
 * types of violence. Anything else gets the colours left over, by count, then "other".
 */
const FIXED: Record<string, number> = {
  'Shelling/artillery/missile attack': 0,
  'Air/drone strike': 1,
  Battles: 2,
  'Armed clash': 2,
  'Strategic developments': 3,
  'Remote explosive/landmine/IED': 4,
  'Violence against civilians': 5,
  'State-based': 0,
  'Non-state': 2,
  'One-sided': 1,
};

/** A category's colour and how many rows it has. */
export interface CategoryEntry {
  label: string;
  color: RGBA;
  count: number;
  /** Layers (keys) drawn in this colour. */
  layers: string[];
}

export interface CategoryColors {
  /** Colour of each layer drawn in one colour (imported categories); absent = coloured per mark (by weapon). */
  layerColor: Map<string, RGBA>;
  /** Named categories (most rows first), then "other" if any category went without a colour. */
  entries: CategoryEntry[];
}

/** The category a layer stands for: its imported category (the layer's label), or none (bundled: by weapon). */
export function layerCategory(def: LayerDef, sampleCategory: string | undefined): string | null {
  if (def.kind !== 'strike') return null;
  return sampleCategory ?? (def.group === 'bundled' ? null : def.label);
}

/**
 * Colours for the dataset's imported strike-kind layers: one colour per distinct category (layers of
 * two files with the same category share it). Fixed colours first, then the rest by row count;
 * when the palette runs out, the smallest categories become "other".
 */
export function categoryColors(ds: Dataset): CategoryColors {
  const counts = new Map<string, { count: number; layers: string[] }>();
  // A published dataset: its manifest names each layer's category and count over the whole archive,
  // so the colours are the same zoomed out (no rows loaded), in every window and in every view.
  const published = publishedOf(ds)?.manifest.layers;
  if (published) {
    for (const l of published) {
      const def = ds.layerOf.get(l.key);
      const label = def ? layerCategory(def, l.category) : null;
      if (!label || !l.count) continue;
      const c = counts.get(label) ?? { count: 0, layers: [] };
      c.count += l.count;
      c.layers.push(l.key);
      counts.set(label, c);
    }
    return assignColors([...counts].map(([label, c]) => ({ label, ...c })));
  }
  ds.layers.forEach((def, code) => {
    const rows = ds.columns.rowsOfLayer[code];
    if (def.kind !== 'strike' || def.group === 'bundled' || !rows.length) return;
    const cat = (ds.columns.props.row(rows[0]) as { category?: unknown }).category;
    const label = layerCategory(def, typeof cat === 'string' && cat ? cat : undefined);
    if (!label) return;
    const c = counts.get(label) ?? { count: 0, layers: [] };
    c.count += rows.length;
    c.layers.push(def.key);
    counts.set(label, c);
  });
  return assignColors([...counts].map(([label, c]) => ({ label, ...c })));
}

/** Pure core of categoryColors: categories with counts → colours (exported for tests). */
export function assignColors(cats: readonly { label: string; count: number; layers: string[] }[]): CategoryColors {
  const sorted = [...cats].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  const used = new Set<number>();
  const colorOf = new Map<string, number>();
  // Fixed colours go to their categories first (the larger one wins if two share a colour).
  for (const c of sorted) {
    const f = FIXED[c.label];
    if (f !== undefined && !used.has(f)) {
      colorOf.set(c.label, f);
      used.add(f);
    }
  }
  for (const c of sorted) {
    if (colorOf.has(c.label)) continue;
    const free = PALETTE.findIndex((_, i) => !used.has(i));
    if (free < 0) break;
    colorOf.set(c.label, free);
    used.add(free);
  }
  const layerColor = new Map<string, RGBA>();
  const entries: CategoryEntry[] = [];
  const other: CategoryEntry = { label: OTHER_LABEL, color: OTHER_COLOR, count: 0, layers: [] };
  for (const c of sorted) {
    const i = colorOf.get(c.label);
    const color = i === undefined ? OTHER_COLOR : PALETTE[i];
    for (const k of c.layers) layerColor.set(k, color);
    if (i === undefined) {
      other.count += c.count;
      other.layers.push(...c.layers);
    } else entries.push({ label: c.label, color, count: c.count, layers: [...c.layers] });
  }
  if (other.layers.length) entries.push(other);
  return { layerColor, entries };
}
