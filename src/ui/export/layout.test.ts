// Tests for caption layout: every box inside the image, no overlaps, legend corners, source band, wrapping.
import { describe, expect, it } from 'vitest';
import { BUNDLED_LAYERS } from '../../core/columnar/dataset';
import { legendRows } from './legend-model';
import {
  CORNERS,
  ellipsise,
  layoutCaptions,
  rectsOverlap,
  wrapText,
  type CaptionContent,
  type FontSpec,
  type Layout,
  type Rect,
} from './layout';

/** A monospace-ish estimate: 0.55 em per character (0.6 bold). */
const measure = (text: string, font: FontSpec): number => text.length * font.size * (font.bold ? 0.6 : 0.55);

const full = (over: Partial<CaptionContent> = {}): CaptionContent => ({
  title: 'Strikes on Ukraine, 25 November 2024',
  time: '25 Nov 2024',
  legend: legendRows(
    BUNDLED_LAYERS,
    new Map([
      ['strikes', 3],
      ['facilities', 1],
      ['deployments', 2],
    ]),
  ),
  legendPosition: 'top-right',
  scaleBar: true,
  attribution: 'Base map: Natural Earth. Data: Conflict Atlas, 2 sources numbered below.',
  sources: [
    '[1] 000_acb15784c799ffc7.txt — Missile attack on Kharkiv; Drone attack on Odesa',
    '[2] 001_3806188b7ba67ac3.txt — Strike on Kyiv',
  ],
  ...over,
});

const inside = (r: Rect, outer: Rect): boolean =>
  r.x >= outer.x - 1e-9 &&
  r.y >= outer.y - 1e-9 &&
  r.x + r.width <= outer.x + outer.width + 1e-9 &&
  r.y + r.height <= outer.y + outer.height + 1e-9;

function boxes(l: Layout): [string, Rect][] {
  const out: [string, Rect][] = [];
  if (l.title) out.push(['title', l.title.box]);
  if (l.legend) out.push(['legend', l.legend.box]);
  if (l.scaleBar) out.push(['scaleBar', l.scaleBar.box]);
  if (l.attribution) out.push(['attribution', l.attribution.box]);
  return out;
}

describe('layoutCaptions', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1024, 700],
    [640, 400],
    [400, 400],
    [300, 900],
  ] as const) {
    for (const corner of CORNERS) {
      it(`${w}×${h}, legend ${corner}: boxes inside the map, apart, swatches inside the legend`, () => {
        const l = layoutCaptions(w, h, full({ legendPosition: corner }), measure);
        const image = { x: 0, y: 0, width: w, height: h };
        expect(inside(l.map, image)).toBe(true);
        const all = boxes(l);
        const area = l.legendColumn ? { ...l.map, width: w } : l.map;
        for (const [name, r] of all)
          expect(inside(r, area), `${name} ${JSON.stringify(r)} in map ${JSON.stringify(area)}`).toBe(true);
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++)
            expect(rectsOverlap(all[i][1], all[j][1]), `${all[i][0]} overlaps ${all[j][0]}`).toBe(false);
        }
        if (l.legend) {
          for (const r of l.legend.rows) expect(inside(r.swatch, l.legend.box)).toBe(true);
        }
        if (l.sources) {
          expect(inside(l.sources.box, image)).toBe(true);
          expect(l.sources.box.y).toBe(l.map.height);
          expect(l.sources.box.y + l.sources.box.height).toBe(h);
        }
      });
    }
  }

  it('puts the legend in the corner asked for', () => {
    const w = 1600;
    const h = 900;
    const tr = layoutCaptions(w, h, full({ legendPosition: 'top-right', sources: null }), measure);
    const legend = tr.legend as NonNullable<Layout['legend']>;
    expect(legend.box.x + legend.box.width).toBe(w - Math.round(tr.base * 0.8));
    expect(legend.box.y).toBe(Math.round(tr.base * 0.8));
    const bl = layoutCaptions(w, h, full({ legendPosition: 'bottom-left', sources: null }), measure);
    const blLegend = bl.legend as NonNullable<Layout['legend']>;
    expect(blLegend.box.x).toBe(Math.round(bl.base * 0.8));
    // Stacked above the scale bar.
    expect(blLegend.box.y + blLegend.box.height).toBeLessThanOrEqual(
      (bl.scaleBar as NonNullable<Layout['scaleBar']>).box.y,
    );
    const tl = layoutCaptions(w, h, full({ legendPosition: 'top-left', sources: null }), measure);
    // Stacked below the title.
    expect((tl.legend as NonNullable<Layout['legend']>).box.y).toBeGreaterThan(
      (tl.title as NonNullable<Layout['title']>).box.y + 10,
    );
  });

  it('beside the map: a column of its own, the map narrower, nothing over the map', () => {
    const l = layoutCaptions(1600, 900, full({ legendPosition: 'beside' }), measure);
    const col = l.legendColumn as Rect;
    const legend = l.legend as NonNullable<Layout['legend']>;
    expect(l.map.width + col.width).toBe(1600);
    expect(col.x).toBe(l.map.width);
    expect(inside(legend.box, col)).toBe(true);
    expect(rectsOverlap(legend.box, l.map)).toBe(false);
    for (const [, r] of boxes(l).filter(([n]) => n !== 'legend')) expect(inside(r, l.map)).toBe(true);
    expect(col.height).toBe(l.map.height);
  });

  it('without options draws nothing but the map', () => {
    const l = layoutCaptions(
      800,
      600,
      {
        title: null,
        time: null,
        legend: null,
        legendPosition: 'top-right',
        scaleBar: false,
        attribution: null,
        sources: null,
      },
      measure,
    );
    expect(l.map).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect([l.title, l.legend, l.scaleBar, l.attribution, l.sources]).toEqual([null, null, null, null, null]);
  });

  it('cuts a long source list to 35% of the height, saying how many are left out', () => {
    const many = Array.from(
      { length: 80 },
      (_, i) => `[${i + 1}] report-${i + 1}.txt — A feature title that is fairly long, number ${i + 1}`,
    );
    const l = layoutCaptions(1200, 800, full({ sources: many }), measure);
    const s = l.sources as NonNullable<Layout['sources']>;
    expect(s.box.height).toBeLessThanOrEqual(800 * 0.35);
    expect(s.dropped).toBeGreaterThan(0);
    expect(s.lines[s.lines.length - 1].text).toMatch(new RegExp(`and ${s.dropped} more sources`));
    expect(l.map.height).toBe(800 - s.box.height);
  });

  it('drops legend rows that cannot fit a tiny image, never overflowing', () => {
    const l = layoutCaptions(300, 160, full({ sources: null }), measure);
    if (l.legend) {
      expect(l.legend.dropped).toBeGreaterThan(0);
      expect(inside(l.legend.box, l.map)).toBe(true);
    }
  });
});

describe('wrapText and ellipsise', () => {
  const f: FontSpec = { size: 10, bold: false };
  it('wraps at word boundaries within the width', () => {
    const lines = wrapText('one two three four five six', 60, f, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, f)).toBeLessThanOrEqual(60);
    expect(lines.join(' ')).toBe('one two three four five six');
  });
  it('breaks a word longer than a line and ellipsises past maxLines', () => {
    expect(wrapText('x'.repeat(40), 55, f, measure).every((l) => measure(l, f) <= 55)).toBe(true);
    const cut = wrapText('alpha beta gamma delta epsilon zeta eta theta', 60, f, measure, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1].endsWith('…')).toBe(true);
    expect(ellipsise('short', 100, f, measure)).toBe('short');
  });
});

describe('legendMinWidth (the video keeps its layout from frame to frame)', () => {
  it('a legend with smaller counts keeps the width it is given, so the map beside it keeps its size', () => {
    const row = (text: string) => ({ text, swatch: { kind: 'none' as const }, indent: 0 as const, bold: true });
    const wide = layoutCaptions(
      1280,
      720,
      full({ legendPosition: 'beside', legend: [row('Strikes, all of them together (123456)')] }),
      measure,
    );
    const narrow = full({ legendPosition: 'beside', legend: [row('Strikes (0)')] });
    const loose = layoutCaptions(1280, 720, narrow, measure);
    const held = layoutCaptions(1280, 720, { ...narrow, legendMinWidth: wide.legend?.box.width }, measure);
    expect(held.map).toEqual(wide.map);
    expect(held.legend?.box.width).toBe(wide.legend?.box.width);
    expect(loose.map.width).toBeGreaterThan(wide.map.width);
  });
});
