// Point-in-polygon checks on the committed base map: borders as international law has them, and the units it names.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { basemapFromTopology } from './basemap-data';
import { areaUnit, basemapAt } from './basemap-lookup';

const topology = JSON.parse(readFileSync('public/basemap/basemap.json', 'utf8')) as Topology;
const b = basemapFromTopology(topology);

describe('committed base map', () => {
  it('puts Crimea and Sevastopol inside Ukraine (UN GA resolution 68/262)', () => {
    expect(basemapAt(b, 34.1, 44.952)).toMatchObject({ country: 'UKR', admin1: 'Crimea', admin1Code: 'UA-43' }); // Simferopol
    expect(basemapAt(b, 33.522, 44.6)).toMatchObject({ country: 'UKR', admin1: 'Sevastopol', admin1Code: 'UA-40' });
    expect(basemapAt(b, 35.4, 45.3).country).toBe('UKR'); // Kerch peninsula side
    expect(basemapAt(b, 33.7, 46.15).country).toBe('UKR'); // Perekop isthmus: no border runs across it
  });
  it('covers the world, with no ring jumping the antimeridian (drawn flat, that is a band round the world)', () => {
    expect(basemapAt(b, -58.4, -34.6).country).toBe('ARG'); // Buenos Aires
    expect(basemapAt(b, 151.2, -33.87).country).toBe('AUS'); // Sydney
    expect(basemapAt(b, -94.6, 39.1).country).toBe('USA'); // Kansas City
    expect(basemapAt(b, 0, 71.2).country).toBeNull(); // the Greenland Sea, where Wrangel Island's band ran round the world
    expect(basemapAt(b, 179.5, 71.2).country).toBe('RUS'); // Wrangel Island itself
    expect(basemapAt(b, -175.0, 65.0).country).toBe('RUS'); // Chukotka, west of 180°
    for (const f of b.countries.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat())
        for (let i = 1; i < ring.length; i++)
          expect(Math.abs(ring[i][0] - ring[i - 1][0]), f.properties.a3).toBeLessThan(180);
    }
  });
  it('names oblasts with standard spellings and Russia’s regions near Ukraine', () => {
    expect(basemapAt(b, 31.995, 46.975)).toMatchObject({ country: 'UKR', admin1: 'Mykolaiv', admin1Code: 'UA-48' });
    expect(basemapAt(b, 30.72, 46.48)).toMatchObject({ country: 'UKR', admin1: 'Odesa' });
    expect(basemapAt(b, 35.14, 47.84)).toMatchObject({ country: 'UKR', admin1: 'Zaporizhzhia' });
    expect(basemapAt(b, 36.19, 51.73)).toMatchObject({ country: 'RUS', admin1: 'Kursk', admin1Code: 'RU-KRS' });
    expect(basemapAt(b, 34.8, 50.9)).toMatchObject({ country: 'UKR', admin1: 'Sumy' });
    expect(basemapAt(b, 27.56, 53.9)).toMatchObject({ country: 'BLR' });
    expect(basemapAt(b, 28.86, 47.0)).toMatchObject({ country: 'MDA' });
    expect(basemapAt(b, 127.53, 39.92)).toMatchObject({ country: 'PRK', admin1: 'South Hamgyong' }); // Hamhung
    expect(basemapAt(b, 106.23, 38.49)).toMatchObject({ country: 'CHN', admin1: 'Ningxia' }); // Yinchuan
    expect(basemapAt(b, 31.5, 43.5)).toMatchObject({ country: null, admin1: null }); // the Black Sea
  });
  it('knows the units admin_area names, each with a label point inside it', () => {
    for (const code of ['UA-48', 'UA-23', 'UA-43', 'RU-KRS', 'UA', 'RO', 'KP', 'CN-NX']) {
      const u = areaUnit(b, code);
      expect(u, code).toBeDefined();
      const hit = basemapAt(b, u!.point[0], u!.point[1]);
      if (u!.level === 'admin1') expect(hit.admin1Code).toBe(code);
      else expect(hit.country).toBe(u!.feature.properties.a3);
    }
    expect(areaUnit(b, 'UA-99')).toBeUndefined();
  });
});
