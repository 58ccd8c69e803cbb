// Which links touch which feature or place, and a link's two ends as the app shows them: pure, cached per dataset.
import type { Dataset, Item } from '../columnar/dataset';
import { lineEnds } from './link-geometry';
import { KINDS } from '../columnar/columns';

/** One end of a link: the feature it names (selectable) or a named place; where it is drawn. */
export interface LinkEnd {
  ref: string;
  item: Item | null;
  position: [number, number];
}

const indexCache = new WeakMap<Dataset, Map<string, Item[]>>();

/** Links by each reference they name (feature id or place), in the dataset's order. */
export function linkIndex(dataset: Dataset): Map<string, Item[]> {
  let index = indexCache.get(dataset);
  if (!index) {
    index = new Map();
    // Only the link rows become Items (a large dataset is mostly strikes).
    const link = KINDS.indexOf('link');
    const { n, kind } = dataset.columns;
    for (let r = 0; r < n; r++) {
      if (kind[r] !== link) continue;
      const it = dataset.itemAt(r);
      const { from, to } = it.feature.properties;
      for (const ref of new Set([from, to])) {
        if (!ref) continue;
        const list = index.get(ref);
        if (list) list.push(it);
        else index.set(ref, [it]);
      }
    }
    indexCache.set(dataset, index);
  }
  return index;
}

/** The links a selection concerns: a link itself, or every link from or to the selected feature. */
export function relatedLinks(dataset: Dataset, id: string): Item[] {
  const item = dataset.find(id);
  if (!item) return [];
  if (item.kind === 'link') return [item];
  return linkIndex(dataset).get(id) ?? [];
}

/** A link's `from` and `to` ends; positions are the ends of its stored line. */
export function linkEnds(dataset: Dataset, link: Item): { from: LinkEnd; to: LinkEnd } | null {
  const p = link.feature.properties;
  const ends = lineEnds(link.feature);
  if (!ends || !p.from || !p.to) return null;
  return {
    from: { ref: p.from, item: dataset.find(p.from) ?? null, position: ends.source },
    to: { ref: p.to, item: dataset.find(p.to) ?? null, position: ends.target },
  };
}

/** What to highlight with a selection: the links concerned, and the ends they point at (not the selection itself). */
export interface LinkHighlight {
  links: Item[];
  ends: { link: Item; end: LinkEnd }[];
}

export function linkHighlight(dataset: Dataset, id: string): LinkHighlight {
  const links = relatedLinks(dataset, id);
  const ends: LinkHighlight['ends'] = [];
  for (const link of links) {
    const e = linkEnds(dataset, link);
    if (!e) continue;
    for (const end of [e.from, e.to]) if (end.ref !== id) ends.push({ link, end });
  }
  return { links, ends };
}
