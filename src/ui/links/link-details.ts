// The details panel's link parts, as DOM nodes: a link's ends as buttons, how firm it is, and a feature's links.
import type { Dataset, Item } from '../../core/columnar/dataset';
import type { Assertion, Relation } from '../../core/schema/schema';
import { el } from '../controls/control';
import { linkEnds, relatedLinks, type LinkEnd } from '../../core/links/link-index';
import '../styles/links.css';

export const RELATION_LABELS: Record<Relation, string> = {
  supplies: 'supplies',
  deploys: 'sends troops to',
  aligns: 'aligns with',
  followed_by: 'was followed by',
  attacks: 'attacks',
};

export const ASSERTION_LABELS: Record<Assertion, string> = {
  reported: 'Reported',
  claimed: 'Claimed by one side, not confirmed',
  disputed: 'Claimed, and denied by the other side',
};

/**
 * A button for one end: a feature end selects it (`data-select-id`); a place end moves the map
 * there (`data-place-lon`/`-lat`). The panel's click handler reads these attributes.
 */
export function endButton(end: LinkEnd, role: 'from' | 'to'): HTMLButtonElement {
  const name = end.item ? end.item.feature.properties.title : end.ref;
  const b = el('button', { type: 'button', class: `link-end link-end-${role}` }, name);
  if (end.item) {
    b.setAttribute('data-select-id', end.item.id);
    b.setAttribute('aria-label', `${role === 'from' ? 'From' : 'To'}: ${name}. Select it`);
  } else {
    b.setAttribute('data-place-lon', String(end.position[0]));
    b.setAttribute('data-place-lat', String(end.position[1]));
    b.setAttribute('aria-label', `${role === 'from' ? 'From' : 'To'}: ${name} (a place). Show it on the map`);
  }
  return b;
}

/** For a link: "from [A] supplies [B]", and how firmly the reports say so, with who says it. */
export function linkSummary(dataset: Dataset, link: Item): HTMLElement | null {
  const ends = linkEnds(dataset, link);
  const p = link.feature.properties;
  if (!ends || !p.relation) return null;
  const box = el('div', { class: 'details-link' });
  const line = el('p', { class: 'details-link-ends' });
  line.append(
    endButton(ends.from, 'from'),
    el('span', { class: 'link-relation' }, ` ${RELATION_LABELS[p.relation]} `),
    endButton(ends.to, 'to'),
  );
  box.append(line);
  if (p.assertion) {
    const firm = el('p', { class: `details-link-assertion assertion-${p.assertion}` });
    firm.append(el('strong', {}, `${ASSERTION_LABELS[p.assertion]}. `), p.assertion_note ?? '');
    box.append(firm);
  }
  return box;
}

/** For a feature other than a link: the links from or to it, each a button that selects the link. */
export function featureLinks(dataset: Dataset, item: Item): HTMLElement[] {
  if (item.kind === 'link') return [];
  const links = relatedLinks(dataset, item.id);
  if (!links.length) return [];
  const ul = el('ul', { class: 'details-links', 'aria-label': 'Links from or to this feature' });
  for (const link of links) {
    const p = link.feature.properties;
    const li = el('li', {});
    const outgoing = p.from === item.id;
    const arrow = el(
      'span',
      { class: `link-arrow ${outgoing ? 'link-out' : 'link-in'}`, 'aria-hidden': 'true' },
      outgoing ? '→' : '←',
    );
    const b = el('button', { type: 'button', class: 'link-item', 'data-select-id': link.id }, p.title);
    const firm =
      p.assertion && p.assertion !== 'reported' ? el('span', { class: 'link-firmness' }, ` (${p.assertion})`) : null;
    li.append(arrow, b);
    if (firm) li.append(firm);
    ul.append(li);
  }
  return [el('h3', {}, 'Links'), ul];
}
