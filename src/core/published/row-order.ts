// Rows in (start, id) order, as sortedOrder (columns.ts) gives them, with each day's ids sorted by numeric keys rather than a comparison closure.
import { sortedOrder } from '../columnar/columns';

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Characters past the run's common prefix read into a key (at most). */
const KEY_CHARS = 8;

/**
 * sortedOrder(start, (i) => ids[i]): a counting sort by day, then each day's run in id order. A
 * published day's rows are in space-filling-curve order, never in id order, so every run is
 * sorted: here by numbers (each row's first characters past the run's common prefix, packed into
 * one double with the row's place in the run, sorted natively), then only rows with the same
 * first characters compared as strings. Same order (UTF-16 code units, as `<` compares).
 */
export function dayIdOrder(start: Int32Array, ids: readonly string[]): Uint32Array {
  const n = start.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (start[i] < lo) lo = start[i];
    if (start[i] > hi) hi = start[i];
  }
  // Timeless or sparse days (never in a published file): sortedOrder's own ways.
  if (n === 0 || hi - lo > 4 * n + 100_000 || lo === -Infinity || !Number.isSafeInteger(hi - lo))
    return sortedOrder(start, (i) => ids[i]);
  const counts = new Uint32Array(hi - lo + 2);
  for (let i = 0; i < n; i++) counts[start[i] - lo + 1]++;
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[counts[start[i] - lo]++] = i;
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && start[order[b]] === start[order[a]]) b++;
    if (b - a > 1) sortRun(order, a, b, ids);
    a = b;
  }
  return order;
}

/** Puts order[a…b) in id order. */
function sortRun(order: Uint32Array, a: number, b: number, ids: readonly string[]): void {
  const len = b - a;
  let sorted = true;
  for (let k = a + 1; k < b && sorted; k++) sorted = ids[order[k - 1]] <= ids[order[k]];
  if (sorted) return;
  // The run's common prefix, and the largest code unit in the KEY_CHARS after it.
  const first = ids[order[a]];
  let prefix = first.length;
  for (let k = a + 1; k < b && prefix > 0; k++) {
    const s = ids[order[k]];
    let p = 0;
    const m = Math.min(prefix, s.length);
    while (p < m && s.charCodeAt(p) === first.charCodeAt(p)) p++;
    prefix = p;
  }
  let top = 0;
  for (let k = a; k < b; k++) {
    const s = ids[order[k]];
    const end = Math.min(s.length, prefix + KEY_CHARS);
    for (let p = prefix; p < end; p++) if (s.charCodeAt(p) > top) top = s.charCodeAt(p);
  }
  // Key: chars c (c + 1, 0 past the end: a shorter id first) in `charBits` each, then the place in the run.
  const placeBits = Math.ceil(Math.log2(len + 1));
  const charBits = Math.ceil(Math.log2(top + 2));
  const chars = Math.min(KEY_CHARS, Math.floor((52 - placeBits) / charBits));
  if (chars < 1) {
    const run = Array.from(order.subarray(a, b));
    run.sort((x, y) => compareIds(ids[x], ids[y]));
    order.set(run, a);
    return;
  }
  const base = 2 ** charBits;
  const place = 2 ** placeBits;
  const keys = new Float64Array(len);
  const run = order.slice(a, b);
  for (let k = 0; k < len; k++) {
    const s = ids[run[k]];
    let key = 0;
    for (let p = prefix; p < prefix + chars; p++) key = key * base + (p < s.length ? s.charCodeAt(p) + 1 : 0);
    keys[k] = key * place + k;
  }
  keys.sort();
  for (let k = 0; k < len; k++) order[a + k] = run[keys[k] % place];
  // Rows whose keys tie (the same first characters): compared as strings.
  for (let k = 0; k < len; ) {
    const key = Math.floor(keys[k] / place);
    let e = k + 1;
    while (e < len && Math.floor(keys[e] / place) === key) e++;
    if (e - k > 1) {
      const tie = Array.from(order.subarray(a + k, a + e));
      tie.sort((x, y) => compareIds(ids[x], ids[y]));
      order.set(tie, a + k);
    }
    k = e;
  }
}
