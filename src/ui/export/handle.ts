// The scripting handle (`await window.__atlas.exports()`): the dialog's exports with results as plain data, for the snapshot script and tests.
import type { AtlasStore } from '../../app/store';
import type { MapView } from '../map/map-view';
import {
  DEFAULT_PNG_OPTIONS,
  exportData,
  exportPng,
  fileNameFor,
  maxExportSide,
  type DataOptions,
  type ImageBoxes,
  type PngOptions,
} from './exporter';
import type { ExportFormat } from './file-names';
import { DEFAULT_VIDEO_OPTIONS, exportVideo, type VideoOptions, type VideoResult } from './video-export';
import { chooseCodec, VIDEO_FORMATS, type VideoFormat } from './video-codecs';

export interface PngSnapshot {
  /** The PNG file, base64 (the bytes the dialog would save). */
  base64: string;
  fileName: string;
  width: number;
  height: number;
  scale: number;
  message: string;
  warnings: string[];
  zoom: number;
  boxes: ImageBoxes;
  probes: [number, number][];
}

export interface DataSnapshot {
  text: string;
  fileName: string;
  count: number;
}

/** A video as the dialog would save it, base64, with what it holds. */
export interface VideoSnapshot extends Omit<VideoResult, 'blob' | 'size'> {
  base64: string;
  bytes: number;
  scale: number;
}

export interface ExportHandle {
  /** Renders a PNG; options left out take the dialog's defaults. `probes`: lon/lat to locate in the image. */
  png(options?: Partial<PngOptions>, probes?: [number, number][]): Promise<PngSnapshot>;
  data(format: Exclude<ExportFormat, 'png'>, options?: Partial<DataOptions>): Promise<DataSnapshot>;
  fileName(format: ExportFormat, inView?: boolean): string;
  /** Largest image side (device px) WebGL allows here. */
  maxSide(): number;
  /** Renders a video; options left out take the dialog's defaults. */
  video(options?: Partial<VideoOptions>, probes?: [number, number][]): Promise<VideoSnapshot>;
  /** The codec each video format would use at a pixel size here (null: none can be encoded). */
  videoCodecs(width: number, height: number, fps?: number): Promise<Record<VideoFormat, string | null>>;
}

export function createExportHandle(store: AtlasStore, view: MapView | null): ExportHandle {
  return {
    async png(options = {}, probes = []) {
      if (!view) throw new Error('Export: the map is not running (no WebGL?), so there is no image to export');
      const r = await exportPng(store, view, { ...DEFAULT_PNG_OPTIONS, ...options }, { probes });
      return {
        base64: await toBase64(r.blob),
        fileName: r.fileName,
        width: r.width,
        height: r.height,
        scale: r.size.scale,
        message: r.message,
        warnings: r.warnings,
        zoom: r.zoom,
        boxes: r.boxes,
        probes: r.probes,
      };
    },
    async data(format, options = {}) {
      const r = await exportData(store, view, format, { inView: false, ...options });
      return { text: await r.blob.text(), fileName: r.fileName, count: r.count };
    },
    fileName: (format, inView = false) => fileNameFor(store, format, inView),
    maxSide: () => maxExportSide(),
    async video(options = {}, probes = []) {
      if (!view) throw new Error('Export: the map is not running (no WebGL?), so there is no video to export');
      const { blob, size, ...r } = await exportVideo(store, view, { ...DEFAULT_VIDEO_OPTIONS, ...options }, { probes });
      return { ...r, base64: await toBase64(blob), bytes: blob.size, scale: size.scale };
    },
    async videoCodecs(width, height, fps = 30) {
      const out = {} as Record<VideoFormat, string | null>;
      for (const f of VIDEO_FORMATS) out[f] = (await chooseCodec(f, width, height, fps))?.config.codec ?? null;
      return out;
    },
  };
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Export: could not read the file'));
    reader.readAsDataURL(blob);
  });
}
