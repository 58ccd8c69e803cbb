// The bundled data as the browser tests need it: read from data/*.geojson on disk, never hard-coded.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AtlasCollection, AtlasFeature } from '../../src/core/schema/schema';
import { formatHumanDay, formatIsoDay, parseIsoDay } from '../../src/core/time/days';
import { REPO_ROOT } from './harness';

const DATA_DIR = join(REPO_ROOT, 'data');

/** One strike the tests look for, with what the app should show for it. */
export interface StrikeFixture {
  id: string;
  title: string;
  lon: number;
  lat: number;
  start: string;
  weapon: string;
  seed: string;
  quote: string;
}

function readCollection(file: string): AtlasFeature[] {
  const parsed = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as AtlasCollection;
  return parsed.features;
}

/** Every bundled feature, from all data/*.geojson files. */
export function allFeatures(): AtlasFeature[] {
  const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.geojson'));
  if (files.length === 0) throw new Error(`no data/*.geojson files in ${DATA_DIR}`);
  return files.flatMap(readCollection);
}

/** The data's span as the app computes it: the first..last day any feature starts or ends on. */
export function dataSpan(features: AtlasFeature[] = allFeatures()): { start: string; end: string } {
  let start = Infinity;
  let end = -Infinity;
  for (const f of features) {
    const s = parseIsoDay(f.properties.start) ?? Infinity;
    const e = f.properties.end === null ? s : (parseIsoDay(f.properties.end) ?? s);
    start = Math.min(start, s);
    end = Math.max(end, s, e);
  }
  return { start: formatIsoDay(start), end: formatIsoDay(end) };
}

function toFixture(f: AtlasFeature): StrikeFixture {
  if (f.geometry?.type !== 'Point')
    throw new Error(`${f.properties.id}: expected a Point, got ${f.geometry?.type ?? 'null'}`);
  const source = f.properties.sources[0];
  if (!source?.quote || !source.seed) throw new Error(`${f.properties.id}: its first source has no seed/quote`);
  const [lon, lat] = f.geometry.coordinates;
  return {
    id: f.properties.id,
    title: f.properties.title,
    lon,
    lat,
    start: f.properties.start,
    weapon: f.properties.weapon ?? 'unknown',
    seed: source.seed,
    quote: source.quote,
  };
}

/** The three strikes of 2024-11-25 the issue names: Kharkiv, Odesa and the Mykolaiv region. */
export function novemberStrikes(): { kharkiv: StrikeFixture; odesa: StrikeFixture; mykolaiv: StrikeFixture } {
  const strikes = readCollection('strikes.geojson');
  const find = (what: string, test: (f: AtlasFeature) => boolean): StrikeFixture => {
    const found = strikes.find(test);
    if (!found) throw new Error(`data/strikes.geojson has no ${what}`);
    return toFixture(found);
  };
  return {
    kharkiv: find('strike-kharkiv-2024-11-25', (f) => f.properties.id === 'strike-kharkiv-2024-11-25'),
    odesa: find('strike-odesa-2024-11-25', (f) => f.properties.id === 'strike-odesa-2024-11-25'),
    // The Mykolaiv drones came 'overnight', so the strike is stored as 24-25 November: it is on the map on the 25th.
    mykolaiv: find(
      'strike-mykolaiv* on 2024-11-25',
      (f) =>
        f.properties.id.startsWith('strike-mykolaiv') &&
        f.properties.start <= '2024-11-25' &&
        (f.properties.end ?? '9999') >= '2024-11-25',
    ),
  };
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`not an ISO date: ${iso}`);
  return formatIsoDay(day + days);
}

/** The window as people read it, e.g. `25 Nov 2024`; the label must contain both ends. */
export function humanDay(iso: string): string {
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`not an ISO date: ${iso}`);
  return formatHumanDay(day);
}

/** Collapses whitespace and typographic quotes, so a quote can be found in rendered text. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
