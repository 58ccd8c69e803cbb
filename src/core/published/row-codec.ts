// The Parquet columns of a published dataset, and the one mapping between a feature and a row (publisher and reader share it).
import type { Geometry } from 'geojson';
import type { AtlasFeature, AtlasProperties } from '../schema/schema';
import { FIGURE_FIELDS } from '../schema/schema';
import { formatIsoDay, parseIsoDay } from '../time/days';

/**
 * One row per feature. What the app draws and filters is a plain column (days as INTEGER day
 * numbers, lon/lat as DOUBLE, the layer as its index in the manifest), so a row group decodes
 * straight into the app's columns; text fields are columns too (Parquet's dictionary encoding stores
 * a repeated place or title once per row group). What is left is JSON text: the sources, a geometry
 * that is not a Point, and every other property (`extra`: qualifiers, an import's `original` record…),
 * so nothing the input held is lost.
 *
 *   id  start  end    lon   lat   layer  category  weapon  title  …  killed  …  sources  geometry  extra
 *   VARCHAR INTEGER INTEGER DOUBLE DOUBLE USMALLINT VARCHAR …      DOUBLE      JSON     JSON|NULL JSON|NULL
 */
export const TEXT_COLUMNS = [
  'id',
  'category',
  'weapon',
  'title',
  'summary',
  'place',
  'date_precision',
  'date_note',
  'actor',
] as const;
export const NUMBER_COLUMNS = ['place_precision_km', ...FIGURE_FIELDS] as const;

/** DuckDB types of every column, in file order. `end` NULL = still active. */
export const COLUMN_TYPES: readonly (readonly [string, string])[] = [
  ['id', 'VARCHAR'],
  ['start', 'INTEGER'],
  ['end', 'INTEGER'],
  ['lon', 'DOUBLE'],
  ['lat', 'DOUBLE'],
  ['layer', 'USMALLINT'],
  ['category', 'VARCHAR'],
  ['weapon', 'VARCHAR'],
  ['title', 'VARCHAR'],
  ['summary', 'VARCHAR'],
  ['place', 'VARCHAR'],
  ['date_precision', 'VARCHAR'],
  ['date_note', 'VARCHAR'],
  ['actor', 'VARCHAR'],
  ['place_precision_km', 'DOUBLE'],
  ...FIGURE_FIELDS.map((f) => [f, 'DOUBLE'] as const),
  ['sources', 'VARCHAR'],
  ['geometry', 'VARCHAR'],
  ['extra', 'VARCHAR'],
  ['id_member', 'BOOLEAN'],
];

/** One decoded row: column name → value (null where the column is NULL). */
export type PublishedRow = Record<string, string | number | boolean | bigint | null | undefined>;

const FIXED = new Set<string>([
  'id',
  'layer',
  'start',
  'end',
  'layer_key',
  'sources',
  ...TEXT_COLUMNS,
  ...NUMBER_COLUMNS,
]);
const FEATURE_MEMBERS = new Set(['type', 'geometry', 'properties', 'id']);

/** A feature → its row. `layer` is the index of its layer in the manifest. Throws on a date that is not YYYY-MM-DD. */
export function rowOf(f: AtlasFeature, layer: number, anchor: [number, number]): PublishedRow {
  const p = f.properties as AtlasProperties & Record<string, unknown>;
  const start = parseIsoDay(p.start);
  const end = p.end === null ? null : parseIsoDay(p.end);
  if (start === null || (p.end !== null && end === null))
    throw new Error(`feature ${p.id}: dates ${p.start}..${String(p.end)} are not YYYY-MM-DD`);
  const row: PublishedRow = { id: p.id, start, end, lon: anchor[0], lat: anchor[1], layer };
  for (const k of TEXT_COLUMNS) if (k !== 'id') row[k] = typeof p[k] === 'string' ? (p[k] as string) : null;
  for (const k of NUMBER_COLUMNS) row[k] = typeof p[k] === 'number' ? (p[k] as number) : null;
  row.sources = JSON.stringify(p.sources ?? []);
  const g = f.geometry;
  row.geometry =
    g &&
    g.type === 'Point' &&
    g.coordinates.length === 2 &&
    g.coordinates[0] === anchor[0] &&
    g.coordinates[1] === anchor[1] &&
    Object.keys(g).length === 2
      ? null
      : JSON.stringify(g);
  const extra: Record<string, unknown> = {};
  let any = false;
  const TEXT = new Set<string>(TEXT_COLUMNS);
  for (const k of Object.keys(p)) {
    const v = p[k];
    const inColumn = TEXT.has(k)
      ? typeof v === 'string'
      : (NUMBER_COLUMNS as readonly string[]).includes(k)
        ? typeof v === 'number'
        : FIXED.has(k);
    if (inColumn) continue;
    extra[k] = v;
    any = true;
  }
  // Feature members besides type, geometry and properties (e.g. `bbox`, an `id` unlike properties.id) travel in `extra` as "@members".
  const members: Record<string, unknown> = {};
  let anyMember = false;
  for (const k of Object.keys(f)) {
    if (FEATURE_MEMBERS.has(k) && !(k === 'id' && f.id !== p.id)) continue;
    members[k] = (f as unknown as Record<string, unknown>)[k];
    anyMember = true;
  }
  if (anyMember) {
    extra['@members'] = members;
    any = true;
  }
  row.extra = any ? JSON.stringify(extra) : null;
  row.id_member = 'id' in f && f.id === p.id;
  return row;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

// A block's rows fall on a few hundred days: format each day once (formatIsoDay makes a Date and an ISO string).
const isoDays = new Map<number, string>();
function isoDay(day: number): string {
  let s = isoDays.get(day);
  if (s === undefined) {
    if (isoDays.size > 20_000) isoDays.clear();
    s = formatIsoDay(day);
    isoDays.set(day, s);
  }
  return s;
}

/**
 * A row → the feature, with `layer_key` set to its manifest layer's key. `parseSources` may return
 * the same array for the same text (the columns keep sources as text and never hand them out shared).
 */
export function featureOfRow(
  row: PublishedRow,
  layerKey: string,
  kind: AtlasProperties['layer'],
  parseSources: (text: string) => unknown = JSON.parse,
): AtlasFeature {
  const extraText = row.extra;
  const extra = typeof extraText === 'string' ? (JSON.parse(extraText) as Record<string, unknown>) : null;
  const members = extra?.['@members'] as Record<string, unknown> | undefined;
  if (extra) delete extra['@members'];
  const props: Record<string, unknown> = { id: row.id, layer: kind };
  for (const k of ['title', 'summary'] as const) props[k] = row[k] ?? '';
  props.start = isoDay(num(row.start));
  props.end = row.end === null || row.end === undefined ? null : isoDay(num(row.end));
  for (const k of TEXT_COLUMNS)
    if (k !== 'id' && k !== 'title' && k !== 'summary' && row[k] !== null && row[k] !== undefined) props[k] = row[k];
  for (const k of NUMBER_COLUMNS) if (row[k] !== null && row[k] !== undefined) props[k] = num(row[k]);
  props.sources = typeof row.sources === 'string' ? parseSources(row.sources) : [];
  if (extra) Object.assign(props, extra);
  props.layer_key = layerKey;
  const geometry: Geometry =
    typeof row.geometry === 'string'
      ? (JSON.parse(row.geometry) as Geometry)
      : { type: 'Point', coordinates: [num(row.lon), num(row.lat)] };
  const f: Record<string, unknown> = { type: 'Feature' };
  if (row.id_member) f.id = row.id;
  if (members) Object.assign(f, members);
  f.geometry = geometry;
  f.properties = props;
  return f as unknown as AtlasFeature;
}
