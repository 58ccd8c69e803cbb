// Decoded Parquet rows of one row group → its columns (numbers as Float64Array, NaN for NULL; text as arrays), in the reader's worker.
import type { DecodedGroup } from './reader-worker';

const NUMERIC = new Set(['start', 'end', 'lon', 'lat', 'layer', 'place_precision_km', 'cx', 'cy', 'n']);

export function toColumns(rows: Record<string, unknown>[], names: string[]): DecodedGroup {
  const columns: DecodedGroup['columns'] = {};
  for (const name of names) {
    if (NUMERIC.has(name) || /^(injured|killed|buildings_damaged|drones_|missiles|villages_attacked|troops)/.test(name)) {
      const a = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i][name];
        a[i] = v === null || v === undefined ? NaN : Number(v);
      }
      columns[name] = a;
    } else columns[name] = rows.map((r) => (r[name] ?? null) as string | boolean | null);
  }
  return { rows: rows.length, columns };
}

