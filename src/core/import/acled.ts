// ACLED CSV exports → strikes and other events: dates by time_precision, places by geo_precision, weapons from notes.
import type { AtlasProperties, Source, Weapon } from '../schema/schema';
import { formatIsoDay } from '../time/days';
import type { FieldProblem } from './atlas-schema';
import type { ResultBuilder, Where } from './builder';
import { checkRow, columnIndex, pointFrom, report, rowOriginal, type CsvTable, type RowImporter } from './csv-import';
import type { CsvRecord } from './csv';
import { weaponFromText } from './mapped-values';
import { admin1Code } from '../geo/admin-area-names';
import type { ImportResult } from './types';
import { monthEnd, monthStart, notANumberText, parseDay, parseNumberText, quote } from '../schema/values';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const ACLED_REQUIRED = [
  'event_id_cnty',
  'event_date',
  'event_type',
  'sub_event_type',
  'latitude',
  'longitude',
] as const;

/** geo_precision → place_precision_km: 1 the town itself, 2 a nearby town or part of a region, 3 only a larger region. */
export const ACLED_GEO_PRECISION_KM: Record<string, number> = { '1': 2, '2': 25, '3': 100 };

/** Sub-event types that are strikes from afar, with their weapon rule. */
const STRIKE_SUB_EVENTS = new Set([
  'Air/drone strike',
  'Shelling/artillery/missile attack',
  'Remote explosive/landmine/IED',
]);

/** Weapon from sub_event_type and notes (see docs/import.md). Undefined for events that are not strikes from afar. */
export function acledWeapon(subEventType: string, notes: string): Weapon | undefined {
  if (subEventType === 'Air/drone strike') return weaponFromText(notes) ?? 'unknown';
  if (subEventType === 'Shelling/artillery/missile attack')
    return weaponFromText(notes, true) === 'missile' ? 'missile' : 'unknown';
  if (subEventType === 'Remote explosive/landmine/IED') return 'unknown';
  return undefined;
}

/** Category: the sub_event_type for Explosions/Remote violence (and the strike types), else the event_type. */
export function acledCategory(eventType: string, subEventType: string): string {
  if (STRIKE_SUB_EVENTS.has(subEventType) || eventType === 'Explosions/Remote violence')
    return subEventType || eventType;
  return eventType;
}

/** The importer of this format's rows, one at a time; an ImportResult when the header lacks a required column. */
export function acledRows(table: CsvTable, b: ResultBuilder): RowImporter | ImportResult {
  const missing = ACLED_REQUIRED.filter((c) => columnIndex(table, c) < 0);
  if (missing.length)
    return b.fatal(`This ACLED file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const col = (name: string): number => columnIndex(table, name);
  const cols = {
    id: col('event_id_cnty'),
    date: col('event_date'),
    year: col('year'),
    timePrecision: col('time_precision'),
    eventType: col('event_type'),
    subEventType: col('sub_event_type'),
    actor1: col('actor1'),
    country: col('country'),
    admin1: col('admin1'),
    location: col('location'),
    lat: col('latitude'),
    lon: col('longitude'),
    geoPrecision: col('geo_precision'),
    source: col('source'),
    notes: col('notes'),
    fatalities: col('fatalities'),
  };
  const onRow = (row: CsvRecord, i: number): void => {
    if (!checkRow(row, table, b)) return;
    const where: Where = { line: row.line, bytes: row.bytes };
    const get = (k: number): string => (k < 0 ? '' : (row.fields[k] ?? ''));
    const problems: FieldProblem[] = [];
    const err = (field: string, reason: string): void =>
      void problems.push({ field, reason: `field ${field}: ${reason}`, severity: 'error' });
    const warn = (field: string, reason: string): void =>
      void problems.push({ field, reason: `field ${field}: ${reason}`, severity: 'warning' });
    let id = get(cols.id).trim();
    if (id === '') {
      id = `${b.file}#${i}`;
      warn('event_id_cnty', `empty; the id ${quote(id)} is used`);
    }
    const pt = pointFrom(
      get(cols.lat),
      get(cols.lon),
      table.header[cols.lat] ?? 'latitude',
      table.header[cols.lon] ?? 'longitude',
    );
    problems.push(...pt.problems);
    const dateText = get(cols.date);
    const day = parseDay(dateText);
    if (day === null)
      err(
        'event_date',
        dateText.trim() === ''
          ? 'missing'
          : `${quote(dateText)} is not a date (expected YYYY-MM-DD or DD Month YYYY, e.g. 25 November 2024)`,
      );
    const yearText = get(cols.year).trim();
    const isoDate = ISO_DAY.test(dateText) ? dateText : null;
    if (day !== null && yearText !== '' && yearText !== (isoDate ?? formatIsoDay(day)).slice(0, 4))
      warn('year', `${quote(yearText)} differs from the year of event_date ${quote(dateText)}`);
    let tp = get(cols.timePrecision).trim();
    if (tp === '') {
      if (cols.timePrecision >= 0) warn('time_precision', 'missing; taken as 1 (the day is known)');
      tp = '1';
    }
    if (tp !== '1' && tp !== '2' && tp !== '3') err('time_precision', `expected 1, 2 or 3, got ${quote(tp)}`);
    let gp = get(cols.geoPrecision).trim();
    if (gp === '') {
      if (cols.geoPrecision >= 0) warn('geo_precision', 'missing; taken as 3 (only a larger region is known, 100 km)');
      gp = '3';
    }
    const km = ACLED_GEO_PRECISION_KM[gp];
    if (km === undefined) err('geo_precision', `expected 1, 2 or 3, got ${quote(gp)}`);
    const fatalText = get(cols.fatalities).trim();
    let killed: number | undefined;
    if (fatalText !== '') {
      const n = parseNumberText(fatalText);
      if (n === null)
        problems.push({ field: 'fatalities', reason: notANumberText('fatalities', fatalText), severity: 'error' });
      else if (n < 0) err('fatalities', `expected a number of 0 or more, got ${n}`);
      else killed = n;
    }
    const eventType = get(cols.eventType).trim();
    const subEventType = get(cols.subEventType).trim();
    if (eventType === '') err('event_type', 'missing');
    const record = rowOriginal(row, table, b);
    if (report(b, where, problems, id) || day === null || km === undefined || pt.point === undefined) {
      b.reject();
      return;
    }
    const notes = get(cols.notes);
    const location = get(cols.location).trim();
    const placeParts = [location, get(cols.admin1).trim(), get(cols.country).trim()].filter(
      (p, k, all) => p !== '' && all.indexOf(p) === k,
    );
    const [start, end, note] =
      tp === '1'
        ? [day, day, '']
        : tp === '2'
          ? [day - 3, day + 3, 'ACLED time_precision 2: the source gives only the week; shown as event_date ± 3 days']
          : [monthStart(day), monthEnd(day), 'ACLED time_precision 3: the source gives only the month'];
    const source: Source = { name: get(cols.source).trim() || 'ACLED' };
    if (notes.trim() !== '') source.quote = notes;
    const category = acledCategory(eventType, subEventType);
    const props: AtlasProperties = {
      id,
      layer: 'strike',
      category,
      title: `${subEventType || eventType}${placeParts[0] ? ` in ${placeParts[0]}` : ''}`,
      summary: notes,
      start: start === day && isoDate ? isoDate : formatIsoDay(start),
      end: end === day && isoDate ? isoDate : formatIsoDay(end),
      date_precision: start === end ? 'day' : 'range',
      date_note: note,
      place: placeParts.join(', '),
      place_precision_km: km,
      sources: [source],
    };
    if (killed !== undefined) props.killed = killed;
    // Placed only to a region (geo_precision 2–3): drawn as that unit of the base map, when it draws it.
    const area = gp === '2' || gp === '3' ? admin1Code(get(cols.country), get(cols.admin1)) : undefined;
    if (area) props.admin_area = area;
    const weapon = acledWeapon(subEventType, notes);
    if (weapon) props.weapon = weapon;
    const actor = get(cols.actor1).trim();
    if (actor) props.actor = actor;
    b.accept(where, pt.point, props, record);
  };
  return { row: onRow, finish: () => b.result() };
}
