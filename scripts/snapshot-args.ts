// Pure: the snapshot script's command line — parsing, checks, days of --each-day, hashes, staleness of dist/.
import { formatIsoDay, parseIsoDay } from '../src/core/time/days.ts';
import type { Corner } from '../src/ui/export/layout.ts';
import type { ExportFormat } from '../src/ui/export/file-names.ts';
import type { VideoStep } from '../src/ui/export/video-steps.ts';
import type { VideoFormat } from '../src/ui/export/video-codecs.ts';
import type { WindowMode } from '../src/core/time/window.ts';

export const USAGE = `Usage: npm run snapshot -- [options]

Renders what the app shows at a URL hash to a PNG (the very image the Export dialog makes),
writes its features as GeoJSON or CSV, or (--video) renders its playback as a WebM or MP4 video. Builds the app if dist/ is missing or older than the
sources, serves it on 127.0.0.1 and drives headless Chromium (/usr/bin/chromium).

  --hash HASH            the app's URL hash, e.g. '#t=2024-11-25..2024-11-25&view=49,33,5'
  --width N --height N   image size in CSS pixels (default 1280 x 720)
  --scale S              pixels per CSS pixel (default 1; 2 makes 1920x1080 a 3840x2160 PNG);
                         lowered to the browser's WebGL limit if needed, with a warning
  --format F             png | geojson | csv (default: from --out's extension, else png)
  --out FILE             where to write (default: the export's own name, in --out-dir or here)
  --each-day FROM..TO    one file per day (t=DAY..DAY), named by day, into --out-dir
  --out-dir DIR          folder for --each-day, or for the default file name
  --title TEXT           title in the image (default "Conflict Atlas"); --no-title for none
  --legend-position P    bottom-left (default) | bottom-right | top-left | top-right | beside
                         (beside: in a column right of the map, covering none of it)
  --no-time --no-legend --no-scale-bar --no-attribution --no-sources
                         leave that caption out of the image
  --in-view              data formats: only features in the map's view
  --video FILE           a video of the playback instead: FILE.webm (VP9) or FILE.mp4 (H.264)
    --from DATE --to DATE  its period (ISO dates; default the hash's window, or the data's span)
    --step S             day (default) | week | month
    --mode M             window (default: each step alone) | cumulative
    --fps N              frames per second (default 30)
    --seconds-per-step S how long each step shows (default 0.5); or --frames-per-step N
    --video-format F     webm | mp4 (default: from FILE's extension)
    --sources            add the numbered source band (left out of videos by default)
  --no-build             use dist/ as it is
  --timeout S            give up after S seconds per file (default 180)
  -h, --help             this text`;

export interface SnapshotArgs {
  hash: string;
  width: number;
  height: number;
  scale: number;
  format: ExportFormat;
  out: string | null;
  outDir: string | null;
  eachDay: { from: string; to: string } | null;
  title: string | null;
  time: boolean;
  legend: boolean;
  legendPosition: Corner;
  scaleBar: boolean;
  attribution: boolean;
  sources: boolean;
  inView: boolean;
  build: boolean;
  timeoutS: number;
  help: boolean;
  /** Set by --video: a video of the playback rather than one image. */
  video: VideoArgs | null;
}

export interface VideoArgs {
  out: string;
  format: VideoFormat;
  from: string | null;
  to: string | null;
  step: VideoStep;
  mode: WindowMode;
  fps: number;
  secondsPerStep: number | null;
  framesPerStep: number | null;
  /** The numbered source band (off in videos unless --sources). */
  sources: boolean;
}

const CORNER_VALUES: readonly Corner[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left', 'beside'];
const FORMATS: readonly ExportFormat[] = ['png', 'geojson', 'csv'];
/** Longest --each-day run: five years of daily images. */
export const MAX_DAYS = 1830;

/** Parses argv (after the script name). Throws an Error whose message says what is wrong. */
export function parseSnapshotArgs(argv: readonly string[]): SnapshotArgs {
  const a: SnapshotArgs = {
    hash: '',
    width: 1280,
    height: 720,
    scale: 1,
    format: 'png',
    out: null,
    outDir: null,
    eachDay: null,
    title: 'Conflict Atlas',
    time: true,
    legend: true,
    legendPosition: 'bottom-left',
    scaleBar: true,
    attribution: true,
    sources: true,
    inView: false,
    build: true,
    timeoutS: 180,
    help: false,
    video: null,
  };
  let format: string | null = null;
  const v = {
    out: null as string | null,
    format: null as string | null,
    from: null as string | null,
    to: null as string | null,
    step: 'day',
    mode: 'window',
    fps: 30,
    seconds: null as number | null,
    frames: null as number | null,
    sources: false,
    used: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '-h':
      case '--help':
        a.help = true;
        break;
      case '--hash':
        a.hash = value();
        break;
      case '--width':
        a.width = positive(arg, value());
        break;
      case '--height':
        a.height = positive(arg, value());
        break;
      case '--scale':
        a.scale = positive(arg, value());
        break;
      case '--format':
        format = value();
        break;
      case '--out':
        a.out = value();
        break;
      case '--out-dir':
        a.outDir = value();
        break;
      case '--each-day':
        a.eachDay = dayRange(value());
        break;
      case '--title':
        a.title = value();
        break;
      case '--no-title':
        a.title = null;
        break;
      case '--no-time':
        a.time = false;
        break;
      case '--no-legend':
        a.legend = false;
        break;
      case '--legend-position': {
        const v = value();
        if (!(CORNER_VALUES as readonly string[]).includes(v))
          throw new Error(`--legend-position must be one of ${CORNER_VALUES.join(', ')}`);
        a.legendPosition = v as Corner;
        break;
      }
      case '--no-scale-bar':
        a.scaleBar = false;
        break;
      case '--no-attribution':
        a.attribution = false;
        break;
      case '--no-sources':
        a.sources = false;
        break;
      case '--in-view':
        a.inView = true;
        break;
      case '--no-build':
        a.build = false;
        break;
      case '--timeout':
        a.timeoutS = positive(arg, value());
        break;
      case '--video':
        v.out = value();
        break;
      case '--video-format':
        v.format = value();
        v.used.push(arg);
        break;
      case '--from':
        v.from = isoDay(arg, value());
        v.used.push(arg);
        break;
      case '--to':
        v.to = isoDay(arg, value());
        v.used.push(arg);
        break;
      case '--step':
        v.step = oneOf(arg, value(), ['day', 'week', 'month']);
        v.used.push(arg);
        break;
      case '--mode':
        v.mode = oneOf(arg, value(), ['window', 'cumulative']);
        v.used.push(arg);
        break;
      case '--fps':
        v.fps = positive(arg, value());
        v.used.push(arg);
        break;
      case '--seconds-per-step':
        v.seconds = positive(arg, value());
        v.used.push(arg);
        break;
      case '--frames-per-step':
        v.frames = positive(arg, value());
        v.used.push(arg);
        break;
      case '--sources':
        v.sources = true;
        v.used.push(arg);
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  if (a.help) return a;
  if (v.out === null) {
    if (v.used.length) throw new Error(`${v.used[0]} is a video option: give --video FILE.webm or FILE.mp4`);
  } else {
    const ext = /\.(webm|mp4)$/i.exec(v.out)?.[1]?.toLowerCase() ?? null;
    const vf = v.format ?? ext;
    if (vf !== 'webm' && vf !== 'mp4')
      throw new Error(`--video: the file must end in .webm or .mp4 (or give --video-format webm|mp4), not "${v.out}"`);
    if (a.eachDay || a.out || format)
      throw new Error('--video writes one video file: leave out --out, --format and --each-day');
    if (v.from && v.to && v.from > v.to) throw new Error(`--from ${v.from} is after --to ${v.to}`);
    if (v.fps > 120) throw new Error(`--fps must be at most 120, not ${v.fps}`);
    if (v.seconds !== null && v.frames !== null)
      throw new Error('give --seconds-per-step or --frames-per-step, not both');
    a.video = {
      out: v.out,
      format: vf,
      from: v.from,
      to: v.to,
      step: v.step as VideoStep,
      mode: v.mode as WindowMode,
      fps: v.fps,
      secondsPerStep: v.frames !== null ? null : (v.seconds ?? 0.5),
      framesPerStep: v.frames,
      sources: v.sources,
    };
    if (a.hash && !a.hash.startsWith('#')) a.hash = `#${a.hash}`;
    return a;
  }
  const fromExt = a.out ? (/\.(png|geojson|csv)$/i.exec(a.out)?.[1]?.toLowerCase() ?? null) : null;
  const chosen = format ?? fromExt ?? 'png';
  if (!(FORMATS as readonly string[]).includes(chosen))
    throw new Error(`--format must be png, geojson or csv, not "${chosen}"`);
  a.format = chosen as ExportFormat;
  if (a.eachDay && a.out) throw new Error('--each-day writes one file per day: give --out-dir, not --out');
  if (a.eachDay && !a.outDir) throw new Error('--each-day needs --out-dir');
  if (a.hash && !a.hash.startsWith('#')) a.hash = `#${a.hash}`;
  return a;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${text}"`);
  return n;
}

function isoDay(name: string, text: string): string {
  if (parseIsoDay(text) === null) throw new Error(`${name} must be an ISO date (YYYY-MM-DD), not "${text}"`);
  return text;
}

function oneOf(name: string, text: string, values: readonly string[]): string {
  if (!values.includes(text)) throw new Error(`${name} must be one of ${values.join(', ')}, not "${text}"`);
  return text;
}

function dayRange(text: string): { from: string; to: string } {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  const from = m ? parseIsoDay(m[1]) : null;
  const to = m ? parseIsoDay(m[2]) : null;
  if (!m || from === null || to === null)
    throw new Error(`--each-day must be FROM..TO with ISO dates, e.g. 2024-11-18..2024-11-25, not "${text}"`);
  if (from > to) throw new Error(`--each-day: ${m[1]} is after ${m[2]}`);
  if (to - from + 1 > MAX_DAYS) throw new Error(`--each-day: at most ${MAX_DAYS} days at once`);
  return { from: m[1], to: m[2] };
}

/** Every ISO day from..to inclusive. */
export function daysOf(range: { from: string; to: string }): string[] {
  const from = parseIsoDay(range.from) as number;
  const to = parseIsoDay(range.to) as number;
  const out: string[] = [];
  for (let d = from; d <= to; d++) out.push(formatIsoDay(d));
  return out;
}

/** The hash with its window set to day..day (`t` replaced or added), every other part kept. */
export function hashForDay(hash: string, day: string): string {
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p && !p.startsWith('t='));
  return `#${[`t=${day}..${day}`, ...parts].join('&')}`;
}

/** dist/ must be rebuilt when it has no index.html or any source file is newer than it. */
export function isStale(distMtimeMs: number | null, sourceMtimesMs: Iterable<number>): boolean {
  if (distMtimeMs === null) return true;
  for (const t of sourceMtimesMs) if (t > distMtimeMs) return true;
  return false;
}
