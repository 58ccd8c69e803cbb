// Legend and layer toggles: one row per layer with its symbol, a checkbox and its count.
import type { AtlasStore } from '../state/store';
import { visibleItems } from '../state/store';
import type { Control } from './control';
import { el } from './control';
import { LAYER_KEYS, WEAPONS, type LayerKey } from '../data/schema';
import { DEPLOYMENT_FILL, DEPLOYMENT_LINE, FACILITY_COLOR, LAYER_LABELS, UNCERTAINTY_LINE, WEAPON_COLORS, WEAPON_LABELS, type RGBA } from '../config';

const css = (c: RGBA): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;

export class Legend implements Control {
  readonly element: HTMLElement;
  private readonly boxes = new Map<LayerKey, HTMLInputElement>();
  private readonly counts = new Map<LayerKey, HTMLElement>();
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('section', { id: 'legend', class: 'legend', 'aria-labelledby': 'legend-heading' });
    const heading = el('h2', { id: 'legend-heading' }, 'Layers');
    const list = el('ul', { class: 'legend-layers' });
    for (const key of LAYER_KEYS) {
      const li = el('li', { class: `legend-layer legend-${key}` });
      const label = el('label', {});
      const box = el('input', { type: 'checkbox', name: 'layer', value: key });
      const count = el('span', { class: 'legend-count' });
      label.append(box, symbolFor(key), el('span', { class: 'legend-name' }, LAYER_LABELS[key]), count);
      li.append(label);
      if (key === 'strikes') li.append(strikeKey());
      if (key === 'deployments') li.append(el('p', { class: 'legend-note' }, 'Dashed outline: approximate area built from named places.'));
      list.append(li);
      this.boxes.set(key, box);
      this.counts.set(key, count);
    }
    const uncertainty = el('p', { class: 'legend-note legend-uncertainty' });
    const ring = el('span', { class: 'legend-symbol legend-ring', 'aria-hidden': 'true' });
    ring.style.borderColor = css(UNCERTAINTY_LINE);
    uncertainty.append(ring, 'Faint circle: how far the true spot may be from the marker.');
    this.element.append(heading, list, uncertainty);
    this.element.addEventListener('change', this.onChange);
    this.unsubscribe = store.subscribe((s, prev) => {
      if (s.layers !== prev.layers || s.window !== prev.window || s.mode !== prev.mode || s.dataset !== prev.dataset) this.update();
    });
    this.update();
  }

  destroy(): void {
    this.unsubscribe();
    this.element.removeEventListener('change', this.onChange);
    this.element.remove();
  }

  private update(): void {
    const s = this.store.getState();
    const visible = visibleItems({ ...s, layers: [...LAYER_KEYS] });
    for (const key of LAYER_KEYS) {
      (this.boxes.get(key) as HTMLInputElement).checked = s.layers.includes(key);
      const n = visible.filter((it) => it.layer === key).length;
      (this.counts.get(key) as HTMLElement).textContent = `${n}`;
    }
  }

  private readonly onChange = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    if (t.name === 'layer') this.store.getState().setLayerVisible(t.value as LayerKey, t.checked);
  };
}

function symbolFor(key: LayerKey): HTMLElement {
  const s = el('span', { class: `legend-symbol legend-symbol-${key}`, 'aria-hidden': 'true' });
  if (key === 'strikes') s.style.backgroundColor = css(WEAPON_COLORS.missile);
  if (key === 'facilities') s.style.borderColor = css(FACILITY_COLOR);
  if (key === 'deployments') {
    s.style.backgroundColor = css(DEPLOYMENT_FILL);
    s.style.borderColor = css(DEPLOYMENT_LINE);
  }
  return s;
}

function strikeKey(): HTMLElement {
  const ul = el('ul', { class: 'legend-weapons', 'aria-label': 'Strike colours by weapon' });
  for (const w of WEAPONS) {
    const li = el('li', {});
    const dot = el('span', { class: 'legend-dot', 'aria-hidden': 'true' });
    dot.style.backgroundColor = css(WEAPON_COLORS[w]);
    li.append(dot, WEAPON_LABELS[w]);
    ul.append(li);
  }
  const size = el('li', { class: 'legend-size' }, 'Larger circle: more people injured or killed and buildings damaged.');
  ul.append(size);
  return ul;
}
