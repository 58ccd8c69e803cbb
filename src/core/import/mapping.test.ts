// guessMapping from names and sample values; applyMapping builds our properties and reports every problem.
import { describe, expect, it } from 'vitest';
import { applyMapping } from './mapping';
import { guessMapping } from './mapping-guess';
import { weaponFromText } from './mapped-values';
import type { FieldMapping } from './types';

describe('guessMapping', () => {
  it('guesses from names, case and spacing ignored', () => {
    const m = guessMapping(
      ['Event Date', 'End-Date', 'Title', 'Category', 'ID', 'Location', 'Killed', 'Injured', 'Weapon', 'URL', 'Source'],
      [],
    );
    expect(m.fields).toEqual({
      start: 'Event Date',
      end: 'End-Date',
      title: 'Title',
      category: 'Category',
      id: 'ID',
      place: 'Location',
      killed: 'Killed',
      injured: 'Injured',
      weapon: 'Weapon',
      source_url: 'URL',
      source_name: 'Source',
    });
    expect(m.defaultLayer).toBe('strike');
  });
  it('checks sample values: a "date" field without dates is not the start; latitude must be within ±90', () => {
    const rows = [{ date: 'n/a', reported_date: '2024-01-02', lat: '120', y: '50.1', x: '30.2' }];
    const m = guessMapping(['date', 'reported_date', 'lat', 'y', 'x'], rows);
    expect(m.fields.start).toBe('reported_date');
    expect(m.fields.latitude).toBe('y');
    expect(m.fields.longitude).toBe('x');
  });
  it('uses each field once and never reads inherited properties', () => {
    const m = guessMapping(['constructor', 'date'], [{ date: '2024-01-01' }]);
    expect(Object.values(m.fields)).toEqual(['date']);
  });
});

describe('applyMapping', () => {
  const mapping: FieldMapping = {
    fields: { start: 'from', end: 'to', title: 'name', killed: 'dead', weapon: 'arms', layer: 'kind' },
    defaultLayer: 'strike',
  };
  const ctx = { fallbackId: 'f.geojson#0', fileName: 'f.geojson', text: false };
  it('builds our properties', () => {
    const r = applyMapping(
      { from: '2024-01-01', to: '2024-01-03', name: 'X', dead: 2, arms: 'Shahed drones', kind: 'Facility' },
      mapping,
      ctx,
    );
    expect(r.problems).toEqual([]);
    expect(r.properties).toMatchObject({
      id: 'f.geojson#0',
      layer: 'facility',
      title: 'X',
      start: '2024-01-01',
      end: '2024-01-03',
      date_precision: 'range',
      killed: 2,
      weapon: 'drone',
      sources: [{ name: 'f.geojson' }],
    });
  });
  it('reports every problem at once', () => {
    const r = applyMapping(
      { from: '2024-01-05', to: '2024-01-03', dead: '2', arms: 'artillery', kind: 'tank' },
      mapping,
      ctx,
    );
    expect(r.properties).toBeUndefined();
    expect(r.problems.map((p) => p.reason)).toEqual([
      'field kind (layer): expected strike, facility or deployment, got the string "tank"',
      'start 2024-01-05 is after end 2024-01-03',
      'field dead (killed): expected a number, got the string "2"',
      'field arms (weapon): "artillery" is not one of missile, drone, mixed, cyber, unknown; taken as unknown',
    ]);
  });
  it('reads numbers from text in CSV, strictly', () => {
    const csv = { ...ctx, text: true };
    expect(applyMapping({ from: '2024-01-01', dead: '12' }, mapping, csv).properties?.killed).toBe(12);
    expect(applyMapping({ from: '2024-01-01', dead: '1,200' }, mapping, csv).problems[0]?.reason).toBe(
      'field dead (killed): expected a number, got "1,200" (a thousands separator? write 1200)',
    );
  });
  it('leaves the end open for facilities and deployments whose end is empty', () => {
    expect(applyMapping({ from: '2024', to: '', kind: 'deployment' }, mapping, ctx).properties).toMatchObject({
      start: '2024-01-01',
      end: null,
      date_note: 'only the year is given',
    });
    expect(applyMapping({ from: '2024-02', to: '' }, mapping, ctx).properties).toMatchObject({
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });
  it('requires a start date when a start field is mapped', () => {
    expect(applyMapping({ to: '2024-01-01' }, mapping, ctx).problems[0]?.reason).toBe(
      'field from (start): missing: the feature has no date',
    );
  });
  it('builds an undated (timeless) feature when no start field is mapped', () => {
    const r = applyMapping({ name: 'Depot' }, { fields: { title: 'name' }, defaultLayer: 'facility' }, ctx);
    expect(r.problems).toEqual([]);
    expect(r.properties).toMatchObject({
      title: 'Depot',
      layer: 'facility',
      timeless: true,
      start: '',
      end: '',
      date_note: 'the file gives no date: shown at every time',
    });
  });
});

describe('weaponFromText', () => {
  it.each([
    ['Shahed-136 drones hit the port', 'drone'],
    ['an Iskander-M missile', 'missile'],
    ['missiles and UAVs', 'mixed'],
    ['artillery shelling', null],
  ])('%s', (text, weapon) => expect(weaponFromText(text)).toBe(weapon));
});
