// Checks properties that claim our schema (layer strike|facility|deployment, start, sources) against its rules.
import { FIGURE_FIELDS, WEAPONS, type AtlasProperties, type FigureField, type FigureQualifier, type LayerKind, type Source, type Weapon } from '../data/schema';
import { KNOWN_PROPERTIES } from '../data/validate-bundled';
import { ADMIN_AREA_PATTERN } from '../data/schema';
import { parseIsoDay } from '../time/days';
import type { Severity } from './types';
import { describeValue, isRecord, own, quote } from './values';

export const LAYER_KINDS: readonly LayerKind[] = ['strike', 'facility', 'deployment'];
const QUALIFIERS: readonly FigureQualifier[] = ['exactly', 'at least', 'more than', 'about'];
const TEXT_FIELDS = ['summary', 'date_note', 'place', 'category', 'actor', 'produces', 'area_note'] as const;

export interface FieldProblem {
  field: string;
  reason: string;
  severity: Severity;
}

/** Whether properties claim our schema: a `layer` of ours and a `start`. */
export function claimsSchema(props: unknown): boolean {
  if (!isRecord(props)) return false;
  const layer = own(props, 'layer');
  return typeof layer === 'string' && (LAYER_KINDS as readonly string[]).includes(layer) && own(props, 'start') !== undefined;
}

/** A figure value (our schema or JSON): a finite non-negative number; strings are never converted. */
export function figureProblem(field: string, value: unknown): string | null {
  if (typeof value !== 'number') return `field ${field}: expected a number, got ${describeValue(value)}`;
  if (!Number.isFinite(value)) return `field ${field}: expected a finite number, got ${String(value)}`;
  if (value < 0) return `field ${field}: expected a number of 0 or more, got ${value}`;
  return null;
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/]+\S*$/i.test(text) && text.length < 4096;
}

/** Checks a `sources` value; returns the sources when there are no errors. */
export function checkSources(value: unknown, problems: FieldProblem[]): Source[] | undefined {
  if (value === undefined) {
    problems.push({ field: 'sources', reason: 'field sources: missing (an array of { name, url, quote } citations)', severity: 'error' });
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push({ field: 'sources', reason: `field sources: expected an array, got ${describeValue(value)}`, severity: 'error' });
    return undefined;
  }
  if (value.length === 0) problems.push({ field: 'sources', reason: 'field sources: empty: the feature cites no source', severity: 'warning' });
  const out: Source[] = [];
  let bad = false;
  value.forEach((s: unknown, k) => {
    const field = `sources[${k}]`;
    if (!isRecord(s)) {
      problems.push({ field, reason: `field ${field}: expected an object { name, url, quote }, got ${describeValue(s)}`, severity: 'error' });
      bad = true;
      return;
    }
    const src: Source = {};
    for (const key of ['seed', 'name', 'url', 'quote'] as const) {
      const v = own(s, key);
      if (v === undefined) continue;
      if (typeof v !== 'string') {
        problems.push({ field: `${field}.${key}`, reason: `field ${field}.${key}: expected a string, got ${describeValue(v)}`, severity: 'error' });
        bad = true;
      } else src[key] = v;
    }
    if (src.seed === undefined && src.name === undefined && src.url === undefined) {
      problems.push({ field, reason: `field ${field}: needs a name, url or seed`, severity: 'error' });
      bad = true;
    }
    if (src.url !== undefined && !isHttpUrl(src.url))
      problems.push({ field: `${field}.url`, reason: `field ${field}.url: ${quote(src.url)} is not an http(s) URL`, severity: 'warning' });
    out.push(src);
  });
  return bad ? undefined : out;
}

/**
 * Validates properties that claim our schema. Required: layer, title, start, end (null only for facilities and
 * deployments), sources. Defaults when absent: summary/date_note/place '', date_precision from start/end,
 * place_precision_km 0. Returns the properties only when there is no error.
 */
export function validateAtlasProperties(props: Record<string, unknown>, id: string): { properties?: AtlasProperties; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const err = (field: string, reason: string): void => void problems.push({ field, reason: `field ${field}: ${reason}`, severity: 'error' });
  const layerValue = own(props, 'layer');
  const layer = LAYER_KINDS.find((k) => k === layerValue) ?? 'strike';
  if (layerValue === undefined) err('layer', 'missing (strike, facility or deployment)');
  else if (!LAYER_KINDS.some((k) => k === layerValue)) err('layer', `expected strike, facility or deployment, got ${describeValue(layerValue)}`);
  const title = own(props, 'title');
  if (title === undefined) err('title', 'missing');
  else if (typeof title !== 'string') err('title', `expected a string, got ${describeValue(title)}`);
  const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const f of TEXT_FIELDS) {
    const v = own(props, f);
    if (v === undefined) continue;
    if (typeof v !== 'string') err(f, `expected a string, got ${describeValue(v)}`);
    else text[f] = v;
  }
  const startText = own(props, 'start');
  const start = dateField('start', startText, err);
  const endText = own(props, 'end');
  let end: number | null | undefined;
  if (endText === undefined) err('end', 'missing (a date YYYY-MM-DD, or null for a facility or deployment still active)');
  else if (endText === null) {
    if (layer === 'strike') err('end', 'null (still active) is only allowed for facilities and deployments');
    end = null;
  } else end = dateField('end', endText, err);
  if (typeof start === 'number' && typeof end === 'number' && start > end)
    problems.push({ field: 'end', reason: `start ${String(startText)} is after end ${String(endText)}`, severity: 'error' });
  const precision = own(props, 'date_precision');
  if (precision !== undefined && precision !== 'day' && precision !== 'range') err('date_precision', `expected "day" or "range", got ${describeValue(precision)}`);
  if (precision === 'day' && typeof start === 'number' && end !== start)
    problems.push({ field: 'date_precision', reason: 'field date_precision: "day" but start and end differ', severity: 'warning' });
  const figures: Partial<Record<(typeof FIGURE_FIELDS)[number], number>> = {};
  for (const f of FIGURE_FIELDS) {
    const v = own(props, f);
    if (v === undefined) continue;
    if (v === null) {
      problems.push({ field: f, reason: `field ${f}: null, taken as not given`, severity: 'warning' });
      continue;
    }
    const p = figureProblem(f, v);
    if (p) problems.push({ field: f, reason: p, severity: 'error' });
    else figures[f] = v as number;
  }
  const numbers: { place_precision_km?: number; area_buffer_km?: number } = {};
  for (const f of ['place_precision_km', 'area_buffer_km'] as const) {
    const v = own(props, f);
    if (v === undefined) continue;
    const p = figureProblem(f, v);
    if (p) problems.push({ field: f, reason: p, severity: 'error' });
    else numbers[f] = v as number;
  }
  const weapon = own(props, 'weapon');
  if (weapon !== undefined && !(typeof weapon === 'string' && (WEAPONS as readonly string[]).includes(weapon)))
    err('weapon', `expected one of ${WEAPONS.join(', ')}, got ${describeValue(weapon)}`);
  const approximate = own(props, 'approximate');
  if (approximate !== undefined && typeof approximate !== 'boolean') err('approximate', `expected true or false, got ${describeValue(approximate)}`);
  const areaPlaces = own(props, 'area_places');
  if (areaPlaces !== undefined && !(Array.isArray(areaPlaces) && areaPlaces.every((p) => typeof p === 'string')))
    err('area_places', `expected an array of strings, got ${describeValue(areaPlaces)}`);
  const qualifiers = own(props, 'figure_qualifiers');
  if (qualifiers !== undefined) {
    if (!isRecord(qualifiers)) err('figure_qualifiers', `expected an object, got ${describeValue(qualifiers)}`);
    else
      for (const [k, q] of Object.entries(qualifiers)) {
        if (!(FIGURE_FIELDS as readonly string[]).includes(k)) err('figure_qualifiers', `${quote(k)} is not a figure`);
        else if (!(typeof q === 'string' && (QUALIFIERS as readonly string[]).includes(q)))
          err('figure_qualifiers', `${k}: expected one of ${QUALIFIERS.join(', ')}, got ${describeValue(q)}`);
      }
  }
  const sources = checkSources(own(props, 'sources'), problems);
  const warn = (field: string, reason: string): void => void problems.push({ field, reason, severity: 'warning' });
  if (isRecord(qualifiers))
    for (const k of Object.keys(qualifiers))
      if ((FIGURE_FIELDS as readonly string[]).includes(k) && figures[k as FigureField] === undefined)
        warn('figure_qualifiers', `field figure_qualifiers: qualifies ${k}, a figure the feature does not give`);
  if (approximate === true && text.area_note === undefined) warn('area_note', 'field area_note: missing; approximate areas should say how they were built');
  const unknown = Object.keys(props).filter((k) => !KNOWN_PROPERTIES.has(k));
  if (unknown.length)
    warn(unknown[0] ?? '', `propert${unknown.length === 1 ? 'y' : 'ies'} not in our schema, kept under original only: ${unknown.slice(0, 10).map((k) => quote(k)).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`);
  if (problems.some((p) => p.severity === 'error') || typeof start !== 'number' || end === undefined || sources === undefined)
    return { problems };
  const properties: AtlasProperties = {
    id,
    layer,
    title: title as string,
    summary: text.summary ?? '',
    start: startText as string,
    end: end === null ? null : (endText as string),
    date_precision: precision === 'day' || precision === 'range' ? precision : end === start ? 'day' : 'range',
    date_note: text.date_note ?? '',
    place: text.place ?? '',
    place_precision_km: numbers.place_precision_km ?? 0,
    ...figures,
    sources,
  };
  if (text.category !== undefined) properties.category = text.category;
  if (text.actor !== undefined) properties.actor = text.actor;
  if (text.produces !== undefined) properties.produces = text.produces;
  if (text.area_note !== undefined) properties.area_note = text.area_note;
  if (weapon !== undefined) properties.weapon = weapon as Weapon;
  if (approximate !== undefined) properties.approximate = approximate as boolean;
  if (areaPlaces !== undefined) properties.area_places = areaPlaces as string[];
  if (numbers.area_buffer_km !== undefined) properties.area_buffer_km = numbers.area_buffer_km;
  if (typeof props.admin_area === 'string' && ADMIN_AREA_PATTERN.test(props.admin_area)) properties.admin_area = props.admin_area;
  else if (props.admin_area !== undefined) warn('admin_area', `field admin_area: ${quote(String(props.admin_area).slice(0, 20))} is not an ISO 3166-2 code such as "UA-48" or a country code such as "UA"; kept under original only`);
  if (qualifiers !== undefined) properties.figure_qualifiers = qualifiers as AtlasProperties['figure_qualifiers'];
  return { properties, problems };
}

function dateField(field: string, value: unknown, err: (field: string, reason: string) => void): number | undefined {
  if (value === undefined) {
    err(field, 'missing (a date YYYY-MM-DD)');
    return undefined;
  }
  if (typeof value !== 'string') {
    err(field, `expected a date "YYYY-MM-DD", got ${describeValue(value)}`);
    return undefined;
  }
  const day = parseIsoDay(value);
  if (day === null) err(field, `${quote(value)} is not a valid date (expected YYYY-MM-DD)`);
  return day ?? undefined;
}
