// A one-letter term's every position grouped by the character after it, made in the background after the letter is searched: its two-letter extensions are then a look-up.
import type { SearchIndex } from './search-index';
import { PositionList, SLICE_CHARS, scanLetter } from './term-slices';

/** Positions, ascending within each group; group c (a code < 128, or 128 for any other) is order[groupStart[c]…groupStart[c + 1]). */
interface Followers {
  order: Uint32Array;
  groupStart: Uint32Array;
}
const followersCache = new WeakMap<SearchIndex, Map<string, Followers>>();
/** The most positions of one letter grouped (32 MB); a letter more common than that is searched as usual. */
export const MAX_FOLLOWER_POSITIONS = 1 << 23;
const OTHER = 128;

/** Whether `letter`'s followers are kept for this index (tests, debugging). */
export function hasFollowers(index: SearchIndex, letter: string): boolean {
  return !!followersCache.get(index)?.get(letter);
}

/**
 * Groups every position of the one-letter `letter` by the character after it (a counting sort),
 * yielding after each slice of the index, and keeps the groups for this index (the last two
 * letters only). Returns false, keeping nothing, when the letter occurs more than
 * MAX_FOLLOWER_POSITIONS times.
 */
export function* followersSliced(
  index: SearchIndex,
  letter: string,
  slice: { chars?: number } = {},
): Generator<void, boolean, void> {
  if (letter.length !== 1) throw new Error(`followers of "${letter}": one letter only`);
  if (hasFollowers(index, letter)) return true;
  const sliceChars = Math.max(1, slice.chars ?? SLICE_CHARS);
  const { text } = index;
  const positions = new PositionList(MAX_FOLLOWER_POSITIONS);
  const counts = new Uint32Array(OTHER + 1);
  for (let from = 0; from < text.length; from += sliceChars) {
    const to = Math.min(text.length, from + sliceChars);
    scanLetter(text, letter, from, to, positions, counts);
    if (positions.overflowed) return false;
    if (to < text.length) yield;
  }
  const all = positions.done();
  if (!all) return false;
  const groupStart = new Uint32Array(OTHER + 2);
  for (let c = 0; c <= OTHER; c++) groupStart[c + 1] = groupStart[c] + counts[c];
  const order = groupByFollower(text, all, groupStart);
  let cache = followersCache.get(index);
  if (!cache) {
    cache = new Map();
    followersCache.set(index, cache);
  }
  if (cache.size >= 2) cache.delete(cache.keys().next().value as string);
  cache.set(letter, { order, groupStart });
  return true;
}

function groupByFollower(text: string, all: Uint32Array, groupStart: Uint32Array): Uint32Array {
  const fill = groupStart.slice(0, OTHER + 1);
  const order = new Uint32Array(all.length);
  for (let k = 0; k < all.length; k++) order[fill[Math.min(text.charCodeAt(all[k] + 1), OTHER)]++] = all[k];
  return order;
}

/** The positions of a two-letter term from its first letter's followers, ascending, when they are kept; else null. */
export function positionsFromFollowers(index: SearchIndex, term: string): Uint32Array | null {
  if (term.length !== 2) return null;
  const f = followersCache.get(index)?.get(term[0]);
  if (!f) return null;
  const c = term.charCodeAt(1);
  if (c >= OTHER) return null; // the "other" group mixes characters
  return f.order.subarray(f.groupStart[c], f.groupStart[c + 1]);
}
