// The filters' pass mask from the columns: weapon and figure by typed column, text search once per distinct value.
import type { Dataset } from './dataset';
import { FIGURE_FIELDS, WEAPONS, type FigureField, type Weapon } from '../schema/schema';
import { KINDS } from './columns';
import { rowsWithTerm } from './term-rows';
import { knownTermRows, markProvisional, textElsewhere } from './remote-text';

/**
 * 1 where a row passes, by row — the same test as a per-Item weapon, figure and blob test over
 * every Item, without making a million Items: the weapon is a typed column, a figure a column of
 * numbers, and each search term one indexOf pass over the text index (search-index.ts). A term
 * matches when it occurs in any of the fields (as in a search blob joined by \0).
 */
export function columnarPassMask(
  ds: Dataset,
  weapons: readonly Weapon[] | null,
  min: { field: FigureField; value: number } | null,
  terms: readonly string[],
): Uint8Array {
  const c = ds.columns;
  const mask = new Uint8Array(c.n).fill(1);
  if (weapons !== null) {
    const ok = WEAPONS.map((w) => weapons.includes(w));
    const strike = KINDS.indexOf('strike');
    for (let r = 0; r < c.n; r++) if (c.kind[r] === strike && !ok[c.weapon[r]]) mask[r] = 0;
  }
  if (min !== null && (FIGURE_FIELDS as readonly string[]).includes(min.field)) {
    const v = c.props.numbers(min.field);
    for (let r = 0; r < c.n; r++) if (!(v[r] >= min.value)) mask[r] = 0;
  }
  if (terms.length) {
    // Every term must occur in the row's text (the index holds title, place, summary and quotes).
    // An index whose text is in the data worker is never scanned here: a term not yet sent from
    // there leaves the mask empty and provisional, and is asked for (remote-text.ts).
    const missing = textElsewhere(c.search) ? terms.filter((t) => !knownTermRows(c.search, t)) : [];
    if (missing.length) {
      mask.fill(0);
      markProvisional(mask, c.search, missing);
      return mask;
    }
    // Rows found are 1, the rest 0 (term-rows.ts): and-ed without a branch (a search's rows are
    // scattered, and the branch took ~10 ms of a keystroke at 1M rows).
    for (const t of terms) {
      const found = knownTermRows(c.search, t) ?? rowsWithTerm(c.search, t);
      for (let r = 0; r < c.n; r++) mask[r] &= found[r];
    }
  }
  return mask;
}
