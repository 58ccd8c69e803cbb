// Tests which links touch a feature or place, a link's ends, and what a selection highlights.
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../columnar/dataset';
import { SAMPLE, feature } from '../../../tests/support/features';
import { linkEnds, linkHighlight, linkIndex, relatedLinks } from './link-index';

const link = (id: string, from: string, to: string, coords: [number, number][]) => {
  const f = feature(id, 'link', '2024-11-25', null, {
    from,
    to,
    relation: 'deploys',
    assertion: 'reported',
    assertion_note: 'n',
  });
  f.geometry = { type: 'LineString', coordinates: coords };
  return f;
};
const dataset = buildDataset([
  ...SAMPLE,
  link('link-a', 'facility-x', 'deployment-y', [
    [30, 50],
    [31, 51],
  ]),
  link('link-b', 'Pyongyang', 'deployment-y', [
    [125.754, 39.039],
    [31, 51],
  ]),
]);

describe('link index', () => {
  it('finds the links from or to a feature or a place', () => {
    expect([...linkIndex(dataset).keys()].sort()).toEqual(['Pyongyang', 'deployment-y', 'facility-x']);
    expect(relatedLinks(dataset, 'deployment-y').map((l) => l.id)).toEqual(['link-a', 'link-b']);
    expect(relatedLinks(dataset, 'facility-x').map((l) => l.id)).toEqual(['link-a']);
    expect(relatedLinks(dataset, 'link-b').map((l) => l.id)).toEqual(['link-b']);
    expect(relatedLinks(dataset, 'strike-a')).toEqual([]);
    expect(relatedLinks(dataset, 'nope')).toEqual([]);
  });

  it('gives a link’s ends: a feature to select, or a place with its position', () => {
    const ends = linkEnds(dataset, dataset.find('link-b')!);
    expect(ends?.from).toEqual({ ref: 'Pyongyang', item: null, position: [125.754, 39.039] });
    expect(ends?.to.item?.id).toBe('deployment-y');
    expect(ends?.to.position).toEqual([31, 51]);
  });

  it('highlights a selection’s links and the other ends they point at', () => {
    const h = linkHighlight(dataset, 'deployment-y');
    expect(h.links.map((l) => l.id)).toEqual(['link-a', 'link-b']);
    expect(h.ends.map((e) => e.end.ref)).toEqual(['facility-x', 'Pyongyang']);
    expect(linkHighlight(dataset, 'link-a').ends.map((e) => e.end.ref)).toEqual(['facility-x', 'deployment-y']);
  });
});
