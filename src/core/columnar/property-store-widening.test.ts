// Regression (found by the XSS browser test): the row whose value widens the dictionary codes past 255 or 65,535 keeps its value.
import { describe, expect, it } from 'vitest';
import { PropertyStoreBuilder } from './property-store-builder';

describe('PropertyStore code widening', () => {
  it.each([300, 70_000])('keeps every one of %i distinct values, the 256th and 65,536th included', (n) => {
    const b = new PropertyStoreBuilder(n);
    for (let r = 0; r < n; r++) b.add(r, { title: `title ${r}` });
    const store = b.build();
    const lost: number[] = [];
    for (let r = 0; r < n; r++) if (store.get(r, 'title') !== `title ${r}`) lost.push(r);
    expect(lost).toEqual([]);
  });
});
