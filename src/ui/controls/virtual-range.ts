// Pure: which rows of a fixed-row-height list are in view, for the virtualised event list.

/** Where the list's top is and which vertical band of the page shows it (CSS pixels, viewport coordinates). */
export interface Viewport {
  listTop: number;
  top: number;
  bottom: number;
}

/**
 * Rows [first, last) of `n` rows of height `rowHeight` that lie in the viewport, widened by
 * `overscan` rows each way. With no viewport (the list is not laid out) the first `firstPage` rows.
 */
export function virtualRange(
  n: number,
  rowHeight: number,
  viewport: Viewport | null,
  overscan: number,
  firstPage: number,
): [number, number] {
  if (!viewport || rowHeight <= 0) return [0, Math.min(n, firstPage)];
  const from = Math.floor((viewport.top - viewport.listTop) / rowHeight) - overscan;
  const to = Math.ceil((viewport.bottom - viewport.listTop) / rowHeight) + overscan;
  const first = Math.max(0, Math.min(n, from));
  const last = Math.max(first, Math.min(n, to));
  return [first, last];
}
