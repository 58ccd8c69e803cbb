// A picked hexagon as the event list's narrowing (store `area`) and as tooltip text.
import type { Dataset } from '../../core/columnar/dataset';
import type { AreaFilter } from '../../core/filters/area';
import type { CellSummary } from '../layers/density';

/** The narrowing a click on a hexagon asks for, named after a place among its events. */
export function areaOfPick(ds: Dataset | null, cell: CellSummary): AreaFilter {
  return { q: cell.q, r: cell.r, R: cell.R, km: cell.km, label: `Hexagon near ${placeOf(ds, cell)} (${cell.km} km)` };
}

/** The first part of the place of the hexagon's first event ("Pokrovsk" of "Pokrovsk, Donetsk, Ukraine"). */
export function placeOf(ds: Dataset | null, cell: CellSummary): string {
  if (!ds || !cell.rows.length) return `${cell.centre[1].toFixed(2)}°, ${cell.centre[0].toFixed(2)}°`;
  const place = ds.itemAt(cell.rows[0]).feature.properties.place;
  return place.split(',')[0].trim() || place;
}

/** "1,234 events in this hexagon (20 km across)", then the top categories with their shares. Plain text. */
export function describeCell(cell: CellSummary, top = 4): string {
  const lines = [
    `${cell.count.toLocaleString('en-GB')} ${cell.count === 1 ? 'event' : 'events'} in this hexagon (${cell.km} km across)`,
  ];
  const cats = cell.categories;
  for (const c of cats.slice(0, top))
    lines.push(
      `${c.label}: ${c.count.toLocaleString('en-GB')} (${Math.round((100 * c.count) / Math.max(1, cell.count))}%)`,
    );
  const rest = cats.slice(top).reduce((a, c) => a + c.count, 0);
  if (rest) lines.push(`Other: ${rest.toLocaleString('en-GB')}`);
  return lines.join('\n');
}
