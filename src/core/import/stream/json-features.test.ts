// The streaming GeoJSON reader hands out the same features wherever the chunks are cut, and says where the JSON breaks.
import { describe, expect, it } from 'vitest';
import { GeoJsonFeatureStream, type JsonStreamEnd } from './json-features';

function read(chunks: string[]): { features: unknown[]; end: JsonStreamEnd } {
  const features: unknown[] = [];
  const s = new GeoJsonFeatureStream((f, i) => {
    expect(i).toBe(features.length);
    features.push(f);
  });
  for (const c of chunks) s.push(c);
  return { features, end: s.end() };
}

function everyCut(text: string): string[][] {
  const all: string[][] = [[text]];
  for (let k = 0; k <= text.length; k++) all.push([text.slice(0, k), text.slice(k)]);
  const ones: string[] = [];
  for (let k = 0; k < text.length; k++) ones.push(text[k]);
  all.push(ones);
  return all;
}

const features = [
  {
    type: 'Feature',
    id: 7,
    geometry: { type: 'Point', coordinates: [36.23, 49.99] },
    properties: { name: 'Харків "city" \\ 🚀', n: -1.5e3, ok: true, none: null },
  },
  { type: 'Feature', geometry: null, properties: { list: [1, [2, { a: '}]' }]] } },
];

describe('GeoJsonFeatureStream', () => {
  it('gives every feature and the other members at every cut', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', name: 'x', features, bbox: [1, 2, 3, 4] }, null, 1);
    for (const chunks of everyCut(text)) {
      const r = read(chunks);
      expect(r.features).toEqual(features);
      expect(r.end.kind).toBe('collection');
      if (r.end.kind !== 'collection') continue;
      expect(Object.fromEntries([...r.end.members].map(([k, v]) => [k, JSON.parse(v) as unknown]))).toEqual({
        type: 'FeatureCollection',
        name: 'x',
        bbox: [1, 2, 3, 4],
      });
    }
  });

  it('handles members after the features and an empty array', () => {
    const r = read(['{"features":[],"type":"FeatureCollection"}']);
    expect(r.features).toEqual([]);
    expect(r.end).toMatchObject({ kind: 'collection', features: 0 });
  });

  it('returns anything else whole, for the ordinary parse', () => {
    for (const text of [
      '{"type":"Feature","geometry":null,"properties":{}}',
      '[1,2]',
      '"text"',
      '{"type":"Point","coordinates":[1,2]}',
    ]) {
      expect(read([text]).end).toEqual({ kind: 'whole', text });
    }
  });

  it('says where a feature breaks the JSON, as a line and column of the file', () => {
    const r = read([
      '{"type":"FeatureCollection","features":[\n{"type":"Feature"},\n',
      '{"type":"Feature", "x": tru}\n]}',
    ]);
    expect(r.features).toHaveLength(1);
    expect(r.end.kind).toBe('error');
    expect(r.end.kind === 'error' && r.end.message).toMatch(/^Invalid JSON at line 3, column 2\d: /);
  });

  it('says a file cut short is truncated, after how many features', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    const r = read([text.slice(0, text.length - 20)]);
    expect(r.features).toHaveLength(1);
    expect(r.end.kind === 'error' && r.end.message).toMatch(
      /Truncated JSON: the file ends inside the "features" array, after 1 features/,
    );
  });

  it('reads a value of several MB cut in 64 kB chunks whole, and still places a later error', () => {
    const long = 'y'.repeat(3_000_000);
    const text = `{"type":"FeatureCollection","features":[{"title":"${long}","n":[1,\n2]},\n{"bad": nul}]}`;
    const chunks: string[] = [];
    for (let k = 0; k < text.length; k += 1 << 16) chunks.push(text.slice(k, k + (1 << 16)));
    const r = read(chunks);
    expect(r.features).toEqual([{ title: long, n: [1, 2] }]);
    expect(r.end.kind === 'error' && r.end.message).toMatch(/^Invalid JSON at line 3, column 9: /);
  });

  it('drops the text it has used, so memory stays at a chunk or two', () => {
    const one = JSON.stringify(features[0]);
    const s = new GeoJsonFeatureStream(() => undefined);
    s.push('{"type":"FeatureCollection","features":[');
    for (let k = 0; k < 20_000; k++) s.push(`${k ? ',' : ''}${one}`);
    s.push(']}');
    expect(s.features).toBe(20_000);
    expect((s as unknown as { buf: string }).buf.length).toBeLessThan(1 << 17);
    expect(s.end().kind).toBe('collection');
  });
});
