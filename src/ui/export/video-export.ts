// The video export: each time step drawn at the target size as the PNG is (render-png), captions per step, encoded as drawn; progress, estimate, cancel.
import type { AtlasStore } from '../../app/store';
import { shownView, shownWindow } from '../../app/derived';
import type { Item } from '../../core/columnar/dataset';
import type { MapView } from '../map/map-view';
import { NATURAL_EARTH_ATTRIBUTION } from '../map/basemap-style';
import { formatIsoDay, parseIsoDay } from '../../core/time/days';
import type { DayRange, WindowMode } from '../../core/time/window';
import { exportFileName } from './file-names';
import { currentViewSize, maxExportSide, type PngOptions } from './exporter';
import { fitZoom, resolveSize, type ResolvedSize } from './size';
import { attributionText, legendRows, sourceEntries } from './legend-model';
import { numberedSources } from './selection';
import { layoutCaptions, scaleRect, type CaptionContent, type Rect } from './layout';
import { mountRender } from './render-png';
import { checkAborted, nextTask, type RunOptions } from './tasks';
import {
  checkFps,
  DEFAULT_FPS,
  evenVideoSize,
  formatSeconds,
  framesPerStep,
  totalFrames,
  unionWindow,
  videoSteps,
  type VideoStep,
} from './video-steps';
import {
  chooseCodec,
  CODEC_LABELS,
  FORMAT_LABELS,
  hasVideoEncoder,
  type ChosenCodec,
  type VideoFormat,
} from './video-codecs';
import type { VideoWriter } from './video-encode';
import { recordCanvas, recorderMime } from './video-recorder';

/** The video's options: the period and its steps, the timing, the size and the captions (as the PNG's). */
export interface VideoOptions extends Omit<PngOptions, 'sources'> {
  /** ISO dates, inclusive; null = the default period (the window's span, or the data's). */
  from: string | null;
  to: string | null;
  step: VideoStep;
  mode: WindowMode;
  fps: number;
  /** How long each step is shown; `framesPerStep` wins when set. */
  secondsPerStep: number | null;
  framesPerStep: number | null;
  format: VideoFormat;
  /** The numbered source list (default off: a band that takes the map's room; the attribution names the sources). */
  sources: boolean;
  /** 'auto': WebCodecs where the browser has it, else MediaRecorder; 'recorder': MediaRecorder always (tests). */
  encoder?: 'auto' | 'recorder';
}

export const DEFAULT_VIDEO_OPTIONS: VideoOptions = {
  from: null,
  to: null,
  step: 'day',
  mode: 'window',
  fps: DEFAULT_FPS,
  secondsPerStep: 0.5,
  framesPerStep: null,
  format: 'webm',
  width: 1920,
  height: 1080,
  scale: 1,
  frame: 'zoom',
  title: 'Conflict Atlas',
  time: true,
  legend: true,
  legendPosition: 'bottom-left',
  scaleBar: true,
  attribution: true,
  sources: false,
  encoder: 'auto',
};

export interface VideoResult {
  blob: Blob;
  fileName: string;
  format: VideoFormat;
  /** 'vp9', 'avc', … or the MediaRecorder type. */
  codec: string;
  encoder: 'webcodecs' | 'mediarecorder';
  width: number;
  height: number;
  size: ResolvedSize;
  fps: number;
  steps: number;
  framesPerStep: number;
  frames: number;
  /** Seconds. */
  duration: number;
  /** The steps' windows (ISO) and captions, in order. */
  captions: string[];
  windows: { from: string; to: string }[];
  warnings: string[];
  /** Most frames that waited in the encoder at once. */
  maxQueued: number;
  zoom: number;
  /** Image pixels of the `probes` asked for (lon/lat). */
  probes: [number, number][];
  /** Image-pixel box of the title and date caption (the same in every frame). */
  titleBox: Rect | null;
}

export interface VideoRun extends RunOptions {
  probes?: readonly [number, number][];
}

/** The period a video covers by default: the window's span when it is more than a day, else the data's. */
export function defaultVideoPeriod(store: AtlasStore): { from: string; to: string } {
  const s = store.getState();
  const win = shownWindow(s);
  const span = s.dataset?.span;
  const use = win.to > win.from || !span ? win : { from: span.start, to: span.end };
  return { from: formatIsoDay(use.from), to: formatIsoDay(use.to) };
}

/** The period as day numbers, checked: ISO dates, from ≤ to. */
export function videoPeriod(store: AtlasStore, options: Pick<VideoOptions, 'from' | 'to'>): DayRange {
  const d = defaultVideoPeriod(store);
  const fromText = options.from || d.from;
  const toText = options.to || d.to;
  const from = parseIsoDay(fromText);
  const to = parseIsoDay(toText);
  if (from === null) throw new Error(`Video: the start "${fromText}" is not a date (YYYY-MM-DD)`);
  if (to === null) throw new Error(`Video: the end "${toText}" is not a date (YYYY-MM-DD)`);
  if (from > to) throw new Error(`Video: the start ${fromText} is after the end ${toText}`);
  return { from, to };
}

/** The video's size: CSS size × scale, lowered to the WebGL limit, with even pixel sides. */
export function videoSize(
  options: Pick<VideoOptions, 'width' | 'height' | 'scale'>,
  maxSide: number,
): { size: ResolvedSize; message: string } {
  const first = resolveSize(options, maxSide);
  const even = evenVideoSize(first.width, first.height, first.scale);
  const size = even.changed
    ? resolveSize({ width: even.width, height: even.height, scale: first.scale }, maxSide)
    : first;
  const notes = [
    first.message,
    even.changed
      ? `Video sides must be even: the size is ${size.width} × ${size.height} CSS px (${size.pixelWidth} × ${size.pixelHeight} px).`
      : '',
  ];
  return { size, message: notes.filter(Boolean).join(' ') };
}

/** Renders and encodes the video the options describe from the store's data, layers, filters and the map's view. */
export async function exportVideo(
  store: AtlasStore,
  view: MapView,
  options: VideoOptions,
  run: VideoRun = {},
): Promise<VideoResult> {
  const { signal, onProgress } = run;
  const s = store.getState();
  const dataset = s.dataset;
  if (!dataset) throw new Error('Export: the data has not loaded yet');
  const fps = checkFps(options.fps);
  const period = videoPeriod(store, options);
  const steps = videoSteps(period, options.step, options.mode, dataset.span.start);
  const perStep = framesPerStep({ fps, secondsPerStep: options.secondsPerStep, framesPerStep: options.framesPerStep });
  const frames = totalFrames(steps.length, perStep);
  const maxSide = maxExportSide();
  const { size, message } = videoSize(options, maxSide);
  const warnings: string[] = message ? [message] : [];

  // How it is encoded: WebCodecs (every frame, exact timing) or, without it, MediaRecorder (real time).
  let chosen: ChosenCodec | null = null;
  if (options.encoder !== 'recorder') {
    chosen = await chooseCodec(options.format, size.pixelWidth, size.pixelHeight, fps);
    if (!chosen && hasVideoEncoder())
      throw new Error(
        `Video: this browser cannot encode ${FORMAT_LABELS[options.format]} video at ${size.pixelWidth} × ${size.pixelHeight} px; try the other format or a smaller size.`,
      );
    if (chosen?.note) warnings.push(chosen.note);
  }
  if (!chosen) {
    if (!recorderMime(options.format))
      throw new Error(
        `Video: this browser can encode no ${FORMAT_LABELS[options.format]} video (no WebCodecs VideoEncoder, no MediaRecorder for it).`,
      );
    warnings.push(
      'Recorded in real time with MediaRecorder (this browser has no WebCodecs VideoEncoder): the video may drop or stretch frames.',
    );
  }

  // The captions that stay: sources of every step together, a legend as wide as the widest step's.
  const union = unionWindow(steps) ?? period;
  const unionState = { dataset, window: union, mode: 'window' as const, layers: s.layers, filters: s.filters };
  const shownDefs = dataset.layers.filter((d) => s.layers.includes(d.key));
  const countsFor = (win: DayRange): Map<string, number> => {
    const per = shownView({ ...unionState, window: win }).perLayer;
    return new Map(shownDefs.map((d) => [d.key, per[dataset.layers.indexOf(d)] ?? 0]));
  };
  // Rows become items one at a time (none are kept), so a long period of a large dataset costs no memory here.
  const unionItems = function* (): Generator<Item> {
    for (const row of shownView(unionState).rows()) yield dataset.itemAt(row);
  };
  const sources = options.attribution || options.sources ? numberedSources(unionItems(), options.sources) : [];
  const title = options.title?.trim() ? options.title.trim() : null;
  const captionsFor = (caption: string, win: DayRange, legendMinWidth?: number): CaptionContent => ({
    title,
    time: options.time ? caption : null,
    legend: options.legend ? legendRows(shownDefs, countsFor(win)) : null,
    legendPosition: options.legendPosition,
    scaleBar: options.scaleBar,
    attribution: options.attribution ? attributionText(NATURAL_EARTH_ATTRIBUTION, sources, options.sources) : null,
    sources: options.sources ? sourceEntries(sources) : null,
    legendMinWidth,
  });

  const center = view.map.getCenter();
  const currentZoom = view.map.getZoom();
  const viewSize = currentViewSize(view);
  const source = view.exportSource();
  onProgress?.(0, 'Preparing the video');
  const session = await mountRender(
    {
      dataset,
      window: steps[0].window,
      layers: s.layers,
      filters: s.filters,
      center: { lon: center.lng, lat: center.lat },
      zoom: currentZoom,
      zoomFor: options.frame === 'extent' ? (mapSize) => fitZoom(currentZoom, viewSize, mapSize) : undefined,
      size,
      maxSide,
      // The widest legend any step can have: the counts of every step together are at least each step's.
      captions: captionsFor(steps[steps.length - 1].caption, union),
      basemap: source.basemap,
      places: source.places,
      palette: source.palette,
    },
    { signal },
  );
  let writer: VideoWriter | null = null;
  try {
    const legendMinWidth = session.layout.legend?.box.width;
    // The muxer (mediabunny) is its own chunk, loaded on the first video export only.
    writer = chosen
      ? await (await import('./video-encode')).createVideoWriter({ chosen, fps, frames })
      : recordCanvas(session.canvas, options.format, fps);
    const started = performance.now();
    let frameIndex = 0;
    let moved = false;
    for (let k = 0; k < steps.length; k++) {
      checkAborted(signal);
      const step = steps[k];
      const layout = layoutCaptions(
        size.width,
        size.height,
        captionsFor(step.caption, step.window, legendMinWidth),
        session.measure,
      );
      if (
        !moved &&
        (layout.map.width !== session.layout.map.width || layout.map.height !== session.layout.map.height)
      ) {
        moved = true;
        warnings.push('The captions of some steps did not fit the map’s first layout; the map keeps its first size.');
      }
      for (const w of await session.draw(step.window, layout, { signal })) if (!warnings.includes(w)) warnings.push(w);
      let lastYield = performance.now();
      for (let j = 0; j < perStep; j++) {
        checkAborted(signal);
        await writer.add(session.canvas, frameIndex++, j === 0);
        // Long steps (many frames) still let input and painting in every ~12 ms.
        if (performance.now() - lastYield > 12) {
          await nextTask();
          lastYield = performance.now();
        }
      }
      const elapsed = (performance.now() - started) / 1000;
      const left = (elapsed / (k + 1)) * (steps.length - k - 1);
      onProgress?.(
        0.97 * (frameIndex / frames),
        `Frame ${frameIndex} of ${frames} (step ${k + 1} of ${steps.length}: ${step.caption})${k + 1 < steps.length ? `, about ${formatSeconds(left)} left` : ''}`,
      );
      await nextTask();
    }
    checkAborted(signal);
    onProgress?.(0.98, `Finishing the ${FORMAT_LABELS[options.format]} file`);
    const blob = await writer.finish();
    const maxQueued = writer.maxQueued;
    writer = null;
    onProgress?.(1, 'Done');
    const fileName = exportFileName(
      {
        from: formatIsoDay(period.from),
        to: formatIsoDay(period.to),
        layers: s.layers,
        allLayers: dataset.layers.map((l) => l.key),
      },
      options.format,
    );
    return {
      blob,
      fileName,
      format: options.format,
      codec: chosen ? chosen.codec : (recorderMime(options.format) ?? ''),
      encoder: chosen ? 'webcodecs' : 'mediarecorder',
      width: size.pixelWidth,
      height: size.pixelHeight,
      size,
      fps,
      steps: steps.length,
      framesPerStep: perStep,
      frames,
      duration: frames / fps,
      captions: steps.map((st) => st.caption),
      windows: steps.map((st) => iso(st.window)),
      warnings,
      maxQueued,
      zoom: session.zoom,
      probes: session.probe(run.probes ?? []),
      titleBox: session.layout.title ? scaleRect(session.layout.title.box, size.scale) : null,
    };
  } finally {
    if (writer) await writer.cancel();
    session.destroy();
  }
}

/** "VP9 in WebM", "H.264 in MP4". */
export function describeCodec(r: Pick<VideoResult, 'codec' | 'format' | 'encoder'>): string {
  const label = r.codec in CODEC_LABELS ? CODEC_LABELS[r.codec as keyof typeof CODEC_LABELS] : r.codec;
  return `${label} in ${FORMAT_LABELS[r.format]}${r.encoder === 'mediarecorder' ? ' (MediaRecorder)' : ''}`;
}

function iso(win: DayRange): { from: string; to: string } {
  return { from: formatIsoDay(win.from), to: formatIsoDay(win.to) };
}
