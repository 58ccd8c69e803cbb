// BlobSink: the bytes are the UTF-8 of everything written, in order, across buffer refills and oversized chunks.
import { describe, expect, it } from 'vitest';
import { BlobSink } from './blob-sink';

const bytesOf = async (b: Blob): Promise<Uint8Array> => new Uint8Array(await b.arrayBuffer());

describe('BlobSink', () => {
  it('writes the UTF-8 of every chunk in order, refilling a small buffer and taking a chunk bigger than it whole', async () => {
    const chunks = ['\uFEFFid,place\r\n', '1,Харків\r\n', '', '2,Odesa – 😀\r\n', 'x'.repeat(100), '3,Kyiv\r\n'];
    const sink = new BlobSink(32);
    for (const c of chunks) sink.write(c);
    expect(sink.partCount).toBeGreaterThan(2);
    const blob = sink.blob('text/csv;charset=utf-8');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await bytesOf(blob)).toEqual(new TextEncoder().encode(chunks.join('')));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await bytesOf(blob))).toBe(chunks.join(''));
  });

  it('reuses its buffer without changing a part already made', async () => {
    const sink = new BlobSink(16);
    sink.write('abcd'); // 12 bytes at most: gathered
    sink.write('efgh'); // 24 bytes at most: encoded as a part of its own, then the buffer is written over
    sink.write('ijkl');
    expect(await sink.blob('text/plain').text()).toBe('abcdefghijkl');
  });

  it('makes an empty Blob when nothing was written', async () => {
    const blob = new BlobSink().blob('application/geo+json');
    expect(blob.size).toBe(0);
  });
});
