// Tests data/links.geojson: ends resolve, each line runs between its ends, honest assertions, and the link rules.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AtlasCollection, AtlasFeature } from '../schema/schema.ts';
import { checkLinkEnds, validateBundled } from '../bundled/validate-bundled.ts';
import { endpointResolver, lineEnds, linkLine, type GazetteerPoint } from './link-geometry.ts';

const DATA = new URL('../../../data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as T;
const seeds: Record<string, string> = Object.fromEntries(
  readdirSync(new URL('sources/', DATA))
    .filter((n) => n.endsWith('.txt'))
    .map((n) => [n, readFileSync(new URL(`sources/${n}`, DATA), 'utf8')]),
);
const LINKS = read<AtlasCollection>('links.geojson');
const others: AtlasFeature[] = ['strikes', 'facilities', 'deployments'].flatMap(
  (f) => read<AtlasCollection>(`${f}.geojson`).features,
);
const places = read<GazetteerPoint[]>('places.json');
const resolve = endpointResolver(others, places);
const link = (id: string): AtlasFeature => {
  const f = LINKS.features.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no link ${id}`);
  return f;
};
const FILE = 'data/links.geojson';

describe('data/links.geojson', () => {
  it('passes the schema and quote checks', () => {
    expect(LINKS.features.length).toBeGreaterThanOrEqual(5);
    expect(validateBundled(LINKS, FILE, 'link', seeds).map((i) => i.message)).toEqual([]);
  });

  it('has ends that resolve and a line drawn from one to the other', () => {
    expect(checkLinkEnds(LINKS, FILE, resolve).map((i) => i.message)).toEqual([]);
    for (const f of LINKS.features) {
      const a = resolve(f.properties.from as string);
      const b = resolve(f.properties.to as string);
      expect(a && b, f.properties.id).toBeTruthy();
      expect(f.geometry, f.properties.id).toEqual(linkLine(a!.position, b!.position));
      const ends = lineEnds(f);
      expect(ends?.source).toEqual(linkLine(a!.position, b!.position).coordinates[0]);
    }
  });

  it('has the plant supplying Russia, and Russia’s use of the KN-23 against Ukraine as Ukraine’s claim, both disputed', () => {
    const supply = link('link-february-11-plant-kn23-russia').properties;
    expect([supply.from, supply.to, supply.relation, supply.assertion]).toEqual([
      'facility-february-11-plant-hamhung',
      'Moscow',
      'supplies',
      'disputed',
    ]);
    const supplyQuotes = supply.sources.map((s) => s.quote ?? '');
    expect(supplyQuotes).toContain('North Korea ‘expands plant supplying missiles used by Russia’');
    expect(supplyQuotes.some((q) => q.startsWith('Both Moscow and Pyongyang have denied'))).toBe(true);
    const use = link('link-russia-kn23-ukraine').properties;
    expect([use.from, use.to, use.relation, use.assertion]).toEqual(['Moscow', 'Kyiv', 'attacks', 'disputed']);
    const useQuotes = use.sources.map((s) => s.quote ?? '');
    expect(useQuotes.some((q) => q.startsWith('Ukrainian officials say'))).toBe(true);
    expect(useQuotes.some((q) => q.startsWith('Both Moscow and Pyongyang have denied'))).toBe(true);
  });

  it('sends Ukraine’s forces into the Kursk region in August 2024', () => {
    const p = link('link-ukraine-incursion-kursk-2024').properties;
    expect([p.from, p.to, p.relation, p.assertion, p.start, p.end]).toEqual([
      'Kyiv',
      'deployment-ukrainian-incursion-kursk-2024-08',
      'deploys',
      'reported',
      '2024-08-01',
      '2024-08-31',
    ]);
  });

  it('connects North Korea to the Kursk deployment', () => {
    const p = link('link-north-korea-troops-kursk').properties;
    expect([p.from, p.to, p.relation, p.assertion]).toEqual([
      'Pyongyang',
      'deployment-north-korean-troops-kursk',
      'deploys',
      'reported',
    ]);
    expect(p.start).toBe('2024-11-25');
    expect(p.end).toBeNull();
  });

  it('runs a link between two events from the first one’s start to the second one’s end', () => {
    const byId = new Map(others.map((f) => [f.properties.id, f.properties]));
    const between = LINKS.features.filter(
      (f) => byId.has(f.properties.from as string) && byId.has(f.properties.to as string),
    );
    expect(between.length).toBeGreaterThan(0);
    for (const { properties: p } of between) {
      expect(p.start, p.id).toBe(byId.get(p.from as string)?.start);
      expect(p.end, p.id).toBe(byId.get(p.to as string)?.end);
    }
  });
});

describe('link rules', () => {
  const broken = (mutate: (f: AtlasFeature) => void): string[] => {
    const copy = structuredClone(LINKS);
    mutate(copy.features[0]!);
    return [...validateBundled(copy, FILE, 'link', seeds), ...checkLinkEnds(copy, FILE, resolve)].map((i) => i.message);
  };
  const W = `${FILE}: feature 0 (link-february-11-plant-kn23-russia): field`;

  it('requires ends that resolve', () => {
    expect(broken((f) => (f.properties.to = 'Atlantis'))).toContain(
      `${W} "to": "Atlantis" is neither a feature id of the bundled data nor a place in data/places.json`,
    );
    expect(broken((f) => (f.properties.to = f.properties.from))).toContain(`${W} "to": must differ from "from"`);
    expect(broken((f) => delete f.properties.from)).toContain(`${W} "from": must be a non-empty string`);
  });

  it('requires the line to run between the ends', () => {
    expect(broken((f) => (f.geometry = linkLine([30.524, 50.45], [127.6571, 39.9202])))).toContain(
      `${W} "geometry": must be the line from facility-february-11-plant-hamhung to Moscow; run node scripts/run-ts.mjs scripts/build-links.ts`,
    );
    expect(broken((f) => (f.geometry = { type: 'Point', coordinates: [30, 50] }))).toContain(
      `${W} "geometry.type": a link must be a LineString from its "from" end to its "to" end`,
    );
  });

  it('requires a known relation and an honest assertion with its note', () => {
    expect(broken((f) => (f.properties.relation = 'funds' as 'supplies'))).toContain(
      `${W} "relation": must be one of supplies, deploys, aligns, followed_by, attacks, got "funds"`,
    );
    expect(broken((f) => delete f.properties.assertion)).toContain(
      `${W} "assertion": must be one of reported, claimed, disputed, got undefined`,
    );
    expect(broken((f) => (f.properties.assertion_note = ''))).toContain(
      `${W} "assertion_note": must be a non-empty string`,
    );
  });

  it('keeps link properties off the other layers', () => {
    const strikes = read<AtlasCollection>('strikes.geojson');
    strikes.features[0]!.properties.from = 'Kyiv';
    expect(validateBundled(strikes, 'data/strikes.geojson', 'strike', seeds).map((i) => i.message)).toEqual([
      'data/strikes.geojson: feature 0 (strike-kharkiv-2024-11-25): field "from": is a link property (data/links.geojson only)',
    ]);
  });
});
