// At the edge: encodes canvas frames with WebCodecs' VideoEncoder as they are drawn and muxes them with mediabunny (WebM or MP4).
import {
  BufferTarget,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  WebMOutputFormat,
} from 'mediabunny';
import type { ChosenCodec } from './video-codecs';
import { abortError } from './tasks';

/** Frames queued in the encoder before `add` waits for it: keeps memory flat (a few frames, never the whole video). */
const MAX_QUEUE = 3;
/** A key frame every two seconds, so players can seek. */
const KEY_EVERY_S = 2;

export interface VideoWriter {
  /**
   * Encodes the canvas as frame `index` (timestamp index / fps); resolves once the encoder can take
   * more. `changed` false: the canvas holds the same picture as for the frame before (a step shown
   * for several frames), so the pixels read then are reused rather than read again.
   */
  add(canvas: HTMLCanvasElement, index: number, changed?: boolean): Promise<void>;
  /** Flushes the encoder, finishes the file and returns it. */
  finish(): Promise<Blob>;
  /** Stops and frees everything (after an error or a cancel). */
  cancel(): Promise<void>;
  /** The most frames that were ever waiting in the encoder (tests: memory stays flat). */
  readonly maxQueued: number;
}

export interface WriterOptions {
  chosen: ChosenCodec;
  fps: number;
  /** Frames in the video (MP4 reserves room for its index at the start, so it plays before it has downloaded). */
  frames: number;
}

/** A writer that encodes frames with WebCodecs and muxes them in memory (it attaches nothing to the page). */
export async function createVideoWriter(options: WriterOptions): Promise<VideoWriter> {
  const { chosen, fps, frames } = options;
  const target = new BufferTarget();
  const output = new Output({
    format: chosen.format === 'mp4' ? new Mp4OutputFormat({ fastStart: 'reserve' }) : new WebMOutputFormat(),
    target,
  });
  const source = new EncodedVideoPacketSource(chosen.codec);
  output.addVideoTrack(source, { frameRate: fps, maximumPacketCount: frames + 1 });
  await output.start();

  let failure: Error | null = null;
  // Packets go to the muxer in the order the encoder gives them; each add waits for the one before.
  let muxed: Promise<void> = Promise.resolve();
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      const packet = EncodedPacket.fromEncodedChunk(chunk);
      muxed = muxed
        .then(() => source.add(packet, meta))
        .catch((e: unknown) => {
          failure ??= e instanceof Error ? e : new Error(String(e));
        });
    },
    error: (e) => {
      failure ??= new Error(`Video: the encoder failed: ${e.message}`);
    },
  });
  encoder.configure(chosen.config);
  const keyEvery = Math.max(1, Math.round(fps * KEY_EVERY_S));
  const frameUs = 1e6 / fps;
  let maxQueued = 0;
  /** The step's picture, read from the canvas once and stamped for each of its frames. */
  let picture: VideoFrame | null = null;

  const dequeued = (): Promise<void> =>
    new Promise((resolve) => encoder.addEventListener('dequeue', () => resolve(), { once: true }));
  const check = (): void => {
    if (failure) throw failure;
  };

  return {
    get maxQueued() {
      return maxQueued;
    },
    async add(canvas, index, changed = true) {
      check();
      const timestamp = Math.round(index * frameUs);
      const timing = { timestamp, duration: Math.round((index + 1) * frameUs) - timestamp };
      if (changed || !picture) {
        picture?.close();
        picture = new VideoFrame(canvas, timing);
      }
      const frame = new VideoFrame(picture, timing);
      try {
        encoder.encode(frame, { keyFrame: index % keyEvery === 0 });
      } finally {
        frame.close();
      }
      maxQueued = Math.max(maxQueued, encoder.encodeQueueSize);
      // Backpressure: never more than a few frames waiting in the encoder.
      while (encoder.encodeQueueSize > MAX_QUEUE && !failure && encoder.state === 'configured') await dequeued();
      await muxed;
      check();
    },
    async finish() {
      picture?.close();
      picture = null;
      check();
      await encoder.flush();
      await muxed;
      check();
      encoder.close();
      await output.finalize();
      if (!target.buffer) throw new Error('Video: the muxer wrote nothing');
      return new Blob([target.buffer], { type: chosen.format === 'mp4' ? 'video/mp4' : 'video/webm' });
    },
    async cancel() {
      picture?.close();
      picture = null;
      failure ??= abortError();
      if (encoder.state !== 'closed') encoder.close();
      await output.cancel().catch(() => undefined);
    },
  };
}
