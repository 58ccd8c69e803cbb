// Tests the bundled data files against validateBundled, and each validation rule against a broken copy of a feature.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIsoDay, weekday } from '../time/days.ts';
import type { AtlasProperties, LayerKind } from '../schema/schema.ts';
import {
  checkAdminAreas,
  checkAreaPlaces,
  checkUniqueIds,
  validateBundled,
  validatePlaces,
} from './validate-bundled.ts';

interface RawFeature {
  type: string;
  properties: AtlasProperties & Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}
interface RawCollection {
  type: string;
  features: RawFeature[];
}

const DATA = new URL('../../../data/', import.meta.url);
const SOURCES = new URL('sources/', DATA);
const SHARED_SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as T;

const seeds: Record<string, string> = Object.fromEntries(
  readdirSync(SOURCES)
    .filter((n) => n.endsWith('.txt'))
    .map((n) => [n, readFileSync(new URL(n, SOURCES), 'utf8')]),
);
const FILES: { fileName: string; layer: LayerKind; collection: RawCollection }[] = [
  { fileName: 'data/strikes.geojson', layer: 'strike', collection: readJson<RawCollection>('strikes.geojson') },
  { fileName: 'data/facilities.geojson', layer: 'facility', collection: readJson<RawCollection>('facilities.geojson') },
  {
    fileName: 'data/deployments.geojson',
    layer: 'deployment',
    collection: readJson<RawCollection>('deployments.geojson'),
  },
  { fileName: 'data/links.geojson', layer: 'link', collection: readJson<RawCollection>('links.geojson') },
];
const [STRIKES, FACILITIES, DEPLOYMENTS] = FILES as [(typeof FILES)[0], (typeof FILES)[0], (typeof FILES)[0]];
const places = readJson<unknown>('places.json');
const byId = (c: RawCollection, id: string): RawFeature => {
  const f = c.features.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
};

describe('bundled data', () => {
  it('has four seed reports', () => {
    expect(Object.keys(seeds)).toHaveLength(4);
  });

  for (const { fileName, layer, collection } of FILES) {
    it(`${fileName} has no issues`, () => {
      expect(collection.features.length).toBeGreaterThan(0);
      expect(validateBundled(collection, fileName, layer, seeds).map((i) => i.message)).toEqual([]);
    });
  }

  it('has ids unique across the files', () => {
    expect(checkUniqueIds(FILES)).toEqual([]);
  });

  it('has a valid gazetteer holding every area place', () => {
    expect(validatePlaces(places, 'data/places.json')).toEqual([]);
    const names = new Set((places as { name: string }[]).map((p) => p.name));
    for (const { fileName, collection } of FILES) expect(checkAreaPlaces(collection, fileName, names)).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED_SEEDS))('has seed copies identical to ../shared/seeds', () => {
    const shared = readdirSync(SHARED_SEEDS)
      .filter((n) => n.endsWith('.txt'))
      .sort();
    expect(Object.keys(seeds).sort()).toEqual(shared);
    for (const name of shared) expect(seeds[name], name).toBe(readFileSync(new URL(name, SHARED_SEEDS), 'utf8'));
  });

  it('has the 25 November 2024 strikes on Kharkiv, Odesa and the Mykolaiv region', () => {
    const kharkiv = byId(STRIKES.collection, 'strike-kharkiv-2024-11-25').properties;
    const odesa = byId(STRIKES.collection, 'strike-odesa-2024-11-25').properties;
    const mykolaiv = byId(STRIKES.collection, 'strike-mykolaiv-region-2024-11-25').properties;
    // Kharkiv was hit 'on Monday morning'; Odesa is only 'said on Monday' and the Mykolaiv drones came 'overnight'.
    expect([kharkiv.start, kharkiv.end, kharkiv.date_precision]).toEqual(['2024-11-25', '2024-11-25', 'day']);
    for (const p of [odesa, mykolaiv])
      expect([p.start, p.end, p.date_precision]).toEqual(['2024-11-24', '2024-11-25', 'range']);
    expect(mykolaiv.admin_area).toBe('UA-48');
    expect([kharkiv.weapon, odesa.weapon, mykolaiv.weapon]).toEqual(['missile', 'missile', 'drone']);
    expect([kharkiv.injured, kharkiv.buildings_damaged, odesa.injured]).toEqual([23, 40, 10]);
    expect(kharkiv.figure_qualifiers).toEqual({ injured: 'at least', buildings_damaged: 'more than' });
  });

  it('counts the nationwide drone figures once', () => {
    const withDrones = STRIKES.collection.features.filter((f) => f.properties.drones_launched !== undefined);
    expect(withDrones.map((f) => f.properties.id)).toEqual(['strike-ukraine-drone-wave-2024-11-25']);
    const p = withDrones[0]!.properties;
    expect([p.drones_launched, p.drones_downed, p.drones_lost]).toEqual([145, 71, 71]);
  });

  it('stores the joint Kyiv and Kharkiv total of Tuesday 2 January 2024 once', () => {
    const tuesday = STRIKES.collection.features.filter(
      (f) => f.properties.start === '2024-01-02' && f.properties.end === '2024-01-02',
    );
    expect(tuesday.map((f) => [f.properties.id, f.properties.killed, f.properties.missiles_downed])).toEqual([
      ['strike-kyiv-2024-01-02', 5, undefined],
      ['strike-kharkiv-2024-01-02', undefined, undefined],
      // "Ukraine says downed 10 Kinzhal ballistic missiles on Tuesday": no place, so a nationwide claim.
      ['strike-ukraine-kinzhal-2024-01-02', undefined, 10],
    ]);
    expect(byId(STRIKES.collection, 'strike-ukraine-kinzhal-2024-01-02').properties.admin_area).toBe('UA');
  });

  it('has the cyberattacks the reports place, at country precision, with the hedged attribution', () => {
    const kyivstar = byId(STRIKES.collection, 'strike-kyivstar-cyberattack-2023-12-12').properties;
    expect([kyivstar.weapon, kyivstar.start, kyivstar.end, kyivstar.date_precision, kyivstar.admin_area]).toEqual([
      'cyber',
      '2023-12-12',
      '2023-12-12',
      'day',
      'UA',
    ]);
    expect(kyivstar.actor).toMatch(/attributed by Ukraine/);
    expect(kyivstar.summary).toMatch(/"pretty sure"/);
    expect([kyivstar.users_affected, kyivstar.figure_qualifiers]).toEqual([24000000, { users_affected: 'about' }]);
    const romania = byId(STRIKES.collection, 'strike-romania-gru-apt28-cyberattacks-2025-07-18').properties;
    expect([romania.weapon, romania.end, romania.date_precision, romania.admin_area]).toEqual([
      'cyber',
      '2025-07-18',
      'range',
      'RO',
    ]);
    expect(weekday(parseIsoDay('2025-07-18')!)).toBe(5); // 002: "On Friday, July 18"
  });

  it('has Ukraine’s August 2024 incursion into the Kursk region, at region precision', () => {
    const p = byId(DEPLOYMENTS.collection, 'deployment-ukrainian-incursion-kursk-2024-08').properties;
    expect([p.actor, p.start, p.end, p.date_precision, p.admin_area, p.approximate]).toEqual([
      'Ukraine',
      '2024-08-01',
      '2024-08-31',
      'range',
      'RU-KRS',
      undefined,
    ]); // drawn as Kursk oblast itself
  });

  it('has the facility and the deployments the reports place', () => {
    expect(byId(FACILITIES.collection, 'facility-february-11-plant-hamhung').properties.produces).toMatch(/Hwasong-11/);
    expect(byId(DEPLOYMENTS.collection, 'deployment-north-korean-troops-kursk').properties.troops).toBe(10000);
    expect(byId(DEPLOYMENTS.collection, 'deployment-russian-troops-ukraine-border-2022').properties.troops).toBe(
      100000,
    );
    expect(byId(DEPLOYMENTS.collection, 'deployment-china-russia-drills-ningxia-2021').properties.start).toBe(
      '2021-08-09',
    );
  });

  it('matches the weekdays the reports name', () => {
    const day = (iso: string): number => weekday(parseIsoDay(iso)!);
    const [SUN, MON, TUE, , , FRI, SAT] = [0, 1, 2, 3, 4, 5, 6];
    expect(day('2024-11-25')).toBe(MON); // 000: "on Monday"
    expect([day('2024-12-01'), day('2024-12-08')]).toEqual([SUN, SUN]); // 000: election days
    expect(day(byId(STRIKES.collection, 'strike-kyiv-2024-01-02').properties.start)).toBe(TUE); // 001: "on Tuesday"
    const belgorod = byId(STRIKES.collection, 'strike-belgorod-2023-12-30-31').properties;
    expect([day(belgorod.start), day(belgorod.end!)]).toEqual([SAT, SUN]); // 001: "last weekend"
    const drills = byId(DEPLOYMENTS.collection, 'deployment-china-russia-drills-ningxia-2021').properties;
    expect([day(drills.start), day(drills.end!)]).toEqual([MON, FRI]); // 003: "began on Monday" .. "until Friday"
  });
});

/** Validates a copy of `file` in which feature `id` was changed by `mutate`; returns the messages. */
function broken(file: (typeof FILES)[number], id: string, mutate: (f: RawFeature) => void): string[] {
  const copy = structuredClone(file.collection);
  mutate(byId(copy, id));
  return validateBundled(copy, file.fileName, file.layer, seeds).map((i) => i.message);
}
const K = 'strike-kharkiv-2024-11-25';
const KW = `data/strikes.geojson: feature 0 (${K}): field`;
const strike = (mutate: (f: RawFeature) => void): string[] => broken(STRIKES, K, mutate);
const deployment = (mutate: (f: RawFeature) => void): string[] =>
  broken(DEPLOYMENTS, 'deployment-russian-troops-ukraine-border-2022', mutate);

describe('validateBundled rules', () => {
  it('requires a FeatureCollection with a features array', () => {
    expect(validateBundled([], 'data/x.geojson', 'strike', seeds)[0]?.message).toBe(
      'data/x.geojson: field "type": the file must hold a GeoJSON FeatureCollection object',
    );
    expect(validateBundled({ type: 'Collection', features: [] }, 'data/x.geojson', 'strike', seeds)[0]?.message).toBe(
      'data/x.geojson: field "type": must be "FeatureCollection", got "Collection"',
    );
    expect(validateBundled({ type: 'FeatureCollection' }, 'data/x.geojson', 'strike', seeds)[0]?.message).toBe(
      'data/x.geojson: field "features": must be an array',
    );
  });

  it('requires Feature objects', () => {
    expect(strike((f) => (f.type = 'Feat'))).toContain(`${KW} "type": must be "Feature", got "Feat"`);
  });

  it('requires every property, with the right type', () => {
    expect(strike((f) => delete (f.properties as Partial<AtlasProperties>).title)).toContain(`${KW} "title": missing`);
    expect(strike((f) => (f.properties.summary = ''))).toContain(`${KW} "summary": empty: expected a non-empty string`);
    expect(strike((f) => delete (f.properties as Partial<AtlasProperties>).date_note)).toContain(
      `${KW} "date_note": missing`,
    );
    expect(strike((f) => (f.properties.place_precision_km = '12' as unknown as number))).toContain(
      `${KW} "place_precision_km": expected a number, got the string "12"`,
    );
    expect(strike((f) => delete (f.properties as Partial<AtlasProperties>).end)).toContain(
      `${KW} "end": missing (a date YYYY-MM-DD, or null for a facility or deployment still active)`,
    );
  });

  it('rejects unknown properties', () => {
    expect(strike((f) => (f.properties.injury = 3))).toContain(
      `${KW} "injury": is not a known property (see src/core/schema/schema.ts)`,
    );
  });

  it('requires the layer of the file', () => {
    expect(strike((f) => (f.properties.layer = 'facility'))).toContain(
      `${KW} "layer": must be "strike" in this file, got "facility"`,
    );
  });

  it('requires ids of lower-case words joined by hyphens', () => {
    const msgs = strike((f) => (f.properties.id = 'Strike--Kharkiv'));
    expect(msgs).toContain(
      'data/strikes.geojson: feature 0 (Strike--Kharkiv): field "id": must match ^[a-z0-9]+(-[a-z0-9]+)*$, got "Strike--Kharkiv"',
    );
  });

  it('requires ids unique within a file and across files', () => {
    expect(strike((f) => (f.properties.id = 'strike-odesa-2024-11-25'))).toContain(
      'data/strikes.geojson: feature 1 (strike-odesa-2024-11-25): field "id": duplicates the id of feature 0',
    );
    const facility = structuredClone(FACILITIES.collection);
    facility.features[0]!.properties.id = K;
    expect(
      checkUniqueIds([STRIKES, { fileName: 'data/facilities.geojson', collection: facility }]).map((i) => i.message),
    ).toEqual([
      `data/facilities.geojson: feature 0 (${K}): field "id": is not unique: already used by data/strikes.geojson feature 0`,
    ]);
  });

  it('requires every position of every geometry in range', () => {
    expect(strike((f) => (f.geometry.coordinates = [200, 49.99]))).toContain(
      `${KW} "geometry": Point coordinates: longitude 200 is out of range -180..180`,
    );
    expect(strike((f) => (f.geometry.coordinates = [36.2]))).toContain(
      `${KW} "geometry": Point coordinates: a position needs 2 numbers [longitude, latitude], got 1`,
    );
    expect(strike((f) => (f.geometry = { type: 'Blob', coordinates: [] }))).toContain(
      `${KW} "geometry": unknown geometry type "Blob" (expected Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon)`,
    );
    // The one schema's GeometryCollection policy: an import splits one into its parts; bundled data stores the parts as features.
    expect(
      strike((f) =>
        Object.assign(f, {
          geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [36.2, 49.99] }] },
        }),
      ),
    ).toContain(
      `${KW} "geometry": a GeometryCollection: store each of its geometries as a feature of its own (an import splits a collection into its parts, one feature each)`,
    );
    expect(strike((f) => Object.assign(f, { geometry: null }))).toContain(
      `${KW} "geometry": missing: every bundled feature is placed on the map (a Point, line or area)`,
    );
    const msgs = deployment((f) => {
      const ring = (f.geometry.coordinates as number[][][])[0]!;
      ring[5] = [ring[5]![0]!, 95];
    });
    expect(msgs).toEqual([
      expect.stringMatching(
        /^data\/deployments\.geojson: feature 2 \(deployment-russian-troops-ukraine-border-2022\): field "geometry": ring 0, position 5: .*\[[\d.]+, 95\]/,
      ),
    ]);
  });

  it('requires closed polygon rings', () => {
    const msgs = deployment((f) => (f.geometry.coordinates as number[][][])[0]!.pop());
    expect(msgs).toEqual([
      expect.stringMatching(
        /^data\/deployments\.geojson: feature 2 \(deployment-russian-troops-ukraine-border-2022\): field "geometry": ring 0 is not closed: the first position \[[\d., ]+\] differs from the last/,
      ),
    ]);
  });

  it('requires strict ISO dates with start <= end', () => {
    expect(strike((f) => (f.properties.start = '2024-11-31'))).toContain(
      `${KW} "start": "2024-11-31" is not a valid date (expected YYYY-MM-DD)`,
    );
    expect(strike((f) => (f.properties.end = '25 Nov 2024'))).toContain(
      `${KW} "end": "25 Nov 2024" is not a valid date (expected YYYY-MM-DD)`,
    );
    const msgs = strike((f) => Object.assign(f.properties, { start: '2024-11-26', date_precision: 'range' }));
    expect(msgs).toContain(`${KW} "end": start 2024-11-26 is after end 2024-11-25`);
  });

  it('allows end: null only for facilities and deployments', () => {
    expect(strike((f) => Object.assign(f.properties, { end: null, date_precision: 'range' }))).toContain(
      `${KW} "end": null (still active) is only allowed for facilities, deployments and links`,
    );
    expect(broken(FACILITIES, 'facility-february-11-plant-hamhung', (f) => (f.properties.end = null))).toEqual([]);
  });

  it('keeps date_precision consistent with the dates', () => {
    expect(strike((f) => (f.properties.end = '2024-11-26'))).toContain(
      `${KW} "date_precision": "day" but start and end differ`,
    );
    expect(strike((f) => (f.properties.date_precision = 'range'))).toContain(
      `${KW} "date_precision": "range" with start == end should be "day"`,
    );
    expect(strike((f) => (f.properties.date_precision = 'week' as 'day'))).toContain(
      `${KW} "date_precision": expected "day" or "range", got the string "week"`,
    );
  });

  it('requires a non-negative finite place_precision_km', () => {
    expect(strike((f) => (f.properties.place_precision_km = -1))).toContain(
      `${KW} "place_precision_km": expected a number of 0 or more, got -1`,
    );
  });

  it('requires figures to be non-negative finite numbers', () => {
    expect(strike((f) => (f.properties.injured = -23))).toContain(
      `${KW} "injured": expected a number of 0 or more, got -23`,
    );
    expect(strike((f) => (f.properties.killed = 'dozens' as unknown as number))).toContain(
      `${KW} "killed": expected a number, got the string "dozens"`,
    );
  });

  it('requires figure qualifiers to qualify a given figure with a known word', () => {
    expect(strike((f) => (f.properties.figure_qualifiers = { injured: 'some' as 'about' }))).toContain(
      `${KW} "figure_qualifiers.injured": expected one of exactly, at least, more than, about, got the string "some"`,
    );
    expect(strike((f) => (f.properties.figure_qualifiers = { killed: 'about' }))).toContain(
      `${KW} "figure_qualifiers.killed": qualifies killed, a figure the feature does not give`,
    );
  });

  it('requires a known weapon on strikes', () => {
    expect(strike((f) => (f.properties.weapon = 'artillery' as 'missile'))).toContain(
      `${KW} "weapon": expected one of missile, drone, mixed, cyber, unknown, got the string "artillery"`,
    );
    expect(strike((f) => delete f.properties.weapon)).toContain(
      `${KW} "weapon": missing (one of missile, drone, mixed, cyber, unknown)`,
    );
  });

  it('requires at least one source', () => {
    expect(strike((f) => (f.properties.sources = []))).toContain(`${KW} "sources": empty: the feature cites no source`);
  });

  it('requires each source to name a known seed', () => {
    const msgs = strike((f) => (f.properties.sources[0]!.seed = 'reuters.txt'));
    expect(msgs[0]).toMatch(
      /^data\/strikes\.geojson: feature 0 \(strike-kharkiv-2024-11-25\): field "sources\[0\]\.seed": must name a seed file in data\/sources \(000_/,
    );
  });

  it('requires each quote to appear verbatim in its seed', () => {
    // The seed writes "Sunday’s" with a curly apostrophe; a straight one is not verbatim.
    const msgs = strike((f) => (f.properties.sources[1]!.quote = "won 22.94% of votes in Sunday's poll"));
    expect(msgs).toEqual([`${KW} "sources[1].quote": not found verbatim in 000_acb15784c799ffc7.txt`]);
    expect(strike((f) => (f.properties.sources[0]!.quote = ''))).toContain(
      `${KW} "sources[0].quote": must be a non-empty string copied from the seed`,
    );
  });

  it('requires area_note on approximate features, and a complete area recipe', () => {
    const B = 'data/deployments.geojson: feature 2 (deployment-russian-troops-ukraine-border-2022): field';
    expect(deployment((f) => delete f.properties.area_note)).toContain(
      `${B} "area_note": missing; an approximate area must say how it was built`,
    );
    expect(deployment((f) => delete f.properties.area_buffer_km)).toContain(
      `${B} "area_buffer_km": must be a positive number when area_places is given`,
    );
    const names = new Set(['Kursk']);
    expect(checkAreaPlaces(DEPLOYMENTS.collection, 'data/deployments.geojson', names)[0]?.message).toMatch(
      /^data\/deployments\.geojson: feature 2 \(deployment-russian-troops-ukraine-border-2022\): field "area_places\[\d+\]": "[^"]+" is not in data\/places\.json$/,
    );
  });

  it('checks gazetteer entries', () => {
    const bad = [
      { name: 'Kyiv', lon: 30.5, lat: 50.45, country: 'Ukraine', rank: 1 },
      { name: 'Kyiv', lon: 300, lat: 50.45, country: '', rank: 4 },
    ];
    expect(validatePlaces(bad, 'data/places.json').map((i) => i.message)).toEqual([
      'data/places.json: place 1 (Kyiv): field "name": is not unique',
      'data/places.json: place 1 (Kyiv): field "lon": must be a number in -180..180, got 300',
      'data/places.json: place 1 (Kyiv): field "country": must be a non-empty string',
      'data/places.json: place 1 (Kyiv): field "rank": must be 1, 2 or 3, got 4',
    ]);
  });
});

describe('admin_area', () => {
  const units = {
    name: (code: string) =>
      (
        ({ 'UA-48': 'Mykolaiv', 'UA-23': 'Zaporizhzhia', 'UA-14': 'Donetsk', UA: 'Ukraine', RO: 'Romania' }) as Record<
          string,
          string
        >
      )[code],
    contains: (code: string, lon: number) => code !== 'UA-48' || lon < 33,
  };
  const mykolaiv = 'strike-mykolaiv-region-2024-11-25';
  it('checks the format of the code', () => {
    expect(broken(STRIKES, mykolaiv, (f) => (f.properties.admin_area = 'UA48'))).toEqual([
      expect.stringMatching(
        /field "admin_area": "UA48" is not an ISO 3166-1 alpha-2 country code \("UA"\) or ISO 3166-2 first-level code/,
      ),
    ]);
    expect(broken(STRIKES, mykolaiv, (f) => (f.properties.admin_area = 'UA-48'))).toEqual([]);
  });
  it('requires a unit of the base map, with the feature’s point inside it', () => {
    const copy = structuredClone(STRIKES.collection);
    const f = byId(copy, mykolaiv);
    expect(checkAdminAreas(copy, STRIKES.fileName, units)).toEqual([]);
    f.properties.admin_area = 'UA-99';
    expect(checkAdminAreas(copy, STRIKES.fileName, units)[0]?.message).toMatch(
      /field "admin_area": "UA-99" is not an admin-1 unit or country of the base map/,
    );
    f.properties.admin_area = 'UA-48';
    f.geometry = { type: 'Point', coordinates: [35, 47] };
    expect(checkAdminAreas(copy, STRIKES.fileName, units)[0]?.message).toMatch(
      /field "geometry": the point 35, 47 is outside Mykolaiv \(UA-48\)/,
    );
  });
  it('is set on the region- and country-level features of the bundled data', () => {
    const code = (file: (typeof FILES)[number], id: string) => byId(file.collection, id).properties.admin_area;
    expect(code(STRIKES, mykolaiv)).toBe('UA-48');
    expect(code(STRIKES, 'strike-zaporizhzhia-region-2024-11-25')).toBe('UA-23');
    expect(code(STRIKES, 'strike-ukraine-drone-wave-2024-11-25')).toBe('UA');
    expect(code(DEPLOYMENTS, 'deployment-north-korean-troops-kursk')).toBe('RU-KRS');
  });
});
