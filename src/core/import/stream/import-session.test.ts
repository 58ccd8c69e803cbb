// A file's bytes streamed in awkward chunks (inside a UTF-8 character, a quote, a CRLF) import exactly as the whole text does.
import { describe, expect, it } from 'vitest';
import { importTextSync, type ImportResult } from '../import';
import { ImportSession } from './import-session';
import { readTextChunks } from './utf8-chunks';

const ACLED = [
  'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities',
  'UKR1,2024-11-25,2024,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia,Ukraine,Kharkiv,Харків,49.9935,36.2304,1,Suspilne,"Drones hit the city; ""Shahed"" type,\r\nper officials",2',
  'UKR2,2024-11-26,2024,2,Battles,Armed clash,Military Forces of Russia,Ukraine,Odesa,Одеса,46.48,30.72,2,Ukrinform,Clash near the port,0',
  'UKR3,2024-11-27,2024,1,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia,Ukraine,Zaporizhzhia,Запоріжжя,47.84,35.14,1,Media,Missile strike 🚀,1',
].join('\r\n');

async function viaStream(text: string, name: string, cut: (bytes: Uint8Array) => Uint8Array[]): Promise<ImportResult> {
  const chunks = cut(new TextEncoder().encode(text));
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of chunks) c.enqueue(b);
      c.close();
    },
  });
  const s = new ImportSession(name, undefined, text.length);
  for await (const t of readTextChunks(stream)) s.push(t);
  return s.end();
}

const everyK =
  (k: number) =>
  (b: Uint8Array): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let i = 0; i < b.length; i += k) out.push(b.subarray(i, i + k));
    return out;
  };

describe('ImportSession over a byte stream', () => {
  const whole = importTextSync(ACLED, 'acled.csv');

  it('loads the same rows with the same report, whatever the byte chunks', async () => {
    expect(whole.loaded).toBe(3);
    for (const k of [1, 2, 3, 5, 7, 64]) expect(await viaStream(ACLED, 'acled.csv', everyK(k))).toEqual(whole);
  });

  it('keeps multi-byte places and the quoted, CRLF-broken notes intact', async () => {
    const r = await viaStream(ACLED, 'acled.csv', everyK(3));
    expect(r.features.map((f) => f.properties.place)).toEqual([
      'Харків, Kharkiv, Ukraine',
      'Одеса, Odesa, Ukraine',
      'Запоріжжя, Zaporizhzhia, Ukraine',
    ]);
    expect(r.features[0].properties.summary).toBe('Drones hit the city; "Shahed" type,\r\nper officials');
  });

  it('streams GeoJSON the same way', async () => {
    const fc = JSON.stringify({
      type: 'FeatureCollection',
      features: [0, 1, 2].map((k) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [30 + k, 50] },
        properties: {
          id: `g${k}`,
          layer: 'strike',
          title: `Удар ${k}`,
          start: '2024-01-01',
          end: '2024-01-01',
          sources: [{ name: 'S' }],
        },
      })),
    });
    const ref = importTextSync(fc, 'a.geojson');
    expect(ref.loaded).toBe(3);
    for (const k of [1, 4, 13]) expect(await viaStream(fc, 'a.geojson', everyK(k))).toEqual(ref);
  });
});
