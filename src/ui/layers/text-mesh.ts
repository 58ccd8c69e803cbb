// Pure: a text's glyph quads laid out as deck.gl's TextLayer lays them (anchor, baseline, size, pixel offset), and labels' quads as a DataMesh.
import { DataMeshBuilder, type DataMesh } from './data-mesh';
import { ATLAS_FONT_SIZE, type GlyphFont } from './glyph-atlas';

type RGBA = readonly [number, number, number, number];

export type TextAnchor = 'start' | 'middle' | 'end';
export type TextBaseline = 'top' | 'center' | 'bottom';

/** One glyph on screen: its corners in CSS pixels from the label's point (y down), and its frame in the atlas (texels). */
export interface GlyphQuad {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  u0: number;
  v0: number;
  u1: number;
  v1: number;
}

/** TextLayer's TEXT_ANCHOR and ALIGNMENT_BASELINE factors. */
const ANCHOR: Record<TextAnchor, number> = { start: 1, middle: 0, end: -1 };
const BASELINE: Record<TextBaseline, number> = { top: 1, center: 0, bottom: -1 };
/** TextLayer's width for a character the atlas lacks (none is: the atlas draws what the texts need first). */
const MISSING_WIDTH = 32;

/**
 * Pure: the quads of a one-line text `sizePx` high, as TextLayer (lineHeight 1, billboard, pixel
 * units) places its characters: each glyph's advance at ATLAS_FONT_SIZE scaled by sizePx / 64, the
 * row shifted by the anchor (start, middle, end: TextLayer's `getTextAnchor`) and by the baseline
 * (top, center, bottom of the 64-unit line round the font's baselineOffset), then moved by
 * `offset` (TextLayer's `getPixelOffset`). A blank character (a space) advances and draws nothing.
 */
export function layoutText(
  text: string,
  font: GlyphFont,
  sizePx: number,
  anchor: TextAnchor,
  baseline: TextBaseline,
  offset: readonly [number, number] = [0, 0],
): GlyphQuad[] {
  const chars = Array.from(text);
  const scale = sizePx / ATLAS_FONT_SIZE;
  let rowWidth = 0;
  for (const c of chars) rowWidth += font.glyphs.get(c)?.advance ?? MISSING_WIDTH;
  const left = ((ANCHOR[anchor] - 1) * rowWidth) / 2;
  const lineHeight = ATLAS_FONT_SIZE;
  const rowY = ((BASELINE[baseline] - 1) * lineHeight) / 2 + font.baselineOffset + lineHeight / 2;
  const [dx, dy] = offset;
  const out: GlyphQuad[] = [];
  let x = 0;
  for (const c of chars) {
    const g = font.glyphs.get(c);
    if (!g) {
      x += MISSING_WIDTH;
      continue;
    }
    // The glyph's centre, in atlas units: TextLayer's icon offset and its frame's anchor.
    const cx = left + x + g.anchorX;
    const cy = rowY + g.height / 2 - g.anchorY;
    x += g.advance;
    if (!c.trim()) continue;
    out.push({
      x0: (cx - g.width / 2) * scale + dx,
      y0: (cy - g.height / 2) * scale + dy,
      x1: (cx + g.width / 2) * scale + dx,
      y1: (cy + g.height / 2) * scale + dy,
      u0: g.x,
      v0: g.y,
      u1: g.x + g.width,
      v1: g.y + g.height,
    });
  }
  return out;
}

/** One label to draw: where, what, and how (TextLayer's accessors' values). */
export interface TextLabel {
  lon: number;
  lat: number;
  text: string;
  sizePx: number;
  anchor: TextAnchor;
  baseline: TextBaseline;
  offset: readonly [number, number];
  color: RGBA;
}

/**
 * Pure: the labels' glyphs as one DataMesh of screen-aligned quads round each label's point, each
 * vertex's `pick` its label's index (the labels' filter values and picking, as for any mesh).
 */
export function textMesh(labels: readonly TextLabel[], font: GlyphFont): DataMesh {
  const b = new DataMeshBuilder();
  labels.forEach((l, i) => {
    for (const q of layoutText(l.text, font, l.sizePx, l.anchor, l.baseline, l.offset))
      b.glyph(l.lon, l.lat, q, l.color, i);
  });
  return b.build();
}
