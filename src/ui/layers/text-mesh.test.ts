// Tests for the labels' glyph quads: packing as deck.gl's atlas packs, layout (advance, size, anchor, baseline, offset) as TextLayer lays out.
import { describe, expect, it } from 'vitest';
// deck.gl's own layout and packing (not in its package's exports): what TextLayer drew before, to compare with.
import { buildMapping, transformParagraph } from '../../../node_modules/@deck.gl/layers/dist/text-layer/utils.js';
import {
  ATLAS_FONT_SIZE,
  atlasHeight,
  GlyphAtlas,
  packGlyphs,
  type Glyph,
  type GlyphFont,
  type GlyphMetrics,
} from './glyph-atlas';
import { layoutText, textMesh, type GlyphQuad, type TextAnchor, type TextBaseline } from './text-mesh';

/** A made-up font: each character's widths and heights differ, as a real font's do. */
function metrics(c: string): GlyphMetrics {
  const k = c.codePointAt(0) ?? 0;
  if (c === ' ') return { advance: 18, width: 18, ascent: 57.6, descent: 19.2 };
  return { advance: 20 + (k % 17), width: 16 + (k % 13), ascent: 40 + (k % 9), descent: k % 5 };
}

function fontOf(text: string, baselineOffset = 23): GlyphFont {
  const glyphs = new Map<string, Glyph>();
  packGlyphs(Array.from(text), metrics, { x: 0, yMin: 0, yMax: 0 }, glyphs);
  return { glyphs, baselineOffset };
}

/** TextLayer's quads for a one-line text: its getIconOffsets, the icon def, and the vertex shader's corners (billboard, pixels). */
function deckQuads(
  text: string,
  font: GlyphFont,
  size: number,
  anchor: TextAnchor,
  baseline: TextBaseline,
  offset: [number, number],
): GlyphQuad[] {
  const mapping = Object.fromEntries(font.glyphs);
  const p = transformParagraph(text, font.baselineOffset, ATLAS_FONT_SIZE, 'break-word', -1, mapping);
  const ax = { start: 1, middle: 0, end: -1 }[anchor];
  const ay = { top: 1, center: 0, bottom: -1 }[baseline];
  const scale = size / ATLAS_FONT_SIZE;
  const out: GlyphQuad[] = [];
  Array.from(text).forEach((c, i) => {
    const f = mapping[c];
    const ox = ((ax - 1) * p.rowWidth[i]) / 2 + p.x[i];
    const oy = f.height / 2 - f.anchorY + ((ay - 1) * p.size[1]) / 2 + p.y[i];
    if (!c.trim()) return;
    // positions ±1 / 2 × the frame, plus the offsets, scaled, plus the pixel offset (y down before the shader's flip).
    out.push({
      x0: (-f.width / 2 + ox) * scale + offset[0],
      y0: (-f.height / 2 + oy) * scale + offset[1],
      x1: (f.width / 2 + ox) * scale + offset[0],
      y1: (f.height / 2 + oy) * scale + offset[1],
      u0: f.x,
      v0: f.y,
      u1: f.x + f.width,
      v1: f.y + f.height,
    });
  });
  return out;
}

describe('glyph atlas packing', () => {
  it('packs as deck.gl buildMapping does: same frames, rows 1024 wide, buffer 4, a power-of-two height', () => {
    const chars = Array.from('Zaporizhzhia Kyiv NORTH KOREA Chișinău Київ >~≥0123456789,()'.repeat(3));
    const ours = new Map<string, Glyph>();
    const pack = { x: 0, yMin: 0, yMax: 0 };
    packGlyphs(chars, metrics, pack, ours);
    const deck = buildMapping({ characterSet: new Set(chars), measureText: metrics, buffer: 4, maxCanvasWidth: 1024 });
    expect(Object.fromEntries(ours)).toEqual(deck.mapping);
    expect(atlasHeight(pack.yMax)).toBe(deck.canvasHeight);
    // Added to later, it continues where it stopped (an import's names with new characters).
    const more = packGlyphs(Array.from('ЖЩ'), metrics, pack, ours);
    expect(more).toEqual(['Ж', 'Щ']);
    expect(ours.get('Ж')?.x).toBe(deck.xOffset + 4);
  });

  it('draws nothing in Node but still lays out (0.6 em a character, as canvasMeasure), and counts versions', () => {
    const atlas = new GlyphAtlas('sans-serif');
    const v = atlas.version;
    const font = atlas.font(false, ['Kyiv']);
    expect(atlas.version).toBe(v + 1);
    expect(font.glyphs.get('K')?.advance).toBeCloseTo(0.6 * ATLAS_FONT_SIZE, 9);
    atlas.font(false, ['Kyiv', 'yK']);
    expect(atlas.version).toBe(v + 1);
    // The bold glyphs are their own.
    expect(atlas.font(true, ['K']).glyphs.has('y')).toBe(false);
  });
});

describe('layoutText', () => {
  const text = 'Zaporizhzhia (NORTH KOREA)';
  const font = fontOf(text);
  const cases: [TextAnchor, TextBaseline, number, [number, number]][] = [
    ['start', 'center', 12, [6, 0]],
    ['end', 'center', 12, [-4, 0]],
    ['middle', 'bottom', 11, [0, -7.5]],
    ['middle', 'top', 13, [0, 7.5]],
    ['middle', 'center', 12, [3, -2]],
    ['start', 'bottom', 12, [5, -6]],
  ];
  for (const [anchor, baseline, size, offset] of cases)
    it(`places each glyph where TextLayer does: ${anchor}, ${baseline}, ${size} px`, () => {
      const ours = layoutText(text, font, size, anchor, baseline, offset);
      const deck = deckQuads(text, font, size, anchor, baseline, offset);
      expect(ours.length).toBe(deck.length);
      ours.forEach((q, i) => {
        for (const k of Object.keys(q) as (keyof GlyphQuad)[]) expect(q[k], `${i} ${k}`).toBeCloseTo(deck[i][k], 9);
      });
    });

  it('starts at the point, ends at it or centres on it; the advances set the width; size scales it', () => {
    const word = 'Kyiv';
    const f = fontOf(word);
    const g = (c: string): Glyph => f.glyphs.get(c) as Glyph;
    const advance = Array.from(word).reduce((s, c) => s + (f.glyphs.get(c) as Glyph).advance, 0);
    const s = 12 / ATLAS_FONT_SIZE;
    const start = layoutText(word, f, 12, 'start', 'center');
    const end = layoutText(word, f, 12, 'end', 'center');
    const mid = layoutText(word, f, 12, 'middle', 'center');
    // The first glyph's box starts at the point (its frame's anchorX is half its width).
    expect(start[0].x0).toBeCloseTo(0, 9);
    expect(start[0].x1).toBeCloseTo((f.glyphs.get('K') as Glyph).width * s, 9);
    expect(end[0].x0).toBeCloseTo(start[0].x0 - advance * s, 9);
    expect(mid[0].x0).toBeCloseTo(start[0].x0 - (advance * s) / 2, 9);
    // Twice the size: every coordinate twice as far from the point.
    const big = layoutText(word, f, 24, 'start', 'center');
    big.forEach((q, i) => {
      expect(q.x1).toBeCloseTo(2 * start[i].x1, 9);
    });
    // Top puts the line under the point, bottom over it: a line (64 units) apart from centre.
    const top = layoutText(word, f, 12, 'middle', 'top');
    const bottom = layoutText(word, f, 12, 'middle', 'bottom');
    expect(top[0].y0 - mid[0].y0).toBeCloseTo(32 * s, 9);
    expect(mid[0].y0 - bottom[0].y0).toBeCloseTo(32 * s, 9);
    // The atlas frame: the glyph's own texels.
    expect([mid[1].u0, mid[1].v0, mid[1].u1 - mid[1].u0]).toEqual([g('y').x, g('y').y, g('y').width]);
  });

  it('draws no quad for a space, and advances past a character the font lacks as TextLayer does (32 units)', () => {
    const f = fontOf('NORTH KOREA');
    expect(layoutText('NORTH KOREA', f, 12, 'start', 'center')).toHaveLength(10);
    const withGap = layoutText('N€R', f, 12, 'start', 'center');
    const plain = layoutText('NR', f, 12, 'start', 'center');
    expect(withGap).toHaveLength(2);
    expect(withGap[1].x0 - plain[1].x0).toBeCloseTo((32 * 12) / ATLAS_FONT_SIZE, 9);
  });
});

describe('textMesh', () => {
  it('makes four vertices a glyph round its label point, its pixel corners north up, its texels and its label index', () => {
    const font = fontOf('Kyiv Odesa');
    const red = [200, 10, 10, 255] as const;
    const m = textMesh(
      [
        {
          lon: 30.5,
          lat: 50.45,
          text: 'Kyiv',
          sizePx: 12,
          anchor: 'start',
          baseline: 'center',
          offset: [5, 0],
          color: red,
        },
        {
          lon: 30.7,
          lat: 46.5,
          text: 'Odesa',
          sizePx: 13,
          anchor: 'middle',
          baseline: 'top',
          offset: [0, 4],
          color: red,
        },
      ],
      font,
    );
    expect(m.vertices).toBe(4 * 9);
    expect(m.indices.length).toBe(6 * 9);
    expect([...m.pick.subarray(0, 16)].every((p) => p === 0)).toBe(true);
    expect([...m.pick.subarray(16)].every((p) => p === 1)).toBe(true);
    expect([...m.positions.subarray(0, 3)]).toEqual([Math.fround(30.5), Math.fround(50.45), 0]);
    const q = layoutText('Kyiv', font, 12, 'start', 'center', [5, 0])[0];
    // Corners: top-left, top-right, bottom-right, bottom-left; y is north up (a pixel down is −1).
    expect([...m.offsets.subarray(0, 8)].map((v) => Math.round(v * 1e4) / 1e4)).toEqual(
      [q.x0, -q.y0, q.x1, -q.y0, q.x1, -q.y1, q.x0, -q.y1].map((v) => Math.round(Math.fround(v) * 1e4) / 1e4),
    );
    expect([...m.uvs.subarray(0, 8)]).toEqual([q.u0, q.v0, q.u1, q.v0, q.u1, q.v1, q.u0, q.v1]);
    expect([...m.dist].every((d) => d === -1)).toBe(true);
    expect([...m.colors.subarray(0, 4)]).toEqual([...red]);
  });
});
