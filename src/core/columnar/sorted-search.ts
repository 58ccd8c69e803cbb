// Binary searches over sorted numeric columns: the window → index range step of every per-frame path.

/**
 * First position p in [from, to) with values[p] >= x (to when there is none).
 * `values` must be sorted ascending on [from, to).
 */
export function lowerBound(values: ArrayLike<number>, x: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First position p in [from, to) with values[p] > x (to when there is none), so that
 * [lowerBound(a), upperBound(b)) is exactly the positions whose value lies in [a, b].
 */
export function upperBound(values: ArrayLike<number>, x: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges ascending runs of distinct values into one ascending array (pairwise, O(n log k)). */
export function mergeSortedRuns(runs: readonly Uint32Array[]): Uint32Array {
  let parts = runs.filter((r) => r.length > 0);
  if (parts.length === 0) return new Uint32Array(0);
  while (parts.length > 1) {
    const next: Uint32Array[] = [];
    for (let i = 0; i < parts.length; i += 2)
      next.push(i + 1 < parts.length ? mergeTwo(parts[i], parts[i + 1]) : parts[i]);
    parts = next;
  }
  return parts[0];
}

function mergeTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
