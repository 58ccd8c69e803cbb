// deferDatasetSwap: a new dataset in place of the one drawn is drawn a few frames on, after the warm-up steps, each in a frame of its own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAtlasStore } from '../../app/store';
import { buildDataset } from '../../core/columnar/dataset';
import { SAMPLE } from '../../../tests/support/features';
import { deferDatasetSwap } from './atlas-layers';

describe('deferDatasetSwap', () => {
  let frames: (() => void)[] = [];
  const runFrame = async (): Promise<void> => {
    const now = frames;
    frames = [];
    for (const f of now) f();
    await new Promise((r) => setTimeout(r, 0)); // the awaits between steps
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('draws the first dataset and any other change at once; a new dataset after its warm-up frames', async () => {
    const store = createAtlasStore();
    store.getState().setDataset(buildDataset(SAMPLE));
    const log: string[] = [];
    const waits: Promise<void>[] = [];
    const render = deferDatasetSwap(
      store,
      () => log.push(`draw ${store.getState().dataset?.columns.n}`),
      (p) => waits.push(p),
      [() => log.push('warm 1'), () => log.push('warm 2')],
    );
    render();
    render(); // a window step, a selection: the same dataset, drawn now
    expect(log).toEqual(['draw 5', 'draw 5']);
    store.getState().setDataset(buildDataset(SAMPLE.slice(0, 3)));
    render();
    render(); // asked again meanwhile: the same frame's draw
    expect(log).toHaveLength(2);
    expect(waits).toHaveLength(1);
    await runFrame();
    expect(log.slice(2)).toEqual(['warm 1']);
    await runFrame();
    expect(log.slice(2)).toEqual(['warm 1', 'warm 2']);
    await runFrame();
    expect(log.slice(2)).toEqual(['warm 1', 'warm 2', 'draw 3']);
    await waits[0]; // the view's idle waits for this
    render();
    expect(log.at(-1)).toBe('draw 3');
    expect(log).toHaveLength(6);
  });
});
