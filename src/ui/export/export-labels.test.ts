// Tests for an export's names: placed for the image, clear of the deployments' area labels as the data layer nudges them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { exportLayers } from './export-layers';
import { basemapFromTopology } from '../map/basemap-data';
import { buildDataset } from '../../core/columnar/dataset';
import { feature } from '../../../tests/support/features';
import { windowAreaLabels } from '../layers/area-labels';
import { canvasMeasure, labelDotPoints, type Placement } from '../layers/labels';
import { BASEMAP } from '../../core/config';
import { parseIsoDay } from '../../core/time/days';
import { strikeRadiusPx } from '../../core/style';

const basemap = basemapFromTopology(JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology);
const hit = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** An 800×500 image at zoom 6 centred on Lgov (one rank-1 place), 10–20 November 2024. */
const LGOV = (() => {
  const k = (512 * 2 ** 6) / 360;
  const project = (lon: number, lat: number): [number, number] => [
    400 + (lon - 35.27) * k,
    250 - (lat - 51.66) * k * 1.6,
  ];
  return {
    places: [{ name: 'Lgov', lon: 35.27, lat: 51.66, country: 'RU', rank: 1 as const }],
    k,
    project,
    win: { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number },
  };
})();

describe('export labels', () => {
  it('keeps every name and dot off the area labels of the window, which do not collide with each other', () => {
    const dataset = buildDataset([
      feature('dep-a', 'deployment', '2024-10-01', null, { troops: 10000 }, [36.2, 51.7]),
      feature('dep-b', 'deployment', '2024-11-01', null, { place: 'Kursk region, Russia' }, [36.2, 51.7]),
    ]);
    // A 800×500 image at zoom 6 centred on Kursk: 2^6 × 512 / 360 px a degree (near enough for the test's purpose).
    const k = (512 * 2 ** 6) / 360;
    const project = (lon: number, lat: number): [number, number] => [
      400 + (lon - 36.2) * k,
      250 - (lat - 51.7) * k * 1.6,
    ];
    const places = [
      { name: 'Kursk', lon: 36.19, lat: 51.73, country: 'RU', rank: 1 as const },
      { name: 'Lgov', lon: 35.27, lat: 51.66, country: 'RU', rank: 3 as const },
    ];
    const win = { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number };
    const layers = exportLayers({ dataset, layers: ['deployments'], places, palette: BASEMAP, basemap }, win, 6, {
      project,
      width: 800,
      height: 500,
    });
    const names = layers.at(-1)?.props.data as Placement['labels'];
    const areas = windowAreaLabels(
      dataset,
      win,
      ['deployments'],
      ([lon, lat]) => project(lon, lat),
      canvasMeasure(),
      null,
      labelDotPoints(basemap, places, new Set()),
    );
    expect(areas).toHaveLength(2);
    expect(hit(areas[0].box, areas[1].box)).toBe(false);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names)
      for (const a of areas) expect(hit(n.box, a.box), `"${n.text}" under "${a.text}"`).toBe(false);
    // Nor is a dot under an area label: the two labels moved off the city's, a row down and up.
    const [kx, ky] = project(36.19, 51.73);
    for (const a of areas)
      expect(hit({ x: kx - 4, y: ky - 4, w: 8, h: 8 }, a.box), `Kursk under "${a.text}"`).toBe(false);
    expect(areas.map((a) => a.dy)).toEqual([22, -22]);
    for (const n of names.filter((m) => m.dotBox))
      for (const a of areas) expect(hit(n.dotBox!, a.box), `${n.text}'s dot under "${a.text}"`).toBe(false);
  });

  it('names the places the data names, as the map does, even where their rank alone would leave them out', () => {
    // Zoom 4: rank 1 only, by rank. Lgov (rank 3) is in a feature's place, so the map names it; so must the image.
    const dataset = buildDataset([
      feature('s1', 'strike', '2024-11-12', null, { place: 'Lgov, Kursk region' }, [35.27, 51.66]),
    ]);
    const places = [
      { name: 'Kursk', lon: 36.19, lat: 51.73, country: 'RU', rank: 1 as const },
      { name: 'Lgov', lon: 35.27, lat: 51.66, country: 'RU', rank: 3 as const },
      { name: 'Rylsk', lon: 34.68, lat: 51.57, country: 'RU', rank: 3 as const },
    ];
    const k = (512 * 2 ** 4) / 360;
    const project = (lon: number, lat: number): [number, number] => [
      400 + (lon - 36) * k,
      250 - (lat - 51.7) * k * 1.6,
    ];
    const win = { from: parseIsoDay('2024-11-10') as number, to: parseIsoDay('2024-11-20') as number };
    const layers = exportLayers({ dataset, layers: ['strikes'], places, palette: BASEMAP, basemap }, win, 4, {
      project,
      width: 800,
      height: 500,
    });
    const texts = ((layers.at(-1)?.props.data ?? []) as Placement['labels']).map((n) => n.text);
    expect(texts).toContain('Lgov');
    expect(texts).not.toContain('Rylsk');
  });

  it('moves a place’s name off a region’s mark, as the map does (label-controller.ts)', () => {
    const { places, k, project, win } = LGOV;
    const nameOf = (dataset: ReturnType<typeof buildDataset>) => {
      const layers = exportLayers({ dataset, layers: ['strikes'], places, palette: BASEMAP, basemap }, win, 6, {
        project,
        width: 800,
        height: 500,
      });
      return ((layers.at(-1)?.props.data ?? []) as Placement['labels']).find((n) => n.text === 'Lgov');
    };
    // With nothing in the way the name stands right of its dot; a region's mark there (a strike placed
    // only to Kursk oblast, drawn as the oblast with its mark on this point) sends it to another side.
    const free = nameOf(buildDataset([feature('s1', 'strike', '2024-11-12', null, {}, [30, 45])]));
    expect(free?.spot).toBe('right');
    const at = [35.27 + (free!.box.x + free!.box.w / 2 - 400) / k, 51.66] as [number, number];
    const moved = nameOf(buildDataset([feature('r1', 'strike', '2024-11-12', null, { admin_area: 'RU-KRS' }, at)]));
    expect(moved, 'still named').toBeDefined();
    const [mx, my] = project(...at);
    expect(hit(moved!.box, { x: mx - 12, y: my - 12, w: 24, h: 24 }), `${moved!.spot} covers the mark`).toBe(false);
  });

  it('writes a place’s name beyond the edge of a strike mark on the city (Kharkiv beside its circle), and not while playing', () => {
    const { places, project, win } = LGOV;
    // The largest strike of the data on the city: drawn at the largest size (strikeRadiusPx).
    const dataset = buildDataset([
      feature('s1', 'strike', '2024-11-12', null, { injured: 40 }, [35.27, 51.66]),
      feature('s2', 'strike', '2024-11-12', null, { injured: 1 }, [30, 45]),
    ]);
    const [cx, cy] = project(35.27, 51.66);
    const r = strikeRadiusPx(40, 40);
    expect(r).toBeGreaterThan(10);
    const circle = { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r };
    const lgov = (playing: boolean) => {
      const layers = exportLayers(
        { dataset, layers: ['strikes'], places, palette: BASEMAP, basemap, playing },
        win,
        6,
        { project, width: 800, height: 500 },
      );
      return ((layers.at(-1)?.props.data ?? []) as Placement['labels']).find((n) => n.text === 'Lgov');
    };
    const still = lgov(false);
    expect(still, 'named').toBeDefined();
    expect(hit(still!.box, circle), `${still!.spot} is over the mark`).toBe(false);
    // While playing the names stay where they would be with no marks (placed off them once play stops).
    const playing = lgov(true);
    expect(playing?.spot).toBe('right');
    expect(hit(playing!.box, circle)).toBe(true);
  });
});
