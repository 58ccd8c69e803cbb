// The chip above the event list that says it is narrowed to a hexagon, with a button that undoes it.
import '../styles/density.css';
import type { AtlasStore } from '../../app/store';
import type { Control } from './control';
import { el } from './control';

export class AreaChip implements Control {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly button: HTMLButtonElement;
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('p', { id: 'area-chip', class: 'area-chip', hidden: '' });
    this.text = el('span', { class: 'area-chip-text' });
    this.button = el(
      'button',
      { type: 'button', class: 'area-chip-clear', 'aria-label': 'Show the events of the whole map again' },
      '× Whole map',
    );
    this.element.append(this.text, this.button);
    this.button.addEventListener('click', this.onClear);
    this.unsubscribe = store.subscribe(
      (s) => s.area,
      () => this.update(),
    );
    this.update();
  }

  destroy(): void {
    this.unsubscribe();
    this.button.removeEventListener('click', this.onClear);
    this.element.remove();
  }

  private update(): void {
    const area = this.store.getState().area;
    this.element.hidden = !area;
    this.text.textContent = area ? `Only: ${area.label}` : '';
  }

  private readonly onClear = (): void => {
    this.store.getState().setArea(null);
  };
}
