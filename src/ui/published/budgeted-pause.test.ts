import { describe, expect, it } from 'vitest';
import { budgetedPause } from './budgeted-pause';

describe('budgetedPause', () => {
  it('yields to the page only once the budget is spent since the last yield', async () => {
    let clock = 0;
    let yields = 0;
    const pause = budgetedPause(
      40,
      () => clock,
      async () => {
        yields++;
      },
    );
    // Steps of 10 ms: the first three run on in one task, the fourth finds 40 ms spent and yields.
    for (const t of [10, 20, 30]) {
      clock = t;
      await pause();
    }
    expect(yields).toBe(0);
    clock = 40;
    await pause();
    expect(yields).toBe(1);
    // The budget starts again from the yield.
    clock = 70;
    await pause();
    expect(yields).toBe(1);
    clock = 85;
    await pause();
    expect(yields).toBe(2);
  });

  it('yields at every step when each step takes the whole budget', async () => {
    let clock = 0;
    let yields = 0;
    const pause = budgetedPause(
      12,
      () => clock,
      async () => {
        yields++;
      },
    );
    for (let i = 1; i <= 5; i++) {
      clock += 50;
      await pause();
    }
    expect(yields).toBe(5);
  });
});
