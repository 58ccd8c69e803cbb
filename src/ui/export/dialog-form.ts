// The Export dialog's form: its elements, built with DOM nodes (text via textContent only).
import { el } from '../controls/control';
import { ASPECT_LABELS, ASPECT_PRESETS, SCALE_PRESETS, type AspectPreset } from './size';
import { CORNERS, type Corner } from './layout';
import { EXPORT_FORMATS, type ExportFormat } from './file-names';
import type { PngOptions } from './exporter';
import { buildVideoForm, type VideoForm } from './video-form';

const FORMAT_LABELS: Record<ExportFormat, string> = { png: 'PNG image', geojson: 'GeoJSON data', csv: 'CSV data' };
export const CORNER_LABELS: Record<Corner, string> = {
  'top-right': 'top right',
  'top-left': 'top left',
  'bottom-right': 'bottom right',
  'bottom-left': 'bottom left',
  beside: 'beside the map',
};

/** Every control the dialog reads or updates. */
export interface ExportForm {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  close: HTMLButtonElement;
  formats: Record<ExportFormat, HTMLInputElement>;
  /** The "Video" choice beside the formats, and its section. */
  videoFormat: HTMLInputElement;
  video: VideoForm;
  png: HTMLFieldSetElement;
  captions: HTMLFieldSetElement;
  data: HTMLFieldSetElement;
  aspect: HTMLSelectElement;
  width: HTMLInputElement;
  height: HTMLInputElement;
  scale: HTMLSelectElement;
  customScale: HTMLInputElement;
  customScaleLabel: HTMLElement;
  size: HTMLElement;
  clamp: HTMLElement;
  showTitle: HTMLInputElement;
  title: HTMLInputElement;
  time: HTMLInputElement;
  legend: HTMLInputElement;
  legendPosition: HTMLSelectElement;
  scaleBar: HTMLInputElement;
  attribution: HTMLInputElement;
  sources: HTMLInputElement;
  fit: HTMLInputElement;
  inView: HTMLInputElement;
  dataCount: HTMLElement;
  fileName: HTMLOutputElement;
  progressRow: HTMLElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  error: HTMLElement;
  cancel: HTMLButtonElement;
  go: HTMLButtonElement;
}

export function buildExportForm(defaults: PngOptions, pngAvailable: boolean): ExportForm {
  const dialog = el('dialog', { id: 'export-dialog', class: 'export-dialog', 'aria-labelledby': 'export-heading' });
  const form = el('form', { class: 'export-form', novalidate: '' });
  const close = el('button', { type: 'button', class: 'export-close', 'aria-label': 'Close the export dialog' }, '×');
  const head = el('div', { class: 'export-head' });
  head.append(el('h2', { id: 'export-heading' }, 'Export'), close);

  const what = el('fieldset', { class: 'export-formats' });
  what.append(el('legend', {}, 'What to export'));
  const formats = {} as Record<ExportFormat, HTMLInputElement>;
  for (const f of EXPORT_FORMATS) {
    const radio = el('input', { type: 'radio', name: 'format', value: f, id: `export-format-${f}` });
    if (f === 'png' && !pngAvailable) radio.disabled = true;
    formats[f] = radio;
    what.append(check(radio, FORMAT_LABELS[f]));
  }
  const videoFormat = el('input', { type: 'radio', name: 'format', value: 'video', id: 'export-format-video' });
  videoFormat.disabled = !pngAvailable;
  what.append(check(videoFormat, 'Video (WebM, MP4)'));
  const video = buildVideoForm();

  // Image size
  const png = el('fieldset', { class: 'export-png' });
  png.id = 'export-png';
  png.append(el('legend', {}, 'Image size'));
  const aspect = el('select', { id: 'export-aspect', name: 'aspect' });
  for (const a of ASPECT_PRESETS) aspect.append(el('option', { value: a }, ASPECT_LABELS[a as AspectPreset]));
  const width = el('input', {
    id: 'export-width',
    name: 'width',
    type: 'number',
    min: '100',
    max: '16384',
    step: '1',
    inputmode: 'numeric',
  });
  const height = el('input', {
    id: 'export-height',
    name: 'height',
    type: 'number',
    min: '100',
    max: '16384',
    step: '1',
    inputmode: 'numeric',
  });
  const scale = el('select', { id: 'export-scale', name: 'scale' });
  for (const s of SCALE_PRESETS) scale.append(el('option', { value: String(s) }, `${s}×`));
  scale.append(el('option', { value: 'custom' }, 'Custom…'));
  const customScale = el('input', {
    id: 'export-custom-scale',
    name: 'customScale',
    type: 'number',
    min: '0.25',
    max: '16',
    step: '0.25',
    value: '3',
  });
  const customScaleLabel = labelled('Custom scale', customScale);
  const grid = el('div', { class: 'export-grid' });
  grid.append(
    labelled('Aspect ratio', aspect),
    labelled('Width (CSS px)', width),
    labelled('Height (CSS px)', height),
    labelled('Scale', scale),
    customScaleLabel,
  );
  const size = el('p', { class: 'export-size', id: 'export-size' });
  const clamp = el('p', { class: 'export-clamp', id: 'export-clamp', role: 'status' });
  png.append(
    grid,
    size,
    clamp,
    el(
      'p',
      { class: 'export-note' },
      'The map is drawn again at this size, so lines and text stay sharp at any scale.',
    ),
  );

  // Captions
  const captions = el('fieldset', { class: 'export-captions' });
  captions.append(el('legend', {}, 'In the image'));
  const showTitle = el('input', { type: 'checkbox', id: 'export-show-title', name: 'showTitle' });
  const title = el('input', {
    type: 'text',
    id: 'export-title',
    name: 'title',
    maxlength: '200',
    'aria-label': 'Title text',
  });
  const time = el('input', { type: 'checkbox', id: 'export-time', name: 'time' });
  const legend = el('input', { type: 'checkbox', id: 'export-legend', name: 'legend' });
  const legendPosition = el('select', {
    id: 'export-legend-position',
    name: 'legendPosition',
    'aria-label': 'Legend position',
  });
  for (const c of CORNERS) legendPosition.append(el('option', { value: c }, CORNER_LABELS[c]));
  const scaleBar = el('input', { type: 'checkbox', id: 'export-scale-bar', name: 'scaleBar' });
  const attribution = el('input', { type: 'checkbox', id: 'export-attribution', name: 'attribution' });
  const sources = el('input', { type: 'checkbox', id: 'export-sources', name: 'sources' });
  const fit = el('input', { type: 'checkbox', id: 'export-fit', name: 'fit' });
  // The text field and the position menu sit beside their checkbox's label, not inside it.
  const titleRow = el('div', { class: 'export-row' });
  titleRow.append(check(showTitle, 'Title'), title);
  const legendRow = el('div', { class: 'export-row' });
  legendRow.append(check(legend, 'Legend'), legendPosition);
  const options = el('div', { class: 'export-options' });
  options.append(
    titleRow,
    check(time, 'Time window'),
    legendRow,
    check(scaleBar, 'Scale bar'),
    check(attribution, 'Attribution (Natural Earth, the data’s sources)'),
    check(sources, 'Numbered source list'),
    check(fit, 'Keep the area the map shows now (adjusts the zoom)'),
  );
  captions.append(options);

  // Data
  const data = el('fieldset', { class: 'export-data' });
  data.append(el('legend', {}, 'Data'));
  const inView = el('input', { type: 'checkbox', id: 'export-in-view', name: 'inView' });
  const dataCount = el('p', { class: 'export-note', id: 'export-data-count' });
  data.append(
    check(inView, 'Only features in the map’s view'),
    dataCount,
    el(
      'p',
      { class: 'export-note' },
      'Every feature in the time window on the layers shown, with every property. CSV: points as lon/lat, other shapes as WKT, sources in one column; a text cell starting with = + - or @ gets a leading apostrophe so spreadsheets do not run it as a formula (GeoJSON keeps the text as it is).',
    ),
  );

  const fileName = el('output', { id: 'export-file-name', name: 'fileName' });
  const file = el('p', { class: 'export-file' }, 'File: ');
  file.append(fileName);
  const progress = el('progress', { max: '1', value: '0', 'aria-labelledby': 'export-status' });
  const progressRow = el('div', { class: 'export-progress' });
  progressRow.hidden = true;
  progressRow.append(progress);
  const status = el('p', { class: 'export-status', id: 'export-status', role: 'status', 'aria-live': 'polite' });
  const error = el('p', { class: 'export-error', role: 'alert' });
  const cancel = el('button', { type: 'button', class: 'export-cancel' }, 'Close');
  const go = el('button', { type: 'submit', class: 'export-go', id: 'export-go' }, 'Export');
  const buttons = el('div', { class: 'export-buttons' });
  buttons.append(cancel, go);

  form.append(head, what, png, video.fieldset, captions, data, file, progressRow, status, error, buttons);
  dialog.append(form);

  // Defaults
  width.value = String(defaults.width);
  height.value = String(defaults.height);
  scale.value = SCALE_PRESETS.includes(defaults.scale) ? String(defaults.scale) : 'custom';
  customScale.value = String(defaults.scale);
  showTitle.checked = Boolean(defaults.title);
  title.value = defaults.title ?? '';
  time.checked = defaults.time;
  legend.checked = defaults.legend;
  legendPosition.value = defaults.legendPosition;
  scaleBar.checked = defaults.scaleBar;
  attribution.checked = defaults.attribution;
  sources.checked = defaults.sources;
  fit.checked = defaults.frame === 'extent';

  return {
    dialog,
    form,
    close,
    formats,
    videoFormat,
    video,
    png,
    captions,
    data,
    aspect,
    width,
    height,
    scale,
    customScale,
    customScaleLabel,
    size,
    clamp,
    showTitle,
    title,
    time,
    legend,
    legendPosition,
    scaleBar,
    attribution,
    sources,
    fit,
    inView,
    dataCount,
    fileName,
    progressRow,
    progress,
    status,
    error,
    cancel,
    go,
  };
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = el('label', { class: 'export-labelled' });
  label.append(el('span', {}, text), control);
  return label;
}

function check(input: HTMLInputElement, text: string): HTMLElement {
  const label = el('label', { class: 'export-check' });
  label.append(input, el('span', {}, text));
  return label;
}
