// The importers' name → code table, built from the base map's units.
import { describe, expect, it } from 'vitest';
import { admin1Code, countryCode } from './admin-area-names';

describe('admin-area names', () => {
  it('maps ACLED and UCDP spellings of Ukraine’s oblasts and Russia’s regions to ISO 3166-2', () => {
    expect(admin1Code('Ukraine', 'Mykolaiv')).toBe('UA-48');
    expect(admin1Code('Ukraine', 'Zaporizhia')).toBe('UA-23');
    expect(admin1Code('Ukraine', 'Zaporizhzhia oblast')).toBe('UA-23');
    expect(admin1Code('Ukraine', 'Odesa')).toBe('UA-51');
    expect(admin1Code('Ukraine', 'Kyiv City')).toBe('UA-30');
    expect(admin1Code('Ukraine', 'Kyiv')).toBe('UA-32');
    expect(admin1Code('Ukraine', 'Crimea')).toBe('UA-43');
    expect(admin1Code('Ukraine', 'Donetsk oblast')).toBe('UA-14');
    expect(admin1Code('Russia', 'Kursk')).toBe('RU-KRS');
    expect(admin1Code('Russia (Soviet Union)', 'Belgorod oblast')).toBe('RU-BEL');
    expect(admin1Code('North Korea', 'South Hamgyong')).toBe('KP-08');
  });
  it('gives nothing for units the base map does not draw', () => {
    expect(admin1Code('Ukraine', 'Atlantis')).toBeUndefined();
    expect(admin1Code('Poland', 'Mazowieckie')).toBeUndefined();
    expect(admin1Code('Nowhere', 'Kursk')).toBeUndefined();
  });
  it('maps country names to alpha-2', () => {
    expect(countryCode('Ukraine')).toBe('UA');
    expect(countryCode('Russia')).toBe('RU');
    expect(countryCode('Romania')).toBe('RO');
  });
});
