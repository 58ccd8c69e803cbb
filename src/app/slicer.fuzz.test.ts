// Property tests (fast-check) of the time slicer as the app uses it: shown ⊆ all, filtered ⊆ unfiltered, counts match brute force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAtlasStore } from './store';
import { shownView, shownWindow, visibleCount, visibleItems } from './derived';
import { buildDataset } from '../core/columnar/dataset';
import { histogramOf } from '../core/columnar/window-query';
import { passMask } from '../core/filters/filters';
import { feature } from '../../tests/support/features';
import { formatIsoDay, parseIsoDay } from '../core/time/days';
import { overlaps, type WindowMode } from '../core/time/window';
import type { AtlasFeature, FigureField, LayerKind, Weapon } from '../core/schema/schema';

const BASE = parseIsoDay('2024-01-01') ?? 0;
const KINDS: LayerKind[] = ['strike', 'facility', 'deployment'];
const LAYER_KEY: Record<string, string> = { strike: 'strikes', facility: 'facilities', deployment: 'deployments' };
const WORDS = ['Kharkiv', 'Odesa', 'drone', 'missile', 'plant', 'troops', '<script>', 'Київ'];

const eventArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  start: fc.integer({ min: 0, max: 90 }),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.constant(null)),
  weapon: fc.option(fc.constantFrom<Weapon>('missile', 'drone', 'mixed', 'unknown'), { nil: undefined }),
  injured: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
  word: fc.constantFrom(...WORDS),
});
type EventSpec = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: EventSpec[]): AtlasFeature[] {
  return specs.map((e, i) => {
    // Strikes always end (end: null is for facilities and deployments only).
    const end = e.length === null && e.kind !== 'strike' ? null : formatIsoDay(BASE + e.start + (e.length ?? 0));
    const extra: Record<string, unknown> = { title: `${e.word} event ${i}` };
    if (e.kind === 'strike' && e.weapon) extra.weapon = e.weapon;
    if (e.kind === 'strike' && !e.weapon) extra.weapon = undefined;
    if (e.injured !== undefined) extra.injured = e.injured;
    return feature(`e${i}`, e.kind, formatIsoDay(BASE + e.start), end, extra);
  });
}

const stateArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 40 }),
  from: fc.integer({ min: -10, max: 100 }),
  width: fc.integer({ min: 0, max: 40 }),
  mode: fc.constantFrom<WindowMode>('window', 'cumulative'),
  layers: fc.subarray(['strikes', 'facilities', 'deployments']),
  weapons: fc.option(fc.subarray<Weapon>(['missile', 'drone', 'mixed', 'unknown']), { nil: null }),
  min: fc.option(fc.record({ field: fc.constant<FigureField>('injured'), value: fc.integer({ min: 0, max: 50 }) }), {
    nil: null,
  }),
  q: fc.constantFrom('', ...WORDS, 'event 1', 'nothing-matches'),
});

describe('time slicing (fuzz)', () => {
  it('the list shows exactly the features on shown layers overlapping the window; filters only narrow it', () => {
    fc.assert(
      fc.property(stateArb, (a) => {
        const features = build(a.events);
        const store = createAtlasStore();
        const s0 = store.getState();
        s0.setDataset(buildDataset(features));
        s0.setWindow(BASE + a.from, BASE + a.from + a.width);
        s0.setMode(a.mode);
        store.setState({ layers: a.layers });
        const s = store.getState();
        const win = shownWindow(s);
        const days = (f: AtlasFeature): [number, number | null] => [
          parseIsoDay(f.properties.start) ?? 0,
          f.properties.end === null ? null : (parseIsoDay(f.properties.end) ?? 0),
        ];
        const inWindow = features.filter((f) => overlaps(...days(f), win));
        const brute = inWindow.filter((f) => a.layers.includes(LAYER_KEY[f.properties.layer]));
        const shown = visibleItems(s).map((it) => it.id);
        expect([...shown].sort()).toEqual(brute.map((f) => f.properties.id).sort());
        expect(visibleCount(s)).toBe(shown.length);
        // Per layer, shown or not: what overlaps the window.
        const view = shownView(s);
        s.dataset?.layers.forEach((def, i) => {
          expect(view.perLayer[i]).toBe(inWindow.filter((f) => LAYER_KEY[f.properties.layer] === def.key).length);
        });
        // Cumulative shows everything up to the window's end: a superset of the moving window.
        const cumulative = visibleItems({ ...s, mode: 'cumulative' }).map((it) => it.id);
        expect(cumulative).toEqual(expect.arrayContaining(visibleItems({ ...s, mode: 'window' }).map((it) => it.id)));

        // Filters: weapon and minimum exactly as stated; search only ever narrows.
        const filters = { weapons: a.weapons, min: a.min, q: '' };
        const filtered = visibleItems({ ...s, filters }).map((it) => it.id);
        const expected = brute.filter((f) => {
          const p = f.properties;
          if (filters.weapons && p.layer === 'strike' && !filters.weapons.includes(p.weapon ?? 'unknown')) return false;
          return !filters.min || (typeof p.injured === 'number' && p.injured >= filters.min.value);
        });
        expect([...filtered].sort()).toEqual(expected.map((f) => f.properties.id).sort());
        const searched = visibleItems({ ...s, filters: { ...filters, q: a.q } }).map((it) => it.id);
        expect(filtered).toEqual(expect.arrayContaining(searched));
        if (a.q === 'nothing-matches') expect(searched).toEqual([]);
        expect(visibleCount({ ...s, filters: { ...filters, q: a.q } })).toBe(searched.length);

        // The histogram counts what the layers and filters let through, all of it inside the span.
        if (s.dataset) {
          const mask = passMask(s.dataset, filters);
          const h = histogramOf(s.dataset, a.layers, mask, 17);
          const total = h.counts.reduce((x, y) => x + y, 0);
          expect(total).toBe(
            features.filter(
              (f, i) =>
                a.layers.includes(LAYER_KEY[f.properties.layer]) &&
                (!mask || mask[s.dataset?.find(`e${i}`)?.index ?? -1] === 1),
            ).length,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
