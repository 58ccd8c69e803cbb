// Greedy placement: no two placed boxes intersect, priorities win, obstacles and the viewport are respected.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intersects, placeLabels, type LabelCandidate } from './label-placement';

const cand = (id: string, x: number, y: number, priority = 1, width = 40): LabelCandidate => ({
  id,
  text: id,
  x,
  y,
  width,
  height: 12,
  priority,
  spots: ['right', 'left', 'above', 'below'],
});

describe('placeLabels', () => {
  it('moves a colliding label to another spot, then leaves it out', () => {
    const out = placeLabels(
      [
        cand('Donetsk', 100, 100, 1),
        cand('Kurakhove', 104, 100, 2),
        cand('Third', 102, 100, 3),
        cand('Fourth', 101, 101, 4),
        cand('Fifth', 103, 99, 5),
      ],
      { width: 400, height: 400 },
    );
    expect(out.map((p) => p.id)).toEqual(['Donetsk', 'Kurakhove', 'Third', 'Fourth']);
    expect(out.map((p) => p.spot)).toEqual(['right', 'left', 'above', 'below']);
  });
  it('writes no area name over a place’s dot: a minor place under one is left out, a capital’s dot moves the name off', () => {
    const view = { width: 400, height: 400 };
    const macau: LabelCandidate = { ...cand('Macau', 100, 100, 5), spots: ['above'], dot: 3 };
    const macao: LabelCandidate = { ...cand('MACAO', 100, 104, 1.5, 30), spots: ['center'], avoidDots: true };
    // The country's name is placed first (priority 1.5) and covers where Macau's dot would be: Macau is left out.
    expect(placeLabels([macao, macau], view).map((p) => p.id)).toEqual(['MACAO']);
    // Before (no dots known), both were placed: the name over the dot.
    expect(
      placeLabels(
        [
          { ...macao, avoidDots: false },
          { ...macau, dot: undefined },
        ],
        view,
      ).map((p) => p.id),
    ).toEqual(['MACAO', 'Macau']);
    // A place that must show keeps its dot: the area name, with no other spot, is left out instead.
    const kept = placeLabels([macao, { ...macau, keepDot: true }], view);
    expect(kept.map((p) => p.id)).toEqual(['Macau']);
    expect(kept[0].dotBox).toEqual({ x: 97, y: 97, w: 6, h: 6 });
  });
  it('keeps clear of obstacles and the edges', () => {
    const out = placeLabels([cand('a', 10, 10), cand('b', 200, 20)], { width: 300, height: 300 }, [
      { x: 150, y: 0, w: 150, h: 60 },
    ]);
    expect(out.map((p) => p.id)).toEqual(['a']);
    expect(out[0].box.x).toBeGreaterThanOrEqual(0);
  });
  it('never places two intersecting boxes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 300 }),
            y: fc.integer({ min: 0, max: 300 }),
            p: fc.integer({ min: 0, max: 5 }),
            w: fc.integer({ min: 5, max: 120 }),
          }),
          { maxLength: 80 },
        ),
        (cs) => {
          // Every other one a place with a dot (some that must show), every third an area name.
          const cands = cs.map((c, i) => ({
            ...cand(String(i), c.x, c.y, c.p, c.w),
            ...(i % 3 === 0 ? { avoidDots: true, spots: ['center' as const] } : { dot: 3, keepDot: i % 4 === 1 }),
          }));
          const out = placeLabels(cands, { width: 300, height: 300 });
          for (const a of out.filter((p) => cands[Number(p.id)].avoidDots))
            for (const d of out)
              if (d.dotBox) expect(intersects(a.box, d.dotBox), `${a.id} over ${d.id}'s dot`).toBe(false);
          for (let i = 0; i < out.length; i++)
            for (let j = i + 1; j < out.length; j++) expect(intersects(out[i].box, out[j].box)).toBe(false);
        },
      ),
    );
  });
});
