// The video formats and codecs: which codec each container prefers, WebCodecs codec strings, bitrates, and what this browser can encode.
export type VideoFormat = 'webm' | 'mp4';
export const VIDEO_FORMATS: readonly VideoFormat[] = ['webm', 'mp4'];
/** mediabunny's names for the codecs used here. */
export type VideoCodecName = 'vp9' | 'avc' | 'av1' | 'vp8';

/** Codecs tried for each container, best first: MP4 wants H.264 (plays everywhere); where it cannot be encoded, AV1 then VP9 in MP4. */
export const CODEC_PREFERENCE: Record<VideoFormat, readonly VideoCodecName[]> = {
  webm: ['vp9', 'av1', 'vp8'],
  mp4: ['avc', 'av1', 'vp9'],
};
export const CODEC_LABELS: Record<VideoCodecName, string> = { vp9: 'VP9', avc: 'H.264', av1: 'AV1', vp8: 'VP8' };
export const FORMAT_LABELS: Record<VideoFormat, string> = { webm: 'WebM', mp4: 'MP4' };

/** A bitrate for map graphics: ~0.1 bit per pixel per frame, within 0.5–40 Mbit/s. */
export function videoBitrate(width: number, height: number, fps: number): number {
  return Math.round(Math.min(40e6, Math.max(5e5, width * height * fps * 0.1)));
}

// Levels by picture size (luma samples) and bitrate, from the codecs' specifications (as mediabunny's tables).
const AVC_LEVELS: [number, number, number][] = [
  // [max macroblocks, max bitrate, level_idc]
  [396, 2e6, 0x15],
  [792, 4e6, 0x16],
  [1620, 4e6, 0x1e],
  [1620, 10e6, 0x1f],
  [3600, 14e6, 0x1f],
  [5120, 20e6, 0x20],
  [8192, 20e6, 0x28],
  [8192, 50e6, 0x2a],
  [22080, 135e6, 0x32],
  [36864, 240e6, 0x33],
  [139264, 240e6, 0x3c],
  [139264, 800e6, 0x3e],
];
const VP9_LEVELS: [number, number, number][] = [
  [36864, 200e3, 10],
  [73728, 800e3, 11],
  [122880, 1.8e6, 20],
  [245760, 3.6e6, 21],
  [552960, 7.2e6, 30],
  [983040, 12e6, 31],
  [2228224, 18e6, 40],
  [2228224, 30e6, 41],
  [8912896, 60e6, 50],
  [8912896, 120e6, 51],
  [8912896, 180e6, 52],
  [35651584, 180e6, 60],
  [35651584, 240e6, 61],
];
const AV1_LEVELS: [number, number, number][] = [
  [147456, 1.5e6, 0],
  [278784, 3e6, 1],
  [665856, 6e6, 4],
  [1065024, 10e6, 5],
  [2359296, 12e6, 8],
  [2359296, 20e6, 9],
  [8912896, 30e6, 12],
  [8912896, 40e6, 13],
  [8912896, 60e6, 14],
  [35651584, 60e6, 16],
  [35651584, 100e6, 17],
];

function levelFor(table: [number, number, number][], size: number, bitrate: number): number {
  return (table.find(([s, b]) => size <= s && bitrate <= b) ?? table[table.length - 1])[2];
}

/** The WebCodecs codec string for a codec at a size and bitrate (H.264 High, VP9 profile 0, AV1 Main, 8-bit). */
export function codecString(codec: VideoCodecName, width: number, height: number, bitrate: number): string {
  if (codec === 'avc') {
    const mbs = Math.ceil(width / 16) * Math.ceil(height / 16);
    return `avc1.6400${levelFor(AVC_LEVELS, mbs, bitrate).toString(16).padStart(2, '0')}`;
  }
  if (codec === 'vp9') return `vp09.00.${String(levelFor(VP9_LEVELS, width * height, bitrate)).padStart(2, '0')}.08`;
  if (codec === 'av1') return `av01.0.${String(levelFor(AV1_LEVELS, width * height, bitrate)).padStart(2, '0')}M.08`;
  return 'vp8';
}

/** The VideoEncoder configuration for a codec (MP4 wants H.264 as length-prefixed NAL units with a description). */
export function encoderConfig(
  codec: VideoCodecName,
  format: VideoFormat,
  width: number,
  height: number,
  fps: number,
): VideoEncoderConfig {
  const bitrate = videoBitrate(width, height, fps);
  const config: VideoEncoderConfig = {
    codec: codecString(codec, width, height, bitrate),
    width,
    height,
    bitrate,
    framerate: fps,
    latencyMode: 'quality',
  };
  if (codec === 'avc') config.avc = { format: format === 'mp4' ? 'avc' : 'annexb' };
  return config;
}

/** What an export will use: the codec and its configuration, and a note when it is not the format's first choice. */
export interface ChosenCodec {
  format: VideoFormat;
  codec: VideoCodecName;
  config: VideoEncoderConfig;
  /** '' for the format's first choice, else why another codec is used. */
  note: string;
}

/** True when this page can use WebCodecs' VideoEncoder (a secure context in a browser that has it). */
export function hasVideoEncoder(): boolean {
  return typeof VideoEncoder === 'function' && typeof VideoFrame === 'function';
}

/**
 * The first codec of the format's preference list that VideoEncoder says it can encode at this
 * size (isConfigSupported), or null when none can (or there is no VideoEncoder).
 */
export async function chooseCodec(
  format: VideoFormat,
  width: number,
  height: number,
  fps: number,
): Promise<ChosenCodec | null> {
  if (!hasVideoEncoder()) return null;
  const prefs = CODEC_PREFERENCE[format];
  for (const codec of prefs) {
    const config = encoderConfig(codec, format, width, height, fps);
    const ok = await VideoEncoder.isConfigSupported(config).then(
      (r) => r.supported === true,
      () => false,
    );
    if (!ok) continue;
    const note =
      codec === prefs[0]
        ? ''
        : `This browser cannot encode ${CODEC_LABELS[prefs[0]]} at ${width} × ${height}: the ${FORMAT_LABELS[format]} holds ${CODEC_LABELS[codec]} video instead${format === 'mp4' ? ' (plays in current browsers and VLC, not in every older player)' : ''}.`;
    return { format, codec, config, note };
  }
  return null;
}
