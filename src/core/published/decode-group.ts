// One row group of a published Parquet file → its columns (numbers as Float64Array, NaN for NULL; text and booleans as arrays), read column by column.
import { parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import type { DecodedGroup } from './reader-protocol';
import { readFlatGroup } from './flat-group';

const NUMERIC = new Set(['start', 'end', 'lon', 'lat', 'layer', 'place_precision_km', 'cx', 'cy', 'n']);
const FIGURE = /^(injured|killed|buildings_damaged|drones_|missiles|villages_attacked|troops)/;

/** Whether a column of a published file holds numbers (row-codec.ts: days, lon/lat, layer, figures; the overview's cells). */
export const isNumericColumn = (name: string): boolean => NUMERIC.has(name) || FIGURE.test(name);

/**
 * Reads rows [rowStart, rowStart + rows) — one row group — of the columns `names`, straight into
 * column arrays: a published file's flat columns page by page (flat-group.ts), anything else from
 * hyparquet's decoded column chunks (no object per row either way).
 */
export async function readGroupColumns(
  file: AsyncBuffer | ArrayBuffer,
  metadata: FileMetaData,
  g: { rowStart: number; rows: number },
  names: readonly string[],
): Promise<DecodedGroup> {
  const columns: DecodedGroup['columns'] = {};
  for (const name of names)
    columns[name] = isNumericColumn(name)
      ? new Float64Array(g.rows).fill(NaN)
      : new Array<string | boolean | null>(g.rows).fill(null);
  if (await readFlatGroup(file, metadata, g, names, columns)) return { rows: g.rows, columns };
  await parquetRead({
    file,
    metadata,
    rowStart: g.rowStart,
    rowEnd: g.rowStart + g.rows,
    columns: [...names],
    onChunk: ({ columnName, columnData, rowStart }) => {
      const out = columns[columnName];
      if (!out) return;
      const at = rowStart - g.rowStart;
      const from = Math.max(0, -at);
      const to = Math.min(columnData.length, g.rows - at);
      if (out instanceof Float64Array) {
        for (let i = from; i < to; i++) {
          const v = columnData[i] as unknown;
          out[at + i] = v === null || v === undefined ? NaN : Number(v);
        }
      } else {
        for (let i = from; i < to; i++) out[at + i] = (columnData[i] ?? null) as string | boolean | null;
      }
    },
  });
  return { rows: g.rows, columns };
}

/** Decoded rows (objects, as hyparquet's rowFormat 'object' gives them) → the same columns (tests compare the two). */
export function toColumns(rows: Record<string, unknown>[], names: readonly string[]): DecodedGroup {
  const columns: DecodedGroup['columns'] = {};
  for (const name of names) {
    if (isNumericColumn(name)) {
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
