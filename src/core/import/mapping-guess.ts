// Proposes a field mapping for data with arbitrary fields: from the fields' names (synonyms) and their sample values.
import { FIGURE_FIELDS } from '../schema/schema';
import { isHttpUrl } from './atlas-schema';
import type { FieldMapping, MappingTarget } from './types';
import { own, parseDayRange, parseNumberText } from '../schema/values';
import { layerOf } from './mapped-values';

/** Names (lower case, `_` for spaces and dashes) each target is guessed from, best first. */
const SYNONYMS: Partial<Record<MappingTarget, string[]>> = {
  latitude: ['latitude', 'lat', 'y', 'lat_dd', 'latitude_dd', 'decimal_latitude', 'point_y'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'x', 'lon_dd', 'longitude_dd', 'decimal_longitude', 'point_x'],
  id: [
    'id',
    'event_id',
    'eventid',
    'event_id_cnty',
    'uid',
    'uuid',
    'fid',
    'objectid',
    'identifier',
    'feature_id',
    'gid',
  ],
  start: [
    'start',
    'start_date',
    'date_start',
    'startdate',
    'begin',
    'begin_date',
    'date_from',
    'from',
    'date',
    'event_date',
    'eventdate',
    'datetime',
    'date_time',
    'timestamp',
    'time',
    'when',
    'day',
    'occurred',
    'reported_date',
  ],
  end: ['end', 'end_date', 'date_end', 'enddate', 'finish', 'until', 'date_to', 'to', 'end_time'],
  title: ['title', 'name', 'label', 'headline', 'event_name', 'event', 'subject', 'caption'],
  category: [
    'category',
    'type',
    'event_type',
    'sub_event_type',
    'kind',
    'class',
    'classification',
    'subtype',
    'incident_type',
    'attack_type',
  ],
  place: [
    'place',
    'location',
    'place_name',
    'location_name',
    'site',
    'city',
    'town',
    'village',
    'locality',
    'settlement',
    'address',
    'municipality',
    'admin2',
    'district',
    'admin1',
    'region',
    'province',
    'oblast',
    'country',
  ],
  summary: [
    'summary',
    'description',
    'desc',
    'notes',
    'note',
    'details',
    'comment',
    'comments',
    'text',
    'narrative',
    'body',
  ],
  killed: ['killed', 'deaths', 'dead', 'fatalities', 'death_toll', 'deaths_total', 'num_killed', 'nkill', 'best'],
  injured: ['injured', 'wounded', 'injuries', 'num_injured', 'nwound'],
  weapon: ['weapon', 'weapon_type', 'weapons', 'munition', 'munitions', 'means'],
  actor: ['actor', 'actor1', 'perpetrator', 'attacker', 'side_a', 'responsible'],
  source_url: ['url', 'source_url', 'link', 'source_link', 'href', 'sourceurl'],
  source_name: ['source', 'source_name', 'outlet', 'publisher', 'media', 'reported_by'],
  layer: ['layer'],
  place_precision_km: ['place_precision_km', 'precision_km', 'accuracy_km', 'uncertainty_km', 'radius_km'],
  date_note: ['date_note'],
};
for (const f of FIGURE_FIELDS) if (!SYNONYMS[f]) SYNONYMS[f] = [f];

const NUMERIC: ReadonlySet<MappingTarget> = new Set<MappingTarget>([
  'latitude',
  'longitude',
  'place_precision_km',
  ...FIGURE_FIELDS,
]);

/** A field name as the synonyms are written: lower case, `_` for spaces and dashes. */
export function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function isNumberLike(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && parseNumberText(v) !== null);
}

/** Whether the sample values of a field fit a target (at least half of the non-empty ones). */
function fits(target: MappingTarget, values: unknown[]): boolean {
  const present = values.filter((v) => v !== undefined && v !== null && v !== '');
  if (present.length === 0) return true;
  const ok = (test: (v: unknown) => boolean): boolean => present.filter(test).length * 2 >= present.length;
  if (target === 'start' || target === 'end') return ok((v) => parseDayRange(v) !== null);
  if (target === 'latitude') return ok((v) => isNumberLike(v) && Math.abs(Number(v)) <= 90);
  if (target === 'longitude') return ok((v) => isNumberLike(v) && Math.abs(Number(v)) <= 180);
  if (NUMERIC.has(target)) return ok(isNumberLike);
  if (target === 'layer') return ok((v) => typeof v === 'string' && layerOf(v) !== null);
  if (target === 'source_url') return ok((v) => typeof v === 'string' && isHttpUrl(v.trim()));
  return true;
}

/**
 * Guesses which of `propertyNames` feed our fields, from their names and the values in `sampleRows`.
 * Each name is used at most once; `defaultLayer` is 'strike'. The UI shows the result for the user to correct.
 */
export function guessMapping(
  propertyNames: readonly string[],
  sampleRows: readonly Readonly<Record<string, unknown>>[],
): FieldMapping {
  const fields: Partial<Record<MappingTarget, string>> = {};
  const used = new Set<string>();
  const byNorm = new Map<string, string>();
  for (const name of propertyNames) if (!byNorm.has(normalize(name))) byNorm.set(normalize(name), name);
  const targets = Object.keys(SYNONYMS) as MappingTarget[];
  for (const target of targets) {
    for (const syn of SYNONYMS[target] ?? []) {
      const name = byNorm.get(syn);
      if (name === undefined || used.has(name)) continue;
      if (
        !fits(
          target,
          sampleRows.map((r) => own(r, name)),
        )
      )
        continue;
      fields[target] = name;
      used.add(name);
      break;
    }
  }
  // A start date from any field whose name mentions a date or time and whose values parse.
  if (!fields.start) {
    const name = propertyNames.find(
      (n) => !used.has(n) && /date|time|day/i.test(n) && sampleRows.some((r) => parseDayRange(own(r, n)) !== null),
    );
    if (
      name &&
      fits(
        'start',
        sampleRows.map((r) => own(r, name)),
      )
    )
      fields.start = name;
  }
  return { fields, defaultLayer: 'strike' };
}
