// A pause for preparing a dataset's map data ahead (layer-prepare.ts) that yields to the page only once a time budget is spent.

/** The next task (layer-prepare.ts's nextTask): the page may draw a frame and handle input first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A pause for prepareMapAhead that yields to the page (the next task) only once `budgetMs` of work
 * has run since the last yield: a week's few thousand rows prepare in one short task instead of a
 * task per layer with a frame between each (that took ~270 ms of the week's 1.5 s at 1M rows,
 * 12,762 rows, under load), while a big block still lets frames through (no task much over the budget).
 * 80 ms by default, under the 100 ms a frame may wait: a 10M week's prepare (~80 ms of work, 82,837
 * rows) during the camera move to it spanned 282 ms of frames with 40 ms; 85–91 ms now.
 */
export function budgetedPause(
  budgetMs = 80,
  now: () => number = () => performance.now(),
  yieldTask: () => Promise<void> = nextTask,
): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < budgetMs) return;
    await yieldTask();
    since = now();
  };
}
