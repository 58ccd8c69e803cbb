// Tests the pure part of the context-loss watch: when the notice appears and goes, over several canvases.
import { describe, expect, it } from 'vitest';
import { LostContexts } from './context-loss';

describe('LostContexts', () => {
  it('shows the notice on the first loss and hides it once every lost canvas is back', () => {
    const s = new LostContexts();
    expect(s.lose('map')).toBe(true);
    expect(s.lose('deck')).toBe(false);
    expect(s.anyLost).toBe(true);
    expect(s.restore('map')).toBe(false);
    expect(s.has('deck')).toBe(true);
    expect(s.restore('deck')).toBe(true);
    expect(s.anyLost).toBe(false);
  });
  it('ignores a restore of a canvas that was not lost, and a repeated loss', () => {
    const s = new LostContexts();
    expect(s.restore('map')).toBe(false);
    expect(s.lose('map')).toBe(true);
    expect(s.lose('map')).toBe(false);
    expect(s.restore('map')).toBe(true);
  });
});
