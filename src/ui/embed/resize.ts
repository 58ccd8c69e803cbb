// Auto-height: the embed tells its parent how tall its content is. Outgoing only; it reads no message.
import type { Mounted } from '../controls/control';

export const RESIZE_TYPE = 'conflict-atlas:resize';

export interface ResizeMessage {
  type: typeof RESIZE_TYPE;
  /** The embed's `id` flag, so a host can tell its embeds apart; null when none was set. */
  id: string | null;
  /** Wanted height in CSS pixels (whole, at least 1). */
  height: number;
}

/** Pure: the message for a measured height, or null when it would repeat `last` (or is not a height). */
export function resizeMessage(id: string | null, measured: number, last: number | null): ResizeMessage | null {
  if (!Number.isFinite(measured) || measured <= 0) return null;
  const height = Math.ceil(measured);
  if (height === last) return null;
  return { type: RESIZE_TYPE, id, height };
}

export interface ResizeReporter extends Mounted {
  /** Posts the current height even if it was posted before (e.g. once the map has drawn). */
  repost(): void;
}

/**
 * Watches `root` with a ResizeObserver and posts its height to `target` (the parent window) on
 * start and whenever it changes. The message carries no secret, so it goes to any origin ('*'):
 * the page that embeds the atlas may be anywhere. Does nothing outside a frame (target null).
 */
export function mountResizeReporter(root: HTMLElement, id: string | null, target: Window | null): ResizeReporter {
  let last: number | null = null;
  const measure = (): number => root.getBoundingClientRect().height;
  const post = (force: boolean): void => {
    if (!target) return;
    const msg = resizeMessage(id, measure(), force ? null : last);
    if (!msg) return;
    last = msg.height;
    target.postMessage(msg, '*');
  };
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => post(false)) : null;
  observer?.observe(root);
  const onLoad = (): void => post(true);
  window.addEventListener('load', onLoad);
  post(true);
  return {
    repost: () => post(true),
    destroy: () => {
      observer?.disconnect();
      window.removeEventListener('load', onLoad);
    },
  };
}

/** The parent window to report to, or null when the page is not in a frame. */
export function parentFrame(win: Window = window): Window | null {
  return win.parent && win.parent !== win ? win.parent : null;
}
