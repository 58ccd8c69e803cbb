// The columns packet carries its strings as transferred UTF-8 and round-trips to the same dataset: ids, properties, search, every buffer transferred.
import { describe, expect, it } from 'vitest';
import type { AtlasFeature } from '../schema/schema';
import { BUNDLED_LAYERS, datasetFromColumns, type Dataset } from './dataset';
import { buildColumns, featureAt } from './columns';
import { packColumns, unpackColumns } from './columns-packet';
import { columnarPassMask } from './filter-mask';
import { queryTerms } from '../filters/search';
import { feature, SAMPLE } from '../../../tests/support/features';

const LAYER_KEYS = BUNDLED_LAYERS.map((l) => l.key);

/** n strikes whose strings are hard for UTF-8 and for clone-free reading: non-ASCII, emoji, a BOM first, ids and notes all distinct, notes repeated in quotes. */
function tricky(n: number, extra: (i: number) => Record<string, unknown> = () => ({})): AtlasFeature[] {
  const out: AtlasFeature[] = [...SAMPLE];
  for (let i = 0; i < n; i++) {
    const notes = `${i % 3 ? 'Drone' : 'Ракета'} hit Kharkiv — row ${i} 🚀 "quoted", café`;
    const f = feature(
      i === 0 ? '\uFEFFbom-first' : `UKR${i}-é`,
      'strike',
      `2024-0${1 + (i % 9)}-1${i % 10}`,
      null,
      {
        title: i % 2 ? `Strike ${i % 7}` : `Удар ${i % 5}`,
        summary: notes,
        place: ['Kharkiv', 'Odesa', 'Zaporizhzhia', 'Mykolaïv'][i % 4],
        sources: [{ seed: 'seed.txt', quote: notes }],
        killed: i % 4 === 0 ? null : i % 6,
        ...(i % 5 === 0 ? { original: { notes, fatalities: i % 6, flag: true, list: [1, 'two'] } } : {}),
        ...extra(i),
      } as Partial<AtlasFeature['properties']>,
      [36 + i / 1000, 49],
    );
    out.push(f);
  }
  return out;
}

/** Every ArrayBuffer and every string value reachable in a packet. */
function walk(v: unknown, buffers: Set<ArrayBuffer>, strings: { n: number }): void {
  if (typeof v === 'string') strings.n++;
  else if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
  else if (v instanceof Map) {
    for (const [k, x] of v) {
      walk(k, buffers, strings);
      walk(x, buffers, strings);
    }
  } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, buffers, strings);
}

/** The dataset as a page reads it: ids, every row's feature, id lookups, and the rows a few searches find. */
function seen(ds: Dataset) {
  const c = ds.columns;
  const search = (q: string) =>
    Array.from(columnarPassMask(ds, null, null, queryTerms(q))).flatMap((on, r) => (on ? [r] : []));
  return {
    ids: [...c.ids],
    features: Array.from({ length: c.n }, (_, r) => featureAt(c, r)),
    rowOfId: [...c.ids].map((id) => c.rowOfId.get(id)),
    missing: c.rowOfId.get('no-such-id'),
    searches: ['kharkiv', 'ракета', '🚀', 'cafe', 'row 117', 'удар 3', 'nothing-matches'].map(search),
    killed: Array.from(c.props.numbers('killed'), (v) => (Number.isNaN(v) ? 'NaN' : v)),
  };
}

function roundTrip(features: AtlasFeature[], utf8 = false) {
  const expected = datasetFromColumns(buildColumns(features, LAYER_KEYS), BUNDLED_LAYERS);
  const { packet, transfer } = packColumns(buildColumns(features, LAYER_KEYS), { utf8 });
  const buffers = new Set<ArrayBuffer>();
  const strings = { n: 0 };
  walk(packet, buffers, strings);
  const copy = structuredClone(packet, { transfer });
  const got = datasetFromColumns(unpackColumns(copy), BUNDLED_LAYERS);
  return { expected, got, packet, copy, transfer, buffers, strings };
}

describe('packColumns / unpackColumns', () => {
  const n = 400;
  const t = roundTrip(tricky(n));

  it('round-trips to the same dataset: ids, properties, id lookups, search results', () => {
    const want = seen(t.expected);
    expect(want.searches.map((rows) => rows.length)).toEqual([n, expect.any(Number), n, n, 1, expect.any(Number), 0]);
    expect(want.searches[1].length).toBeGreaterThan(0);
    expect(seen(t.got)).toEqual(want);
    expect(t.got.columns.ids.get(t.got.columns.rowOfId.get('\uFEFFbom-first') as number)).toBe('\uFEFFbom-first');
  });

  it('sends the strings as one text: no string per row in the message', () => {
    expect(t.packet.strings.bytes).toBeNull();
    expect(typeof t.packet.strings.text).toBe('string');
    // Keys, shapes, layer names, the text: a few dozen strings, not the ~4 per row a cloned packet held.
    expect(t.strings.n).toBeLessThan(60);
    // Every buffer in the packet is in the transfer list, once, and detached by the transfer.
    expect(new Set(t.transfer).size).toBe(t.transfer.length);
    expect([...t.buffers].filter((b) => !t.transfer.includes(b))).toEqual([]);
    expect(t.transfer.every((b) => b.byteLength === 0)).toBe(true);
  });

  it('joins the Latin-1 strings apart from those with a wider character, so V8 can keep them one byte a character', () => {
    // The copy the page gets (the packet's buffers are detached by the transfer).
    const text = t.copy.strings.text ?? '';
    const wide = t.copy.strings.wide;
    expect(/[\u0100-\uffff]/.test(text)).toBe(false);
    expect(text).toContain('Mykolaïv');
    expect(wide?.text).toContain('Ракета');
    expect(wide?.text).toContain('🚀');
    expect(wide?.index.length).toBe(wide?.ends.length);
    // Every wide string is in wide.text only; the rest are in text: nothing twice.
    const all = [...t.expected.columns.ids].join('');
    expect(text.length + (wide?.text.length ?? 0)).toBeGreaterThan(all.length);
    expect([...(wide?.index ?? [])].every((i, k, a) => k === 0 || a[k - 1] < i)).toBe(true);
    const latin = roundTrip(SAMPLE.map((f) => ({ ...f, properties: { ...f.properties, title: 'plain' } })));
    expect(latin.packet.strings.wide).toBeNull();
    expect(seen(latin.got)).toEqual(seen(latin.expected));
  });

  it('with utf8, sends them as UTF-8 bytes, transferred, and round-trips to the same dataset', () => {
    const u = roundTrip(tricky(n), true);
    expect(u.packet.strings.bytes).toBeInstanceOf(Uint8Array);
    expect(u.packet.strings.text).toBeNull();
    expect(u.strings.n).toBeLessThan(60);
    expect(u.transfer.filter((b) => !b.byteLength).length).toBe(u.transfer.length);
    expect([...u.buffers].filter((b) => !u.transfer.includes(b))).toEqual([]);
    expect(seen(u.got)).toEqual(seen(u.expected));
  });

  it('with utf8, sends text that UTF-8 cannot carry (a lone surrogate) as one string, unchanged', () => {
    const lone = roundTrip(
      tricky(80, (i) => (i === 3 ? { title: 'half \ud83d pair' } : {})),
      true,
    );
    expect(lone.packet.strings.bytes).toBeNull();
    expect(lone.strings.n).toBeLessThan(60);
    expect(seen(lone.got)).toEqual(seen(lone.expected));
    expect(lone.got.itemAt(lone.got.columns.rowOfId.get('UKR3-é') as number).feature.properties.title).toBe(
      'half \ud83d pair',
    );
  });

  it('round-trips an empty dataset', () => {
    const empty = roundTrip([]);
    expect(empty.got.columns.n).toBe(0);
    expect(seen(empty.got)).toEqual(seen(empty.expected));
  });
});
