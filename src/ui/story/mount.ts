// Mounts the guided story on a page (the app or the embed): loads data/story.json when opened, shows the bar, plays each step.
import storyUrl from '../../../data/story.json?url';
import type { AtlasStore, Padding, View } from '../../app/store';
import { clampStep, stepPatch, tweenWindow, type Story } from './story';
import { StoryBar } from './story-bar';
import { type Bounds, fitStepView } from './step-view';

export interface StoryMountOptions {
  /** How to get the story (default: fetch the bundled data/story.json). */
  load?: () => Promise<Story>;
  /** Move focus into the bar when the story is opened by the person (not by a link on load). Default true. */
  focusOnOpen?: boolean;
  /** Milliseconds the slider's window takes to glide to a step's window. */
  windowMs?: number;
}

export interface StoryMount {
  destroy(): void;
}

/** Fetches the bundled story. */
export async function loadBundledStory(fetcher: typeof fetch = fetch): Promise<Story> {
  const res = await fetcher(storyUrl);
  if (!res.ok) throw new Error(`Could not load data/story.json: HTTP ${res.status}`);
  return (await res.json()) as Story;
}

const sizeOf = (el: HTMLElement): { width: number; height: number } => ({
  width: el.clientWidth,
  height: el.clientHeight,
});

const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

/** The narrowest strip of map beside the bar worth centring a view in (pixels). */
const MIN_BESIDE = 300;

/**
 * The part of the map the bar covers, so a step's view is centred in what stays visible: beside
 * the bar or above it, whichever leaves the larger part of the map free (beside only when that
 * strip is at least MIN_BESIDE wide).
 */
function paddingFor(bar: HTMLElement, host: HTMLElement): Padding {
  const b = bar.getBoundingClientRect();
  const h = host.getBoundingClientRect();
  if (!b.width || !h.width) return NO_PADDING;
  const beside = Math.round(b.right - h.left + 8);
  const above = Math.round(Math.max(0, h.bottom - b.top + 8));
  const besideArea = (h.width - beside) * h.height;
  const aboveArea = h.width * (h.height - above);
  if (h.width - beside >= MIN_BESIDE && besideArea >= aboveArea) return { ...NO_PADDING, left: beside };
  return { ...NO_PADDING, bottom: above };
}

/**
 * Watches the store's `story` (set by `#story=1&step=3`, the toolbar, or the bar itself) and keeps a
 * StoryBar in `host` while it is open. Each new step sets the state it declares: the map flies,
 * the slider's window glides and the selection changes (all at once under prefers-reduced-motion,
 * and on the first step a link opens). Call `destroy()` to remove everything it added.
 */
export function mountStory(store: AtlasStore, host: HTMLElement, opts: StoryMountOptions = {}): StoryMount {
  const load = opts.load ?? (() => loadBundledStory());
  const windowMs = opts.windowMs ?? 900;
  let loading: Promise<Story | null> | null = null;
  let bar: StoryBar | null = null;
  let applied: { id: string; step: number } | null = null;
  let frame = 0;
  let destroyed = false;
  /** The step shown fits these bounds (null: a fixed view), as fitted for a map of `size`. */
  let fitted: { fit: Bounds; asked: View; size: { width: number; height: number } } | null = null;

  const ensureStory = (): Promise<Story | null> => {
    loading ??= load().then(
      (s): Story | null => s,
      (e: unknown) => {
        console.warn('The story could not be loaded', e);
        loading = null;
        return null;
      },
    );
    return loading;
  };

  const stopTween = (): void => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  };

  const glideWindow = (to: { from: number; to: number }): void => {
    stopTween();
    const from = store.getState().window;
    const t0 = performance.now();
    const tick = (now: number): void => {
      const t = Math.min(1, (now - t0) / windowMs);
      const w = tweenWindow(from, to, t);
      store.getState().setWindow(w.from, w.to);
      frame = t < 1 ? requestAnimationFrame(tick) : 0;
    };
    frame = requestAnimationFrame(tick);
  };

  const sync = async (userAction: boolean): Promise<void> => {
    const ref = store.getState().story;
    if (!ref) {
      fitted = null;
      stopTween();
      const hadFocus = bar?.element.contains(document.activeElement) ?? false;
      const camera = store.getState().camera;
      if (bar) camera.moveTo(camera.view(), { animate: true, padding: NO_PADDING }); // the whole map again
      bar?.destroy();
      bar = null;
      applied = null;
      if (hadFocus) document.getElementById('story-button')?.focus();
      return;
    }
    const s = await ensureStory();
    if (destroyed) return;
    if (!s) {
      store.getState().closeStory();
      return;
    }
    const current = store.getState().story;
    if (!current) return; // closed while loading
    if (current.id !== '1' && current.id !== s.id)
      console.warn(`URL hash: story="${current.id}" is not a story here; showing "${s.id}"`);
    const step = clampStep(current.step, s);
    if (step !== current.step) {
      store.getState().setStoryStep(step); // the subscription comes back here
      return;
    }
    const first = !bar;
    if (!bar) {
      bar = new StoryBar(store, s);
      host.append(bar.element);
      if (userAction && opts.focusOnOpen !== false) bar.focus();
    }
    if (applied && applied.id === current.id && applied.step === step) return;
    const animate = !first && applied !== null && !reducedMotion();
    applied = { id: current.id, step };
    const { view: asked, ...patch } = stepPatch(s.steps[step - 1]);
    store.getState().setPlaying(false);
    const padding = paddingFor(bar.element, host);
    const fit = s.steps[step - 1].fit;
    fitted = fit ? { fit, asked, size: sizeOf(host) } : null;
    const view = fit ? fitStepView(fit, sizeOf(host), padding, asked) : asked;
    if (animate && patch.window) {
      const target = patch.window;
      // The camera first, then the store: what plans for the new state (a published dataset's rows) sees both.
      store.getState().camera.moveTo(view, { animate: true, padding });
      store.getState().show({ ...patch, window: undefined });
      glideWindow(target);
    } else {
      stopTween();
      store.getState().camera.moveTo(view, { animate: false, padding });
      store.getState().show(patch);
    }
  };

  const unsubscribe = store.subscribe(
    (s) => s.story,
    (_story, before) => void sync(before === null),
  );
  if (store.getState().story) void sync(false);

  // A step that fits bounds fits them again when the map changes size under it (a phone turned, an
  // iframe resized, the page's panels laid out after the step was applied), unless the map is moving.
  const refit = (): void => {
    if (!fitted || !bar || !store.getState().story) return;
    const size = sizeOf(host);
    if (size.width === fitted.size.width && size.height === fitted.size.height) return;
    fitted.size = size;
    const padding = paddingFor(bar.element, host);
    store.getState().camera.moveTo(fitStepView(fitted.fit, size, padding, fitted.asked), { animate: false, padding });
  };
  const resizes = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(refit);
  resizes?.observe(host);

  return {
    destroy() {
      destroyed = true;
      resizes?.disconnect();
      unsubscribe();
      stopTween();
      bar?.destroy();
      bar = null;
    },
  };
}
