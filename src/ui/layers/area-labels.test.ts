// Tests for the deployments' area labels: no two collide, the selected keeps its place, the newest next.
import { describe, expect, it } from 'vitest';
import { nudgeKey, nudgeLabels, shownBoxes, windowAreaLabels } from './area-labels';
import { buildDataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import { parseIsoDay } from '../../core/time/days';

const box = (x: number, y: number, w = 100) => ({ x, y, w, h: 20 });
const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('area labels', () => {
  it('nudges a label that would sit on another to the next free row, and leaves apart ones alone', () => {
    const out = nudgeLabels([
      { id: 'a', text: 'a', box: box(0, 0) },
      { id: 'b', text: 'b', box: box(10, 5) },
      { id: 'c', text: 'c', box: box(10, -5) },
      { id: 'd', text: 'd', box: box(500, 0) },
    ]);
    expect(out.map((s) => s.dy)).toEqual([0, 22, -22, 0]);
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) expect(overlap(out[i].box, out[j].box)).toBe(false);
    expect(nudgeKey(out)).toBe('b:0,22;c:0,-22');
  });

  it('moves a label off the dot of a place that must show (the troops’ label over Kyiv’s dot in the Eurasia view)', () => {
    const ds = buildDataset([feature('dep', 'deployment', '2024-11-01', null, { troops: 10000 }, [36, 51.5])]);
    const project = ([lon, lat]: [number, number]): [number, number] => [lon * 10, -lat * 10];
    const win = { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number };
    const measure = (t: string) => t.length * 7;
    // A dot 3 px east and 2 px south of the label's centre: under it, so it moves a row; none: it stays.
    const [spot] = windowAreaLabels(ds, win, ['deployments'], project, measure, null, [[36.3, 51.3]]);
    expect(spot.dy).toBe(22);
    const dot = { x: 363 - 4, y: -513 - 4, w: 8, h: 8 };
    expect(overlap(spot.box, dot)).toBe(false);
    expect(windowAreaLabels(ds, win, ['deployments'], project, measure)[0].dy).toBe(0);
  });

  it('moves a label sideways in its row when that clears the dot (Kyiv west of Kursk at a continent’s zoom)', () => {
    const ds = buildDataset([feature('dep', 'deployment', '2024-11-01', null, { troops: 10000 }, [36, 51.5])]);
    const project = ([lon, lat]: [number, number]): [number, number] => [lon * 10, -lat * 10];
    const win = { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number };
    const measure = (t: string) => t.length * 7;
    // A dot 30 px west of the label's centre, on its row: the label starts at its place instead.
    const [spot] = windowAreaLabels(ds, win, ['deployments'], project, measure, null, [[33, 51.5]]);
    expect(spot.dy).toBe(0);
    expect(spot.dx).toBeCloseTo(spot.box.w / 2 - 6);
    expect(spot.box.x).toBeCloseTo(360 - 6);
    expect(overlap(spot.box, { x: 330 - 4, y: -515 - 4, w: 8, h: 8 })).toBe(false);
    // East of it: the label ends at its place.
    const [west] = windowAreaLabels(ds, win, ['deployments'], project, measure, null, [[39, 51.5]]);
    expect([west.dy, west.box.x + west.box.w]).toEqual([0, 366]);
  });

  it('never lets two labels overlap for a dot’s sake (story step 3: dots on every row near Kursk at zoom 1.6)', () => {
    const dots = [-66, -44, -22, 0, 22, 44, 66].map((y) => ({ x: 40, y: y + 6, w: 8, h: 8 }));
    const out = nudgeLabels(
      [
        { id: 'a', text: 'a', box: box(0, 0) },
        { id: 'b', text: 'b', box: box(0, 0) },
      ],
      dots,
    );
    expect(overlap(out[0].box, out[1].box)).toBe(false);
    expect(out.map((s) => s.dy)).toEqual([0, 22]);
    // With a row free of dots, a label takes the first such.
    expect(nudgeLabels([{ id: 'a', text: 'a', box: box(0, 0) }], dots.slice(3, 4)).map((s) => s.dy)).toEqual([22]);
  });

  it('stays within a row of its place rather than clear a dot (Kursk’s labels went three rows off, to Donetsk, at story step 3)', () => {
    // Dots under rows 0 and ±1 only: a label takes a near row over a dot, not a free row two or three away.
    const dots = [-22, 0, 22].map((y) => ({ x: 40, y: y + 6, w: 8, h: 8 }));
    const out = nudgeLabels(
      [
        { id: 'a', text: 'a', box: box(0, 0) },
        { id: 'b', text: 'b', box: box(0, 0) },
        { id: 'c', text: 'c', box: box(0, 0) },
      ],
      dots,
    );
    expect(out.map((s) => s.dy)).toEqual([0, 22, -22]);
    // A fourth label at the same place: the near rows are taken by labels, so it goes further.
    const four = nudgeLabels(
      ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id, box: box(0, 0) })),
      dots,
    );
    expect(Math.abs(four[3].dy)).toBe(44);
  });

  it('leaves out a label with no free spot (labels never overlap), and past 300 in a window the oldest', () => {
    const seven = [0, 22, -22, 44, -44, 66, -66];
    // A box as wide as its shifts: one label a row, seven rows, so an eighth has no room.
    const many = Array.from({ length: seven.length + 1 }, (_, i) => ({ id: `l${i}`, text: 'x', box: box(0, 0) }));
    const out = nudgeLabels(many);
    expect(out.filter((s) => s.hidden).map((s) => s.id)).toEqual([`l${many.length - 1}`]);
    const shown = out.filter((s) => !s.hidden);
    expect(shown.map((s) => s.dy).sort((a, b) => a - b)).toEqual([...seven].sort((a, b) => a - b));
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) expect(overlap(shown[i].box, shown[j].box)).toBe(false);
    expect(shownBoxes(out)).toEqual(shown.map((s) => s.box));
    expect(nudgeKey(out)).toContain(`l${many.length - 1}:-`);
    // 302 deployments far apart in one window: the two oldest are left out, no object made to place them.
    const ds = buildDataset(
      Array.from({ length: 302 }, (_, i) =>
        feature(`d${String(i).padStart(3, '0')}`, 'deployment', `2024-0${1 + (i % 9)}-01`, null, {}, [i, 0]),
      ),
    );
    const win = { from: parseIsoDay('2024-01-01') as number, to: parseIsoDay('2024-12-31') as number };
    const spots = windowAreaLabels(
      ds,
      win,
      ['deployments'],
      ([lon, lat]) => [lon * 1000, lat],
      (t) => t.length * 7,
    );
    expect(spots.length).toBe(302);
    const hidden = spots.filter((s) => s.hidden);
    expect(hidden.length).toBe(2);
    for (const h of hidden) expect(ds.find(h.id)?.feature.properties.start).toBe('2024-01-01');
  });

  it('two deployments on one place in a window: two labels that do not collide, the selected one where it stands', () => {
    const ds = buildDataset([
      feature('dep-old', 'deployment', '2024-10-01', null, { troops: 10000 }, [36, 51.5]),
      feature('dep-new', 'deployment', '2024-11-01', null, { troops: 12000 }, [36, 51.5]),
      feature('dep-later', 'deployment', '2025-01-01', null, { troops: 5000 }, [36, 51.5]),
    ]);
    const project = ([lon, lat]: [number, number]): [number, number] => [lon * 10, -lat * 10];
    const measure = (t: string) => t.length * 7;
    const win = { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number };
    const spots = windowAreaLabels(ds, win, ['deployments'], project, measure);
    expect(spots.map((s) => [s.id, s.dy])).toEqual([
      ['dep-new', 0],
      ['dep-old', 22],
    ]);
    expect(overlap(spots[0].box, spots[1].box)).toBe(false);
    const sel = windowAreaLabels(ds, win, ['deployments'], project, measure, 'dep-old');
    expect(sel.map((s) => [s.id, s.dy])).toEqual([
      ['dep-old', 0],
      ['dep-new', 22],
    ]);
    expect(windowAreaLabels(ds, win, ['strikes'], project, measure)).toEqual([]);
  });

  it('keeps a label inside the view: slid or turned in from the edge, its place still under it (the troops’ label was cut at the map’s right edge)', () => {
    const view = { width: 400, height: 300 };
    // Its place 3 px from the right edge: centred, the label ran 47 px past it.
    const edge = [{ id: 'a', text: 'a', box: box(397 - 50, 100) }];
    expect(nudgeLabels(edge)[0].box.x + 100).toBe(447);
    const [a] = nudgeLabels(edge, [], view);
    expect(a.box.x + a.box.w).toBeLessThanOrEqual(400);
    expect(a.box.x).toBeLessThanOrEqual(397);
    expect(a.dy).toBe(0);
    // 30 px from the left edge: it starts at its place; with a dot there, it is slid just inside.
    const left = [{ id: 'b', text: 'b', box: box(30 - 50, 100) }];
    expect(nudgeLabels(left, [], view)[0].box.x).toBe(24);
    const [b] = nudgeLabels(left, [{ x: 110, y: 105, w: 8, h: 8 }], view);
    expect([b.box.x, b.dy]).toEqual([0, 0]);
    // Near the bottom edge: a row up, not one below it.
    const [c] = nudgeLabels(
      [
        { id: 'x', text: 'x', box: box(150, 285) },
        { id: 'c', text: 'c', box: box(150, 285) },
      ],
      [],
      view,
    ).slice(1);
    expect(c.box.y + c.box.h).toBeLessThanOrEqual(300);
    // A label wider than the view, or whose place is off it, is placed as before.
    expect(nudgeLabels([{ id: 'w', text: 'w', box: box(-100, 10, 600) }], [], view)[0].dx).toBe(0);
  });
});
