// npm run bench: frames per method at 10k/100k/1M events, embed start-up vs bare MapLibre, ingest vs JSON.parse, bytes, heap → bench/results.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  buildBenchPages,
  generated,
  launch,
  pageSizes,
  REPO,
  runSize,
  serve,
  timeEmbed,
  timeToReady,
  type EmbedStart,
  type SizeResult,
} from './lib';
import { METHODS } from './methods';
import { publishedReport, runPublished, type PublishedResult } from './published';
import { binnedReport } from './binned';
import { generatedFile, runUserPath, type UserPathFormat, type UserPathResult } from './user-path';

/**
 * Usage: npm run bench [-- --sizes 10000,100000,1000000 --steps 30,20,10 --runs 5 --user-path 100000,300000,1000000 --only user-path --binned 10]
 * `--binned N` times N windows per size as dots / hexagons / heatmap (bench/binned.ts; 0 skips them);
 * `--user-path` sets the sizes of the user-path part (a file picked with "Add data"); `--only user-path` runs just that part;
 * `--user-path-formats acled-csv` (or `geojson`) runs one format of it (a 1M pair is too long for one lock slot);
 * `--only sizes` just the frames, binned windows, ingest and heap at `--sizes` (no embed, user-path or published part);
 * `--only embed` just the embed's start-up (first picture, live map, bytes as Chromium received them) against the bare MapLibre page.
 * `--published N` sets the rows of the published-dataset part (default 10M; 0 skips it); `--only published` runs just that part
 * (`--published-reuse` opens a folder published before, untimed).
 * Prints ratios against the baselines measured in the same run and writes bench/results.json.
 * Exits non-zero only when the run itself fails, never for slowness. Timings on software WebGL
 * (SwiftShader, 2 cores here) vary 30–50% between runs: compare within one run.
 */
interface Options {
  sizes: number[];
  steps: number[];
  runs: number;
  out: string;
  userPath: number[];
  userPathFormats: UserPathFormat[];
  /** Windows timed as dots / hexagons / heatmap per size (bench/binned.ts); `--binned 0` skips them. */
  binned: number;
  /** `--only user-path`: just the user-path part; `--only embed`: just the embed's start-up against the bare page, and the bytes. */
  only?: string;
  /** Rows of the published-dataset part (0: skip it). */
  published: number;
}

function options(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const list = (v: string | undefined, d: number[]): number[] => (v ? v.split(',').map(Number) : d);
  const sizes = list(get('sizes'), [10_000, 100_000, 1_000_000]);
  const steps = list(get('steps'), [30, 20, 10]);
  const only = get('only');
  return {
    sizes,
    steps: sizes.map((_, i) => steps[Math.min(i, steps.length - 1)]),
    runs: Number(get('runs') ?? 5),
    out: get('out') ?? join(REPO, only ? `bench/results-${only}.json` : 'bench/results.json'),
    userPath: list(get('user-path'), [100_000, 300_000, 1_000_000]),
    userPathFormats: (get('user-path-formats') ?? 'acled-csv,geojson').split(',') as UserPathFormat[],
    only,
    binned: Number(get('binned') ?? 10),
    published: Number(get('published') ?? 10_000_000),
  };
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const kB = (b: number): string => `${(b / 1024).toFixed(1)} kB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The user-path part: each size and format picked in the app's file chooser; the target ratios logged. */
async function userPathPart(opts: Options, log: (s: string) => void): Promise<UserPathResult[]> {
  const appDist = mkdtempSync(join(tmpdir(), 'atlas-bench-userpath-'));
  log('\nUser path: a generated file picked with "Add data" (building the app, generating files)…');
  await buildApp(appDist);
  const formats = opts.userPathFormats;
  const jobs = opts.userPath.flatMap((n) => formats.map((format) => ({ n, format, file: generatedFile(n, format) })));
  const server = await serve(
    appDist,
    jobs.map((j) => j.file),
  );
  const browser = await launch();
  const out: UserPathResult[] = [];
  try {
    for (const j of jobs) {
      out.push(
        await runUserPath(
          browser.context,
          server.url,
          j.file,
          `${server.url}gen/${j.file.split('/').pop() ?? ''}`,
          j.n,
          j.format,
          log,
        ),
      );
    }
  } finally {
    await browser.close();
    await server.server.close();
    rmSync(appDist, { recursive: true, force: true });
  }
  log('\n== 6. User path: pick → map drawn, against the targets ==');
  for (const r of out) {
    const perEvent = r.loaded ? r.pageHeapBytes / r.loaded : 0;
    log(
      `  ${r.format} ${r.n.toLocaleString('en-GB')} (${(r.bytes / 2 ** 20).toFixed(0)} MB): import ${ratio(r.importMs, r.baselineMs)} the bare parse (target ≤ 2×); longest frame gap ${fmt(r.maxFrameGapMs)} (target ≤ 100 ms); page memory ${(r.pageMemoryBytes / 2 ** 20).toFixed(0)} MB = ${ratio(r.pageMemoryBytes, r.bytes)} the file (target ≤ 1×), ${perEvent.toFixed(0)} bytes an event on the JS heap (target ≤ 100); search keystroke ≤ ${fmt(r.searchKeyMs)} (target ≤ 100 ms), frame gap while typing ${fmt(r.searchFrameGapMs)}; list → details ≤ ${fmt(r.detailsMs)} (target ≤ 100 ms); window step ≤ ${fmt(r.stepMs)}; longest task ${fmt(r.longestTaskMs)}`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  if (opts.only === 'published') return publishedMain(opts);
  const t0 = Date.now();
  const log = (s: string): void => console.log(s);
  if (opts.only === 'user-path') {
    const userPath = await userPathPart(opts, log);
    writeFileSync(
      opts.out,
      `${JSON.stringify({ date: new Date().toISOString(), seconds: (Date.now() - t0) / 1000, options: opts, userPath }, null, 2)}\n`,
    );
    log(`\nWrote ${opts.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
    return;
  }
  log(`Conflict Atlas benchmark — sizes ${opts.sizes.join(', ')}; software WebGL unless a GPU is present`);
  const benchDist = mkdtempSync(join(tmpdir(), 'atlas-bench-dist-'));
  const appDist = mkdtempSync(join(tmpdir(), 'atlas-bench-app-'));
  log('Building the app and the benchmark pages…');
  await buildApp(appDist);
  await buildBenchPages(benchDist);
  log('Generating data (cached between runs)…');
  if (opts.only === 'embed') opts.sizes = [];
  const files = opts.sizes.map((n) => generated(n));
  const benchServer = await serve(benchDist, files);
  const appServer = await serve(appDist);
  const browser = await launch();
  const results: SizeResult[] = [];
  const sizesOnly = opts.only === 'sizes';
  let embed: EmbedPart | undefined;
  const sizes = ['index.html', 'embed.html', 'embed.html?picture=1'].map((p) => pageSizes(appDist, p));
  try {
    for (let i = 0; i < opts.sizes.length; i++) {
      log(`\n${opts.sizes[i].toLocaleString('en-GB')} events:`);
      results.push(
        await runSize(
          browser.context,
          benchServer.url,
          files[i],
          opts.sizes[i],
          opts.steps[i],
          METHODS,
          log,
          opts.binned,
        ),
      );
    }
    if (!sizesOnly) embed = await embedPart(browser.context, appServer.url, benchServer.url, opts.runs, log);
  } finally {
    await browser.close();
    await benchServer.server.close();
    await appServer.server.close();
    rmSync(benchDist, { recursive: true, force: true });
    rmSync(appDist, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- report
  if (!results.length) log('\n(--only embed: frames, ingest and heap not run)');
  else log('\n== 1. Frame time while the window steps across the span (window ≈ 1% of events) ==');
  for (const r of results) {
    const f = r.frames;
    log(
      `${r.n.toLocaleString('en-GB')} events (${r.strikes.toLocaleString('en-GB')} strike marks), window ${r.windowDays} days, ~${Math.round(r.meanVisible)} strikes drawn:`,
    );
    for (const m of METHODS)
      log(
        `  ${m.padEnd(6)} mean ${fmt(f[m].mean).padStart(9)}  p95 ${fmt(f[m].p95).padStart(9)}   JS + GL calls before the drawing ${fmt(r.cpu[m].mean).padStart(9)}`,
      );
    log(
      `  ours / floor ${ratio(f.ours.mean, f.floor.mean)} (target ≤ 1.3×); DFE / ours ${ratio(f.dfe.mean, f.ours.mean)}; naive / ours ${ratio(f.naive.mean, f.ours.mean)}`,
    );
  }
  const big = results[results.length - 1];
  if (big)
    log(
      `  at ${big.n.toLocaleString('en-GB')}: ours is ${ratio(big.frames.dfe.mean, big.frames.ours.mean)} faster than DataFilterExtension (target ≥ 20×) and ${ratio(big.frames.naive.mean, big.frames.ours.mean)} faster than the naive way (target ≥ 2×)`,
    );
  if (big)
    log(
      `  (DataFilterExtension / floor ${ratio(big.frames.dfe.mean, big.frames.floor.mean)}: no way of drawing the window can beat the floor; before the drawing, naive / ours ${ratio(big.cpu.naive.mean, big.cpu.ours.mean)})`,
    );
  for (const line of binnedReport(results)) log(line);
  if (embed) embedReport(embed, opts.runs, log);
  else log('\n(--only sizes: the embed, user-path and published parts not run)');
  log('\n== 3. Ingest (parse, validate, normalise to sorted columns) vs JSON.parse of the same bytes ==');
  for (const r of results) {
    log(
      `  ${r.n.toLocaleString('en-GB')}: ingest ${fmt(r.ingest.ms)} (parse ${fmt(r.ingest.parseMs)}, validate ${fmt(r.ingest.validateMs)}, columns ${fmt(r.ingest.columnsMs)}) vs JSON.parse ${fmt(r.parseMs)}: ${ratio(r.ingest.ms, r.parseMs)} (target ≤ 2×)`,
    );
  }
  log('\n== 4. Bytes before first render ==');
  for (const p of sizes) {
    const all = p.initial.gzip + p.worker.gzip + p.data.gzip;
    log(
      `  ${p.page}: JS+CSS ${kB(p.initial.raw)} raw, ${kB(p.initial.gzip)} gzip; + map worker ${kB(p.worker.gzip)} + data ${kB(p.data.gzip)} gzip = ${kB(all)} gzip${p.page === 'embed.html' ? ' (target ≤ 600 kB; counted from the build manifest — section 2 counts what Chromium received)' : ''}`,
    );
  }
  log('\n== 5. JS heap with the events loaded (after GC) ==');
  for (const r of results) {
    log(
      `  ${r.n.toLocaleString('en-GB')}: ${r.heap.withLayersMB.toFixed(1)} MB JS heap (page before data ${r.heap.beforeMB.toFixed(1)} MB; dataset alone ${r.heap.datasetMB.toFixed(1)} MB) + ${r.heap.typedMB.toFixed(1)} MB of typed arrays outside the JS heap (target ≤ 150 MB)`,
    );
    if (r.countCheck.index !== r.countCheck.brute)
      throw new Error(`visible count ${r.countCheck.index} ≠ brute force ${r.countCheck.brute}`);
  }
  // --only embed: no user-path part either.
  const skipRest = opts.only === 'embed' || sizesOnly;
  const userPath = skipRest ? [] : await userPathPart(opts, log);
  const published = skipRest ? null : await publishedPart(opts, log);
  const report = {
    date: new Date().toISOString(),
    seconds: (Date.now() - t0) / 1000,
    options: opts,
    results,
    embed,
    sizes,
    userPath,
    published,
  };
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nWrote ${opts.out} (${((Date.now() - t0) / 1000).toFixed(0)} s in all)`);
}

interface EmbedPart {
  embedMs: number;
  bareMs: number;
  embedRuns: number[];
  bareRuns: number[];
  page: string;
  pictureMs: number | null;
  picturePageMs: number;
  starts: EmbedStart[];
  pictureOnly: EmbedStart[];
  bares: EmbedStart[];
}

/** The embed's start-up against the bare MapLibre page: first picture, live map, bytes (medians of `runs`). */
async function embedPart(
  context: Parameters<typeof timeEmbed>[0],
  appUrl: string,
  benchUrl: string,
  runs: number,
  log: (s: string) => void,
): Promise<EmbedPart> {
  log('\nStart-up: embed page with bundled data vs bare MapLibre with the same base map…');
  const bares: EmbedStart[] = [];
  const starts: EmbedStart[] = [];
  const pictureOnly: EmbedStart[] = [];
  await timeEmbed(context, `${appUrl}embed.html`); // warm the HTTP cache for both
  await timeToReady(context, `${benchUrl}bench/bare-map.html`);
  for (let r = 0; r < runs; r++) {
    starts.push(await timeEmbed(context, `${appUrl}embed.html`));
    bares.push(await timeEmbed(context, `${benchUrl}bench/bare-map.html`));
    pictureOnly.push(await timeEmbed(context, `${appUrl}embed.html?picture=1`));
  }
  const embedRuns = starts.map((s) => s.readyMs);
  const bareRuns = bares.map((s) => s.readyMs);
  const pictures = starts.map((s) => s.pictureMs).filter((x): x is number => x !== null);
  return {
    embedMs: median(embedRuns),
    bareMs: median(bareRuns),
    embedRuns,
    bareRuns,
    page: 'embed.html',
    pictureMs: pictures.length ? median(pictures) : null,
    picturePageMs: median(pictureOnly.map((s) => s.readyMs)),
    starts,
    pictureOnly,
    bares,
  };
}

/** Section 2 of the report: the embed's start-up. */
function embedReport(embed: EmbedPart, runs: number, log: (s: string) => void): void {
  log('\n== 2. Embed start-up: first picture, live map (map idle with layers drawn), bytes ==');
  log(
    `  first picture: ${embed.pictureMs === null ? 'none shown' : fmt(embed.pictureMs)} (embed.html, default view; picture=1 page complete in ${fmt(embed.picturePageMs)})`,
  );
  log(
    `  live map: embed.html (bundled data) ${fmt(embed.embedMs)} vs bare MapLibre ${fmt(embed.bareMs)}: ${ratio(embed.embedMs, embed.bareMs)} (target ≤ 2×; medians of ${runs})`,
  );
  log(
    `  WebGL programs linked before ready: embed ${embed.starts[0]?.programs ?? '?'} (deck.gl's alone: base map and layers, no MapLibre) vs bare MapLibre ${embed.bares[0]?.programs ?? '?'}`,
  );
  const counted = embed.starts[0]?.bytes;
  if (counted) {
    log(
      `  bytes Chromium received before the live map: ${kB(counted.gzip)} gzip (target ≤ 600 kB) in ${counted.files} files: ${Object.entries(
        counted.byKind,
      )
        .map(([k, v]) => `${k} ${kB(v)}`)
        .join(', ')}`,
    );
    const p = embed.pictureOnly[0]?.bytes;
    if (p)
      log(
        `  picture=1: ${kB(p.gzip)} gzip in ${p.files} files: ${Object.entries(p.byKind)
          .map(([k, v]) => `${k} ${kB(v)}`)
          .join(', ')}`,
      );
  }
}

/** The published-dataset part (bench/published.ts): `npm run bench -- --only published --published 10000000`, or after the other parts. */
async function publishedPart(opts: Options, log: (s: string) => void): Promise<PublishedResult | null> {
  if (!opts.published) return null;
  log(`\n== 7. A published dataset of ${opts.published.toLocaleString('en-GB')} rows, read by range requests ==`);
  const appDist = mkdtempSync(join(tmpdir(), 'atlas-bench-app-'));
  await buildApp(appDist);
  const appServer = await serve(appDist);
  const browser = await launch();
  try {
    const r = await runPublished(
      browser.context,
      appServer.url,
      opts.published,
      log,
      process.argv.includes('--published-reuse'),
    );
    for (const line of publishedReport(r)) log(line);
    return r;
  } finally {
    await browser.close();
    await appServer.server.close();
    rmSync(appDist, { recursive: true, force: true });
  }
}

async function publishedMain(opts: Options): Promise<void> {
  const r = await publishedPart(opts, (s) => console.log(s));
  const out = opts.out;
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), published: r }, null, 2)}\n`);
  console.log(`\nWrote ${out}`);
}

main().catch((e: unknown) => {
  console.error(`The benchmark run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
