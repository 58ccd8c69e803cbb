// The streaming CSV tokeniser gives the same records wherever the chunks are cut: quotes, "" escapes, CRLF, multi-byte text.
import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../csv';
import { CsvRecordStream } from './csv-records';
import { Utf8Chunks } from './utf8-chunks';
import { serialize } from 'node:v8';

function records(chunks: string[]): { records: CsvRecord[]; unterminated?: number } {
  const s = new CsvRecordStream(',');
  const out: CsvRecord[] = [];
  for (const c of chunks) s.push(c, out);
  s.end(out);
  return { records: out, unterminated: s.unterminatedLine };
}

/** Every way of cutting the text in two, and in chunks of 1, 2 and 3 characters. */
function cuts(text: string): string[][] {
  const all: string[][] = [];
  for (let k = 0; k <= text.length; k++) all.push([text.slice(0, k), text.slice(k)]);
  for (const size of [1, 2, 3]) {
    const parts: string[] = [];
    for (let k = 0; k < text.length; k += size) parts.push(text.slice(k, k + size));
    all.push(parts);
  }
  return all;
}

const CASES: Record<string, string> = {
  'a quoted field with a comma, an escaped quote and a CRLF inside':
    'id,note,n\r\n1,"a, ""b""\r\nc",2\r\n3,plain,4\r\n',
  'CRLF line breaks and a blank line': 'a,b\r\n1,2\r\n\r\n3,4\r\n',
  'lone CR line breaks': 'a,b\r1,2\r3,4',
  'a BOM, an empty last field and no final line break': '\ufeffa,b\n1,\n2,"x"',
  'malformed quoting and a stray quote': 'a,b\n"x"y,2\nq"r,3\n',
  'an unterminated quote': 'a,b\n1,"never closed\n2,3\n',
  'multi-byte text': 'place,n\nЗапоріжжя,1\n"Харків, 🚀",2\n',
};

describe('CsvRecordStream', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`${name}: same records at every cut`, () => {
      const whole = records([text]);
      expect(whole.records.length).toBeGreaterThan(1);
      for (const chunks of cuts(text)) expect(records(chunks), JSON.stringify(chunks)).toEqual(whole);
    });
  }

  it('keeps a quote, a CRLF and an escaped quote whole when the chunk ends on them', () => {
    expect(records(['a\r', '\nb\r\n']).records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a']],
      [2, ['b']],
    ]);
    expect(records(['"x"', '"y"\n']).records[0].fields).toEqual(['x"y']);
    expect(records(['"x"', ',y\n']).records[0].fields).toEqual(['x', 'y']);
    expect(records(['1,"two\r', '\nlines",3\n4,5\n']).records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['1', 'two\r\nlines', '3']],
      [3, ['4', '5']],
    ]);
  });

  it('marks the last record when the text ends without a line break', () => {
    expect(records(['a,b\n1,', '2']).unterminated).toBe(2);
    expect(records(['a,b\n1,2\n']).unterminated).toBeUndefined();
  });
});

describe('Utf8Chunks', () => {
  it('keeps a multi-byte character whole when the bytes are cut inside it', () => {
    const text = 'Київ, Одеса — 🚀 ✓';
    const bytes = new TextEncoder().encode(text);
    for (let k = 0; k <= bytes.length; k++) {
      const d = new Utf8Chunks();
      expect(d.decode(bytes.subarray(0, k)) + d.decode(bytes.subarray(k)) + d.end()).toBe(text);
    }
    const d = new Utf8Chunks();
    expect([...bytes].map((b) => d.decode(Uint8Array.of(b))).join('') + d.end()).toBe(text);
  });
});

describe('CsvRecordStream: one byte a character where the text allows it', () => {
  // V8's serializer (what postMessage uses) writes a string as it is held: one byte a character
  // or two. A field cut from text with one wider character was held two bytes a character.
  const bytes = (s: string): number => serialize(s).length;

  it('copies the Latin-1 fields of a chunk with a wider character by content, unchanged', () => {
    const long = 'On 1 January 2024, shelling near Mykolaïv (synthetic), café closed.';
    const text = `id,notes\n1,"${long}"\n2,"Kyiv’s ${long}"\n3,"${long}"`;
    const wide = new TextDecoder().decode(new TextEncoder().encode(text));
    for (const chunks of [[wide], [wide.slice(0, 40), wide.slice(40)]]) {
      const { records: got } = records(chunks);
      expect(got.map((r) => r.fields)).toEqual([
        ['id', 'notes'],
        ['1', long],
        ['2', `Kyiv’s ${long}`],
        ['3', long],
      ]);
      // The fields without "’" cross one byte a character; the one with it, two.
      expect(bytes(got[1].fields[1])).toBeLessThan(long.length + 8);
      expect(bytes(got[3].fields[1])).toBeLessThan(long.length + 8);
      expect(bytes(got[2].fields[1])).toBeGreaterThan(2 * long.length);
    }
  });
});
