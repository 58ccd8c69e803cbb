// Each CSV record's byte range in the file, tracked across chunk cuts: the bytes read back from there are the record again (multi-byte UTF-8, CRLF, quotes, a BOM).
import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../csv';
import { CsvRecordStream } from './csv-records';
import { Utf8Chunks } from './utf8-chunks';

/** The records of a file's bytes decoded in chunks of `size` bytes, as the worker reads File.stream(). */
function read(bytes: Uint8Array, size: number): CsvRecord[] {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const s = new CsvRecordStream(',', bom);
  const utf8 = new Utf8Chunks();
  const out: CsvRecord[] = [];
  for (let k = 0; k < bytes.length; k += size) s.push(utf8.decode(bytes.subarray(k, k + size)), out);
  s.push(utf8.end(), out);
  s.end(out);
  return out;
}

/** The record parsed again from its own bytes alone. */
function again(bytes: Uint8Array, r: CsvRecord): string[] {
  const [a, b] = r.bytes as [number, number];
  const s = new CsvRecordStream(',');
  const out: CsvRecord[] = [];
  s.push(new TextDecoder().decode(bytes.subarray(a, b)), out);
  s.end(out);
  expect(out).toHaveLength(1);
  return out[0].fields;
}

const TEXTS: Record<string, string> = {
  'quotes, escaped quotes and CRLF inside a field': 'id,note,n\r\n1,"a, ""b""\r\nc",2\r\n3,plain,4\r\n',
  'two-, three- and four-byte characters': 'id,note\n1,Київ — Одеса 🚀\n2,"Zaporizhzhia’s ""edge"""\n3,é\n',
  'a BOM, blank lines and no final line break': '\ufeffid,note\n\n1,x\r\n\r\n2,"🚀,🚀"',
};

describe('CSV records: byte ranges in the file', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(name, () => {
      const bytes = new TextEncoder().encode(text);
      const whole = read(bytes, bytes.length);
      expect(whole.every((r) => r.bytes)).toBe(true);
      for (const size of [1, 2, 3, 5, 7, 64]) {
        const rs = read(bytes, size);
        expect(rs.map((r) => r.bytes)).toEqual(whole.map((r) => r.bytes));
        for (const r of rs) expect(again(bytes, r)).toEqual(r.fields);
      }
    });
  }

  it('stops giving ranges after an invalid byte (its U+FFFD is not its bytes), and gives none when not asked', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('id,n\n1,a\n2,'),
      0xff,
      ...new TextEncoder().encode('b\n3,c\n'),
    ]);
    // (Records completed before the chunk with the invalid byte keep theirs.)
    const rs = read(bytes, 3);
    expect(rs.map((r) => r.fields)).toEqual([
      ['id', 'n'],
      ['1', 'a'],
      ['2', '\ufffdb'],
      ['3', 'c'],
    ]);
    expect(rs[1].bytes).toEqual([5, 8]);
    expect(rs[2].bytes).toBeUndefined();
    expect(rs[3].bytes).toBeUndefined();
    const s = new CsvRecordStream(',');
    const out: CsvRecord[] = [];
    s.push('id\n1\n', out);
    expect(out.some((r) => r.bytes)).toBe(false);
  });
});
