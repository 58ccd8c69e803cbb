// Generates ACLED-shaped synthetic events straight into DuckDB's `events` table with SQL (the bench's 10M and the tests' 1M), quickly.
import type { DuckDBConnection } from '@duckdb/node-api';
import { CLUSTERS } from '../../src/core/synth/clusters';
import { parseIsoDay } from '../../src/core/time/days';
import type { PublishedLayer } from '../../src/core/published/manifest';

/** The layers the generated events fall in: ACLED's main event types (strikes) and a rare facility layer. */
export const GENERATED_LAYERS: PublishedLayer[] = [
  {
    key: 'gen-shelling',
    label: 'Shelling/artillery/missile attack',
    kind: 'strike',
    group: 'generated',
    category: 'Shelling/artillery/missile attack',
    count: 0,
  },
  {
    key: 'gen-air-drone',
    label: 'Air/drone strike',
    kind: 'strike',
    group: 'generated',
    category: 'Air/drone strike',
    count: 0,
  },
  { key: 'gen-clash', label: 'Armed clash', kind: 'strike', group: 'generated', category: 'Armed clash', count: 0 },
  {
    key: 'gen-explosive',
    label: 'Remote explosive/landmine/IED',
    kind: 'strike',
    group: 'generated',
    category: 'Remote explosive/landmine/IED',
    count: 0,
  },
  { key: 'gen-attack', label: 'Attack', kind: 'strike', group: 'generated', category: 'Attack', count: 0 },
  { key: 'gen-facility', label: 'Facilities', kind: 'facility', group: 'generated', count: 0 },
];

/**
 * n events over four years from 2022-01-01, deterministic in (n, seed) whatever DuckDB's thread
 * count: every random draw is a hash of the row number, seed and a salt. The daily rate grows over
 * the span; places cluster around the synthetic generator's clusters (src/core/synth/clusters.ts) with
 * scatter; 1 in 10 events is known only to a week; 1 in 2,000 is a facility, open-ended.
 */
export async function generateEvents(con: DuckDBConnection, n: number, seed = 1): Promise<void> {
  const first = parseIsoDay('2022-01-01') as number;
  const days = 1461;
  const total = CLUSTERS.reduce((a, c) => a + c.weight, 0);
  let acc = 0;
  const his: number[] = [];
  const clusters = CLUSTERS.map((c, i) => {
    const lo = acc / total;
    acc += c.weight;
    his.push(acc / total);
    return `(${i}, ${lo}, ${acc / total}, '${c.name.replace(/'/g, "''")}', ${c.lon}, ${c.lat}, ${c.spread})`;
  }).join(', ');
  // The cluster whose [lo, hi) holds uc, as a CASE chain and then an equi-join: DuckDB plans the range
  // join itself as a piecewise merge join, 7.8 of a 2M generation's 7.9 s.
  const clusterOf = `CASE ${his.map((hi, i) => `WHEN uc < ${hi} THEN ${i}`).join(' ')} ELSE ${his.length - 1} END`;
  const u = (salt: number): string => `((hash(i, ${seed}, ${salt}) % 1000003)::DOUBLE / 1000003)`;
  // A normal draw from two uniforms (Box–Muller).
  const g = (a: number, b: number): string => `(sqrt(-2 * ln(1 - ${u(a)} * 0.999999)) * cos(2 * pi() * ${u(b)}))`;
  await con.run(
    `CREATE OR REPLACE TEMP TABLE gen_clusters AS SELECT * FROM (VALUES ${clusters}) t(k, lo, hi, name, lon, lat, spread)`,
  );
  await con.run(`INSERT INTO events (id, start, "end", lon, lat, layer, category, weapon, title, summary, place, date_precision, date_note, place_precision_km, killed, injured, sources)
    WITH r AS (
      SELECT i, ${u(1)} AS ud, ${u(2)} AS uc, ${u(3)} AS uk, ${u(4)} AS uw, ${u(5)} AS uweek, ${g(6, 7)} AS gx, ${g(8, 9)} AS gy, ${u(10)} AS uf
      FROM range(${n}) t(i)
    ), rk AS (
      SELECT *, ${clusterOf} AS ck FROM r
    ), e AS (
      SELECT r.*, ${first} + least(${days - 1}, floor(${days} * (sqrt(0.25 + 2 * ud) - 0.5))::INTEGER) AS day,
        CASE WHEN uk < 0.0005 THEN 5 ELSE floor(uk * 5)::INTEGER END AS layer,
        c.name, c.lon + gx * c.spread * 1.5 AS x, c.lat + gy * c.spread AS y
      FROM rk r JOIN gen_clusters c ON c.k = r.ck
    )
    SELECT 'e' || i::VARCHAR, day,
      CASE WHEN layer = 5 THEN NULL WHEN uweek < 0.1 THEN day + 6 ELSE day END,
      round(x, 4), round(y, 4), layer,
      CASE layer WHEN 0 THEN 'Shelling/artillery/missile attack' WHEN 1 THEN 'Air/drone strike' WHEN 2 THEN 'Armed clash' WHEN 3 THEN 'Remote explosive/landmine/IED' WHEN 4 THEN 'Attack' END,
      CASE WHEN layer = 5 THEN NULL WHEN uw < 0.55 THEN 'drone' WHEN uw < 0.8 THEN 'missile' WHEN uw < 0.88 THEN 'mixed' ELSE 'unknown' END,
      CASE layer WHEN 0 THEN 'Shelling' WHEN 1 THEN 'Air/drone strike' WHEN 2 THEN 'Armed clash' WHEN 3 THEN 'Explosion' WHEN 4 THEN 'Attack' ELSE 'Facility' END || ' near ' || name,
      '', name,
      CASE WHEN uweek < 0.1 AND layer < 5 THEN 'range' ELSE 'day' END,
      CASE WHEN uweek < 0.1 AND layer < 5 THEN 'Known to the week.' ELSE 'Generated day.' END,
      CASE WHEN uf < 0.86 THEN 0.5 WHEN uf < 0.96 THEN 5 ELSE 25 END,
      CASE WHEN uf < 0.2 THEN floor(uf * 20)::DOUBLE ELSE NULL END,
      CASE WHEN uf > 0.7 THEN floor((uf - 0.7) * 40)::DOUBLE ELSE NULL END,
      '[{"name":"Synthetic generator","quote":"Not a real event."}]'
    FROM e`);
}

/** The layers with their counts filled in from the table. */
export async function countLayers(con: DuckDBConnection, layers: PublishedLayer[]): Promise<PublishedLayer[]> {
  const r = await con.runAndReadAll('SELECT layer, count(*) AS n FROM events GROUP BY layer');
  const counts = new Map(
    (r.getRowObjectsJS() as { layer: number; n: bigint | number }[]).map((x) => [Number(x.layer), Number(x.n)]),
  );
  return layers.map((l, i) => ({ ...l, count: counts.get(i) ?? 0 }));
}
