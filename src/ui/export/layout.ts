// Pure: where the title, time window, legend, scale bar, attribution and source list go in an export.
import type { LegendRow } from './legend-model';

/** Where the legend goes: a corner over the map, or `beside` it (a column right of the map). */
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'beside';
export const CORNERS: readonly Corner[] = ['bottom-left', 'bottom-right', 'top-left', 'top-right', 'beside'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FontSpec {
  /** CSS px. */
  size: number;
  bold: boolean;
}

/** A line of text; `y` is its vertical middle (drawn with textBaseline 'middle'). */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  font: FontSpec;
}

/** Width of a text in CSS px (canvas measureText in the browser, an estimate in tests). */
export type Measure = (text: string, font: FontSpec) => number;

export interface CaptionContent {
  title: string | null;
  time: string | null;
  legend: LegendRow[] | null;
  legendPosition: Corner;
  scaleBar: boolean;
  attribution: string | null;
  /** Numbered source entries; null or empty = no list. */
  sources: string[] | null;
  /** The legend at least this wide (CSS px): keeps a video's legend, and the map beside it, the same size frame to frame. */
  legendMinWidth?: number;
}

export interface LegendRowLayout {
  row: LegendRow;
  swatch: Rect;
  text: TextLine;
}

export interface Layout {
  width: number;
  height: number;
  /** Where the map is drawn: the whole image, less the source list's band and the legend's column. */
  map: Rect;
  /** The white column beside the map holding the legend (legend `beside`), else null. */
  legendColumn: Rect | null;
  /** Base font size, CSS px. */
  base: number;
  padding: number;
  title: { box: Rect; lines: TextLine[] } | null;
  legend: { box: Rect; rows: LegendRowLayout[]; dropped: number } | null;
  scaleBar: { box: Rect; x: number; y: number; maxPx: number; barHeight: number; font: FontSpec } | null;
  attribution: { box: Rect; lines: TextLine[] } | null;
  sources: { box: Rect; lines: TextLine[]; dropped: number } | null;
}

const ELLIPSIS = '…';

/** The legend's rows with their texts fitted, and its sizes, before it is placed. */
interface MeasuredLegend {
  rows: LegendRow[];
  texts: string[];
  width: number;
  fontOf: (r: LegendRow) => FontSpec;
  sw: number;
  indent: number;
  textGap: number;
  rowH: number;
}

/** Greedy word wrap to `maxWidth`, at most `maxLines` lines, the last one ellipsised if cut. */
export function wrapText(
  text: string,
  maxWidth: number,
  font: FontSpec,
  measure: Measure,
  maxLines = Infinity,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (l: string): void => {
    lines.push(l);
  };
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, font) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) push(line);
    line = word;
    // A word longer than a whole line is broken by characters.
    while (measure(line, font) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut), font) > maxWidth) cut--;
      push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsise(`${kept[maxLines - 1]} ${lines[maxLines]}`, maxWidth, font, measure);
  return kept;
}

/** The text cut (with "…") to fit `maxWidth`. */
export function ellipsise(text: string, maxWidth: number, font: FontSpec, measure: Measure): string {
  if (measure(text, font) <= maxWidth) return text;
  let n = text.length;
  while (n > 0 && measure(text.slice(0, n).trimEnd() + ELLIPSIS, font) > maxWidth) n--;
  return text.slice(0, n).trimEnd() + ELLIPSIS;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const bottomOf = (r: Rect): number => r.y + r.height;
const rightOf = (r: Rect): number => r.x + r.width;

/** Lays out every caption of a `width` × `height` (CSS px) export. Everything stays inside the image. */
export function layoutCaptions(width: number, height: number, content: CaptionContent, measure: Measure): Layout {
  const base = clamp(Math.round(Math.min(width, height) / 50), 11, 18);
  const pad = Math.round(base * 0.6);
  const gap = Math.round(base * 0.8);
  const lineOf = (f: FontSpec): number => Math.round(f.size * 1.35);

  // The numbered source list: a band across the bottom, at most 35% of the height.
  let sources: Layout['sources'] = null;
  let mapHeight = height;
  if (content.sources?.length) {
    const heading: FontSpec = { size: Math.round(base * 0.85), bold: true };
    const font: FontSpec = { size: Math.max(9, Math.round(base * 0.75)), bold: false };
    const lh = lineOf(font);
    const maxW = width - 2 * pad;
    const budget = Math.floor(height * 0.35) - 2 * pad - lineOf(heading);
    const maxLines = Math.max(1, Math.floor(budget / lh));
    // Whole entries while they fit, keeping one line for "… and N more" when any are left out.
    const entries = content.sources;
    const wrapped = entries.slice(0, maxLines).map((e) => wrapText(e, maxW, font, measure, 2));
    let used = 0;
    let count = 0;
    while (used < wrapped.length) {
      const need = count + wrapped[used].length + (used + 1 < entries.length ? 1 : 0);
      if (need > maxLines) break;
      count += wrapped[used].length;
      used++;
    }
    const texts = wrapped.slice(0, used).flat();
    const dropped = entries.length - used;
    if (dropped > 0) {
      const more = `… and ${dropped} more ${dropped === 1 ? 'source' : 'sources'}: every source is in the GeoJSON and CSV exports.`;
      texts.push(ellipsise(more, maxW, font, measure));
    }
    const bandHeight = 2 * pad + lineOf(heading) + texts.length * lh;
    mapHeight = height - bandHeight;
    const top = mapHeight;
    const lines: TextLine[] = [{ text: 'Sources', x: pad, y: top + pad + lineOf(heading) / 2, font: heading }];
    texts.forEach((t, i) => {
      lines.push({ text: t, x: pad, y: top + pad + lineOf(heading) + i * lh + lh / 2, font });
    });
    sources = { box: { x: 0, y: top, width, height: bandHeight }, lines, dropped };
  }
  const measured = content.legend?.length ? measureLegend(content.legend) : null;
  // Beside the map: the legend gets a column of its own, at most 40% of the width.
  const beside = measured !== null && content.legendPosition === 'beside';
  const columnWidth = beside && measured ? Math.min(measured.width + 2 * gap, Math.round(width * 0.4)) : 0;
  const map: Rect = { x: 0, y: 0, width: width - columnWidth, height: mapHeight };
  const legendColumn: Rect | null = beside ? { x: map.width, y: 0, width: columnWidth, height: mapHeight } : null;
  const left = gap;
  const right = map.width - gap;
  const top = gap;
  const bottom = mapHeight - gap;

  // Title and time window: top left.
  let title: Layout['title'] = null;
  if (content.title || content.time) {
    const maxW = Math.max(40, Math.round(width * 0.6) - 2 * pad);
    const tf: FontSpec = { size: Math.round(base * 1.3), bold: true };
    const df: FontSpec = { size: base, bold: false };
    const texts: { text: string; font: FontSpec }[] = [];
    if (content.title) for (const t of wrapText(content.title, maxW, tf, measure, 2)) texts.push({ text: t, font: tf });
    if (content.time) texts.push({ text: ellipsise(content.time, maxW, df, measure), font: df });
    const w = Math.max(...texts.map((t) => measure(t.text, t.font))) + 2 * pad;
    let y = top + pad;
    const lines = texts.map((t) => {
      const lh = lineOf(t.font);
      const line = { text: t.text, x: left + pad, y: y + lh / 2, font: t.font };
      y += lh;
      return line;
    });
    title = { box: { x: left, y: top, width: Math.ceil(w), height: y + pad - top }, lines };
  }

  // Scale bar: bottom left.
  let scaleBar: Layout['scaleBar'] = null;
  if (content.scaleBar) {
    const font: FontSpec = { size: Math.max(9, Math.round(base * 0.8)), bold: false };
    const maxPx = clamp(Math.round(width * 0.18), 60, 200);
    const barHeight = Math.max(3, Math.round(base * 0.3));
    const h = 2 * pad + lineOf(font) + barHeight + 2;
    const box = { x: left, y: bottom - h, width: maxPx + 2 * pad, height: h };
    scaleBar = { box, x: box.x + pad, y: box.y + pad + lineOf(font) + 2, maxPx, barHeight, font };
  }

  // Attribution: bottom right, beside the scale bar.
  let attribution: Layout['attribution'] = null;
  if (content.attribution) {
    const font: FontSpec = { size: Math.max(9, Math.round(base * 0.72)), bold: false };
    const lh = lineOf(font);
    const room = right - (scaleBar ? rightOf(scaleBar.box) + gap : left);
    const maxW = Math.max(40, Math.min(room, Math.round(width * 0.6)) - 2 * pad);
    const texts = wrapText(content.attribution, maxW, font, measure, 3);
    const w = Math.ceil(Math.max(...texts.map((t) => measure(t, font)))) + 2 * pad;
    const h = 2 * pad + texts.length * lh;
    const box = { x: right - w, y: bottom - h, width: w, height: h };
    attribution = {
      box,
      lines: texts.map((t, i) => ({ text: t, x: box.x + pad, y: box.y + pad + i * lh + lh / 2, font })),
    };
  }

  const legend = measured ? placeLegend(measured, content.legendPosition) : null;
  return { width, height, map, legendColumn, base, padding: pad, title, legend, scaleBar, attribution, sources };

  function measureLegend(rows: LegendRow[]): MeasuredLegend {
    const font: FontSpec = { size: Math.round(base * 0.85), bold: false };
    const bold: FontSpec = { ...font, bold: true };
    const sw = Math.round(base * 0.95);
    const indent = Math.round(base * 1.1);
    const textGap = Math.round(base * 0.5);
    const rowH = Math.max(sw, lineOf(font)) + Math.round(base * 0.2);
    const maxW = Math.max(
      60,
      Math.round(width * (content.legendPosition === 'beside' ? 0.4 : 0.45)) -
        (content.legendPosition === 'beside' ? 2 * gap : 0),
    );
    const textMax = maxW - 2 * pad - indent - sw - textGap;
    const fontOf = (r: LegendRow): FontSpec => (r.bold ? bold : font);
    const texts = rows.map((r) => ellipsise(r.text, textMax, fontOf(r), measure));
    const w =
      Math.ceil(Math.max(...rows.map((r, i) => r.indent * indent + sw + textGap + measure(texts[i], fontOf(r))))) +
      2 * pad;
    return {
      rows,
      texts,
      width: Math.min(Math.max(w, content.legendMinWidth ?? 0), maxW),
      fontOf,
      sw,
      indent,
      textGap,
      rowH,
    };
  }

  function placeLegend(m: MeasuredLegend, corner: Corner): Layout['legend'] {
    const { rows, rowH, width: w } = m;
    if (corner === 'beside' && legendColumn) {
      const x = legendColumn.x + gap;
      const kept = Math.min(rows.length, Math.max(0, Math.floor((mapHeight - 2 * gap - 2 * pad) / rowH)));
      if (kept === 0) return null;
      return laidOut(x, gap, kept);
    }
    const isTop = corner.startsWith('top');
    const isLeft = corner.endsWith('left');
    const x = isLeft ? left : right - w;
    // Vertical room: between the boxes already placed above and below it that share its columns.
    let upper = top;
    let lower = bottom;
    for (const item of [title?.box, scaleBar?.box, attribution?.box]) {
      if (!item || x >= rightOf(item) + gap || x + w <= item.x - gap) continue;
      if (item.y + item.height / 2 < mapHeight / 2) upper = Math.max(upper, bottomOf(item) + gap);
      else lower = Math.min(lower, item.y - gap);
    }
    const fit = Math.max(0, Math.floor((lower - upper - 2 * pad) / rowH));
    const kept = Math.min(rows.length, fit);
    if (kept === 0) return null;
    const h = 2 * pad + kept * rowH;
    return laidOut(x, isTop ? upper : lower - h, kept);
  }

  function laidOut(x: number, y: number, kept: number): Layout['legend'] {
    const { rows, texts, fontOf, sw, indent, textGap, rowH, width: w } = measured as MeasuredLegend;
    const box = { x, y, width: w, height: 2 * pad + kept * rowH };
    const laid = rows.slice(0, kept).map((row, i) => {
      const rowTop = y + pad + i * rowH;
      const sx = x + pad + row.indent * indent;
      return {
        row,
        swatch: { x: sx, y: rowTop + (rowH - sw) / 2, width: sw, height: sw },
        text: { text: texts[i], x: sx + sw + textGap, y: rowTop + rowH / 2, font: fontOf(row) },
      };
    });
    return { box, rows: laid, dropped: rows.length - kept };
  }
}

/** True when two rectangles overlap (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A layout in image pixels: every coordinate multiplied by `scale` (for tests and probes). */
export function scaleRect(r: Rect, scale: number): Rect {
  return { x: r.x * scale, y: r.y * scale, width: r.width * scale, height: r.height * scale };
}
