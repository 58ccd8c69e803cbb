// CLI: `npm run snapshot -- --hash '#t=…&view=…' --width 1920 --height 1080 --scale 2 --out map.png` — the Export dialog's PNG/GeoJSON/CSV, scripted.
// Builds dist/ when needed, serves it on 127.0.0.1 (vite preview), drives headless Chromium and calls the page's own export code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { USAGE, daysOf, hashForDay, isStale, parseSnapshotArgs, type SnapshotArgs } from './snapshot-args.ts';
import type { ExportHandle, PngSnapshot, DataSnapshot, VideoSnapshot } from '../src/ui/export/handle.ts';
import type { PngOptions } from '../src/ui/export/exporter.ts';
import { parseIsoDay } from '../src/core/time/days.ts';
import type { VideoOptions } from '../src/ui/export/video-export.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const HOST = '127.0.0.1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** What a build reads: if any is newer than dist/index.html, dist/ is rebuilt. */
const SOURCES = [
  'src',
  'data',
  'public',
  'index.html',
  'embed.html',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];

type PageWindow = Window & {
  __atlas: {
    exports(): Promise<ExportHandle>;
    idle(): Promise<void>;
    store: { getState(): { window: { from: number; to: number } } };
  };
};

function log(message: string): void {
  process.stderr.write(`snapshot: ${message}\n`);
}

function newestMtimes(path: string, out: number[] = []): number[] {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isDirectory()) for (const name of readdirSync(path)) newestMtimes(join(path, name), out);
  else out.push(st.mtimeMs);
  return out;
}

function ensureBuilt(build: boolean): void {
  const index = join(ROOT, 'dist/index.html');
  const distTime = existsSync(index) ? statSync(index).mtimeMs : null;
  if (!build) {
    if (distTime === null) throw new Error('dist/index.html is missing and --no-build was given');
    return;
  }
  const stale = isStale(
    distTime,
    SOURCES.flatMap((p) => newestMtimes(join(ROOT, p))),
  );
  if (!stale) return;
  log(distTime === null ? 'dist/ is missing: building' : 'sources are newer than dist/: building');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The build's output goes to stderr: stdout lists only what was written.
  const r = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
}

/**
 * Serves a private copy of dist/, so that a rebuild while the script runs (another terminal, a
 * test run) cannot swap the chunks the page loads on demand.
 */
async function serve(copyDir: string): Promise<{ server: PreviewServer; base: string }> {
  cpSync(join(ROOT, 'dist'), copyDir, { recursive: true });
  if (!existsSync(join(copyDir, 'index.html'))) throw new Error('dist/ has no index.html (is a build running?)');
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: copyDir },
    preview: { host: HOST, port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error('vite preview is not listening');
  return { server, base: `http://${HOST}:${address.port}/` };
}

async function openPage(context: BrowserContext, url: string, errors: string[], timeoutMs: number): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  // An offline app: nothing may leave 127.0.0.1.
  await page.route(
    (u) => !/^(data|blob|about):/.test(u.href) && u.hostname !== HOST,
    (route) => route.abort('blockedbyclient'),
  );
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.atlasReady === '1', undefined, {
    timeout: timeoutMs,
  });
  await page.evaluate(async () => {
    await (window as unknown as PageWindow).__atlas.idle();
    await (window as unknown as PageWindow).__atlas.exports(); // load the export code now
  });
  return page;
}

async function setDay(page: Page, hash: string, day: string, timeoutMs: number): Promise<void> {
  await page.evaluate(
    (h) => {
      location.hash = h;
    },
    hashForDay(hash, day),
  );
  await page.waitForFunction(
    (d) => {
      const w = (window as unknown as PageWindow).__atlas.store.getState().window;
      return w.from === d && w.to === d;
    },
    parseIsoDay(day),
    { timeout: timeoutMs },
  );
  await page.evaluate(() => (window as unknown as PageWindow).__atlas.idle());
}

async function exportOnce(page: Page, args: SnapshotArgs): Promise<{ bytes: Buffer; fileName: string; note: string }> {
  if (args.format === 'png') {
    const options: Partial<PngOptions> = {
      width: args.width,
      height: args.height,
      scale: args.scale,
      frame: 'zoom',
      title: args.title,
      time: args.time,
      legend: args.legend,
      legendPosition: args.legendPosition,
      scaleBar: args.scaleBar,
      attribution: args.attribution,
      sources: args.sources,
    };
    const r: PngSnapshot = await page.evaluate(
      async (o) => (await (window as unknown as PageWindow).__atlas.exports()).png(o),
      options,
    );
    for (const w of r.warnings) log(`warning: ${w}`);
    return { bytes: Buffer.from(r.base64, 'base64'), fileName: r.fileName, note: `${r.width}x${r.height} px` };
  }
  const format = args.format;
  const r: DataSnapshot = await page.evaluate(
    async ([f, inView]) => (await (window as unknown as PageWindow).__atlas.exports()).data(f, { inView }),
    [format, args.inView] as const,
  );
  return { bytes: Buffer.from(r.text, 'utf8'), fileName: r.fileName, note: `${r.count} features` };
}

/** Renders the video the --video options ask for with the page's own video export; logs its warnings. */
async function exportVideoOnce(page: Page, args: SnapshotArgs): Promise<{ bytes: Buffer; note: string }> {
  const v = args.video;
  if (!v) throw new Error('no --video');
  const options: Partial<VideoOptions> = {
    from: v.from,
    to: v.to,
    step: v.step,
    mode: v.mode,
    fps: v.fps,
    secondsPerStep: v.secondsPerStep,
    framesPerStep: v.framesPerStep,
    format: v.format,
    width: args.width,
    height: args.height,
    scale: args.scale,
    frame: 'zoom',
    title: args.title,
    time: args.time,
    legend: args.legend,
    legendPosition: args.legendPosition,
    scaleBar: args.scaleBar,
    attribution: args.attribution,
    sources: v.sources,
  };
  const r: VideoSnapshot = await page.evaluate(
    async (o) => (await (window as unknown as PageWindow).__atlas.exports()).video(o),
    options,
  );
  for (const w of r.warnings) log(`warning: ${w}`);
  const codec = { vp9: 'VP9', avc: 'H.264', av1: 'AV1', vp8: 'VP8' }[r.codec] ?? r.codec;
  const note = `${r.width}x${r.height} px, ${r.steps} steps, ${r.frames} frames, ${Number(r.duration.toFixed(3))} s at ${r.fps} fps, ${codec} in ${r.format === 'mp4' ? 'MP4' : 'WebM'}, ${r.bytes} bytes`;
  return { bytes: Buffer.from(r.base64, 'base64'), note };
}

function write(path: string, bytes: Buffer, note: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  process.stdout.write(`${path}\t${note}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: SnapshotArgs;
  try {
    args = parseSnapshotArgs(argv);
  } catch (e) {
    log(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!existsSync(CHROMIUM)) {
    log(`${CHROMIUM} is missing (apt-get install -y chromium, or bash scripts/ensure-chromium.sh)`);
    return 1;
  }
  const timeoutMs = args.timeoutS * 1000;
  let server: PreviewServer | null = null;
  let context: BrowserContext | null = null;
  // One temporary folder: the browser profile and the served copy of dist/.
  const temp = mkdtempSync(join(tmpdir(), 'atlas-snapshot-'));
  const profile = join(temp, 'profile');
  const errors: string[] = [];
  try {
    ensureBuilt(args.build);
    const served = await serve(join(temp, 'dist'));
    server = served.server;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: Math.round(args.width), height: Math.round(args.height) },
    });
    context.setDefaultTimeout(timeoutMs);
    const page = await openPage(context, `${served.base}index.html${args.hash}`, errors, timeoutMs);
    if (args.video) {
      const r = await exportVideoOnce(page, args);
      write(resolve(args.video.out), r.bytes, r.note);
    } else if (args.eachDay) {
      for (const day of daysOf(args.eachDay)) {
        await setDay(page, args.hash, day, timeoutMs);
        const r = await exportOnce(page, args);
        write(resolve(args.outDir as string, r.fileName), r.bytes, r.note);
      }
    } else {
      const r = await exportOnce(page, args);
      write(resolve(args.out ?? join(args.outDir ?? '.', r.fileName)), r.bytes, r.note);
    }
    if (errors.length) {
      log(`the page reported errors:\n  ${errors.join('\n  ')}`);
      return 1;
    }
    return 0;
  } catch (e) {
    log(`failed: ${e instanceof Error ? e.message : String(e)}`);
    if (errors.length) log(`page errors:\n  ${errors.join('\n  ')}`);
    return 1;
  } finally {
    await context?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
