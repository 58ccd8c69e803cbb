// Text folded for matching (case, accents, typographic quotes and dashes), with a map back to the original characters: the search index and the search filter share it.
/** Text folded for matching, and for each folded character the index of the original one. */
export interface Folded {
  text: string;
  map: number[];
}

const SAME: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u00a0': ' ',
  // Arrows and the ellipsis as plain text: one such character anywhere (a link's "Hamhung → Russia")
  // made V8 store the whole joined search index two bytes a character (twice the memory, slower indexOf).
  '\u2192': '>',
  '\u2190': '<',
  '\u2026': '...',
};
const MARKS = /\p{M}/gu;

function foldChar(c: string): string {
  const same = SAME[c];
  if (same !== undefined) return same;
  if (c.charCodeAt(0) < 128) return c.toLowerCase();
  return c.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** Lower case, accents dropped, curly quotes and dashes made plain; keeps a map back to the original. */
export function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    for (let k = 0; k < f.length; k++) map.push(i);
    out += f;
  }
  return { text: out, map };
}
