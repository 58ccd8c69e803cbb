// Pure, worker-safe: an importer's country / first-level unit names → the `admin_area` code of the base map's unit.
import { ADMIN1_CODES, COUNTRY_CODES } from './admin-area-table';

/** Lower case, no accents or apostrophes, no "oblast" / "region" words (scripts/build-basemap.mjs writes keys the same way). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'ʹ`.]/g, '')
    .replace(/\b(oblast|oblast'|oblasti|region|province|krai|kray|territory|autonomous okrug|republic of|the)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The alpha-2 code of a country name (e.g. "Ukraine" → "UA"), or undefined when the base map has no such country. */
export function countryCode(country: string): string | undefined {
  return COUNTRY_CODES[normaliseName(country)];
}

/**
 * The ISO 3166-2 code of a first-level unit by its country and name ("Ukraine", "Mykolaiv" → "UA-48";
 * ACLED's "Zaporizhia", UCDP's "Zaporizhzhia oblast" → "UA-23"), or undefined when the base map
 * does not draw that unit (only the units it draws can be drawn as regions).
 */
export function admin1Code(country: string, admin1: string): string | undefined {
  const a2 = countryCode(country);
  return a2 ? ADMIN1_CODES[`${a2}|${normaliseName(admin1)}`] : undefined;
}
