// Pure: what the exported legend, scale bar, time caption and attribution say — no drawing here.
import { WEAPONS } from '../../core/schema/schema';
import type { LayerDef } from '../../core/columnar/dataset';
import {
  DEPLOYMENT_FILL,
  DEPLOYMENT_LINE,
  FACILITY_COLOR,
  UNCERTAINTY_FILL,
  UNCERTAINTY_LINE,
  WEAPON_COLORS,
  WEAPON_LABELS,
  type RGBA,
} from '../../core/config';
import { formatWindow } from '../controls/format';
import { formatHumanDay } from '../../core/time/days';
import type { DayRange, WindowMode } from '../../core/time/window';
import type { NumberedSource } from './selection';
import type { DensityInfo } from '../layers/density';
import { rampColor, rampT, rampTicks } from '../layers/density-scale';

const WHITE: RGBA = [255, 255, 255, 255];

/** How a legend row's symbol is drawn; the same colours the map's layers use (src/core/config.ts). */
export type Swatch =
  | { kind: 'none' }
  | { kind: 'dot'; fill: RGBA }
  | { kind: 'ring'; fill: RGBA; stroke: RGBA; core?: RGBA; thin?: boolean }
  | { kind: 'area'; fill: RGBA; stroke: RGBA; dashed: boolean }
  | { kind: 'hex'; fill: RGBA };

/** What else the legend explains: category colours of imported layers, and the density view's scale. */
export interface LegendExtras {
  /** A layer's one colour (its category), by layer key (src/ui/layers/categories.ts); others by weapon. */
  colors?: ReadonlyMap<string, RGBA>;
  /** The density view the map shows; hexagons and heatmap get their scale explained. */
  density?: Pick<DensityInfo, 'drawn' | 'size' | 'max' | 'domain' | 'fixed'> | null;
}

export interface LegendRow {
  text: string;
  swatch: Swatch;
  /** 1 = a sub-entry (e.g. a weapon under the strike colours). */
  indent: 0 | 1;
  bold?: boolean;
}

/**
 * Legend rows: one per layer shown (in the dataset's order, with its count of exported features),
 * then the keys its symbols need — strike colours by weapon, approximate areas, place uncertainty.
 */
export function legendRows(
  layers: readonly LayerDef[],
  counts: ReadonlyMap<string, number> = new Map(),
  extras: LegendExtras = {},
): LegendRow[] {
  const rows: LegendRow[] = [];
  const colors = extras.colors ?? new Map<string, RGBA>();
  const label = (d: LayerDef): string => (counts.has(d.key) ? `${d.label} (${counts.get(d.key)})` : d.label);
  for (const d of layers) {
    if (d.kind === 'strike')
      rows.push({
        text: label(d),
        swatch: { kind: 'dot', fill: colors.get(d.key) ?? WEAPON_COLORS.missile },
        indent: 0,
        bold: true,
      });
    else if (d.kind === 'facility')
      rows.push({
        text: label(d),
        swatch: { kind: 'ring', fill: WHITE, stroke: FACILITY_COLOR, core: FACILITY_COLOR },
        indent: 0,
        bold: true,
      });
    else if (d.kind === 'deployment')
      rows.push({
        text: label(d),
        swatch: { kind: 'area', fill: DEPLOYMENT_FILL, stroke: DEPLOYMENT_LINE, dashed: false },
        indent: 0,
        bold: true,
      });
    // A kind this legend has no symbol for is still named, so nothing on the map goes unexplained.
    else rows.push({ text: label(d), swatch: { kind: 'none' }, indent: 0, bold: true });
  }
  const kinds = new Set(layers.map((d) => d.kind));
  const d = extras.density;
  if (d && d.drawn !== 'dots' && kinds.has('strike')) {
    rows.push({
      text:
        d.drawn === 'hexagons'
          ? `Events per hexagon of ${d.size.km} km`
          : `Density of events, smoothed over ~${d.size.km} km`,
      swatch: { kind: 'none' },
      indent: 0,
    });
    for (const t of rampTicks(d.domain)) {
      const text =
        t === d.domain
          ? `${t.toLocaleString('en-GB')}${d.fixed ? ' (scale of the whole span)' : ' (busiest)'}`
          : t.toLocaleString('en-GB');
      rows.push({ text, swatch: { kind: 'hex', fill: rampColor(rampT(t, d.domain)) }, indent: 1 });
    }
  }
  if (layers.some((l) => l.kind === 'strike' && !colors.has(l.key))) {
    rows.push({ text: 'Strike colour: weapon', swatch: { kind: 'none' }, indent: 0 });
    for (const w of WEAPONS)
      rows.push({ text: WEAPON_LABELS[w], swatch: { kind: 'dot', fill: WEAPON_COLORS[w] }, indent: 1 });
    rows.push({ text: 'Size: people hurt, buildings damaged', swatch: { kind: 'none' }, indent: 1 });
  }
  if (kinds.has('deployment')) {
    rows.push({
      text: 'Approximate area',
      swatch: { kind: 'area', fill: DEPLOYMENT_FILL, stroke: DEPLOYMENT_LINE, dashed: true },
      indent: 0,
    });
  }
  if (kinds.has('strike') || kinds.has('facility')) {
    rows.push({
      text: 'Place known only within the faint circle',
      swatch: { kind: 'ring', fill: UNCERTAINTY_FILL, stroke: UNCERTAINTY_LINE, thin: true },
      indent: 0,
    });
  }
  return rows;
}

/** The time caption: the window as dates, or "Everything up to …" in cumulative mode. */
export function timeCaption(shown: DayRange, mode: WindowMode): string {
  return mode === 'cumulative' ? `Everything up to ${formatHumanDay(shown.to)}` : formatWindow(shown);
}

/** "Base map: Natural Earth. Data: 2 sources, listed below" or the sources by name. */
export function attributionText(
  basemap: string,
  sources: readonly NumberedSource[],
  listed: boolean,
  maxNamed = 4,
): string {
  const base = `Base map: ${basemap}.`;
  if (!sources.length) return `${base} Data: Conflict Atlas.`;
  const count = `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}`;
  if (listed) return `${base} Data: Conflict Atlas, ${count} numbered below.`;
  const named = sources.slice(0, maxNamed).map((s) => s.label);
  const more = sources.length > maxNamed ? ` and ${sources.length - maxNamed} more` : '';
  return `${base} Data: Conflict Atlas from ${named.join(', ')}${more}.`;
}

/** The numbered source list's entries: "[1] file.txt — Title; Title". */
export function sourceEntries(sources: readonly NumberedSource[]): string[] {
  return sources.map((s) => `[${s.n}] ${s.label} — ${s.titles.join('; ')}`);
}

/** Web Mercator metres per CSS pixel at a latitude and zoom (MapLibre's 512 px tiles). */
export function metersPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** The longest round distance (1, 2 or 5 × 10ⁿ m) whose bar fits `maxPx`, its length and label. */
export function niceScaleBar(mPerPx: number, maxPx: number): { meters: number; px: number; label: string } {
  const longest = mPerPx * maxPx;
  if (!(longest > 0) || !Number.isFinite(longest)) return { meters: 0, px: 0, label: '' };
  const pow = 10 ** Math.floor(Math.log10(longest));
  const meters = [5, 2, 1].map((k) => k * pow).find((m) => m <= longest) ?? pow;
  const label =
    meters >= 1000 ? `${(meters / 1000).toLocaleString('en-GB')} km` : `${meters.toLocaleString('en-GB')} m`;
  return { meters, px: meters / mPerPx, label };
}
