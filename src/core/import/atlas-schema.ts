// Reads properties that claim our schema (layer strike|facility|deployment, start, sources) into AtlasProperties, by the one schema (data/feature-schema.ts).
import type { AtlasProperties, FigureField, LayerKind, Weapon } from '../schema/schema';
import { ADMIN_AREA_PATTERN } from '../schema/schema';
import {
  checkProperties,
  FEATURE_LAYERS,
  IMPORT,
  isHttpUrl,
  numberProblem,
  unknownProperties,
  type SchemaProblem,
} from '../schema/feature-schema';
import type { Severity } from './types';
import { describeValue, isRecord, own, quote } from '../schema/values';

export { isHttpUrl };
export const LAYER_KINDS: readonly LayerKind[] = FEATURE_LAYERS;
const TEXT_FIELDS = [
  'summary',
  'date_note',
  'place',
  'category',
  'actor',
  'produces',
  'area_note',
  'place_note',
] as const;

export interface FieldProblem {
  field: string;
  reason: string;
  severity: Severity;
}

/** Whether properties claim our schema: a `layer` of ours and a `start`. */
export function claimsSchema(props: unknown): boolean {
  if (!isRecord(props)) return false;
  const layer = own(props, 'layer');
  return (
    typeof layer === 'string' && (LAYER_KINDS as readonly string[]).includes(layer) && own(props, 'start') !== undefined
  );
}

/** A figure value (our schema or JSON), as `field <name>: <why>`: a finite non-negative number; strings are never converted. */
export function figureProblem(field: string, value: unknown): string | null {
  const why = numberProblem(value);
  return why === null ? null : `field ${field}: ${why}`;
}

/** A schema problem as the import reports it: `field <name>: <what>`. */
export function fieldProblem(p: SchemaProblem): FieldProblem {
  return { field: p.field, reason: `field ${p.field}: ${p.what}`, severity: p.severity };
}

/**
 * Validates properties that claim our schema (data/feature-schema.ts, IMPORT policy). Required: layer, title, start,
 * end (null only for facilities and deployments), sources. Defaults when absent: summary/date_note/place '', date_precision
 * from start/end, place_precision_km 0. Returns the properties only when there is no error.
 */
export function validateAtlasProperties(
  props: Record<string, unknown>,
  id: string,
): { properties?: AtlasProperties; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const layerValue = own(props, 'layer');
  const known = (LAYER_KINDS as readonly unknown[]).includes(layerValue);
  const layer = known ? (layerValue as LayerKind) : 'strike';
  if (layerValue === undefined)
    problems.push({
      field: 'layer',
      reason: 'field layer: missing (strike, facility or deployment)',
      severity: 'error',
    });
  else if (!known)
    problems.push({
      field: 'layer',
      reason: `field layer: expected strike, facility or deployment, got ${describeValue(layerValue)}`,
      severity: 'error',
    });
  const checked = checkProperties(props, layer, IMPORT, (p) => void problems.push(fieldProblem(p)));
  const { start, end, figures, sources, timeless } = checked;
  const unknown = unknownProperties(props);
  if (unknown.length)
    problems.push({
      field: unknown[0] ?? '',
      severity: 'warning',
      reason: `propert${unknown.length === 1 ? 'y' : 'ies'} not in our schema, kept under original only: ${unknown
        .slice(0, 10)
        .map((k) => quote(k))
        .join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`,
    });
  if (
    problems.some((p) => p.severity === 'error') ||
    sources === undefined ||
    (!timeless && (start === undefined || end === undefined))
  )
    return { problems };
  const text = (f: (typeof TEXT_FIELDS)[number]): string | undefined => own(props, f) as string | undefined;
  const precision = own(props, 'date_precision');
  const properties: AtlasProperties = {
    id,
    layer,
    title: own(props, 'title') as string,
    summary: text('summary') ?? '',
    start: timeless ? '' : (own(props, 'start') as string),
    end: timeless ? '' : end === null ? null : (own(props, 'end') as string),
    date_precision:
      precision === 'day' || precision === 'range' ? precision : !timeless && end === start ? 'day' : 'range',
    date_note: text('date_note') ?? '',
    place: text('place') ?? '',
    place_precision_km: (own(props, 'place_precision_km') as number | undefined) ?? 0,
  } as AtlasProperties;
  // (The figures, then sources: the order the keys always had.)
  for (const f in figures) properties[f as FigureField] = figures[f as FigureField];
  properties.sources = sources;
  for (const f of ['category', 'actor', 'produces', 'area_note', 'place_note'] as const) {
    const v = text(f);
    if (v !== undefined) properties[f] = v;
  }
  if (timeless) properties.timeless = true;
  const weapon = own(props, 'weapon');
  if (weapon !== undefined) properties.weapon = weapon as Weapon;
  const approximate = own(props, 'approximate');
  if (approximate !== undefined) properties.approximate = approximate as boolean;
  const areaPlaces = own(props, 'area_places');
  if (areaPlaces !== undefined) properties.area_places = areaPlaces as string[];
  const buffer = own(props, 'area_buffer_km');
  if (buffer !== undefined) properties.area_buffer_km = buffer as number;
  const admin = own(props, 'admin_area');
  if (typeof admin === 'string' && ADMIN_AREA_PATTERN.test(admin)) properties.admin_area = admin;
  const qualifiers = own(props, 'figure_qualifiers');
  if (qualifiers !== undefined) properties.figure_qualifiers = qualifiers as AtlasProperties['figure_qualifiers'];
  return { properties, problems };
}
