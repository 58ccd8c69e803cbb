// admitNew: the sub-layers drawn before stay, the new come in by a frame's budget, visible ones first.
import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { admitNew, STAGE_BUDGET } from './staging';

const layer = (id: string, visible = true): Layer => ({ id, props: { visible } }) as unknown as Layer;
const ids = (ls: Layer[]): string[] => ls.map((l) => l.id);

describe('admitNew', () => {
  it('keeps every layer drawn before, in drawing order, and brings in one new visible layer', () => {
    const all = [layer('a'), layer('n1'), layer('b'), layer('n2')];
    expect(ids(admitNew(all, new Set(['a', 'b'])))).toEqual(['a', 'n1', 'b']);
  });

  it('brings in a visible new layer before hidden ones, and several hidden ones a frame', () => {
    const all = [layer('h1', false), layer('h2', false), layer('v'), layer('h3', false)];
    const first = admitNew(all, new Set());
    expect(ids(first)).toEqual(['v']);
    const second = admitNew(all, new Set(ids(first)));
    expect(ids(second)).toEqual(['h1', 'h2', 'v', 'h3']);
    expect(STAGE_BUDGET).toBeGreaterThanOrEqual(3);
  });

  it('always brings in at least one new layer, and returns everything once nothing is new', () => {
    const all = [layer('a'), layer('b')];
    expect(ids(admitNew(all, new Set(), 0))).toEqual(['a']);
    expect(ids(admitNew(all, new Set(['a', 'b'])))).toEqual(['a', 'b']);
  });
});
