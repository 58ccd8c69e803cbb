// The map's redraw for a search waits until the keys pause: a key mid-wait postpones it, and one request per word runs it once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTypingRedraw, TYPING_EVENT, TYPING_PAUSE_MS } from './typing-event';

afterEach(() => {
  vi.useRealTimers();
});

describe('createTypingRedraw', () => {
  it('redraws once the keys have paused, postponed by each key, once for the requests of a word', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const target = new EventTarget();
    const redraw = vi.fn();
    const typing = createTypingRedraw(redraw, target);
    target.dispatchEvent(new Event(TYPING_EVENT));
    vi.advanceTimersByTime(40);
    const first = typing.request(); // a result mid-word
    vi.advanceTimersByTime(60);
    target.dispatchEvent(new Event(TYPING_EVENT)); // the next key
    vi.advanceTimersByTime(TYPING_PAUSE_MS - 1);
    expect(redraw).not.toHaveBeenCalled();
    const second = typing.request();
    vi.advanceTimersByTime(1);
    expect(redraw).toHaveBeenCalledTimes(1);
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    // Keys with no result pending schedule nothing.
    target.dispatchEvent(new Event(TYPING_EVENT));
    vi.advanceTimersByTime(10 * TYPING_PAUSE_MS);
    expect(redraw).toHaveBeenCalledTimes(1);
    typing.destroy();
  });

  it('redraws at once for a result that comes after the keys have paused', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const target = new EventTarget();
    const redraw = vi.fn();
    const typing = createTypingRedraw(redraw, target);
    target.dispatchEvent(new Event(TYPING_EVENT));
    vi.advanceTimersByTime(TYPING_PAUSE_MS + 50);
    typing.request();
    vi.advanceTimersByTime(0);
    expect(redraw).toHaveBeenCalledTimes(1);
    typing.destroy();
  });

  it('lets a key queued behind busy work go first: a late timer waits a moment, and that key postpones it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const target = new EventTarget();
    const redraw = vi.fn();
    const typing = createTypingRedraw(redraw, target);
    target.dispatchEvent(new Event(TYPING_EVENT));
    typing.request();
    // The page is busy past the redraw's time (the clock moves on, no timer runs)…
    vi.setSystemTime(Date.now() + TYPING_PAUSE_MS + 80);
    vi.advanceTimersByTime(0);
    expect(redraw).not.toHaveBeenCalled();
    // …and the key that waited behind that work comes first: the redraw waits for the keys' next pause.
    target.dispatchEvent(new Event(TYPING_EVENT));
    vi.advanceTimersByTime(TYPING_PAUSE_MS - 1);
    expect(redraw).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(redraw).toHaveBeenCalledTimes(1);
    typing.destroy();
  });
});
