// The filters' pass mask from the columns: weapon and figure by typed column, text search once per distinct value.
import type { Dataset } from '../data/dataset';
import { FIGURE_FIELDS, WEAPONS, type FigureField, type Source, type Weapon } from '../data/schema';
import { fold } from '../filters/search';
import { KINDS } from './columns';

/**
 * 1 where a row passes, by row — the same test as filters.ts's passesFields + blobMatches over
 * every Item, without making a million Items: the weapon is a typed column, a figure a column of
 * numbers, and the search folds each distinct title, place, summary and source list once (a
 * dataset of a million events has a few thousand of each), then looks its codes up by row.
 * A term matches when it occurs in any of the fields (as in a search blob joined by \0).
 */
export function columnarPassMask(ds: Dataset, weapons: readonly Weapon[] | null, min: { field: FigureField; value: number } | null, terms: readonly string[]): Uint8Array {
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
    // found[t][r]: term t occurs in one of row r's fields.
    const found = terms.map(() => new Uint8Array(c.n));
    for (const key of ['title', 'place', 'summary', 'sources'] as const) {
      const d = c.props.distinct(key);
      if (!d) continue;
      const textsOf = (v: unknown): string[] =>
        key === 'sources' ? (Array.isArray(v) ? (v as Source[]).flatMap((s) => (s && typeof s.quote === 'string' && s.quote ? [fold(s.quote).text] : [])) : []) : typeof v === 'string' ? [fold(v).text] : [];
      const hits = terms.map((t) => d.values.map((v) => textsOf(v).some((x) => x.includes(t))));
      for (let r = 0; r < c.n; r++) {
        if (!mask[r]) continue;
        if (d.plain(r)) {
          const code = d.codes[r];
          if (!code) continue;
          terms.forEach((_, i) => {
            if (hits[i][code - 1]) found[i][r] = 1;
          });
        } else {
          const texts = textsOf(c.props.get(r, key));
          terms.forEach((t, i) => {
            if (texts.some((x) => x.includes(t))) found[i][r] = 1;
          });
        }
      }
    }
    for (let r = 0; r < c.n; r++) if (mask[r] && found.some((f) => !f[r])) mask[r] = 0;
  }
  return mask;
}
