// Tests data/story.json against the data (features, layers, windows, quotes) and that each step sets the state it declares.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/columnar/dataset';
import type { AtlasCollection } from '../../core/schema/schema';
import { createAtlasStore } from '../../app/store';
import { shownWindow, visibleItems } from '../../app/derived';
import { isoWindow } from '../../../tests/support/days';
import { parseIsoDay } from '../../core/time/days';
import { clampStep, stepPatch, storyContext, tweenWindow, validateStory, type Story, type StoryContext } from './story';

const DATA = new URL('../../../data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as T;
const features = ['strikes', 'facilities', 'deployments', 'links'].flatMap(
  (f) => read<AtlasCollection>(`${f}.geojson`).features,
);
const dataset = buildDataset(features);
const story = read<Story>('story.json');
const seeds: Record<string, string> = Object.fromEntries(
  readdirSync(new URL('sources/', DATA))
    .filter((n) => n.endsWith('.txt'))
    .map((n) => [n, readFileSync(new URL(`sources/${n}`, DATA), 'utf8')]),
);
const ctx: StoryContext = storyContext(
  features,
  dataset.layers.map((l) => l.key),
  seeds,
);

describe('data/story.json', () => {
  it('references existing features and layers, valid windows, and quotes the data cites', () => {
    expect(story.steps.length).toBeGreaterThanOrEqual(5);
    expect(validateStory(story, ctx)).toEqual([]);
  });

  it('goes from the plant in Hamhung, through Kursk, to the strikes on Kharkiv, Odesa and Mykolaiv', () => {
    const selected = story.steps.map((s) => s.selected);
    expect(selected[0]).toBe('facility-february-11-plant-hamhung');
    expect(selected).toContain('deployment-north-korean-troops-kursk');
    expect(selected).toContain('link-february-11-plant-kn23-russia');
    expect(selected).toContain('strike-kharkiv-2024-11-25');
    expect(selected).toContain('strike-odesa-2024-11-25');
    expect(story.steps.some((s) => /Mykolaiv/.test(s.body))).toBe(true);
  });

  it('sets, at each step, the state the step declares, with the selection drawn and listed', () => {
    const store = createAtlasStore();
    store.getState().setDataset(dataset);
    story.steps.forEach((step, i) => {
      const { view, ...patch } = stepPatch(step);
      store.getState().show(patch);
      store.getState().camera.moveTo(view, { animate: true }); // no map attached: the camera keeps the view asked for
      const s = store.getState();
      const where = `step ${i + 1}`;
      expect(isoWindow(s.window), where).toEqual(step.window);
      expect(s.mode, where).toBe(step.mode ?? 'window');
      expect(s.layers, where).toEqual(dataset.layers.map((l) => l.key).filter((k) => step.layers.includes(k)));
      expect(s.selected, where).toBe(step.selected);
      expect(s.camera.view(), where).toEqual(step.view);
      expect(shownWindow(s).to, where).toBe(parseIsoDay(step.window.to));
      if (step.selected)
        expect(
          visibleItems(s).map((it) => it.id),
          where,
        ).toContain(step.selected);
    });
  });
});

describe('story checks and helpers', () => {
  const broken = (mutate: (s: Story) => void): string[] => {
    const copy = structuredClone(story);
    mutate(copy);
    return validateStory(copy, ctx);
  };

  it('reports unknown features and layers, bad windows and quotes', () => {
    expect(broken((s) => (s.steps[0].selected = 'nope'))).toEqual([
      'story step 1: "selected" "nope" is not a feature of the data',
    ]);
    expect(broken((s) => (s.steps[0].layers = ['strikes', 'tanks']))[0]).toMatch(
      /"layers" must list layers of the data/,
    );
    expect(broken((s) => (s.steps[0].window = { from: '2024-11-30', to: '2024-11-01' }))[0]).toMatch(
      /"window" must be/,
    );
    expect(broken((s) => (s.steps[0].window = { from: '2019-01-01', to: '2019-01-02' }))[0]).toMatch(/inside the data/);
    expect(broken((s) => (s.steps[0].window = { from: '2021-08-09', to: '2021-08-13' }))).toEqual([
      'story step 1: "selected" is outside the step’s window, so it would not be drawn',
    ]);
    expect(broken((s) => (s.steps[0].sources[0].quote = 'not in the report'))[0]).toMatch(/not found verbatim/);
    expect(broken((s) => (s.steps[0].sources[0].quote = 'Britain and its allies will not be intimidated'))[0]).toMatch(
      /not among the quotes of any feature/,
    );
    expect(broken((s) => (s.steps[0].body = 'Hello <b>world</b>'))[0]).toMatch(/plain text/);
    expect(broken((s) => (s.steps[0].view = { lat: 99, lon: 0, zoom: 3 }))[0]).toMatch(/"view"/);
    expect(broken((s) => (s.steps[0].fit = [40, 30, 20, 50]))).toEqual([
      'story step 1: "fit" must be [west, south, east, north] in degrees, west < east and south < north',
    ]);
    expect(validateStory({ id: 'x', title: 't', steps: [] }, ctx)).toEqual([
      'story: "steps" must be a non-empty array',
    ]);
  });

  it('clamps steps and tweens windows without inverting them', () => {
    expect([clampStep(0, story), clampStep(99, story), clampStep(2, story)]).toEqual([1, story.steps.length, 2]);
    const a = { from: 100, to: 110 };
    const b = { from: 300, to: 300 };
    expect(tweenWindow(a, b, 0)).toEqual(a);
    expect(tweenWindow(a, b, 1)).toEqual(b);
    for (let t = 0; t <= 1; t += 0.05) {
      const w = tweenWindow(a, b, t);
      expect(w.from).toBeLessThanOrEqual(w.to);
      expect(Number.isInteger(w.from) && Number.isInteger(w.to)).toBe(true);
    }
  });
});
