// Pure filters beyond the layer toggles: weapon, a minimum of a figure, and text search; per-item pass masks and counts.
import type { Dataset } from '../columnar/dataset';
import { FIGURE_FIELDS, WEAPONS, type FigureField, type Weapon } from '../schema/schema';
import { queryTerms } from './search';
import { columnarPassMask } from '../columnar/filter-mask';
import { KINDS } from '../columnar/columns';

/** "At least `value` of `field`", e.g. injured >= 10. */
export interface MinFigure {
  field: FigureField;
  value: number;
}

export interface Filters {
  /** Strike weapons shown; null = every weapon. Layers without weapons (facilities, …) are not affected. */
  weapons: Weapon[] | null;
  /** Only features that give this figure at or above the value; null = no minimum. */
  min: MinFigure | null;
  /** Search text over titles, places, summaries and source quotes; '' = none. */
  q: string;
}

export const NO_FILTERS: Filters = Object.freeze({ weapons: null, min: null, q: '' }) as Filters;
/** Longest search text kept (in the state and the URL). */
export const MAX_QUERY = 200;

export function filtersActive(f: Filters): boolean {
  return f.weapons !== null || f.min !== null || f.q.trim() !== '';
}

/** A stable string for a set of filters: equal filters give equal keys. '' for no filters. */
export function filtersKey(f: Filters): string {
  if (!filtersActive(f)) return '';
  const w = f.weapons === null ? '*' : WEAPONS.filter((x) => f.weapons?.includes(x)).join(',');
  const m = f.min ? `${f.min.field}:${f.min.value}` : '';
  return `w=${w}|m=${m}|q=${queryTerms(f.q).join('\u0001')}`;
}

/** Normalises filters: weapons in canonical order without repeats, a trimmed, bounded query. */
export function normaliseFilters(f: Partial<Filters>, base: Filters = NO_FILTERS): Filters {
  const weapons =
    f.weapons === undefined ? base.weapons : f.weapons === null ? null : WEAPONS.filter((w) => f.weapons?.includes(w));
  const min = f.min === undefined ? base.min : f.min;
  const q = (f.q === undefined ? base.q : f.q).slice(0, MAX_QUERY);
  return {
    weapons,
    min: min && Number.isFinite(min.value) && min.value >= 0 ? { field: min.field, value: min.value } : null,
    q,
  };
}

/** Parses `missile,drone`; unknown names come back in `bad`. */
export function parseWeapons(value: string): { weapons: Weapon[]; bad: string[] } {
  const names = value === '' ? [] : value.split(',');
  const bad = names.filter((n) => !(WEAPONS as readonly string[]).includes(n));
  return { weapons: WEAPONS.filter((w) => names.includes(w)), bad };
}

/** Parses `injured:10`; null when the figure is unknown or the number is not a finite value >= 0. */
export function parseMin(value: string): MinFigure | null {
  // Plain decimals, and the exponent form String(n) gives for very small or large n (formatMin).
  const m = /^([a-z_]+):(\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/.exec(value);
  if (!m || !(FIGURE_FIELDS as readonly string[]).includes(m[1])) return null;
  const n = Number(m[2]);
  return Number.isFinite(n) && n >= 0 ? { field: m[1] as FigureField, value: n } : null;
}

export function formatMin(min: MinFigure): string {
  return `${min.field}:${min.value}`;
}

/**
 * 1 where an item passes the filters, 0 where not, by `Item.index`; null when no filter is set.
 * Made anew on each call (O(rows)): the app reads it memoised, once per filter change (src/app/derived.ts).
 */
export function passMask(dataset: Dataset, f: Filters): Uint8Array | null {
  if (!filtersActive(f)) return null;
  // From the columns, without making an Item per row (a million imported events): the same test
  // as a per-Item test (the reference in src/core/columnar/filter-mask.test.ts), checked against it there.
  return columnarPassMask(dataset, f.weapons, f.min, queryTerms(f.q));
}

/** Counts for the filter panel, over `base` (the items in the window on the layers shown). */
export interface FilterCounts {
  /** Items in `base`. */
  total: number;
  /** Items in `base` that pass every filter. */
  shown: number;
  /** Strikes in `base` of each weapon that pass the other filters (the weapon filter left out). */
  perWeapon: Record<Weapon, number>;
  /** Items in `base` that give each figure and pass the other filters (the minimum left out). */
  perFigure: Record<FigureField, number>;
}

/**
 * Counts over `rows` (the rows in the window on the layers shown, ascending), from the columns and
 * the search's pass mask: no Item is made. The weapon test reads the weapon column, the minimum
 * the figure's column of numbers (NaN where a row gives none).
 */
export function filterCounts(
  dataset: Dataset,
  rows: ArrayLike<number>,
  f: Filters,
  /** The search's pass mask alone (passMask of `{ q: f.q }`), when the caller has it already. */
  textMask: Uint8Array | null = f.q.trim() ? passMask(dataset, { weapons: null, min: null, q: f.q }) : null,
): FilterCounts {
  const c = dataset.columns;
  const perWeapon = Object.fromEntries(WEAPONS.map((w) => [w, 0])) as Record<Weapon, number>;
  const perFigure = Object.fromEntries(FIGURE_FIELDS.map((k) => [k, 0])) as Record<FigureField, number>;
  const strike = KINDS.indexOf('strike');
  const weaponOk = WEAPONS.map((w) => f.weapons === null || f.weapons.includes(w));
  const keys = new Set(c.props.keys);
  const minValues = f.min && keys.has(f.min.field) ? c.props.numbers(f.min.field) : null;
  const figures = FIGURE_FIELDS.filter((k) => keys.has(k)).map((k) => ({ k, v: c.props.numbers(k) }));
  const weaponCounts = new Float64Array(WEAPONS.length);
  const figureCounts = new Float64Array(figures.length);
  let shown = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (textMask && !textMask[r]) continue;
    const isStrike = c.kind[r] === strike;
    const okWeapon = !isStrike || weaponOk[c.weapon[r]];
    const okMin = f.min === null || (minValues !== null && minValues[r] >= f.min.value);
    if (okWeapon && okMin) shown++;
    if (okMin && isStrike) weaponCounts[c.weapon[r]]++;
    if (okWeapon) for (let k = 0; k < figures.length; k++) if (!Number.isNaN(figures[k].v[r])) figureCounts[k]++;
  }
  WEAPONS.forEach((w, k) => {
    perWeapon[w] = weaponCounts[k];
  });
  figures.forEach(({ k }, i) => {
    perFigure[k] = figureCounts[i];
  });
  return { total: rows.length, shown, perWeapon, perFigure };
}
