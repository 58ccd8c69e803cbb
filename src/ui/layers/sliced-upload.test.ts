// startUpload: small arrays written at once; big ones a slice at a time, every byte once, in order; a replaced array written whole.
import { describe, expect, it } from 'vitest';
import type { Device } from '@luma.gl/core';
import { startUpload } from './sliced-upload';

/** A stand-in device whose buffers keep their bytes and log each write. */
function fakeDevice() {
  const log: string[] = [];
  const buffers: Uint8Array[] = [];
  const device = {
    createBuffer: ({ data, byteLength }: { data?: ArrayBufferView; byteLength?: number }) => {
      const id = buffers.length;
      const bytes = new Uint8Array(data ? data.byteLength : (byteLength as number));
      if (data) bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      buffers.push(bytes);
      log.push(data ? `create#${id} with data` : `create#${id} empty`);
      return {
        write: (d: ArrayBufferView, at = 0) => {
          bytes.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
          log.push(`write#${id} ${at}+${d.byteLength}`);
        },
      };
    },
  } as unknown as Device;
  return { device, log, buffers };
}

const arrays = (): [Float32Array, Uint8Array] => [
  Float32Array.from({ length: 100 }, (_, i) => i + 0.5),
  Uint8Array.from({ length: 40 }, (_, i) => i),
];
const bytesOf = (a: ArrayBufferView): number[] => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)];

describe('startUpload', () => {
  it('writes arrays that fit the budget at once, with their data', () => {
    const { device, log, buffers } = fakeDevice();
    const up = startUpload(device, arrays(), 1000);
    expect(up.done()).toBe(true);
    expect(log).toEqual(['create#0 with data', 'create#1 with data']);
    expect([...buffers[1]]).toEqual(bytesOf(arrays()[1]));
  });

  it('writes big arrays a budget of bytes a step, each byte once, until done', () => {
    const { device, log, buffers } = fakeDevice();
    const up = startUpload(device, arrays(), 96); // 440 bytes in all
    expect(log.slice(0, 3)).toEqual(['create#0 empty', 'create#1 empty', 'write#0 0+96']);
    let steps = 1;
    while (!up.done() && steps < 20) {
      up.step(96);
      steps++;
    }
    expect(up.done()).toBe(true);
    expect(steps).toBe(5); // 400 + 40 bytes, 96 a step
    expect([...buffers[0]]).toEqual(bytesOf(arrays()[0]));
    expect([...buffers[1]]).toEqual(bytesOf(arrays()[1]));
    // Every slice starts where the one before ended.
    const writes = log.filter((l) => l.startsWith('write#0')).map((l) => l.split(' ')[1].split('+').map(Number));
    for (let i = 0; i < writes.length; i++)
      expect(writes[i][0]).toBe(i === 0 ? 0 : writes[i - 1][0] + writes[i - 1][1]);
  });

  it('writes a replaced array whole and drops its slices still waiting', () => {
    const { device, log, buffers } = fakeDevice();
    const up = startUpload(device, arrays(), 96);
    const fresh = Uint8Array.from({ length: 40 }, () => 7);
    up.replace(1, fresh);
    while (!up.done()) up.step(96);
    expect([...buffers[1]]).toEqual(bytesOf(fresh));
    expect(log.filter((l) => l.startsWith('write#1'))).toEqual(['write#1 0+40']);
  });
});
