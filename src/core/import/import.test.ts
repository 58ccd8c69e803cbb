// importText: progress, abort, size limits, huge strings and deep nesting.
import { describe, expect, it } from 'vitest';
import { checkFileSize, importText, importTextSync } from './import';
import { IMPORT_BYTES_PER_ROW, MAX_IMPORT_MEMORY_BYTES, utf8Length } from '../schema/limits';

const feature = (id: string, title = 'T'): string =>
  JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [30, 50] },
    properties: { id, layer: 'strike', title, start: '2024-01-01', end: '2024-01-01', sources: [{ name: 'S' }] },
  });
const collection = (n: number): string =>
  `{"type":"FeatureCollection","features":[${Array.from({ length: n }, (_, k) => feature(`f${k}`)).join(',')}]}`;

describe('importText', () => {
  it('reports rising progress ending at 1', async () => {
    const seen: number[] = [];
    const r = await importText(collection(5000), 'big.geojson', { onProgress: (f) => seen.push(f) });
    expect(r.loaded).toBe(5000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, k) => f >= 0 && f <= 1 && (k === 0 || f >= (seen[k - 1] ?? 0)))).toBe(true);
  });
  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    const run = importText(collection(5000), 'big.geojson', {
      signal: controller.signal,
      onProgress: (f) => f > 0.5 && controller.abort(new Error('stop')),
    });
    await expect(run).rejects.toThrow('stop');
    const aborted = new AbortController();
    aborted.abort();
    await expect(importText('[]', 'x.json', { signal: aborted.signal })).rejects.toThrow();
  });
  it('gives the same result as importTextSync', async () => {
    const text = collection(3);
    expect(await importText(text, 'a.geojson')).toEqual(importTextSync(text, 'a.geojson'));
  });
});

describe('limits', () => {
  it('checkFileSize refuses a file whose rows would need more memory than the page allows, naming both', () => {
    // 500 MB of 520-byte ACLED rows (~1M rows) fits; 5 GB does not; a head of tiny records says they are many.
    const acledHead = `event_id_cnty,event_date\n${`${'x'.repeat(519)}\n`.repeat(20)}`;
    expect(checkFileSize(500 * 1024 ** 2, acledHead)).toBeNull();
    expect(checkFileSize(5 * 1024 ** 3, acledHead)).toMatch(
      /^The file is 5120\.0 MB, about 10,[0-9,]+ rows \(estimated from its first records\); loaded, they would need about 2\d\.\d GB of memory, more than the 3\.0 GB this page allows for one file\. Split it/,
    );
    expect(checkFileSize(200 * 1024 ** 2, 'lat,lon\n1,2\n3,4\n')).toMatch(/about 3[0-9,]+ rows/);
    expect(MAX_IMPORT_MEMORY_BYTES / IMPORT_BYTES_PER_ROW).toBeGreaterThan(1_000_000);
  });
  it('utf8Length counts bytes and stops early', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('x'.repeat(1000), 10)).toBe(11);
  });
  it('refuses text whose rows would not fit in memory with one message, before reading it all', () => {
    const r = importTextSync(`lat,lon,date\n${'1,2,3\n'.repeat(2_000_000)}`, 'many.csv');
    expect(r.fatal).toMatch(/^The file is 11\.4 MB, about [12],[0-9,]+ rows/);
    expect(r.loaded + r.rejected).toBe(0);
  });
  it('handles 10-million-character strings without hanging', () => {
    const big = 'x'.repeat(10_000_000);
    const t = Date.now();
    const geo = importTextSync(
      `{"type":"FeatureCollection","features":[${feature('a', big)},${feature('b').replace('"T"', '12')}]}`,
      'big.geojson',
    );
    // A title over MAX_SHORT_TEXT is refused (the list and tooltips would freeze on it): see limits.test.ts.
    expect(geo.loaded).toBe(0);
    expect(geo.issues.map((i) => i.reason)).toEqual([
      'field title: the text is 10,000,000 characters long; at most 500 are allowed; the feature is not loaded',
      'field title: expected a string, got the number 12',
    ]);
    const line = importTextSync(big, 'line.csv');
    expect(line.fatal).toBe(
      "The header line can't be read: column 1's name is 10,000,000 characters long; at most 200 are allowed (is the first line really a header?)",
    );
    const mapping = { fields: { latitude: 'lat', longitude: 'lon', start: 'date' }, defaultLayer: 'strike' as const };
    const csv = importTextSync(`lat,lon,date,name\n50,30,${big},a\n`, 'big.csv', { mapping });
    expect(csv.issues.map((i) => i.reason)).toContain(
      `field date (start): the string "${'x'.repeat(60)}"… (10,000,000 characters) is not a date (expected YYYY-MM-DD, DD Month YYYY, YYYY-MM or YYYY)`,
    );
    const unterminated = importTextSync(`{"a": "${big}`, 'open.json');
    expect(unterminated.fatal).toBe('Truncated JSON: the file ends inside a string (line 1, column 10000008)');
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
