// A CSV row whose text stays in the file is checked for the limits field by field (FieldTexts): the same issues as from its record, and no record made.
import { describe, expect, it } from 'vitest';
import { ImportSession } from './import-session';
import type { ImportedFeature } from '../types';
import { MAX_ANY_TEXT } from '../../schema/limits';

const HEAD =
  'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities,extra_a,extra_b';
const row = (i: number, a = 'x', b = 'y'): string =>
  `UKR${i},2024-03-0${1 + (i % 9)},2024,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Ukraine,Kharkiv,Kharkiv,49.99,36.23,1,Outlet,A drone hit the city.,0,${a},${b}`;
const long = 'z'.repeat(MAX_ANY_TEXT + 1);
const TEXT = `${[HEAD, row(0), row(1, long), row(2, long, long), row(3)].join('\n')}\n`;

function run(inFile: boolean): { features: ImportedFeature[]; issues: string[] } {
  const features: ImportedFeature[] = [];
  const session = new ImportSession('f.csv', undefined, TEXT.length, (f) => void features.push(f), inFile ? 0 : null);
  session.push(TEXT);
  const r = session.end();
  return { features, issues: r.issues.map((i) => `${i.line} ${i.field} ${i.reason}`) };
}

describe('CSV rows left in the file', () => {
  it('report the same fields over the limits as their records do, and keep no record', () => {
    const kept = run(false);
    const inFile = run(true);
    expect(inFile.issues).toEqual(kept.issues);
    expect(inFile.issues).toHaveLength(2);
    expect(inFile.issues[0]).toMatch(/^3 extra_a field extra_a: the text is 100,001 characters long/);
    // Two fields over: the record's walk names the last one, and so does the check by field.
    expect(inFile.issues[1]).toMatch(/^4 extra_b /);
    expect(inFile.features.map((f) => f.id)).toEqual(['UKR0', 'UKR3']);
    expect(kept.features.map((f) => f.id)).toEqual(['UKR0', 'UKR3']);
    expect(kept.features[0].properties.original).toMatchObject({ extra_a: 'x', extra_b: 'y' });
    for (const f of inFile.features) expect(f.properties).not.toHaveProperty('original');
  });
});
