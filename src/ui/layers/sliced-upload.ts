// GPU buffers for big typed arrays, written a slice a frame: no one frame copies tens of MB for the GPU process to take in.
import type { Buffer, Device } from '@luma.gl/core';

/**
 * Bytes written a frame. At a million marks a point set's four buffers are ~28 MB; written in one
 * frame, `bufferSubData` held the page 83–151 ms and the GPU process stayed busy ~100 ms more
 * (software WebGL, bench/profile-longtasks.ts 1000000 geojson). Sets up to this size (a 300k
 * import's categories, the bundled data) are written at once, as before.
 */
export const UPLOAD_SLICE_BYTES = 4 << 20;

export interface SlicedUpload {
  /** The buffers, one per array, in order: their contents are complete once `done()`. */
  readonly buffers: Buffer[];
  done(): boolean;
  /** Writes up to `budget` more bytes. */
  step(budget?: number): void;
  /** Writes array `i` afresh (same length), whole and now; its slices still waiting are dropped. */
  replace(i: number, data: ArrayBufferView): void;
}

interface Waiting {
  i: number;
  bytes: Uint8Array;
  at: number;
}

/** Makes the buffers; writes everything now when it fits `budget`, else the first slice. */
export function startUpload(device: Device, arrays: ArrayBufferView[], budget = UPLOAD_SLICE_BYTES): SlicedUpload {
  const total = arrays.reduce((sum, a) => sum + a.byteLength, 0);
  if (total <= budget) {
    const buffers = arrays.map((data) => device.createBuffer({ data }));
    return { buffers, done: () => true, step: () => undefined, replace: (i, data) => buffers[i].write(data) };
  }
  const buffers = arrays.map((a) => device.createBuffer({ byteLength: a.byteLength }));
  let waiting: Waiting[] = arrays.map((a, i) => ({
    i,
    bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    at: 0,
  }));
  const upload: SlicedUpload = {
    buffers,
    done: () => waiting.length === 0,
    step(left = budget) {
      while (waiting.length && left > 0) {
        const w = waiting[0];
        // Whole 16-byte groups (every element of every array stays in one slice), the rest at the end.
        const n = Math.min(w.bytes.length - w.at, Math.max(16, left - (left % 16)));
        buffers[w.i].write(w.bytes.subarray(w.at, w.at + n), w.at);
        w.at += n;
        left -= n;
        if (w.at >= w.bytes.length) waiting.shift();
      }
    },
    replace(i, data) {
      waiting = waiting.filter((w) => w.i !== i);
      buffers[i].write(data);
    },
  };
  upload.step();
  return upload;
}
