// Deterministic synthetic events as an ACLED CSV export: the generator's days and places, ACLED's columns and categories.
import { formatIsoDay, MONTH_NAMES, parseIsoDay } from '../time/days';
import { CLUSTERS, type Cluster } from './clusters';
import { daySampler, prng, type GenerateOptions } from './generate';

/** The columns of an ACLED export, in ACLED's order (the ones our import reads and the usual others). */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

/**
 * ACLED's event types and sub-event types, with the share of synthetic rows each gets: the five
 * that dominate ACLED's Ukraine data, and three rarer ones so a palette must name "other".
 */
export const ACLED_MIX: readonly { eventType: string; subEventType: string; share: number; disorder: string }[] = [
  {
    eventType: 'Explosions/Remote violence',
    subEventType: 'Shelling/artillery/missile attack',
    share: 0.44,
    disorder: 'Political violence',
  },
  {
    eventType: 'Explosions/Remote violence',
    subEventType: 'Air/drone strike',
    share: 0.26,
    disorder: 'Political violence',
  },
  { eventType: 'Battles', subEventType: 'Armed clash', share: 0.14, disorder: 'Political violence' },
  {
    eventType: 'Strategic developments',
    subEventType: 'Disrupted weapons use',
    share: 0.07,
    disorder: 'Strategic developments',
  },
  {
    eventType: 'Explosions/Remote violence',
    subEventType: 'Remote explosive/landmine/IED',
    share: 0.05,
    disorder: 'Political violence',
  },
  { eventType: 'Violence against civilians', subEventType: 'Attack', share: 0.02, disorder: 'Political violence' },
  { eventType: 'Protests', subEventType: 'Peaceful protest', share: 0.015, disorder: 'Demonstrations' },
  { eventType: 'Riots', subEventType: 'Violent demonstration', share: 0.005, disorder: 'Demonstrations' },
];

/** ACLED's admin1 names for the clusters' places (ACLED writes oblasts without "Oblast"). */
const ADMIN1: Record<string, string> = {
  Pokrovsk: 'Donetsk',
  Kramatorsk: 'Donetsk',
  Kurakhove: 'Donetsk',
  Donetsk: 'Donetsk',
  Mariupol: 'Donetsk',
  Kharkiv: 'Kharkiv',
  Zaporizhzhia: 'Zaporizhia',
  Kherson: 'Kherson',
  Sumy: 'Sumy',
  Luhansk: 'Luhansk',
  Kyiv: 'Kyiv City',
  Odesa: 'Odesa',
  Dnipro: 'Dnipropetrovsk',
  Mykolaiv: 'Mykolaiv',
  'Kryvyi Rih': 'Dnipropetrovsk',
  Poltava: 'Poltava',
  Chernihiv: 'Chernihiv',
  Lviv: 'Lviv',
  Vinnytsia: 'Vinnytsia',
  Zhytomyr: 'Zhytomyr',
  Cherkasy: 'Cherkasy',
  Khmelnytskyi: 'Khmelnytskyi',
  Sevastopol: 'Sevastopol',
  Belgorod: 'Belgorod',
  Kursk: 'Kursk',
  Sudzha: 'Kursk',
  Bryansk: 'Bryansk',
  Voronezh: 'Voronezh',
  'Rostov-on-Don': 'Rostov',
  Taganrog: 'Rostov',
  Krasnodar: 'Krasnodar',
};
const ISO_NUM: Record<string, string> = { Ukraine: '804', Russia: '643' };
const MONTHS = MONTH_NAMES;

/** One CSV field, quoted per RFC 4180 when it needs to be. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rows, header first, one CSV line at a time (a million need not be in memory at once). Same
 * options → the same bytes. Rows are sorted by event_date as ACLED's exports are (newest last here);
 * ids are `SYN` + a 7-digit position. One row in ten is known to the week, one in twenty to the month
 * (`time_precision` 2, 3); one in six to a nearby town or region (`geo_precision` 2, 3).
 */
export function* generateAcledLines(opts: GenerateOptions): Generator<string> {
  const n = Math.max(0, Math.floor(opts.n));
  const first = parseIsoDay(opts.start ?? '2022-01-01');
  if (first === null) throw new Error(`start "${opts.start}" is not a YYYY-MM-DD date`);
  const days = Math.max(1, Math.floor(opts.days ?? 1461));
  const rand = prng(opts.seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  yield ACLED_COLUMNS.join(',');

  // Days as the GeoJSON generator draws them: a growing, seasonal rate with mass-attack days.
  const sampleDay = daySampler(days, rand);
  const dayOf = new Int32Array(n);
  for (let i = 0; i < n; i++) dayOf[i] = sampleDay();
  dayOf.sort();

  const weightTotal = CLUSTERS.reduce((a, c) => a + c.weight, 0);
  const pickCluster = (): Cluster => {
    let x = rand() * weightTotal;
    for (const c of CLUSTERS) {
      x -= c.weight;
      if (x < 0) return c;
    }
    return CLUSTERS[CLUSTERS.length - 1];
  };
  const pickMix = (): (typeof ACLED_MIX)[number] => {
    let x = rand();
    for (const m of ACLED_MIX) {
      x -= m.share;
      if (x < 0) return m;
    }
    return ACLED_MIX[0];
  };
  for (let pos = 0; pos < n; pos++) {
    const day = first + dayOf[pos];
    const iso = formatIsoDay(day);
    const c = pickCluster();
    const m = pickMix();
    const u = rand();
    const tp = u < 0.85 ? '1' : u < 0.95 ? '2' : '3';
    const g = rand();
    const gp = g < 0.83 ? '1' : g < 0.96 ? '2' : '3';
    const spread = gp === '1' ? c.spread : c.spread * 0.4;
    const lat = (c.lat + gauss() * spread).toFixed(4);
    const lon = (c.lon + gauss() * spread * 1.5).toFixed(4);
    const fatalities =
      m.eventType === 'Protests' ? 0 : Math.floor(-Math.log(1 - rand()) * (m.eventType === 'Battles' ? 3 : 0.8));
    const attacker =
      c.country === 'Ukraine' ? 'Military Forces of Russia (2000-)' : 'Military Forces of Ukraine (2019-)';
    const [y, mo, d] = iso.split('-');
    const when =
      tp === '1'
        ? `On ${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`
        : tp === '2'
          ? `Around ${Number(d)} ${MONTHS[Number(mo) - 1]} ${y} (week of)`
          : `In ${MONTHS[Number(mo) - 1]} ${y}`;
    const notes = `${when}, ${m.subEventType.toLowerCase()} near ${c.name} (synthetic). ${fatalities} fatalities.`;
    const row: Record<(typeof ACLED_COLUMNS)[number], string> = {
      event_id_cnty: `SYN${String(pos).padStart(7, '0')}`,
      event_date: iso,
      year: y,
      time_precision: tp,
      disorder_type: m.disorder,
      event_type: m.eventType,
      sub_event_type: m.subEventType,
      actor1: attacker,
      assoc_actor_1: '',
      inter1: 'State forces',
      actor2: '',
      assoc_actor_2: '',
      inter2: '',
      interaction: '',
      civilian_targeting: '',
      iso: ISO_NUM[c.country] ?? '',
      region: 'Europe',
      country: c.country,
      admin1: ADMIN1[c.name] ?? c.name,
      admin2: '',
      admin3: '',
      location: c.name,
      latitude: lat,
      longitude: lon,
      geo_precision: gp,
      source: 'Synthetic generator',
      source_scale: 'National',
      notes,
      fatalities: String(fatalities),
      tags: '',
      timestamp: String(1700000000 + pos),
    };
    yield ACLED_COLUMNS.map((k) => csvField(row[k])).join(',');
  }
}
