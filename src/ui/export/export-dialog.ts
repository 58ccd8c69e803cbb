// The Export dialog (loaded on demand): PNG at any size and scale, GeoJSON and CSV; progress, cancel; independent of the app's page.
import './export-dialog.css';
import type { AtlasStore } from '../../app/store';
import { shallow } from 'zustand/vanilla/shallow';
import type { MapView } from '../map/map-view';
import { buildExportForm, type ExportForm } from './dialog-form';
import {
  currentViewSize,
  dataCounts,
  DEFAULT_PNG_OPTIONS,
  exportData,
  exportPng,
  fileNameFor,
  maxExportSide,
  type PngOptions,
} from './exporter';
import { EXPORT_FORMATS, type ExportFormat } from './file-names';
import { formatScale, resolveSize, sizeForAspect, type AspectPreset } from './size';
import type { Corner } from './layout';
import { download, formatBytes } from './download';
import { isAbortError, type RunOptions } from './tasks';
import { attachVideoTab } from './video-form';
import { describeCodec, exportVideo } from './video-export';
import { formatSeconds } from './video-steps';

export interface ExportDialogOptions {
  /** Defaults for the image options (e.g. the embed's title). */
  defaults?: Partial<PngOptions>;
  /** The element that opened the dialog, focused again when it closes (default: #export-button). */
  opener?: HTMLElement | null;
}

let current: ExportForm | null = null;

/**
 * Opens the Export dialog for the store's current state, or focuses it if already open. Resolves
 * once the dialog is shown. Needs nothing from the page but document.body: the embed uses it too.
 * `view` null (no WebGL) offers the data exports only.
 */
export async function openExportDialog(
  store: AtlasStore,
  view: MapView | null,
  options: ExportDialogOptions = {},
): Promise<void> {
  if (current) {
    current.dialog.focus();
    return;
  }
  // The toolbar disables its button while this code loads, so focus has left it: name it.
  const opener =
    options.opener ??
    document.getElementById('export-button') ??
    (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const viewSize = (): { width: number; height: number } =>
    view ? currentViewSize(view) : { width: 1280, height: 720 };
  const defaults: PngOptions = { ...DEFAULT_PNG_OPTIONS, ...viewSize(), ...options.defaults };
  const f = buildExportForm(defaults, view !== null);
  current = f;
  f.aspect.value = 'view';
  f.formats[view ? 'png' : 'csv'].checked = true;
  const maxSide = view ? maxExportSide() : 16384;
  let controller: AbortController | null = null;
  const video = attachVideoTab(f.video, store, maxSide);
  const isVideo = (): boolean => f.videoFormat.checked;
  // A video leaves the numbered source band out unless asked (the attribution names the sources), as the CLI does.
  let sourcesTouched = false;
  const onVideoChosen = (): void => {
    if (f.videoFormat.checked && !sourcesTouched) f.sources.checked = false;
  };
  const onSourcesTouched = (): void => {
    sourcesTouched = true;
  };

  const format = (): ExportFormat => EXPORT_FORMATS.find((k) => f.formats[k].checked) ?? 'png';
  const scaleValue = (): number => (f.scale.value === 'custom' ? Number(f.customScale.value) : Number(f.scale.value));
  const cssSize = (): { width: number; height: number } =>
    sizeForAspect(f.aspect.value as AspectPreset, viewSize(), {
      width: Number(f.width.value),
      height: Number(f.height.value),
    });
  const pngOptions = (): PngOptions => ({
    ...cssSize(),
    scale: scaleValue(),
    frame: f.fit.checked ? 'extent' : 'zoom',
    title: f.showTitle.checked ? f.title.value : null,
    time: f.time.checked,
    legend: f.legend.checked,
    legendPosition: f.legendPosition.value as Corner,
    scaleBar: f.scaleBar.checked,
    attribution: f.attribution.checked,
    sources: f.sources.checked,
  });

  const refresh = (): void => {
    const fmt = format();
    f.png.hidden = fmt !== 'png' || isVideo();
    f.captions.hidden = fmt !== 'png' && !isVideo();
    f.data.hidden = fmt === 'png' || isVideo();
    f.video.fieldset.hidden = !isVideo();
    if (isVideo()) video.refresh();
    const aspect = f.aspect.value as AspectPreset;
    const size = cssSize();
    if (aspect === 'view') f.width.value = String(size.width);
    if (aspect !== 'custom') f.height.value = String(size.height);
    f.width.readOnly = aspect === 'view';
    f.height.readOnly = aspect !== 'custom';
    f.customScaleLabel.hidden = f.scale.value !== 'custom';
    const resolved = resolveSize({ ...size, scale: scaleValue() }, maxSide);
    f.size.textContent = `Image: ${resolved.pixelWidth} × ${resolved.pixelHeight} px (${size.width} × ${size.height} CSS px at ${formatScale(resolved.scale)}).`;
    f.clamp.textContent = resolved.message;
    f.title.disabled = !f.showTitle.checked;
    f.legendPosition.disabled = !f.legend.checked;
    const counts = dataCounts(store, view);
    f.inView.disabled = counts.inView === null;
    f.dataCount.textContent = `${counts.all} ${counts.all === 1 ? 'feature' : 'features'} in the time window${counts.inView === null ? '' : `, ${counts.inView} of them in view`}.`;
    f.fileName.value = fileNameFor(store, fmt, fmt !== 'png' && f.inView.checked);
    f.go.textContent = `Export ${fmt === 'png' ? 'PNG' : fmt === 'csv' ? 'CSV' : 'GeoJSON'}`;
    if (isVideo()) {
      f.fileName.value = video.fileName();
      f.go.textContent = 'Export video';
    }
  };

  const setBusy = (busy: boolean): void => {
    for (const fs of f.form.querySelectorAll('fieldset')) fs.disabled = busy;
    f.go.disabled = busy;
    f.progressRow.hidden = !busy;
    f.cancel.textContent = busy ? 'Cancel export' : 'Close';
    if (!busy) f.progress.value = 0;
  };

  const onSubmit = (e: Event): void => {
    e.preventDefault();
    if (controller) return;
    const ctl = new AbortController();
    controller = ctl;
    setBusy(true);
    f.cancel.focus();
    f.error.textContent = '';
    const run: RunOptions = {
      signal: ctl.signal,
      onProgress: (p, message) => {
        f.progress.value = p;
        f.status.textContent = message;
      },
    };
    const fmt = format();
    if (isVideo() && view) {
      exportVideo(store, view, video.options(pngOptions()), run)
        .then((r) => {
          if (ctl.signal.aborted) return;
          download(r.blob, r.fileName);
          const note = r.warnings.length ? ` ${r.warnings.join(' ')}` : '';
          f.status.textContent = `Saved ${r.fileName} (${formatBytes(r.blob.size)}): ${r.steps} steps, ${r.frames} frames, ${formatSeconds(r.duration)}, ${r.width} × ${r.height} px, ${describeCodec(r)}.${note}`;
        })
        .catch(failed)
        .finally(done);
      return;
    }
    const job =
      fmt === 'png' && view
        ? exportPng(store, view, pngOptions(), run)
        : exportData(store, view, fmt === 'png' ? 'csv' : fmt, { inView: f.inView.checked }, run);
    job
      .then((result) => {
        if (ctl.signal.aborted) return;
        download(result.blob, result.fileName);
        const note = 'warnings' in result && result.warnings.length ? ` ${result.warnings.join(' ')}` : '';
        f.status.textContent = `Saved ${result.fileName} (${formatBytes(result.blob.size)}).${note}`;
      })
      .catch(failed)
      .finally(done);

    function failed(err: unknown): void {
      if (isAbortError(err)) {
        f.status.textContent = 'Export cancelled.';
        return;
      }
      console.warn('Export failed', err);
      f.error.textContent = `The export failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    function done(): void {
      if (controller === ctl) controller = null;
      if (current === f) {
        setBusy(false);
        f.go.focus();
      }
    }
  };
  const onCancelButton = (): void => {
    if (controller) controller.abort();
    else f.dialog.close();
  };
  const onClose = (): void => f.dialog.close();
  // Escape: stop a running export, then let the dialog close.
  const onEscape = (): void => controller?.abort();
  const onClosed = (): void => {
    controller?.abort();
    controller = null;
    unsubscribe();
    unlistenCamera();
    f.videoFormat.removeEventListener('change', onVideoChosen);
    f.sources.removeEventListener('change', onSourcesTouched);
    f.form.removeEventListener('submit', onSubmit);
    f.form.removeEventListener('input', refresh);
    f.form.removeEventListener('change', refresh);
    f.cancel.removeEventListener('click', onCancelButton);
    f.close.removeEventListener('click', onClose);
    f.dialog.removeEventListener('cancel', onEscape);
    f.dialog.removeEventListener('close', onClosed);
    f.dialog.remove();
    current = null;
    if (opener?.isConnected) opener.focus();
  };
  const unsubscribe = store.subscribe(
    (s) => [s.window, s.mode, s.layers, s.dataset],
    () => refresh(),
    { equalityFn: shallow },
  );
  const unlistenCamera = store.getState().camera.onMove(refresh); // the count of features in view
  f.videoFormat.addEventListener('change', onVideoChosen);
  f.sources.addEventListener('change', onSourcesTouched);
  f.form.addEventListener('submit', onSubmit);
  f.form.addEventListener('input', refresh);
  f.form.addEventListener('change', refresh);
  f.cancel.addEventListener('click', onCancelButton);
  f.close.addEventListener('click', onClose);
  f.dialog.addEventListener('cancel', onEscape);
  f.dialog.addEventListener('close', onClosed);

  refresh();
  document.body.append(f.dialog);
  f.dialog.showModal();
  f.formats[format()].focus();
}
