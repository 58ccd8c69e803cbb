// The streaming GeoJSON reader hands out the same features wherever the chunks are cut, and says where the JSON breaks.
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('runs of features parsed as one array', () => {
    afterEach(() => vi.restoreAllMocks());
    const many = Array.from({ length: 60 }, (_, k) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [30 + k / 100, 50] },
      // Text like a boundary (a string can't hold one: its newline and quotes are escaped) and, minified,
      // a nested list of features, which holds one: a run cut there does not parse, and is read feature by feature.
      properties: {
        id: `e-${k}`,
        note: k % 17 === 5 ? '},\n{"type":"Feature"' : `n ${k} ✓ }]`,
        list: k % 9 === 4 ? [{ a: k }, { type: 'Feature' }] : [{ a: k }],
      },
    }));
    const layouts: Record<string, string> = {
      'one a line': `{"type":"FeatureCollection","features":[\n${many.map((f) => JSON.stringify(f)).join(',\n')}\n],"name":"x"}`,
      minified: JSON.stringify({ type: 'FeatureCollection', features: many, name: 'x' }),
      indented: JSON.stringify({ type: 'FeatureCollection', features: many, name: 'x' }, null, 2),
    };
    const cut = (text: string, size: number): string[] => {
      const out: string[] = [];
      for (let k = 0; k < text.length; k += size) out.push(text.slice(k, k + size));
      return out;
    };

    it('gives the same features, in order, at any chunk size and layout, with fewer parses than features', () => {
      for (const [layout, text] of Object.entries(layouts))
        for (const size of [1, 7, 100, 333, 1000, 4096, 9000, text.length]) {
          const parse = vi.spyOn(JSON, 'parse');
          const r = read(cut(text, size));
          expect(r.features, `${layout}, chunks of ${size}`).toEqual(many);
          expect(r.end).toMatchObject({ kind: 'collection', features: many.length });
          // Chunks of a few characters hold no run of two features: they are read one by one.
          if (size >= 4096)
            expect(parse.mock.calls.length, `${layout}, chunks of ${size}`).toBeLessThan(many.length / 2);
          parse.mockRestore();
        }
    });

    it('reads on feature by feature where a run cut at a nested boundary does not parse', () => {
      const text = layouts.minified;
      // The buffer's last boundary is the nested one inside feature 58's list.
      const at = text.indexOf('"e-58"');
      const nested = text.indexOf('},{"type":"Feature"', at);
      const s = new GeoJsonFeatureStream(() => undefined);
      s.push(text.slice(0, nested + 20));
      expect((s as unknown as { runs: { runFailures: number } }).runs.runFailures).toBe(1);
      expect(s.features).toBe(58);
      s.push(text.slice(nested + 20));
      expect(s.end()).toMatchObject({ kind: 'collection', features: many.length });
    });

    it('places a syntax error inside a run where it is, after the features before it', () => {
      const lines = many.map((f) => JSON.stringify(f));
      lines[40] = lines[40].replace('"Feature"', '"Feature" "oops"');
      const text = `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}`;
      const column = lines[40].indexOf('"oops"') + 1;
      for (const size of [500, 5000, text.length]) {
        const r = read(cut(text, size));
        expect(r.features).toEqual(many.slice(0, 40));
        expect(r.end.kind === 'error' && r.end.message).toMatch(
          new RegExp(`^Invalid JSON at line 42, column ${column}: `),
        );
      }
    });

    it('says a file cut short inside a run is truncated, after the features it holds whole', () => {
      const text = layouts['one a line'];
      const at = text.indexOf('"e-50"');
      const r = read(cut(text.slice(0, at), 2000));
      expect(r.features).toEqual(many.slice(0, 50));
      expect(r.end.kind === 'error' && r.end.message).toMatch(/after 50 features/);
    });
  });
});
