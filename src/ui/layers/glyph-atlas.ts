// The labels' glyphs rasterised on one canvas at start-up (as deck.gl's TextLayer does, offline), and its texture per GPU device.
import type { Device, Texture } from '@luma.gl/core';

/**
 * Why our own atlas: the names and area labels are drawn as quads by the data's mesh program
 * (text-mesh.ts, data-mesh-layer.ts) instead of TextLayer, whose program's first draw cost ~0.4 s
 * in software WebGL (docs/performance-history.md, the embed's start-up). The atlas is TextLayer's own (its
 * FontAtlasManager with `sdf: false, fontSize: 64, buffer: 4`): every glyph drawn in black at 64 px
 * with the same measures, packed in rows 1024 px wide, sampled with mipmaps, so the text looks as
 * it did. Both weights (the names' normal, the area labels' bold) share one canvas and so one
 * texture: every mesh layer binds the same one. Glyphs are added as texts need them (an import's
 * names may have any character); the texture is made again when the atlas has grown.
 */
/** Fonts the browser has locally: the atlas is drawn with them on a canvas, offline. */
export const LABEL_FONT = '"DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif';
export const ATLAS_FONT_SIZE = 64;
const BUFFER = 4;
const ATLAS_WIDTH = 1024;
/** deck.gl's fallbacks where a browser gives no bounding box (a space). */
const DEFAULT_ASCENT = 0.9;
const DEFAULT_DESCENT = 0.3;

/** One glyph's frame in the atlas (texels) and its metrics at ATLAS_FONT_SIZE, as deck.gl's mapping has them. */
export interface Glyph {
  x: number;
  y: number;
  width: number;
  height: number;
  advance: number;
  anchorX: number;
  anchorY: number;
}

/** A font's glyphs and the distance from its baseline to the middle of its line (deck.gl's baselineOffset). */
export interface GlyphFont {
  glyphs: Map<string, Glyph>;
  baselineOffset: number;
}

/** A character's measures at ATLAS_FONT_SIZE (deck.gl's measureText); `undefined`: the font's own ascent and descent. */
export interface GlyphMetrics {
  advance: number;
  width: number;
  ascent: number;
  descent: number;
}

/** Where the next glyph goes: deck.gl's buildMapping state (x in the row, the row's top, the lowest bottom so far). */
export interface Packing {
  x: number;
  yMin: number;
  yMax: number;
}

/** Pure: frames for `chars` continuing `pack` (deck.gl's buildMapping: rows ATLAS_WIDTH wide, BUFFER round each glyph). */
export function packGlyphs(
  chars: Iterable<string>,
  measure: (char: string) => GlyphMetrics,
  pack: Packing,
  into: Map<string, Glyph>,
): string[] {
  const added: string[] = [];
  for (const char of chars) {
    if (into.has(char)) continue;
    const { advance, width, ascent, descent } = measure(char);
    if (pack.x + width + BUFFER * 2 > ATLAS_WIDTH) {
      pack.x = 0;
      pack.yMin = pack.yMax;
    }
    into.set(char, {
      x: pack.x + BUFFER,
      y: pack.yMin + BUFFER,
      width,
      height: ascent + descent,
      advance,
      anchorX: width / 2,
      anchorY: ascent,
    });
    added.push(char);
    pack.x += width + BUFFER * 2;
    pack.yMax = Math.max(pack.yMax, pack.yMin + ascent + descent + BUFFER * 2);
  }
  return added;
}

/** The atlas's height for packed rows down to `yMax`: a power of two, as deck.gl's. */
export const atlasHeight = (yMax: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, yMax)));

/** deck.gl's measureText at ATLAS_FONT_SIZE; without a canvas (unit tests in Node), canvasMeasure's 0.6 em a character. */
function measureChar(ctx: CanvasRenderingContext2D | null, char: string | undefined): GlyphMetrics {
  const size = ATLAS_FONT_SIZE;
  const fallback = { ascent: size * DEFAULT_ASCENT, descent: size * DEFAULT_DESCENT };
  if (!ctx) return { advance: char ? size * 0.6 : 0, width: char ? size * 0.6 : 0, ...fallback };
  if (char === undefined) {
    const m = ctx.measureText('A');
    if (m.fontBoundingBoxAscent)
      return {
        advance: 0,
        width: 0,
        ascent: Math.ceil(m.fontBoundingBoxAscent),
        descent: Math.ceil(m.fontBoundingBoxDescent),
      };
    return { advance: 0, width: 0, ...fallback };
  }
  const m = ctx.measureText(char);
  if (!m.actualBoundingBoxAscent) return { advance: m.width, width: m.width, ...fallback };
  return {
    advance: m.width,
    width: Math.ceil(m.actualBoundingBoxRight - m.actualBoundingBoxLeft),
    ascent: Math.ceil(m.actualBoundingBoxAscent),
    descent: Math.ceil(m.actualBoundingBoxDescent),
  };
}

/** deck.gl's DEFAULT_TEXTURE_PARAMETERS (the sampler TextLayer's atlas had). */
const SAMPLER = {
  minFilter: 'linear',
  mipmapFilter: 'linear',
  magFilter: 'linear',
  addressModeU: 'clamp-to-edge',
  addressModeV: 'clamp-to-edge',
} as const;

export class GlyphAtlas {
  readonly fonts: { normal: GlyphFont; bold: GlyphFont };
  /** Bumped whenever glyphs are drawn: the textures made before are stale. */
  version = 0;
  private readonly canvas: HTMLCanvasElement | null;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly pack: Packing = { x: 0, yMin: 0, yMax: 0 };
  private readonly textures = new WeakMap<Device, { version: number; texture: Texture }>();

  constructor(private readonly family: string) {
    this.canvas = typeof document === 'undefined' ? null : document.createElement('canvas');
    if (this.canvas) {
      this.canvas.width = ATLAS_WIDTH;
      this.canvas.height = 1;
    }
    this.ctx = this.canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
    const baseline = (bold: boolean): number => {
      this.setFont(bold);
      const m = measureChar(this.ctx, undefined);
      return (m.ascent - m.descent) / 2;
    };
    this.fonts = {
      normal: { glyphs: new Map(), baselineOffset: baseline(false) },
      bold: { glyphs: new Map(), baselineOffset: baseline(true) },
    };
  }

  private setFont(bold: boolean): void {
    if (!this.ctx) return;
    this.ctx.font = `${bold ? 'bold' : 'normal'} ${ATLAS_FONT_SIZE}px ${this.family}`;
    this.ctx.fillStyle = '#000';
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.textAlign = 'left';
  }

  /** The font with every character of `texts` in the atlas (drawn now if missing). */
  font(bold: boolean, texts: Iterable<string> = []): GlyphFont {
    const font = bold ? this.fonts.bold : this.fonts.normal;
    const missing = new Set<string>();
    for (const t of texts) for (const c of Array.from(t)) if (!font.glyphs.has(c)) missing.add(c);
    if (!missing.size) return font;
    this.setFont(bold);
    const added = packGlyphs(missing, (c) => measureChar(this.ctx, c), this.pack, font.glyphs);
    this.version++;
    const { canvas, ctx } = this;
    if (!canvas || !ctx) return font;
    const height = atlasHeight(this.pack.yMax);
    if (height !== canvas.height) {
      // A taller canvas is cleared: its glyphs so far are copied over (as deck.gl's atlas does).
      const old = ctx.getImageData(0, 0, canvas.width, canvas.height);
      canvas.height = height;
      ctx.putImageData(old, 0, 0);
      this.setFont(bold);
    }
    for (const c of added) {
      const g = font.glyphs.get(c) as Glyph;
      ctx.fillText(c, g.x, g.y + g.anchorY);
    }
    return font;
  }

  /** The atlas as a texture of `device` (mipmapped, as TextLayer's), made again once the atlas has grown. */
  texture(device: Device): Texture {
    const had = this.textures.get(device);
    if (had && had.version === this.version) return had.texture;
    had?.texture.destroy();
    const canvas = this.canvas;
    if (!canvas) throw new Error('The glyph atlas needs a canvas (a browser page)');
    const { width, height } = canvas;
    const texture = device.createTexture({
      data: canvas,
      width,
      height,
      sampler: SAMPLER,
      mipLevels: device.getMipLevelCount(width, height),
    });
    if (device.type === 'webgl') texture.generateMipmapsWebGL();
    this.textures.set(device, { version: this.version, texture });
    return texture;
  }
}

let shared: GlyphAtlas | null = null;
/** The page's one atlas in LABEL_FONT (made on first use: it needs a canvas). */
export function glyphAtlas(): GlyphAtlas {
  shared ??= new GlyphAtlas(LABEL_FONT);
  return shared;
}
