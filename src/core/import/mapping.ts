// Applies a field mapping to data with arbitrary fields: builds our properties from one record (mapping-guess.ts proposes the mapping).
import {
  FIGURE_FIELDS,
  WEAPONS,
  type AtlasProperties,
  type FigureField,
  type Source,
  type Weapon,
} from '../schema/schema';
import { formatIsoDay } from '../time/days';
import { figureProblem, isHttpUrl, type FieldProblem } from './atlas-schema';
import type { FieldMapping, MappingTarget } from './types';
import { normalize } from './mapping-guess';
import { layerOf, weaponFromText } from './mapped-values';
import {
  describeValue,
  notANumberText,
  own,
  parseDayRange,
  parseNumberText,
  quote,
  type DayRange,
} from '../schema/values';

/** The id a record has under a mapping (string, or finite number as text), if any: for naming it in issues. */
export function mappedId(record: Readonly<Record<string, unknown>>, mapping: FieldMapping): string | undefined {
  const name = mapping.fields.id;
  const v = name === undefined ? undefined : own(record, name);
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export interface ApplyContext {
  /** Id when the mapping gives none, e.g. `${fileName}#${index}`. */
  fallbackId: string;
  /** Name of the file, the citation when no source field is mapped. */
  fileName: string;
  /** Values are CSV text: numbers are read from text. In JSON, a string where a number is expected is an error. */
  text: boolean;
}

/** Builds our properties from one record with a mapping; returns them only when there is no error. */
export function applyMapping(
  record: Readonly<Record<string, unknown>>,
  mapping: FieldMapping,
  ctx: ApplyContext,
): { properties?: AtlasProperties; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const label = (target: MappingTarget, name: string): string =>
    normalize(name) === target ? name : `${name} (${target})`;
  const err = (target: MappingTarget, name: string, why: string): void =>
    void problems.push({ field: name, reason: `field ${label(target, name)}: ${why}`, severity: 'error' });
  const warn = (target: MappingTarget, name: string, why: string): void =>
    void problems.push({ field: name, reason: `field ${label(target, name)}: ${why}`, severity: 'warning' });
  /** The mapped value, or undefined when not mapped, absent, null or an empty string. */
  const get = (target: MappingTarget): { name: string; value: unknown } | undefined => {
    const name = mapping.fields[target];
    if (name === undefined) return undefined;
    const value = own(record, name);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
    return { name, value };
  };
  const text = (target: MappingTarget): string | undefined => {
    const got = get(target);
    if (!got) return undefined;
    if (typeof got.value === 'string') return got.value;
    if (typeof got.value === 'number' || typeof got.value === 'boolean') return String(got.value);
    warn(
      target,
      got.name,
      `expected text, got ${describeValue(got.value)}; left empty (the value is kept in original)`,
    );
    return undefined;
  };

  let id = ctx.fallbackId;
  const idGot = get('id');
  if (idGot) {
    if (typeof idGot.value === 'string') id = idGot.value;
    else if (typeof idGot.value === 'number' && Number.isFinite(idGot.value)) id = String(idGot.value);
    else err('id', idGot.name, `expected a string or number, got ${describeValue(idGot.value)}`);
  }
  let layer = mapping.defaultLayer;
  const layerGot = get('layer');
  if (layerGot) {
    const k = typeof layerGot.value === 'string' ? layerOf(layerGot.value) : null;
    if (k) layer = k;
    else err('layer', layerGot.name, `expected strike, facility or deployment, got ${describeValue(layerGot.value)}`);
  }
  const dateOf = (target: 'start' | 'end'): DayRange | undefined => {
    const got = get(target);
    if (!got) return undefined;
    const range = parseDayRange(got.value);
    if (!range)
      err(
        target,
        got.name,
        `${describeValue(got.value)} is not a date (expected YYYY-MM-DD, DD Month YYYY, YYYY-MM or YYYY)`,
      );
    return range ?? undefined;
  };
  const startName = mapping.fields.start;
  // No start field mapped: the feature is undated (timeless, shown at every time); the file's notice says so once.
  const timeless = startName === undefined;
  const start = dateOf('start');
  if (!timeless && !start && get('start') === undefined) err('start', startName, 'missing: the feature has no date');
  const end = dateOf('end');
  const endMappedButEmpty = mapping.fields.end !== undefined && get('end') === undefined;
  if (start && end && start.start > end.end)
    problems.push({
      field: mapping.fields.end ?? 'end',
      reason: `start ${formatIsoDay(start.start)} is after end ${formatIsoDay(end.end)}`,
      severity: 'error',
    });

  const figures: Partial<Record<FigureField, number>> = {};
  for (const f of FIGURE_FIELDS) {
    const got = get(f);
    if (!got) continue;
    if (ctx.text && typeof got.value === 'string') {
      const n = parseNumberText(got.value);
      if (n === null)
        problems.push({ field: got.name, reason: notANumberText(label(f, got.name), got.value), severity: 'error' });
      else if (n < 0) err(f, got.name, `expected a number of 0 or more, got ${n}`);
      else figures[f] = n;
    } else {
      const p = figureProblem(label(f, got.name), got.value);
      if (p) problems.push({ field: got.name, reason: p, severity: 'error' });
      else figures[f] = got.value as number;
    }
  }
  let precisionKm = 0;
  const pk = get('place_precision_km');
  if (pk) {
    const n =
      typeof pk.value === 'number'
        ? pk.value
        : ctx.text && typeof pk.value === 'string'
          ? parseNumberText(pk.value)
          : null;
    if (n === null || !Number.isFinite(n) || n < 0)
      err('place_precision_km', pk.name, `expected a number of 0 or more, got ${describeValue(pk.value)}`);
    else precisionKm = n;
  }
  let weapon: Weapon | undefined;
  const wText = text('weapon');
  if (wText !== undefined && mapping.fields.weapon !== undefined) {
    const exact = WEAPONS.find((w) => w === wText.trim().toLowerCase());
    weapon = exact ?? weaponFromText(wText) ?? 'unknown';
    if (!exact && weapon === 'unknown')
      warn('weapon', mapping.fields.weapon, `${quote(wText)} is not one of ${WEAPONS.join(', ')}; taken as unknown`);
  }
  const sources: Source[] = [];
  const sName = text('source_name');
  const sUrl = text('source_url');
  if (sName !== undefined || sUrl !== undefined) {
    const s: Source = {};
    if (sName !== undefined) s.name = sName;
    if (sUrl !== undefined) {
      s.url = sUrl;
      if (!isHttpUrl(sUrl.trim()))
        warn('source_url', mapping.fields.source_url ?? 'url', `${quote(sUrl)} is not an http(s) URL`);
    }
    sources.push(s);
  } else sources.push({ name: ctx.fileName });

  const category = text('category');
  const place = text('place') ?? '';
  const title = text('title') ?? ([category, place].filter((t) => t).join(' — ') || id);
  const summary = text('summary') ?? '';
  const actor = text('actor');
  const note = text('date_note');
  if (problems.some((p) => p.severity === 'error') || (!start && !timeless)) return { problems };
  if (!start) {
    if (mapping.fields.end !== undefined && get('end'))
      warn(
        'end',
        mapping.fields.end,
        'an end date without a start date field is not used: map a start date field to place the features in time',
      );
    const undated: AtlasProperties = {
      id,
      layer,
      title,
      summary,
      start: '',
      end: '',
      date_precision: 'range',
      timeless: true,
      date_note: note ?? 'the file gives no date: shown at every time',
      place,
      place_precision_km: precisionKm,
      ...figures,
      sources,
    };
    if (category !== undefined) undated.category = category;
    if (actor !== undefined) undated.actor = actor;
    if (weapon !== undefined) undated.weapon = weapon;
    return { properties: undated, problems };
  }
  const endDay: number | null = end ? end.end : endMappedButEmpty && layer !== 'strike' ? null : start.end;
  const properties: AtlasProperties = {
    id,
    layer,
    title,
    summary,
    start: formatIsoDay(start.start),
    end: endDay === null ? null : formatIsoDay(endDay),
    date_precision: start.kind === 'day' && endDay === start.start ? 'day' : 'range',
    date_note:
      note ??
      (start.kind === 'month' ? 'only the month is given' : start.kind === 'year' ? 'only the year is given' : ''),
    place,
    place_precision_km: precisionKm,
    ...figures,
    sources,
  };
  if (category !== undefined) properties.category = category;
  if (actor !== undefined) properties.actor = actor;
  if (weapon !== undefined) properties.weapon = weapon;
  return { properties, problems };
}
