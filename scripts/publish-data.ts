// CLI: publishes GeoJSON / ACLED / UCDP files (or generated events) as a range-readable dataset: Parquet parts + dataset.json.
import { parseArgs, publish } from './publish/publish';

const USAGE = `Usage: npm run publish-data -- INPUT... --out DIR [--name NAME] [--row-group-rows N] [--groups-per-file N]
       npm run publish-data -- --generate N [--seed S] --out DIR       (synthetic events, made in DuckDB)
Reads GeoJSON, ACLED CSV or UCDP GED CSV files with the same validation and report as the import
("npm run validate"), and writes DIR/dataset.json and DIR/*.parquet: events sorted by start day, then a
Morton curve over lon/lat, in row groups with min/max statistics, an overview of events per day and
1° cell, and daily counts. Serve DIR with range requests (docs/hosting.md) and open
  https://atlas.example.org/#data=https://data.example.org/DIR/dataset.json
Exits 1 when a feature was rejected or a file could not be read (what could be read is still published).`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`publish-data: ${args}\n\n${USAGE}`);
    return 2;
  }
  const t0 = Date.now();
  try {
    const { manifest, clean } = await publish(args);
    const groups = manifest.files.reduce((n, f) => n + f.rowGroups.length, 0);
    console.log(
      `Published ${manifest.rows.toLocaleString('en')} events in ${manifest.layers.length} layers to ${args.out}: ${manifest.files.length} Parquet files, ${groups} row groups, in ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
    );
    return clean ? 0 : 1;
  } catch (e) {
    console.error(`publish-data: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
