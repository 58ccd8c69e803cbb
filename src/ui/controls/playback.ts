// Playback: while `playing`, advances the window on animation frames at the chosen speed; stops at the end.
import type { AtlasStore } from '../../app/store';
import { atEnd, playbackAdvance } from '../../core/time/window';
import { SPEEDS } from '../../core/config';
import { publishedOf } from '../../core/published/published-dataset';
import type { Mounted } from './control';

/** Attaches playback to the store and the page's animation frames; `destroy()` stops it. */
export function mountPlayback(store: AtlasStore): Mounted {
  let frame = 0;
  let last = 0;
  let carry = 0;

  const tick = (now: number): void => {
    const s = store.getState();
    if (!s.playing || !s.dataset) return;
    if (publishedOf(s.dataset)?.waiting()) {
      // A published dataset's rows for this window are still on their way: hold it until they come.
      last = now;
      frame = requestAnimationFrame(tick);
      return;
    }
    const { days, carry: rest } = playbackAdvance(last ? now - last : 0, SPEEDS[s.speed].daysPerSecond, carry);
    last = now;
    carry = rest;
    if (days > 0) s.step(days);
    if (atEnd(store.getState().window, s.dataset.span)) {
      s.setPlaying(false);
      return;
    }
    frame = requestAnimationFrame(tick);
  };

  const unsubscribe = store.subscribe(
    (s) => s.playing,
    (playing) => {
      const s = store.getState();
      cancelAnimationFrame(frame);
      if (playing && s.dataset) {
        // Playing from the very end starts again from the beginning, as media players do.
        if (atEnd(s.window, s.dataset.span)) s.jump('start');
        last = 0;
        carry = 0;
        frame = requestAnimationFrame(tick);
      }
    },
  );
  return {
    destroy() {
      unsubscribe();
      cancelAnimationFrame(frame);
    },
  };
}
