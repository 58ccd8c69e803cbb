// The event list: what the window shows (date, layer, title) — the map's text alternative.
import type { AtlasStore } from '../state/store';
import { visibleItems } from '../state/store';
import type { Item } from '../data/dataset';
import type { Control } from './control';
import { el } from './control';
import { countText, describeDates } from './format';

export class EventList implements Control {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private shown: Item[] = [];
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('section', { class: 'event-list-panel', 'aria-labelledby': 'event-list-heading' });
    const heading = el('h2', { id: 'event-list-heading' }, 'Events');
    this.count = el('p', { id: 'event-count', class: 'event-count', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.list = el('ol', { id: 'event-list', class: 'event-list', 'aria-labelledby': 'event-list-heading' });
    this.element.append(heading, this.count, this.list);
    this.list.addEventListener('click', this.onClick);
    this.unsubscribe = store.subscribe((s, prev) => {
      if (s.dataset !== prev.dataset || s.window !== prev.window || s.mode !== prev.mode || s.layers !== prev.layers) this.render();
      else if (s.selected !== prev.selected) this.markSelected();
    });
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
    this.list.removeEventListener('click', this.onClick);
    this.element.remove();
  }

  private render(): void {
    const state = this.store.getState();
    const items = visibleItems(state);
    this.count.textContent = countText(items.length);
    if (items.length === this.shown.length && items.every((it, i) => it === this.shown[i])) return;
    this.shown = items;
    const rows = items.map((it) => {
      const li = el('li', { 'data-feature-id': it.id, class: `event event-${it.kind}` });
      const button = el('button', { type: 'button', class: 'event-button' });
      const p = it.feature.properties;
      button.append(
        el('span', { class: 'event-date' }, describeDates(p)),
        el('span', { class: 'event-layer' }, state.dataset?.layerOf.get(it.layer)?.label ?? it.layer),
        el('span', { class: 'event-title' }, p.title),
      );
      li.append(button);
      return li;
    });
    this.list.replaceChildren(...rows);
    if (!items.length) this.list.append(el('li', { class: 'event-empty' }, 'Nothing in this window. Move the slider or widen the window.'));
    this.markSelected();
  }

  private markSelected(): void {
    const sel = this.store.getState().selected;
    for (const li of Array.from(this.list.children)) {
      const button = li.querySelector('button');
      if (!button) continue;
      if (li.getAttribute('data-feature-id') === sel) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  }

  private readonly onClick = (e: MouseEvent): void => {
    const li = (e.target as HTMLElement).closest('li[data-feature-id]');
    const id = li?.getAttribute('data-feature-id');
    if (id) this.store.getState().select(id, { fly: true });
  };
}
