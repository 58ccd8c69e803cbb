// The search box's keys as a window event, and a redraw that waits until they pause: the list answers each key, the map the word.
export const TYPING_EVENT = 'atlas:typing';

/** How long the keys of a search must pause before the map redraws for it (ms). */
export const TYPING_PAUSE_MS = 120;

/** A redraw whose timer runs this much past its time lets queued input in first (ms). */
const LATE_MS = 30;
const RECHECK_MS = 20;

/** Chromium's navigator.scheduling.isInputPending, where there is one. */
function inputPending(): boolean {
  const nav = (globalThis as { navigator?: { scheduling?: { isInputPending?: () => boolean } } }).navigator;
  return nav?.scheduling?.isInputPending?.() ?? false;
}

export interface TypingRedraw {
  /** Asks for the redraw once the keys have paused; resolves when it has run. */
  request(): Promise<void>;
  destroy(): void;
}

/**
 * Runs `redraw` once no TYPING_EVENT has come for TYPING_PAUSE_MS: a result that comes mid-word
 * waits for the word's next keys too, so no map frame (a few hundred ms in software WebGL) starts
 * for the next key to wait behind.
 */
export function createTypingRedraw(redraw: () => void, target: EventTarget = window): TypingRedraw {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let done: (() => void) | null = null;
  let drawn: Promise<void> = Promise.resolve();
  let lastKeyAt = Number.NEGATIVE_INFINITY;
  const fire = (): void => {
    timer = null;
    const resolve = done;
    done = null;
    redraw();
    resolve?.();
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    const due = Math.max(lastKeyAt + TYPING_PAUSE_MS, performance.now());
    timer = setTimeout(
      () => {
        // Late (the page was busy: a result's list and counts) or with input waiting: a key may be
        // queued behind that work, so it goes first; its event postpones the redraw again.
        if (performance.now() - due > LATE_MS || inputPending()) {
          timer = setTimeout(fire, RECHECK_MS);
          return;
        }
        fire();
      },
      Math.max(0, due - performance.now()),
    );
  };
  const onKey = (): void => {
    lastKeyAt = performance.now();
    if (timer) schedule();
  };
  target.addEventListener(TYPING_EVENT, onKey);
  return {
    request() {
      if (!done)
        drawn = new Promise<void>((res) => {
          done = res;
        });
      schedule();
      return drawn;
    },
    destroy() {
      if (timer) clearTimeout(timer);
      done?.();
      target.removeEventListener(TYPING_EVENT, onKey);
    },
  };
}
