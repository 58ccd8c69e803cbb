// Tests: the resize message — shape, rounding, and no repeats.
import { describe, expect, it } from 'vitest';
import { RESIZE_TYPE, resizeMessage } from './resize';

describe('resizeMessage', () => {
  it('rounds the height up and carries the id', () => {
    expect(resizeMessage('a', 812.2, null)).toEqual({ type: RESIZE_TYPE, id: 'a', height: 813 });
    expect(resizeMessage(null, 400, 399)).toEqual({ type: 'conflict-atlas:resize', id: null, height: 400 });
  });

  it('says nothing when the height has not changed or is not a height', () => {
    expect(resizeMessage('a', 812.2, 813)).toBeNull();
    expect(resizeMessage('a', 0, null)).toBeNull();
    expect(resizeMessage('a', Number.NaN, null)).toBeNull();
    expect(resizeMessage('a', Infinity, null)).toBeNull();
  });
});
