// The Export dialog's Video section: period, step, window, timing, size, format; its summary line and what this browser can encode.
import { el } from '../controls/control';
import type { AtlasStore } from '../../app/store';
import { parseIsoDay, formatIsoDay } from '../../core/time/days';
import type { WindowMode } from '../../core/time/window';
import type { PngOptions } from './exporter';
import { exportFileName } from './file-names';
import { formatScale } from './size';
import { DEFAULT_VIDEO_OPTIONS, defaultVideoPeriod, videoSize, type VideoOptions } from './video-export';
import {
  CODEC_LABELS,
  chooseCodec,
  FORMAT_LABELS,
  hasVideoEncoder,
  VIDEO_FORMATS,
  type VideoCodecName,
  type VideoFormat,
} from './video-codecs';
import { recorderMime } from './video-recorder';
import {
  DEFAULT_FPS,
  formatSeconds,
  framesPerStep,
  MAX_VIDEO_FRAMES,
  stepCount,
  VIDEO_STEPS,
  type VideoStep,
} from './video-steps';

/** Size presets in CSS px (× the scale for the video's pixels): square, landscape and vertical social video. */
export const VIDEO_SIZES: { value: string; label: string; width: number; height: number }[] = [
  { value: '1920x1080', label: '1920 × 1080 (landscape, 16:9)', width: 1920, height: 1080 },
  { value: '1080x1080', label: '1080 × 1080 (square)', width: 1080, height: 1080 },
  { value: '1080x1920', label: '1080 × 1920 (vertical, 9:16)', width: 1080, height: 1920 },
  { value: 'custom', label: 'Custom', width: 0, height: 0 },
];
const STEP_LABELS: Record<VideoStep, string> = { day: 'a day', week: 'a week', month: 'a month' };

export interface VideoForm {
  fieldset: HTMLFieldSetElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  step: HTMLSelectElement;
  mode: HTMLSelectElement;
  timing: HTMLSelectElement;
  perStep: HTMLInputElement;
  size: HTMLSelectElement;
  width: HTMLInputElement;
  height: HTMLInputElement;
  scale: HTMLSelectElement;
  format: HTMLSelectElement;
  summary: HTMLElement;
  codec: HTMLElement;
}

export function buildVideoForm(): VideoForm {
  const fieldset = el('fieldset', { class: 'export-video', id: 'export-video' });
  fieldset.append(el('legend', {}, 'Video'));
  const from = el('input', { type: 'date', id: 'video-from', name: 'videoFrom', required: '' });
  const to = el('input', { type: 'date', id: 'video-to', name: 'videoTo', required: '' });
  const step = el('select', { id: 'video-step', name: 'videoStep' });
  for (const s of VIDEO_STEPS) step.append(el('option', { value: s }, STEP_LABELS[s]));
  const mode = el('select', { id: 'video-mode', name: 'videoMode' });
  mode.append(
    el('option', { value: 'window' }, 'Moving (one step)'),
    el('option', { value: 'cumulative' }, 'Cumulative'),
  );
  const timing = el('select', { id: 'video-timing', name: 'videoTiming', 'aria-label': 'Step length in' });
  timing.append(
    el('option', { value: 'seconds' }, 'Seconds'),
    el('option', { value: 'frames' }, `Frames (${DEFAULT_FPS} fps)`),
  );
  const perStep = el('input', {
    type: 'number',
    id: 'video-per-step',
    name: 'videoPerStep',
    min: '0.033',
    step: 'any',
    value: '0.5',
    inputmode: 'decimal',
    'aria-label': 'Seconds or frames per step',
  });
  const size = el('select', { id: 'video-size', name: 'videoSize' });
  for (const s of VIDEO_SIZES) size.append(el('option', { value: s.value }, s.label));
  const width = el('input', {
    type: 'number',
    id: 'video-width',
    name: 'videoWidth',
    min: '100',
    max: '8192',
    step: '2',
    inputmode: 'numeric',
  });
  const height = el('input', {
    type: 'number',
    id: 'video-height',
    name: 'videoHeight',
    min: '100',
    max: '8192',
    step: '2',
    inputmode: 'numeric',
  });
  const scale = el('select', { id: 'video-scale', name: 'videoScale' });
  scale.append(el('option', { value: '1' }, '1×'), el('option', { value: '2' }, '2×'));
  const format = el('select', { id: 'video-format', name: 'videoFormat' });
  format.append(el('option', { value: 'webm' }, 'WebM (VP9)'), el('option', { value: 'mp4' }, 'MP4 (H.264)'));
  const grid = el('div', { class: 'export-grid' });
  grid.append(
    labelled('From', from),
    labelled('To', to),
    labelled('Step', step),
    labelled('Window', mode),
    labelled('Step length', timing),
    labelled('Per step', perStep),
    labelled('Size (CSS px)', size),
    labelled('Width', width),
    labelled('Height', height),
    labelled('Scale', scale),
    labelled('Format', format),
  );
  const summary = el('p', { class: 'export-size', id: 'video-summary', role: 'status' });
  const codec = el('p', { class: 'export-note', id: 'video-codec', 'aria-live': 'polite' });
  fieldset.append(
    grid,
    summary,
    codec,
    el(
      'p',
      { class: 'export-note' },
      'Every frame is drawn at this size as the PNG is, with the captions below burnt in and the date changing step by step; nothing is screen-recorded.',
    ),
  );

  const d = DEFAULT_VIDEO_OPTIONS;
  step.value = d.step;
  mode.value = d.mode;
  size.value = `${d.width}x${d.height}`;
  width.value = String(d.width);
  height.value = String(d.height);
  scale.value = String(d.scale);
  format.value = d.format;
  return { fieldset, from, to, step, mode, timing, perStep, size, width, height, scale, format, summary, codec };
}

/** The Video section's behaviour: its defaults from the store, its summary, the codec line, its options. */
export interface VideoTab {
  refresh(): void;
  options(captions: PngOptions): VideoOptions;
  fileName(): string;
}

export function attachVideoTab(v: VideoForm, store: AtlasStore, maxSide: number): VideoTab {
  const period = defaultVideoPeriod(store);
  v.from.value = period.from;
  v.to.value = period.to;
  const span = store.getState().dataset?.span;
  if (span) {
    for (const input of [v.from, v.to]) {
      input.min = formatIsoDay(span.start);
      input.max = formatIsoDay(span.end);
    }
  }
  let codecKey = '';
  let codecSeq = 0;

  const cssSize = (): { width: number; height: number } => {
    const preset = VIDEO_SIZES.find((s) => s.value === v.size.value);
    if (preset && preset.value !== 'custom') return { width: preset.width, height: preset.height };
    return { width: Number(v.width.value) || 0, height: Number(v.height.value) || 0 };
  };
  const timing = (): { fps: number; secondsPerStep: number | null; framesPerStep: number | null } => {
    const n = Number(v.perStep.value);
    return v.timing.value === 'frames'
      ? { fps: DEFAULT_FPS, secondsPerStep: null, framesPerStep: n }
      : { fps: DEFAULT_FPS, secondsPerStep: n, framesPerStep: null };
  };

  const showCodecs = (pw: number, ph: number): void => {
    const key = `${pw}x${ph}`;
    if (key === codecKey) return;
    codecKey = key;
    if (!hasVideoEncoder()) {
      const formats = VIDEO_FORMATS.filter((f) => recorderMime(f));
      v.codec.textContent = `This browser has no WebCodecs VideoEncoder: the video is recorded in real time with MediaRecorder (${formats.map((f) => FORMAT_LABELS[f]).join(', ') || 'no format'}) and may drop frames.`;
      for (const o of v.format.options) o.disabled = !formats.includes(o.value as VideoFormat);
      return;
    }
    const seq = ++codecSeq;
    v.codec.textContent = 'Checking what this browser can encode…';
    void Promise.all(VIDEO_FORMATS.map((f) => chooseCodec(f, pw, ph, DEFAULT_FPS))).then((chosen) => {
      if (seq !== codecSeq) return;
      const parts = VIDEO_FORMATS.map((f, i) => {
        const c = chosen[i];
        const option = v.format.options[i];
        option.disabled = !c;
        option.textContent = `${FORMAT_LABELS[f]} (${c ? CODEC_LABELS[c.codec as VideoCodecName] : 'not available'})`;
        return c
          ? c.note || `${FORMAT_LABELS[f]}: ${CODEC_LABELS[c.codec]}.`
          : `${FORMAT_LABELS[f]}: this browser can encode none of its codecs at ${pw} × ${ph}.`;
      });
      v.codec.textContent = `Encoded with WebCodecs. ${parts.join(' ')}`;
    });
  };

  const refresh = (): void => {
    const custom = v.size.value === 'custom';
    const css = cssSize();
    if (!custom) {
      v.width.value = String(css.width);
      v.height.value = String(css.height);
    }
    v.width.readOnly = !custom;
    v.height.readOnly = !custom;
    v.perStep.step = v.timing.value === 'frames' ? '1' : 'any';
    const { size, message } = videoSize({ ...css, scale: Number(v.scale.value) }, maxSide);
    const from = parseIsoDay(v.from.value);
    const to = parseIsoDay(v.to.value);
    const problems: string[] = [];
    let detail = '';
    if (from === null || to === null) problems.push('Give the period as two dates.');
    else if (from > to) problems.push('The period’s start is after its end.');
    else {
      const steps = stepCount({ from, to }, v.step.value as VideoStep);
      const t = timing();
      const per = framesPerStep(t);
      const frames = steps * per;
      detail = `${steps} ${steps === 1 ? 'step' : 'steps'} × ${per} ${per === 1 ? 'frame' : 'frames'} = ${frames} frames, ${formatSeconds(frames / t.fps)} at ${t.fps} fps`;
      if (frames > MAX_VIDEO_FRAMES)
        problems.push(
          `That is more than ${MAX_VIDEO_FRAMES} frames: use fewer frames per step, a longer step or a shorter period.`,
        );
    }
    v.summary.textContent =
      `${detail ? `${detail}; ` : ''}${size.pixelWidth} × ${size.pixelHeight} px (${size.width} × ${size.height} CSS px at ${formatScale(size.scale)}). ${message} ${problems.join(' ')}`.trim();
    showCodecs(size.pixelWidth, size.pixelHeight);
  };

  return {
    refresh,
    options(captions) {
      return {
        ...captions,
        ...cssSize(),
        scale: Number(v.scale.value),
        ...timing(),
        from: v.from.value || null,
        to: v.to.value || null,
        step: v.step.value as VideoStep,
        mode: v.mode.value as WindowMode,
        format: v.format.value as VideoFormat,
      };
    },
    fileName() {
      const s = store.getState();
      return exportFileName(
        {
          from: v.from.value || period.from,
          to: v.to.value || period.to,
          layers: s.layers,
          allLayers: s.dataset?.layers.map((l) => l.key),
        },
        v.format.value as VideoFormat,
      );
    },
  };
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = el('label', { class: 'export-labelled' });
  label.append(el('span', {}, text), control);
  return label;
}
