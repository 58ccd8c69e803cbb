// The details panel: everything known about the selected feature, and every source with its quote.
import type { AtlasStore } from '../../app/store';
import { shallow } from 'zustand/vanilla/shallow';
import type { Item } from '../../core/columnar/dataset';
import type { Control } from './control';
import { dateOnlySources } from './date-evidence';
import { el } from './control';
import { describeDatePrecision, describeDates, describeFigures, describePlace } from './format';
import { WEAPON_LABELS } from '../../core/config';
import { featureLinks, linkSummary } from '../links/link-details';

export class DetailsPanel implements Control {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('section', {
      id: 'details',
      class: 'details',
      'aria-live': 'polite',
      'aria-label': 'Details of the selected feature',
    });
    this.body = el('div', { class: 'details-body' });
    this.element.append(this.body);
    this.body.addEventListener('click', this.onClick);
    this.unsubscribe = store.subscribe(
      (s) => [s.selected, s.dataset],
      () => this.render(),
      { equalityFn: shallow },
    );
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
    this.body.removeEventListener('click', this.onClick);
    this.element.remove();
  }

  private render(): void {
    const s = this.store.getState();
    const item = s.selected && s.dataset ? s.dataset.find(s.selected) : undefined;
    this.element.hidden = !item;
    // An import's notes and quotes come from the data worker (held-text.ts): the rest shows now,
    // the text as soon as it is read (milliseconds), or why it can't be.
    const ds = s.dataset;
    const reading = item && ds?.textMissing?.(item.index) ? ds : null;
    if (item && reading?.ensureText) {
      const row = item.index;
      reading.ensureText([row]).then(
        () => {
          const now = this.store.getState();
          if (now.dataset === reading && now.selected === item.id) this.render();
        },
        (err: unknown) => {
          const now = this.store.getState();
          if (now.dataset !== reading || now.selected !== item.id) return;
          const note = this.body.querySelector('.details-summary');
          if (note)
            note.textContent = `The notes of this event could not be read: ${err instanceof Error ? err.message : String(err)}`;
        },
      );
    }
    const parts = item
      ? detailsOf(item, s.dataset?.layerOf.get(item.layer)?.label ?? item.layer, reading !== null)
      : [];
    if (item && s.dataset) {
      // Links: a link's two ends (after the title and summary), or the links of a feature (before its sources).
      const ends = item.kind === 'link' ? linkSummary(s.dataset, item) : null;
      if (ends) parts.splice(2, 0, ends);
      const links = featureLinks(s.dataset, item);
      if (links.length) parts.splice(parts.length - 2, 0, ...links);
    }
    this.body.replaceChildren(...parts);
  }

  private readonly onClick = (e: MouseEvent): void => {
    const target = e.target as HTMLElement;
    if (target.closest('.details-close')) {
      this.store.getState().select(null);
      return;
    }
    const select = target.closest('[data-select-id]')?.getAttribute('data-select-id');
    if (select) {
      this.store.getState().select(select);
      this.store.getState().camera.flyToFeature(select);
      return;
    }
    const place = target.closest('[data-place-lon]');
    if (place) {
      const lon = Number(place.getAttribute('data-place-lon'));
      const lat = Number(place.getAttribute('data-place-lat'));
      const camera = this.store.getState().camera;
      const zoom = Math.max(camera.view().zoom, 5);
      if (Number.isFinite(lon) && Number.isFinite(lat)) camera.moveTo({ lat, lon, zoom }, { animate: true });
    }
  };
}

/** The panel's content, built from DOM nodes only: data text never becomes markup. */
export function detailsOf(item: Item, layerLabel: string, textPending = false): HTMLElement[] {
  const p = item.feature.properties;
  const header = el('div', { class: 'details-header' });
  header.append(
    el('p', { class: 'details-layer' }, layerLabel),
    el('h2', {}, p.title),
    el('button', { type: 'button', class: 'details-close', 'aria-label': 'Close details' }, '×'),
  );
  const dl = el('dl', { class: 'details-facts' });
  const row = (term: string, value: string, note?: string, more?: { summary: string; text: string }): void => {
    const dd = el('dd', {}, value);
    if (note) dd.append(el('span', { class: 'details-note' }, note));
    if (more?.text) {
      const box = el('details', { class: 'details-more' });
      box.append(el('summary', {}, more.summary), el('p', {}, more.text));
      dd.append(box);
    }
    dl.append(el('dt', {}, term), dd);
  };
  row('When', describeDates(p), describeDatePrecision(p), { summary: 'How the date was pinned', text: p.date_note });
  const placeMore = p.area_note
    ? { summary: 'How the area was built', text: p.area_note }
    : p.place_note
      ? { summary: 'How the place is drawn', text: p.place_note }
      : undefined;
  row('Where', describePlace(p), p.approximate ? 'Approximate area' : undefined, placeMore);
  if (p.weapon) row('Weapon', WEAPON_LABELS[p.weapon] ?? p.weapon);
  if (p.actor) row('By', p.actor);
  if (p.produces) row('Produces', p.produces);
  for (const [label, value] of describeFigures(p)) row(label, value);
  const summary = textPending
    ? el('p', { class: 'details-summary details-pending' }, 'Reading the notes…')
    : el('p', { class: 'details-summary' }, p.summary);
  // The quotes cited only to date the report (its other news) come after the ones that report the event.
  const dating = dateOnlySources(p);
  const sources = el('ol', { class: 'details-sources', 'aria-label': 'Sources' });
  const dated = el('ol', {
    class: 'details-sources details-sources-dating',
    'aria-label': 'Quoted to date the report',
  });
  (p.sources ?? []).forEach((src, i) => {
    const li = el('li', { class: 'details-source' });
    li.append(el('span', { class: 'details-source-seed' }, src.seed ?? src.name ?? 'Source'));
    if (src.quote) li.append(el('blockquote', { class: 'details-source-quote' }, src.quote));
    if (src.url && /^https?:\/\//i.test(src.url)) {
      li.append(
        el('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank', class: 'details-source-link' }, src.url),
      );
    }
    (dating.has(i) ? dated : sources).append(li);
  });
  const out = [header, summary, dl, el('h3', {}, 'Sources'), sources];
  if (dating.size)
    out.push(el('h4', { class: 'details-sources-heading' }, 'Quoted only to date the report (its other news)'), dated);
  return out;
}
