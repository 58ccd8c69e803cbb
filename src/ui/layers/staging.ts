// Which of a composite layer's sub-layers to draw while a new dataset's come in over a few frames: the ones drawn before, and what a frame's budget allows of the new.
import type { Layer } from '@deck.gl/core';

/** A frame's budget for new sub-layers: one drawn (visible) one, or four that are kept hidden (buffers ready for later). */
export const STAGE_BUDGET = 4;
const VISIBLE_COST = 4;
const HIDDEN_COST = 1;

/**
 * The sub-layers to return now, in their drawing order: every one whose id was drawn last time
 * (deck.gl updates it in place) and, of those whose ids are new (deck.gl initialises each: a GL
 * model, its buffers), the visible ones first — what the picture needs — then hidden ones, as
 * far as `budget` goes. At least one new one comes in each time, so every call makes progress.
 */
export function admitNew(all: readonly Layer[], drawn: ReadonlySet<string>, budget = STAGE_BUDGET): Layer[] {
  const fresh = all.filter((l) => !drawn.has(l.id));
  const visible = (l: Layer): boolean => l.props.visible !== false;
  const order = [...fresh.filter(visible), ...fresh.filter((l) => !visible(l))];
  const admitted = new Set<Layer>();
  let left = budget;
  for (const l of order) {
    const cost = visible(l) ? VISIBLE_COST : HIDDEN_COST;
    if (admitted.size && cost > left) break;
    admitted.add(l);
    left -= cost;
  }
  return all.filter((l) => drawn.has(l.id) || admitted.has(l));
}
