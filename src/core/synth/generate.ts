// Deterministic synthetic events in our schema: strikes, facilities and deployments clustered over Ukraine and its neighbours.
import type { AtlasFeature, AtlasProperties, Weapon } from '../schema/schema';
import { formatIsoDay, parseIsoDay } from '../time/days';
import { CLUSTERS, type Cluster } from './clusters';

/**
 * Same (n, seed, start, days) → the same features, byte for byte, on every machine: one seeded
 * PRNG (mulberry32) drives everything, in a fixed order. Features come out sorted by start day,
 * then id (ids are `gen-<7-digit position>-<kind>`), as the app stores them.
 *
 * Realism, roughly: strikes cluster around front-line and city targets (more weight near the
 * front), with Gaussian scatter; the daily rate grows over the span, swings with the seasons and
 * has mass-attack days (a few percent of days with 4–8× the strikes). 1 in 500 features is a
 * facility (a point, often still active), 1 in 2,000 a troop deployment (an approximate area
 * lasting months). One strike in ten is known only to a week, one in seven only to a city.
 */
export interface GenerateOptions {
  n: number;
  seed: number;
  /** First day, ISO; default 2022-01-01. */
  start?: string;
  /** Days in the span; default 1461 (four years). */
  days?: number;
}

export const SOURCE = { name: 'Synthetic generator', quote: 'Not a real event.' };

/** mulberry32: a small, fast, well-spread 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Day weights (a growing, seasonal rate with mass-attack days on ~4% of days) and a sampler of days
 * by inverse CDF over their running sum. Draws `days` (or a few more) numbers from `rand` at once.
 */
export function daySampler(days: number, rand: () => number): () => number {
  const cdf = new Float64Array(days);
  let total = 0;
  for (let d = 0; d < days; d++) {
    const trend = 0.5 + d / days;
    const season = 1 + 0.35 * Math.sin((2 * Math.PI * d) / 365.25 + 1.2);
    const burst = rand() < 0.04 ? 4 + 4 * rand() : 1;
    total += trend * season * burst;
    cdf[d] = total;
  }
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

type Kind = 'strike' | 'facility' | 'deployment';

/** The features, one at a time (a million do not need to be in memory at once). */
export function* generateFeatures(opts: GenerateOptions): Generator<AtlasFeature> {
  const n = Math.max(0, Math.floor(opts.n));
  const first = parseIsoDay(opts.start ?? '2022-01-01');
  if (first === null) throw new Error(`start "${opts.start}" is not a YYYY-MM-DD date`);
  const days = Math.max(1, Math.floor(opts.days ?? 1461));
  const rand = prng(opts.seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

  const sampleDay = daySampler(days, rand);

  // Kinds and days for all, then a counting sort by day (stable: ids follow the sorted position).
  const kinds = new Uint8Array(n);
  const dayOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    kinds[i] = u < 0.0005 ? 2 : u < 0.0025 ? 1 : 0;
    dayOf[i] = kinds[i] === 0 ? sampleDay() : Math.floor(rand() * days);
  }
  const counts = new Uint32Array(days + 1);
  for (let i = 0; i < n; i++) counts[dayOf[i] + 1]++;
  for (let d = 1; d <= days; d++) counts[d] += counts[d - 1];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[counts[dayOf[i]]++] = i;

  const weights = CLUSTERS.map((c) => c.weight);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const pickCluster = (): Cluster => {
    let x = rand() * weightTotal;
    for (let k = 0; k < CLUSTERS.length; k++) {
      x -= weights[k];
      if (x < 0) return CLUSTERS[k];
    }
    return CLUSTERS[CLUSTERS.length - 1];
  };
  const KINDS: Kind[] = ['strike', 'facility', 'deployment'];
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos];
    const day = first + dayOf[i];
    const id = `gen-${String(pos).padStart(7, '0')}-${KINDS[kinds[i]]}`;
    const cluster = pickCluster();
    const lon = round4(cluster.lon + gauss() * cluster.spread * 1.5);
    const lat = round4(cluster.lat + gauss() * cluster.spread);
    if (kinds[i] === 0) yield strike(id, day, first + days - 1, lon, lat, cluster, rand);
    else if (kinds[i] === 1) yield facility(id, day, first + days - 1, lon, lat, cluster, rand);
    else yield deployment(id, day, first + days - 1, lon, lat, cluster, rand);
  }
}

const WEAPON_TITLE: Record<Weapon, string> = {
  missile: 'Missile strike',
  drone: 'Drone strike',
  mixed: 'Missile and drone strike',
  cyber: 'Cyberattack',
  unknown: 'Strike',
};

function strike(
  id: string,
  day: number,
  lastDay: number,
  lon: number,
  lat: number,
  c: Cluster,
  rand: () => number,
): AtlasFeature {
  const u = rand();
  const weapon: Weapon = u < 0.55 ? 'drone' : u < 0.8 ? 'missile' : u < 0.88 ? 'mixed' : 'unknown';
  const week = rand() < 0.1;
  const end = week ? Math.min(lastDay, day + 1 + Math.floor(rand() * 6)) : day;
  const p = rand();
  const precision = p < 0.86 ? 0.5 : p < 0.96 ? 5 : 25;
  const place = precision === 25 ? `${c.name} region` : c.name;
  const props: AtlasProperties = {
    id,
    layer: 'strike',
    title: `${WEAPON_TITLE[weapon]} on ${place}`,
    summary: `Synthetic ${weapon === 'unknown' ? 'strike' : `${weapon} strike`} near ${c.name}.`,
    start: formatIsoDay(day),
    end: formatIsoDay(end),
    date_precision: end === day ? 'day' : 'range',
    date_note: end === day ? 'Generated day.' : 'Known to the week.',
    place,
    place_precision_km: precision,
    weapon,
    actor: c.country === 'Ukraine' ? 'Russia' : 'Ukraine',
    sources: [SOURCE],
  };
  const injured = Math.floor(-Math.log(1 - rand()) * 3);
  if (injured > 0) props.injured = injured;
  if (rand() < 0.3) props.killed = Math.floor(-Math.log(1 - rand()) * 1.5);
  if (rand() < 0.4) props.buildings_damaged = 1 + Math.floor(-Math.log(1 - rand()) * 4);
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props };
}

const PRODUCES = ['drones', 'missiles', 'artillery shells', 'fuel', 'ammunition'];

function facility(
  id: string,
  day: number,
  lastDay: number,
  lon: number,
  lat: number,
  c: Cluster,
  rand: () => number,
): AtlasFeature {
  const produces = PRODUCES[Math.floor(rand() * PRODUCES.length)];
  const closed = rand() < 0.3;
  const props: AtlasProperties = {
    id,
    layer: 'facility',
    title: `${produces[0].toUpperCase()}${produces.slice(1)} plant near ${c.name}`,
    summary: `Synthetic facility producing ${produces} near ${c.name}, ${c.country}.`,
    start: formatIsoDay(day),
    end: closed ? formatIsoDay(Math.min(lastDay, day + 30 + Math.floor(rand() * 400))) : null,
    date_precision: 'range',
    date_note: 'Synthetic: active from the generated day.',
    place: c.name,
    place_precision_km: 2,
    produces,
    sources: [SOURCE],
  };
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props };
}

function deployment(
  id: string,
  day: number,
  lastDay: number,
  lon: number,
  lat: number,
  c: Cluster,
  rand: () => number,
): AtlasFeature {
  const km = 15 + Math.floor(rand() * 45);
  const ring: [number, number][] = [];
  for (let k = 0; k <= 6; k++) {
    const a = (Math.PI / 3) * (k % 6);
    ring.push([
      round4(lon + (Math.cos(a) * km) / (111 * Math.cos((lat * Math.PI) / 180))),
      round4(lat + (Math.sin(a) * km) / 111),
    ]);
  }
  const troops = 500 * (1 + Math.floor(rand() * 40));
  const props: AtlasProperties = {
    id,
    layer: 'deployment',
    title: `Troops near ${c.name}`,
    summary: `Synthetic deployment of about ${troops} troops near ${c.name}, ${c.country}.`,
    start: formatIsoDay(day),
    end: rand() < 0.5 ? formatIsoDay(Math.min(lastDay, day + 60 + Math.floor(rand() * 300))) : null,
    date_precision: 'range',
    date_note: 'Synthetic: the generated months.',
    place: `${c.name} area`,
    place_precision_km: km,
    troops,
    figure_qualifiers: { troops: 'about' },
    approximate: true,
    area_note: `Synthetic: a hexagon of ${km} km around ${c.name}.`,
    sources: [SOURCE],
  };
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: props };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
