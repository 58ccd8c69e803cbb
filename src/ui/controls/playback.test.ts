import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountPlayback } from './playback';
import { createAtlasStore } from '../../app/store';
import { buildDataset, type Dataset } from '../../core/columnar/dataset';
import { generateFeatures } from '../../core/synth/generate';

/** Animation frames run by hand: `frame(ms)` advances the clock and runs the callbacks queued. */
let queue: ((t: number) => void)[] = [];
let now = 0;
const frame = (ms: number): void => {
  now += ms;
  const run = queue;
  queue = [];
  for (const f of run) f(now);
};

beforeEach(() => {
  queue = [];
  now = 1000;
  vi.stubGlobal('requestAnimationFrame', (f: (t: number) => void) => queue.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => {
    queue = [];
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('playback over a published dataset', () => {
  it('holds the window while the rows it needs are on their way, then plays on from there', () => {
    const store = createAtlasStore();
    const inner = buildDataset(
      [...generateFeatures({ n: 50, seed: 1, start: '2024-01-01', days: 100 })],
      [{ key: 'strikes', label: 'Strikes', kind: 'strike', group: 'bundled' }],
    );
    let onTheWay = false;
    const ds = Object.assign(Object.create(inner) as Dataset, { published: { waiting: () => onTheWay } }) as Dataset;
    store.getState().setDataset(ds);
    store.getState().setWindow(inner.span.start, inner.span.start + 6);
    const playback = mountPlayback(store);
    store.getState().setSpeed(1); // 7 days a second
    store.getState().setPlaying(true);
    const from = (): number => store.getState().window.from;
    const start = from();
    frame(16);
    for (let k = 0; k < 30; k++) frame(16); // ~0.5 s: about 3 days on
    const played = from();
    expect(played > start).toBe(true);
    onTheWay = true;
    for (let k = 0; k < 60; k++) frame(16); // 1 s waiting: the window stays
    expect(from()).toBe(played);
    expect(store.getState().playing).toBe(true);
    onTheWay = false;
    frame(16);
    frame(16); // the time spent waiting is not made up in one jump
    const after = from();
    expect(after - played).toBeLessThanOrEqual(1);
    playback.destroy();
  });
});
