// RFC 7946 fixtures: bad bbox and §7.1 members are warnings (the features load); no date field hides no feature's problem.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTextSync, ImportSession, type ImportResult } from './import';
import { bboxProblem } from './geojson-members';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../../tests/fixtures/import/rfc7946', name), 'utf8');

/** The same file through the streaming session, in 7-character chunks. */
function streamed(text: string, name: string): ImportResult {
  const s = new ImportSession(name);
  for (let k = 0; k < text.length; k += 7) s.push(text.slice(k, k + 7));
  return s.end();
}

const summary = (r: ImportResult) => ({
  loaded: r.loaded,
  rejected: r.rejected,
  issues: r.issues.map((i) => `${i.severity} ${i.index ?? '-'} ${i.reason}`).sort(),
});

describe('RFC 7946 members', () => {
  it('warns about every bad bbox, in the collection, a feature and a geometry, and still loads the features', () => {
    const r = importTextSync(fixture('bad-bbox.geojson'), 'bad-bbox.geojson');
    expect(r.loaded).toBe(3);
    const w = r.issues.filter((i) => i.severity === 'warning').map((i) => `${i.index ?? '-'} ${i.reason}`);
    expect(w).toEqual(
      expect.arrayContaining([
        '- the FeatureCollection: "bbox" has 3 numbers; expected 4 [west, south, east, north] (or 6 with altitudes); it is ignored',
        '0 the feature: "bbox" must be an array of numbers [west, south, east, north], got the string "string"; it is ignored',
        '1 the geometry: "bbox" holds the string "49" at position 1, expected a number; it is ignored',
        '2 the feature: "bbox" south 51 is above north 50; it is ignored',
      ]),
    );
    expect(summary(streamed(fixture('bad-bbox.geojson'), 'bad-bbox.geojson'))).toEqual(summary(r));
  });

  it('warns about members that would change what an object is (§7.1)', () => {
    const r = importTextSync(fixture('changed-meaning.geojson'), 'changed-meaning.geojson');
    expect(r.loaded).toBe(2);
    const w = r.issues.map((i) => i.reason).join('\n');
    expect(w).toMatch(
      /the FeatureCollection has a "properties" member, which only a Feature may have \(RFC 7946 §7\.1\)/,
    );
    expect(w).toMatch(/the feature has a "coordinates" member, which only a geometry may have/);
    expect(w).toMatch(/the feature has a "features" member, which only a FeatureCollection may have/);
    expect(w).toMatch(/the geometry has a "properties" member, which only a Feature may have/);
    expect(summary(streamed(fixture('changed-meaning.geojson'), 'changed-meaning.geojson'))).toEqual(summary(r));
  });

  it('reports the broken coordinate and the open ring as well as the missing dates, in one pass; the good feature loads undated', () => {
    const r = importTextSync(fixture('no-dates-broken-coordinate.geojson'), 'x.geojson');
    expect(r.loaded).toBe(1);
    expect(r.rejected).toBe(2);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.find((i) => i.index === 1)?.reason).toMatch(/coordinate 1 is the string "50\.4", expected a number/);
    expect(errors.find((i) => i.index === 2)?.reason).toMatch(/a linear ring needs at least 4 positions/);
    expect(r.issues.find((i) => i.index === undefined)).toMatchObject({
      severity: 'warning',
      field: 'start',
      reason: expect.stringMatching(
        /^No date field found: .* so the 1 feature is loaded undated, in a layer shown at every time of the slider/,
      ),
    });
    expect(errors.some((i) => i.index === 0)).toBe(false);
    expect(r.features[0]?.properties).toMatchObject({ title: 'Fine', timeless: true });
    expect(r.layers.map((l) => l.label)).toEqual(['Strikes (undated)']);
    expect(summary(streamed(fixture('no-dates-broken-coordinate.geojson'), 'x.geojson'))).toEqual(summary(r));
  });

  it('bboxProblem accepts 2-D and 3-D boxes, west above east included (the antimeridian)', () => {
    expect(bboxProblem([170, -10, -170, 10])).toBeNull();
    expect(bboxProblem([0, 0, 0, 1, 1, 100])).toBeNull();
    expect(bboxProblem([0, 0, Infinity, 1])).toMatch(/position 2/);
  });
});
