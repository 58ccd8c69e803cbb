// At the edge: draws a caption layout (legend, title, scale bar, attribution, sources) with Canvas 2D.
import type { RGBA } from '../../core/config';
import { LABEL_FONT } from '../layers/labels';
import type { FontSpec, Layout, Measure, Rect, TextLine } from './layout';
import type { Swatch } from './legend-model';

const PANEL_FILL = 'rgba(255, 255, 255, 0.92)';
const PANEL_LINE = 'rgba(0, 0, 0, 0.18)';
const TEXT = '#1d1d1f';
const MUTED = '#3d3d45';

export const cssFont = (f: FontSpec): string => `${f.bold ? 'bold ' : ''}${f.size}px ${LABEL_FONT}`;
const rgba = (c: RGBA): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;

/** Measures text in CSS px with a 2D context (before it is scaled). */
export function canvasMeasure(ctx: CanvasRenderingContext2D): Measure {
  return (text, font) => {
    ctx.font = cssFont(font);
    return ctx.measureText(text).width;
  };
}

/** What the scale bar shows, worked out from the rendered map. */
export interface ScaleBarValue {
  px: number;
  label: string;
}

/** Draws every caption of `layout`; `ctx` must already be scaled from CSS px to image pixels. */
export function drawCaptions(ctx: CanvasRenderingContext2D, layout: Layout, scaleBar: ScaleBarValue | null): void {
  ctx.save();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (layout.legendColumn) {
    const c = layout.legendColumn;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(c.x, c.y, c.width, c.height);
    ctx.fillStyle = PANEL_LINE;
    ctx.fillRect(c.x, c.y, 1, c.height);
  }
  if (layout.sources) {
    const b = layout.sources.box;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.fillStyle = PANEL_LINE;
    ctx.fillRect(b.x, b.y, b.width, 1);
    texts(ctx, layout.sources.lines, MUTED);
  }
  if (layout.title) {
    panel(ctx, layout.title.box);
    texts(ctx, layout.title.lines, TEXT);
  }
  if (layout.legend) {
    panel(ctx, layout.legend.box);
    for (const r of layout.legend.rows) {
      swatch(ctx, r.row.swatch, r.swatch);
      texts(ctx, [r.text], TEXT);
    }
  }
  if (layout.scaleBar && scaleBar && scaleBar.px > 0) {
    const s = layout.scaleBar;
    panel(ctx, { ...s.box, width: Math.min(s.box.width, scaleBar.px + 2 * layout.padding) });
    texts(
      ctx,
      [{ text: scaleBar.label, x: s.x, y: s.box.y + layout.padding + (s.font.size * 1.35) / 2, font: s.font }],
      TEXT,
    );
    ctx.fillStyle = TEXT;
    ctx.fillRect(s.x, s.y, scaleBar.px, s.barHeight);
    ctx.fillRect(s.x, s.y - s.barHeight, 1.5, s.barHeight * 2);
    ctx.fillRect(s.x + scaleBar.px - 1.5, s.y - s.barHeight, 1.5, s.barHeight * 2);
  }
  if (layout.attribution) {
    panel(ctx, layout.attribution.box);
    texts(ctx, layout.attribution.lines, MUTED);
  }
  ctx.restore();
}

function panel(ctx: CanvasRenderingContext2D, r: Rect): void {
  ctx.beginPath();
  ctx.roundRect(r.x, r.y, r.width, r.height, 4);
  ctx.fillStyle = PANEL_FILL;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = PANEL_LINE;
  ctx.stroke();
}

function texts(ctx: CanvasRenderingContext2D, lines: readonly TextLine[], colour: string): void {
  ctx.fillStyle = colour;
  for (const l of lines) {
    ctx.font = cssFont(l.font);
    ctx.fillText(l.text, l.x, l.y);
  }
}

/** The same symbols the map draws (layers/data-layers.ts), at legend size. */
function swatch(ctx: CanvasRenderingContext2D, s: Swatch, r: Rect): void {
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const radius = r.width / 2;
  ctx.save();
  if (s.kind === 'dot') {
    circle(ctx, cx, cy, radius * 0.85);
    ctx.fillStyle = rgba(s.fill);
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  } else if (s.kind === 'ring') {
    const lw = s.thin ? 1 : Math.max(1.5, r.width * 0.18);
    circle(ctx, cx, cy, radius - lw / 2);
    ctx.fillStyle = rgba(s.fill);
    ctx.fill();
    ctx.lineWidth = lw;
    ctx.strokeStyle = rgba(s.stroke);
    ctx.stroke();
    if (s.core) {
      circle(ctx, cx, cy, radius * 0.32);
      ctx.fillStyle = rgba(s.core);
      ctx.fill();
    }
  } else if (s.kind === 'area') {
    ctx.fillStyle = rgba(s.fill);
    ctx.fillRect(r.x, r.y, r.width, r.height);
    ctx.lineWidth = 2;
    ctx.strokeStyle = rgba(s.stroke);
    if (s.dashed) ctx.setLineDash([3, 2]);
    ctx.strokeRect(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
  } else if (s.kind === 'hex') {
    ctx.beginPath();
    for (let i = 0; i < 6; i++) {
      const a = (Math.PI / 3) * i;
      ctx[i ? 'lineTo' : 'moveTo'](cx + radius * 0.95 * Math.cos(a), cy + radius * 0.95 * Math.sin(a));
    }
    ctx.closePath();
    ctx.fillStyle = rgba(s.fill);
    ctx.fill();
  }
  ctx.restore();
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, Math.max(0.5, r), 0, Math.PI * 2);
}
