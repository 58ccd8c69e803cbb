// At the edge, the fallback where VideoEncoder is missing: records the composed canvas in real time with MediaRecorder (may drop frames).
import type { VideoFormat } from './video-codecs';
import { videoBitrate } from './video-codecs';
import type { VideoWriter } from './video-encode';

/** The MediaRecorder type for a format, or null when this browser cannot record it. */
export function recorderMime(format: VideoFormat): string | null {
  if (typeof MediaRecorder !== 'function') return null;
  const types =
    format === 'mp4'
      ? ['video/mp4;codecs=avc1', 'video/mp4']
      : ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
  return types.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

/**
 * Records `canvas` (the frame the export composes there) with MediaRecorder: each frame is
 * pushed with requestFrame and held for 1/fps of real time. The recorder keeps its own clock, so
 * a slow page drops or stretches frames; the dialog says so.
 */
export function recordCanvas(canvas: HTMLCanvasElement, format: VideoFormat, fps: number): VideoWriter {
  const mimeType = recorderMime(format);
  if (!mimeType)
    throw new Error(`Video: this browser has neither WebCodecs nor a MediaRecorder for ${format.toUpperCase()}`);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, {
    mimeType,
    videoBitsPerSecond: videoBitrate(canvas.width, canvas.height, fps),
  });
  const parts: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size) parts.push(e.data);
  };
  recorder.start(1000);
  const frameMs = 1000 / fps;
  let next = performance.now();
  return {
    maxQueued: 0,
    async add() {
      track.requestFrame();
      next += frameMs;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    },
    finish() {
      return new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          for (const t of stream.getTracks()) t.stop();
          resolve(new Blob(parts, { type: mimeType.split(';')[0] }));
        };
        recorder.stop();
      });
    },
    async cancel() {
      if (recorder.state !== 'inactive') recorder.stop();
      for (const t of stream.getTracks()) t.stop();
    },
  };
}
