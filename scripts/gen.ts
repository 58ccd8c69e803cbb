// CLI: synthetic events as GeoJSON in our schema or as an ACLED CSV export: npm run gen -- --n 1000000 --seed 1 --out FILE
import { parseGenArgs, writeGenerated } from './gen-write';

try {
  const args = parseGenArgs(process.argv.slice(2));
  const t0 = Date.now();
  const n = writeGenerated(args);
  console.log(
    `Wrote ${n.toLocaleString('en-GB')} features (seed ${args.seed}) to ${args.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
} catch (e) {
  console.error(
    `${e instanceof Error ? e.message : String(e)}\nUsage: npm run gen -- --n 1000000 --seed 1 --out FILE [--format geojson|acled] [--start YYYY-MM-DD] [--days 1461]\n(--format defaults to acled for a .csv file: an ACLED-shaped CSV export)`,
  );
  process.exitCode = 2;
}
