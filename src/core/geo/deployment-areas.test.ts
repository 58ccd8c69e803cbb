// Keeps data/deployments.geojson in step with its recipe: stored areas equal approximateArea(area_places, area_buffer_km).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import { areaFromPlaces, containsPoint, lookUpPlaces, type AreaGeometry, type GazetteerPlace } from './areas.ts';
import type { AtlasProperties } from '../schema/schema.ts';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const places = readJson<GazetteerPlace[]>('../../../data/places.json');
const deployments = readJson<FeatureCollection<Geometry, AtlasProperties>>('../../../data/deployments.geojson');

describe('data/deployments.geojson areas', () => {
  it('has deployments to check', () => {
    expect(deployments.features.filter((f) => !f.properties.admin_area).length).toBeGreaterThan(0);
  });
  it('stores a region-level deployment as its region, not an approximation', () => {
    for (const f of deployments.features.filter((x) => x.properties.admin_area)) {
      expect(f.properties.approximate, f.properties.id).toBeUndefined();
      expect(f.properties.area_places, f.properties.id).toBeUndefined();
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
  });

  // A deployment placed to a whole region is that region's polygon (admin_area, checked by check:data); the rest are recipes.
  for (const feature of deployments.features.filter((f) => !f.properties.admin_area)) {
    const p = feature.properties;
    describe(p.id, () => {
      it('is an approximate area with a recipe', () => {
        expect(p.approximate).toBe(true);
        expect(p.area_note).toBeTruthy();
        expect(p.area_places?.length).toBeGreaterThan(0);
        expect(p.area_buffer_km).toBeGreaterThan(0);
      });

      it('stores exactly the area its recipe computes (regenerate: node scripts/run-ts.mjs scripts/build-areas.ts)', () => {
        expect(feature.geometry).toEqual(areaFromPlaces(p.area_places ?? [], p.area_buffer_km ?? 0, places));
      });

      it('contains every place it was built from', () => {
        const geometry = feature.geometry as AreaGeometry;
        for (const point of lookUpPlaces(p.area_places ?? [], places))
          expect(containsPoint(geometry, point)).toBe(true);
      });
    });
  }
});
