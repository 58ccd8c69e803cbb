// Pure guided-story logic: the story.json schema and its checks, the state a step declares, the window's tween.
import type { ShowPatch, View } from '../../app/store';
import { parseIsoDay } from '../../core/time/days';
import type { WindowMode } from '../../core/time/window';
import type { AtlasFeature } from '../../core/schema/schema';
import { layerKeyOf } from '../../core/columnar/feature-keys';
import { boundsOk, type Bounds } from './step-view';

/** A quote backing a step's words: copied verbatim from a seed, and cited by a feature of the data. */
export interface StoryQuote {
  seed: string;
  quote: string;
}

export interface StoryStep {
  title: string;
  /** Plain text, a few sentences; never markup. */
  body: string;
  view: View;
  /**
   * [west, south, east, north]: what the step must show. When given, the camera fits these bounds
   * into the map the card leaves free (step-view.ts), at any size of map, never closer than
   * `view.zoom`; `view` alone is a fixed centre and zoom.
   */
  fit?: Bounds;
  window: { from: string; to: string };
  mode?: WindowMode;
  /** Layer keys shown. */
  layers: string[];
  /** The feature selected (its details open), or null. */
  selected: string | null;
  /** The quotes that back every claim of `body`. */
  sources: StoryQuote[];
}

export interface Story {
  id: string;
  title: string;
  steps: StoryStep[];
}

/** What a story is checked against: the data's features, layers, span, and the seed texts. */
export interface StoryContext {
  /** Feature id → its layer key, its [start, end] days (end null = open) and its quotes. */
  features: Map<string, { layer: string; start: number; end: number | null; quotes: string[] }>;
  layers: ReadonlySet<string>;
  span: { start: number; end: number };
  seeds: Record<string, string>;
}

/** The context for the bundled features (their `layer` names their bundled layer), `layers` the layer keys. */
export function storyContext(
  features: readonly AtlasFeature[],
  layers: readonly string[],
  seeds: Record<string, string>,
): StoryContext {
  const map: StoryContext['features'] = new Map();
  let start = Infinity;
  let end = -Infinity;
  for (const f of features) {
    const p = f.properties;
    const a = parseIsoDay(p.start) ?? 0;
    const b = p.end === null ? null : (parseIsoDay(p.end) ?? a);
    start = Math.min(start, a);
    end = Math.max(end, a, b ?? a);
    map.set(p.id, { layer: layerKeyOf(f), start: a, end: b, quotes: p.sources.map((x) => x.quote ?? '') });
  }
  return { features: map, layers: new Set(layers), span: { start, end }, seeds };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
/** Longest body kept short enough to read beside a map. */
export const MAX_BODY = 600;

/** Checks the shape of story.json and every step against the data. Returns one line per problem. */
export function validateStory(value: unknown, ctx: StoryContext): string[] {
  const out: string[] = [];
  if (!isObj(value)) return ['story: must be an object { id, title, steps }'];
  if (!text(value.id) || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value.id))
    out.push('story: "id" must be lower-case words joined by hyphens');
  if (!text(value.title)) out.push('story: "title" must be a non-empty string');
  if (!Array.isArray(value.steps) || value.steps.length === 0)
    return [...out, 'story: "steps" must be a non-empty array'];
  value.steps.forEach((step: unknown, i: number) => {
    const add = (field: string, what: string): void => {
      out.push(`story step ${i + 1}: "${field}" ${what}`);
    };
    if (!isObj(step)) {
      add('(step)', 'must be an object');
      return;
    }
    if (!text(step.title)) add('title', 'must be a non-empty string');
    if (!text(step.body)) add('body', 'must be a non-empty string');
    else if (step.body.length > MAX_BODY) add('body', `must be at most ${MAX_BODY} characters`);
    else if (/<[a-z/!]/i.test(step.body)) add('body', 'must be plain text (no markup)');
    const v = step.view;
    const viewOk = isObj(v) && [v.lat, v.lon, v.zoom].every((n) => typeof n === 'number' && Number.isFinite(n));
    if (
      !viewOk ||
      Math.abs(v.lat as number) > 85 ||
      Math.abs(v.lon as number) > 180 ||
      (v.zoom as number) < 0 ||
      (v.zoom as number) > 22
    ) {
      add('view', 'must be { lat, lon, zoom } in range');
    }
    if (step.fit !== undefined && !boundsOk(step.fit))
      add('fit', 'must be [west, south, east, north] in degrees, west < east and south < north');
    const w = step.window;
    const from = isObj(w) && typeof w.from === 'string' ? parseIsoDay(w.from) : null;
    const to = isObj(w) && typeof w.to === 'string' ? parseIsoDay(w.to) : null;
    if (from === null || to === null || from > to) add('window', 'must be { from, to }, ISO dates with from <= to');
    else if (from < ctx.span.start || to > ctx.span.end) add('window', 'must lie inside the data’s span');
    if (step.mode !== undefined && step.mode !== 'window' && step.mode !== 'cumulative')
      add('mode', 'must be "window" or "cumulative"');
    const layers = Array.isArray(step.layers) ? step.layers : null;
    if (!layers?.length || !layers.every((k) => typeof k === 'string' && ctx.layers.has(k)))
      add('layers', 'must list layers of the data');
    if (step.selected !== null) {
      const f = typeof step.selected === 'string' ? ctx.features.get(step.selected) : undefined;
      if (!f) add('selected', `${JSON.stringify(step.selected)} is not a feature of the data`);
      else {
        if (layers && !layers.includes(f.layer))
          add('selected', `is on layer "${f.layer}", which the step does not show`);
        const shownFrom = step.mode === 'cumulative' ? ctx.span.start : from;
        if (
          from !== null &&
          to !== null &&
          shownFrom !== null &&
          (f.start > to || (f.end !== null && f.end < shownFrom))
        ) {
          add('selected', 'is outside the step’s window, so it would not be drawn');
        }
      }
    }
    if (!Array.isArray(step.sources) || !step.sources.length) add('sources', 'must list the quotes that back the body');
    else
      step.sources.forEach((s: unknown, k: number) => {
        checkQuote(s, k, ctx, add);
      });
  });
  return out;
}

function checkQuote(s: unknown, k: number, ctx: StoryContext, add: (field: string, what: string) => void): void {
  const f = `sources[${k}]`;
  if (!isObj(s) || !text(s.seed) || !text(s.quote)) {
    add(f, 'must be { seed, quote }');
    return;
  }
  const seed = ctx.seeds[s.seed];
  if (seed === undefined) {
    add(`${f}.seed`, `"${s.seed}" is not a seed report`);
    return;
  }
  if (!seed.includes(s.quote)) {
    add(`${f}.quote`, `not found verbatim in ${s.seed}`);
    return;
  }
  const quote = s.quote;
  const cited = [...ctx.features.values()].some((x) => x.quotes.some((q) => q.includes(quote)));
  if (!cited) add(`${f}.quote`, 'is not among the quotes of any feature of the data');
}

/** The state a step declares: what the store's `show` takes, and the view the camera moves to. */
export function stepPatch(step: StoryStep): ShowPatch & { view: View } {
  return {
    window: { from: parseIsoDay(step.window.from) ?? 0, to: parseIsoDay(step.window.to) ?? 0 },
    mode: step.mode ?? 'window',
    layers: [...step.layers],
    selected: step.selected,
    view: { ...step.view },
  };
}

/** Clamps a 1-based step number into the story. */
export function clampStep(step: number, story: Pick<Story, 'steps'>): number {
  return Math.max(1, Math.min(story.steps.length, Math.round(step) || 1));
}

/** The window at time t (0..1) of a move from `a` to `b`: eased, whole days, never inverted. */
export function tweenWindow(
  a: { from: number; to: number },
  b: { from: number; to: number },
  t: number,
): { from: number; to: number } {
  const u = t <= 0 ? 0 : t >= 1 ? 1 : t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
  const from = Math.round(a.from + (b.from - a.from) * u);
  const to = Math.round(a.to + (b.to - a.to) * u);
  return { from: Math.min(from, to), to: Math.max(from, to) };
}
