// Tests for the URL mirror: a navigation wins over a write of the state from before it.
import { describe, expect, it, vi } from 'vitest';
import { createAtlasStore } from './store';
import { buildDataset } from '../core/columnar/dataset';
import { SAMPLE } from '../../tests/support/features';
import { mountUrlSync } from './url-sync';
import { days } from '../../tests/support/days';

/** Just enough of a window: a location with a hash, replaceState, and hashchange listeners. */
function fakeWindow(hash: string) {
  const listeners: ((e: HashChangeEvent) => void)[] = [];
  const loc = { hash, pathname: '/', search: '' };
  const win = {
    location: loc,
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        loc.hash = url.startsWith('#') ? url : '';
      },
    },
    addEventListener: (_t: string, f: (e: HashChangeEvent) => void) => listeners.push(f),
    removeEventListener: () => undefined,
  };
  /** What assigning location.hash does: the hash now, the event later (a task). */
  const navigate = (to: string) => {
    const oldURL = `http://x/${loc.hash}`;
    loc.hash = to;
    return () => {
      for (const f of listeners) f({ newURL: `http://x/${to}`, oldURL } as HashChangeEvent);
    };
  };
  // A fake of the DOM's Window: only the members url-sync uses are given.
  return { win: win as unknown as Window, loc, navigate };
}

describe('url sync', () => {
  it('applies a navigation even when a pending write replaced location before its hashchange arrived', () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      store.getState().setDataset(buildDataset(SAMPLE));
      const { win, loc, navigate } = fakeWindow('#t=2024-11-20..2024-11-21');
      const sync = mountUrlSync(store, win);
      expect(store.getState().window).toEqual(days('2024-11-20', '2024-11-21'));
      store.getState().applyHash({ t: days('2024-11-22', '2024-11-23') });
      const fire = navigate('#t=2021-08-10..2021-08-10');
      vi.advanceTimersByTime(200); // the write scheduled by the change above runs first…
      expect(loc.hash).toContain('2024-11-22');
      fire(); // …then the navigation's hashchange
      expect(store.getState().window).toEqual(days('2021-08-10'));
      vi.advanceTimersByTime(200);
      expect(loc.hash).toContain('2021-08-10');
      sync.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('url sync and the camera', () => {
  it('moves the camera to a link’s view and writes the view read from the camera when it moves', () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      store.getState().setDataset(buildDataset(SAMPLE));
      const { win, loc, navigate } = fakeWindow('#view=50,36,6');
      const sync = mountUrlSync(store, win);
      expect(store.getState().camera.view()).toEqual({ lat: 50, lon: 36, zoom: 6 }); // no map yet: the request
      store.getState().camera.moveTo({ lat: 47, lon: 33.6, zoom: 7 }); // as a map drag or a story step would
      vi.advanceTimersByTime(200);
      expect(loc.hash).toContain('view=47,33.6,7');
      navigate('#view=45.5,30.7,8')();
      expect(store.getState().camera.view()).toEqual({ lat: 45.5, lon: 30.7, zoom: 8 });
      sync.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('url sync when the page is busy', () => {
  it('writes a change when the page is next idle, not in the task that made it, then at most every 150 ms', () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      store.getState().setDataset(buildDataset(SAMPLE));
      const { win, loc } = fakeWindow('#t=2024-11-20..2024-11-21');
      const idle: (() => void)[] = [];
      Object.assign(win, {
        requestIdleCallback: (f: () => void, o: { timeout: number }) => {
          expect(o.timeout).toBe(150);
          return idle.push(f);
        },
        cancelIdleCallback: (id: number) => {
          idle[id - 1] = () => undefined;
        },
      });
      const sync = mountUrlSync(store, win);
      vi.advanceTimersByTime(1000); // long after the last write
      store.getState().applyHash({ t: days('2024-11-22', '2024-11-23') });
      vi.advanceTimersByTime(100);
      expect(loc.hash).toContain('2024-11-20'); // timers ran, but no idle time yet
      expect(idle).toHaveLength(1);
      idle[0]();
      expect(loc.hash).toContain('2024-11-22');
      // Right after a write: a timer at the interval's end, not an idle callback.
      store.getState().applyHash({ t: days('2024-11-24', '2024-11-25') });
      expect(idle).toHaveLength(1);
      vi.advanceTimersByTime(200);
      expect(loc.hash).toContain('2024-11-24');
      // One still waiting is cancelled with the mirror.
      vi.advanceTimersByTime(1000);
      store.getState().applyHash({ t: days('2024-11-26', '2024-11-27') });
      sync.destroy();
      idle[1]();
      expect(loc.hash).toContain('2024-11-24');
    } finally {
      vi.useRealTimers();
    }
  });
});
