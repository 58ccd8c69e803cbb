// Greedy placement: no two placed boxes intersect, no name covers a dot, priorities win, obstacles, the viewport and more points inside an area.
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
  it('writes no name over another place’s dot: "Zaporizhzhia" moves off Kurakhove’s, a dot under a data label is left out', () => {
    const view = { width: 400, height: 400 };
    const kurakhove: LabelCandidate = { ...cand('Kurakhove', 100, 100, 0), dot: 3.3, keepDot: true };
    // Zaporizhzhia's name to the right (x 65–101) would cover Kurakhove's dot (x 96.7–103.3): it goes left.
    const zap: LabelCandidate = { ...cand('Zaporizhzhia', 60, 100, 2, 36), dot: 3.3, keepDot: true };
    const out = placeLabels([kurakhove, zap], view);
    expect(out.map((p) => [p.id, p.spot])).toEqual([
      ['Kurakhove', 'right'],
      ['Zaporizhzhia', 'left'],
    ]);
    // A minor place placed later whose dot would lie under a name already placed is left out.
    const minor: LabelCandidate = { ...cand('Minor', 120, 100, 6), dot: 2.3 };
    expect(placeLabels([kurakhove, minor], view).map((p) => p.id)).toEqual(['Kurakhove']);
    // A place whose dot lies under an obstacle (a deployment's label over Kyiv's) is not drawn with its dot hidden.
    const kyiv: LabelCandidate = { ...cand('Kyiv', 200, 200, 1), dot: 4, keepDot: true };
    expect(placeLabels([kyiv], view, [{ x: 150, y: 190, w: 100, h: 20 }])).toEqual([]);
  });
  it('moves a place’s name off a region’s mark where it can, but never leaves it out for marks', () => {
    const view = { width: 400, height: 400 };
    const place: LabelCandidate = {
      ...cand('Kropyvnytskyi', 200, 200, 1, 60),
      dot: 3,
      keepDot: true,
      preferOffMarks: true,
    };
    const free = placeLabels([place], view);
    expect(free.map((p) => p.spot)).toEqual(['right']);
    // A mark on its right: it goes left.
    const right = { x: 210, y: 190, w: 24, h: 24 };
    expect(placeLabels([place], view, [], 2, [right]).map((p) => p.spot)).toEqual(['left']);
    // Marks on every side (an import's region rows standing on the city): named at its first spot all the same.
    const all = [
      right,
      { x: 120, y: 190, w: 90, h: 24 },
      { x: 150, y: 170, w: 100, h: 20 },
      { x: 150, y: 206, w: 100, h: 24 },
    ];
    expect(placeLabels([place], view, [], 2, all).map((p) => p.spot)).toEqual(['right']);
    // An area's name that must avoid marks is left out instead.
    const area: LabelCandidate = { ...cand('AREA', 200, 200, 1, 60), avoidMarks: true };
    expect(placeLabels([area], view, [], 2, all)).toEqual([]);
  });

  it('moves any name off the dots the data draws where it can, never leaving it out for them (NORTH KOREA by Hamhung’s ring)', () => {
    const view = { width: 400, height: 400 };
    const country: LabelCandidate = {
      ...cand('NORTH KOREA', 200, 200, 1.5, 80),
      spots: ['center', 'below'],
      avoidMarks: true,
    };
    const ring = { x: 195, y: 195, w: 10, h: 10 };
    // Soft marks: off the ring below, where that is free…
    expect(placeLabels([country], view, [], 2, [], [ring]).map((p) => p.spot)).toEqual(['below']);
    // …and over it, rather than not at all, where nothing else is free.
    const below = { x: 100, y: 210, w: 200, h: 30 };
    expect(placeLabels([country], view, [below], 2, [], [ring]).map((p) => p.spot)).toEqual(['center']);
  });

  it('tries more points inside an area before leaving its name out (UKRAINE under the nationwide strike’s mark)', () => {
    const view = { width: 400, height: 400 };
    const mark = { x: 180, y: 190, w: 40, h: 20 };
    const ukraine: LabelCandidate = {
      ...cand('UKRAINE', 200, 200, 1.5, 60),
      spots: ['center', 'below', 'above'],
      vgap: 15,
      avoidMarks: true,
      avoidDots: true,
    };
    // Below and above are taken too (other names), so without more points the name is left out…
    const others = [cand('a', 170, 222, 1, 60), cand('b', 170, 178, 1, 60)].map((c) => ({
      ...c,
      spots: ['center' as const],
    }));
    expect(placeLabels([...others, ukraine], view, [], 2, [mark]).map((p) => p.id)).toEqual(['a', 'b']);
    // …and with them it takes the first that is free, centred there, its anchor still its label point.
    const alts: [number, number][] = [
      [205, 200],
      [300, 200],
      [300, 260],
    ];
    const out = placeLabels([...others, { ...ukraine, alternates: () => alts }], view, [], 2, [mark]);
    const u = out.find((p) => p.id === 'UKRAINE');
    expect(u?.box).toEqual({ x: 270, y: 194, w: 60, h: 12 });
    expect(u?.anchor).toEqual([200, 200]);
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
          const obstacles = [{ x: 120, y: 120, w: 60, h: 20 }];
          const out = placeLabels(cands, { width: 300, height: 300 }, obstacles);
          // No name of any kind over a dot but its own, and no dot under an obstacle (a data label).
          for (const a of out)
            for (const d of out)
              if (d.dotBox && d !== a) expect(intersects(a.box, d.dotBox), `${a.id} over ${d.id}'s dot`).toBe(false);
          for (const d of out) if (d.dotBox) expect(intersects(d.dotBox, obstacles[0]), `${d.id}'s dot`).toBe(false);
          for (let i = 0; i < out.length; i++)
            for (let j = i + 1; j < out.length; j++) expect(intersects(out[i].box, out[j].box)).toBe(false);
        },
      ),
    );
  });
});
