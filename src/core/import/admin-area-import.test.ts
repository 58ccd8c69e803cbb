// ACLED admin1 (geo_precision 2–3) and UCDP where_prec 4 / 6 become admin_area: drawn as the base map's unit.
import { describe, expect, it } from 'vitest';
import acledText from '../../../tests/fixtures/import/acled-sample.csv?raw';
import ucdpText from '../../../tests/fixtures/import/ucdp-ged-sample.csv?raw';
import { importTextSync, type ImportResult } from './import';

const byId = (r: ImportResult, id: string) => r.features.find((f) => f.properties.id === id)!;

describe('admin_area from imports', () => {
  it('ACLED: a region-precision row names its oblast; a town-precision row does not', () => {
    const r = importTextSync(acledText, 'acled-sample.csv');
    expect(byId(r, 'UKR100002').properties).toMatchObject({ place_precision_km: 25, admin_area: 'UA-12' }); // geo_precision 2, Dnipropetrovsk
    expect(byId(r, 'UKR100001').properties.admin_area).toBeUndefined(); // geo_precision 1
  });
  it('UCDP: where_prec 4 names the province, 6 the country, 1 nothing', () => {
    const [header, first] = ucdpText.split(/\r?\n/);
    expect(first).toContain(',1,Lviv town,'); // where_prec 1, where_coordinates "Lviv town"
    const row = (prec: string, id: string) =>
      first.replace(/^\d+,/, `${id},`).replace(',1,Lviv town,', `,${prec},Lviv town,`);
    const r = importTextSync(
      [header, row('4', '900001'), row('6', '900002'), row('1', '900003')].join('\n'),
      'ucdp.csv',
    );
    expect(r.rejected, JSON.stringify(r.issues.slice(0, 2))).toBe(0);
    expect(byId(r, '900001').properties.admin_area).toBe('UA-46'); // "Lviv province"
    expect(byId(r, '900002').properties.admin_area).toBe('UA');
    expect(byId(r, '900003').properties.admin_area).toBeUndefined();
  });
});
