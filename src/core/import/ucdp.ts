// UCDP GED CSV exports → events: dates by date_prec, places by where_prec, deaths, type of violence as category.
import { admin1Code, countryCode } from '../geo/admin-area-names';
import type { AtlasProperties, Source } from '../schema/schema';
import { formatIsoDay } from '../time/days';
import type { FieldProblem } from './atlas-schema';
import type { ResultBuilder, Where } from './builder';
import { checkRow, columnIndex, pointFrom, report, rowOriginal, type CsvTable, type RowImporter } from './csv-import';
import type { CsvRecord } from './csv';
import type { ImportResult } from './types';
import { notANumberText, parseDay, parseNumberText, quote } from '../schema/values';

export const UCDP_REQUIRED = ['id', 'type_of_violence', 'date_start', 'date_end', 'latitude', 'longitude'] as const;

/** where_prec → place_precision_km (see docs/import.md). */
export const UCDP_WHERE_PREC_KM: Record<string, number> = {
  '1': 1,
  '2': 25,
  '3': 100,
  '4': 250,
  '5': 250,
  '6': 500,
  '7': 500,
};
const WHERE_PREC_NOTE: Record<string, string> = {
  '1': 'exact location',
  '2': 'within about 25 km of the given point',
  '3': 'only the second-order administrative division (e.g. district) is known',
  '4': 'only the first-order administrative division (e.g. province) is known',
  '5': 'only a linear feature (e.g. a road or river) or a wider area is known',
  '6': 'only the country is known',
  '7': 'international waters or airspace',
};
/** date_prec → date_note. */
export const UCDP_DATE_PREC_NOTE: Record<string, string> = {
  '1': '',
  '2': 'UCDP date_prec 2: the date is known to within 2–6 days',
  '3': 'UCDP date_prec 3: only the week is known',
  '4': 'UCDP date_prec 4: the date is known to within 8–30 days, or only the month',
  '5': 'UCDP date_prec 5: the date is known to within more than a month, or only the year',
};
export const UCDP_VIOLENCE: Record<string, string> = { '1': 'State-based', '2': 'Non-state', '3': 'One-sided' };

const DEATH_COLUMNS = ['deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'best', 'low', 'high'] as const;

/** The importer of this format's rows, one at a time; an ImportResult when the header lacks a required column. */
export function ucdpRows(table: CsvTable, b: ResultBuilder): RowImporter | ImportResult {
  const missing = UCDP_REQUIRED.filter((c) => columnIndex(table, c) < 0);
  if (missing.length)
    return b.fatal(`This UCDP GED file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const col = (name: string): number => columnIndex(table, name);
  const c = {
    id: col('id'),
    violence: col('type_of_violence'),
    start: col('date_start'),
    end: col('date_end'),
    datePrec: col('date_prec'),
    wherePrec: col('where_prec'),
    lat: col('latitude'),
    lon: col('longitude'),
    conflict: col('conflict_name'),
    dyad: col('dyad_name'),
    sideA: col('side_a'),
    sideB: col('side_b'),
    country: col('country'),
    adm1: col('adm_1'),
    adm2: col('adm_2'),
    whereCoords: col('where_coordinates'),
    article: col('source_article'),
    office: col('source_office'),
  };
  const onRow = (row: CsvRecord, i: number): void => {
    if (!checkRow(row, table, b)) return;
    const where: Where = { line: row.line, bytes: row.bytes };
    const get = (k: number): string => (k < 0 ? '' : (row.fields[k] ?? '').trim());
    const problems: FieldProblem[] = [];
    const err = (field: string, reason: string): void =>
      void problems.push({ field, reason: `field ${field}: ${reason}`, severity: 'error' });
    const warn = (field: string, reason: string): void =>
      void problems.push({ field, reason: `field ${field}: ${reason}`, severity: 'warning' });
    let id = get(c.id);
    if (id === '') {
      id = `${b.file}#${i}`;
      warn('id', `empty; the id ${quote(id)} is used`);
    }
    const pt = pointFrom(get(c.lat), get(c.lon), table.header[c.lat] ?? 'latitude', table.header[c.lon] ?? 'longitude');
    problems.push(...pt.problems);
    const day = (field: string, k: number): number | null => {
      const text = get(k);
      const d = parseDay(text);
      if (d === null)
        err(
          field,
          text === '' ? 'missing' : `${quote(text)} is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.000)`,
        );
      return d;
    };
    const start = day('date_start', c.start);
    const end = day('date_end', c.end);
    if (start !== null && end !== null && start > end)
      problems.push({
        field: 'date_end',
        reason: `date_start ${formatIsoDay(start)} is after date_end ${formatIsoDay(end)}`,
        severity: 'error',
      });
    let datePrec = get(c.datePrec);
    if (datePrec === '') {
      if (c.datePrec >= 0) warn('date_prec', 'missing; the dates are taken as given');
      datePrec = start === end ? '1' : '5';
    }
    if (UCDP_DATE_PREC_NOTE[datePrec] === undefined) err('date_prec', `expected 1 to 5, got ${quote(datePrec)}`);
    let wherePrec = get(c.wherePrec);
    if (wherePrec === '') {
      if (c.wherePrec >= 0) warn('where_prec', 'missing; taken as 6 (only the country is known, 500 km)');
      wherePrec = '6';
    }
    const km = UCDP_WHERE_PREC_KM[wherePrec];
    if (km === undefined) err('where_prec', `expected 1 to 7, got ${quote(wherePrec)}`);
    const violence = get(c.violence);
    const category = UCDP_VIOLENCE[violence];
    if (category === undefined) err('type_of_violence', `expected 1, 2 or 3, got ${quote(violence)}`);
    const deaths: Partial<Record<(typeof DEATH_COLUMNS)[number], number>> = {};
    for (const name of DEATH_COLUMNS) {
      const text = get(col(name));
      if (text === '') continue;
      const n = parseNumberText(text);
      if (n === null) problems.push({ field: name, reason: notANumberText(name, text), severity: 'error' });
      else if (n < 0) err(name, `expected a number of 0 or more, got ${n}`);
      else deaths[name] = n;
    }
    const parts = [deaths.deaths_a, deaths.deaths_b, deaths.deaths_civilians, deaths.deaths_unknown];
    if (
      deaths.best !== undefined &&
      parts.every((n) => n !== undefined) &&
      parts.reduce<number>((s, n) => s + (n ?? 0), 0) !== deaths.best
    )
      warn(
        'best',
        `${deaths.best} is not the sum of deaths_a, deaths_b, deaths_civilians and deaths_unknown (${parts.join(' + ')})`,
      );
    const record = rowOriginal(row, table, b);
    if (
      report(b, where, problems, id) ||
      start === null ||
      end === null ||
      km === undefined ||
      category === undefined ||
      pt.point === undefined
    ) {
      b.reject();
      return;
    }
    const placeParts = [get(c.whereCoords), get(c.adm2), get(c.adm1), get(c.country)].filter(
      (p, k, all) => p !== '' && all.indexOf(p) === k,
    );
    const dyad = get(c.dyad) || [get(c.sideA), get(c.sideB)].filter((s) => s).join(' - ') || get(c.conflict);
    let figuresNote = deaths.best !== undefined ? `Best estimate ${deaths.best} deaths` : '';
    if (figuresNote && deaths.low !== undefined && deaths.high !== undefined)
      figuresNote += ` (low ${deaths.low}, high ${deaths.high})`;
    if (deaths.deaths_civilians !== undefined)
      figuresNote += `${figuresNote ? ', ' : ''}civilian deaths ${deaths.deaths_civilians}`;
    const article = (row.fields[c.article] ?? '').trim();
    const source: Source = { name: get(c.office) || 'UCDP GED' };
    if (article) source.quote = article;
    const datePrecNote = UCDP_DATE_PREC_NOTE[datePrec] ?? '';
    const props: AtlasProperties = {
      id,
      layer: 'strike',
      category,
      title: `${category}: ${dyad || 'unnamed dyad'}${placeParts[0] ? ` — ${placeParts[0]}` : ''}`,
      summary: [get(c.conflict), figuresNote, `Location: ${WHERE_PREC_NOTE[wherePrec] ?? ''}`]
        .filter((s) => s)
        .map((s) => (s.endsWith('.') ? s : `${s}.`))
        .join(' '),
      start: formatIsoDay(start),
      end: formatIsoDay(end),
      date_precision: datePrec === '1' && start === end ? 'day' : 'range',
      date_note: datePrecNote,
      place: placeParts.join(', '),
      place_precision_km: km,
      sources: [source],
    };
    if (deaths.best !== undefined) props.killed = deaths.best;
    // Placed only to a province (where_prec 4) or the country (6): drawn as that unit of the base map.
    const area =
      wherePrec === '4'
        ? admin1Code(get(c.country), get(c.adm1))
        : wherePrec === '6'
          ? countryCode(get(c.country))
          : undefined;
    if (area) props.admin_area = area;
    const actor = get(c.sideA);
    if (actor) props.actor = actor;
    b.accept(where, pt.point, props, record);
  };
  return { row: onRow, finish: () => b.result() };
}
