// Tests the virtual list's row range: in view, scrolled, past the end, not laid out.
import { describe, expect, it } from 'vitest';
import { virtualRange } from './virtual-range';

describe('virtualRange', () => {
  it('draws the rows in view plus the overscan', () => {
    expect(virtualRange(1000, 50, { listTop: 100, top: 0, bottom: 600 }, 2, 40)).toEqual([0, 12]);
    // Scrolled so the list's top is 2,000 px above the view.
    expect(virtualRange(1000, 50, { listTop: -2000, top: 0, bottom: 600 }, 2, 40)).toEqual([38, 54]);
  });

  it('stays within the list: past its end, above its start, or when it is cut off entirely', () => {
    expect(virtualRange(10, 50, { listTop: -5000, top: 0, bottom: 600 }, 2, 40)).toEqual([10, 10]);
    expect(virtualRange(10, 50, { listTop: 5000, top: 0, bottom: 600 }, 2, 40)).toEqual([0, 0]);
    expect(virtualRange(0, 50, { listTop: 0, top: 0, bottom: 600 }, 2, 40)).toEqual([0, 0]);
  });

  it('draws the first page when the list is not laid out', () => {
    expect(virtualRange(1000, 50, null, 2, 40)).toEqual([0, 40]);
    expect(virtualRange(5, 0, { listTop: 0, top: 0, bottom: 600 }, 2, 40)).toEqual([0, 5]);
  });
});
