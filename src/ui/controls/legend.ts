// Legend and layer toggles: one row per data layer with its symbol, a checkbox and its count.
import type { AtlasStore } from '../../app/store';
import { shownWindow, shownView } from '../../app/derived';
import { shallow } from 'zustand/vanilla/shallow';
import type { Control } from './control';
import { el } from './control';
import { WEAPONS, type LayerKind, type Weapon } from '../../core/schema/schema';
import { BUNDLED_GROUP, type Dataset } from '../../core/columnar/dataset';
import { categoryColors, OTHER_LABEL, PALETTE } from '../layers/categories';
import { DensityLegend } from './density-legend';
import { icon } from './icons';
import {
  DEPLOYMENT_FILL,
  DEPLOYMENT_LINE,
  FACILITY_COLOR,
  LINK_SOURCE_COLOR,
  LINK_TARGET_COLOR,
  UNCERTAINTY_LINE,
  WEAPON_COLORS,
  WEAPON_LABELS,
  type RGBA,
} from '../../core/config';
import { publishedOf } from '../../core/published/published-dataset';

export const cssColor = (c: RGBA): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(3)})`;

export interface LegendOptions {
  /** Leave out the explanatory notes (embeds). */
  compact?: boolean;
}

export class Legend implements Control {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly boxes = new Map<string, HTMLInputElement>();
  private readonly counts = new Map<string, HTMLElement>();
  private builtFor: Dataset | null = null;
  /** Dots / hexagons / heatmap and the colour scale; MapView.onDensity feeds it (`legend.density.show`). */
  readonly density: DensityLegend;
  private unsubscribe: () => void;

  constructor(
    private readonly store: AtlasStore,
    private readonly opts: LegendOptions = {},
  ) {
    this.element = el('section', { id: 'legend', class: 'legend', 'aria-labelledby': 'legend-heading' });
    const heading = el('h2', { id: 'legend-heading' }, 'Layers');
    this.list = el('ul', { class: 'legend-layers' });
    this.density = new DensityLegend(store, { compact: opts.compact });
    this.element.append(heading, this.list, this.density.element);
    if (!opts.compact) {
      const uncertainty = el('p', { class: 'legend-note legend-uncertainty' });
      const ring = el('span', { class: 'legend-symbol legend-ring', 'aria-hidden': 'true' });
      ring.style.borderColor = cssColor(UNCERTAINTY_LINE);
      uncertainty.append(ring, 'Faint circle: how far the true spot may be from the marker.');
      this.element.append(uncertainty);
    }
    this.element.addEventListener('change', this.onChange);
    this.unsubscribe = store.subscribe(
      (s) => [s.layers, s.window, s.mode, s.dataset, s.filters],
      () => this.update(),
      { equalityFn: shallow },
    );
    this.update();
  }

  destroy(): void {
    this.unsubscribe();
    this.density.destroy();
    this.element.removeEventListener('change', this.onChange);
    this.element.remove();
  }

  private build(ds: Dataset): void {
    this.builtFor = ds;
    this.boxes.clear();
    this.counts.clear();
    const rows: HTMLElement[] = [];
    const categories = categoryColors(ds);
    const colors = categories.layerColor;
    let group = BUNDLED_GROUP;
    for (const def of ds.layers) {
      if (def.group !== group) {
        group = def.group;
        rows.push(el('li', { class: 'legend-group' }, def.group));
      }
      const li = el('li', { class: `legend-layer legend-${def.kind}` });
      const label = el('label', {});
      const box = el('input', { type: 'checkbox', name: 'layer', value: def.key });
      const count = el('span', { class: 'legend-count', 'aria-label': 'in window' });
      label.append(
        box,
        symbolFor(def.kind, colors.get(def.key)),
        el('span', { class: 'legend-name' }, def.label),
        count,
      );
      li.append(label);
      if (!this.opts.compact && def.key === 'strikes') li.append(strikeKey());
      if (!this.opts.compact && def.kind === 'deployment')
        li.append(el('p', { class: 'legend-note' }, 'Dashed outline: approximate area built from named places.'));
      if (!this.opts.compact && def.kind === 'link') {
        li.append(
          el(
            'p',
            { class: 'legend-note' },
            'Blue end: where it starts; pink end: what it points at. Faint: only claimed, or denied. A state is drawn at its capital.',
          ),
        );
      }
      rows.push(li);
      this.boxes.set(def.key, box);
      this.counts.set(def.key, count);
    }
    const grey = otherNote(ds, categories.entries);
    if (grey && !this.opts.compact) {
      const li = el('li', { class: 'legend-other' });
      li.append(grey);
      rows.push(li);
    }
    this.list.replaceChildren(...rows);
  }

  private update(): void {
    const s = this.store.getState();
    const ds = s.dataset;
    if (!ds) return;
    if (this.builtFor !== ds) this.build(ds);
    // Per layer, shown or not: what the window (and filters) let through, from the sorted index.
    // A published dataset zoomed out has no rows loaded: its manifest's daily counts say how many per layer.
    const published = publishedOf(ds);
    const perLayer = published?.mode === 'overview' ? published.windowCounts(shownWindow(s)) : shownView(s).perLayer;
    ds.layers.forEach((def, i) => {
      const box = this.boxes.get(def.key);
      if (box) box.checked = s.layers.includes(def.key);
      const count = this.counts.get(def.key);
      if (count) count.textContent = String(perLayer[i] ?? 0);
    });
  }

  private readonly onChange = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    if (t.name === 'layer') this.store.getState().setLayerVisible(t.value, t.checked);
  };
}

/** Says which categories share the grey of "other" (more categories than the palette has colours), or null. */
function otherNote(ds: Dataset, entries: ReturnType<typeof categoryColors>['entries']): HTMLElement | null {
  const other = entries.find((e) => e.label === OTHER_LABEL);
  if (!other?.layers.length) return null;
  const names = [...new Set(other.layers.map((k) => ds.layerOf.get(k)?.label ?? k))];
  return el(
    'p',
    { class: 'legend-note' },
    `Grey: ${names.join(', ')}. More categories than the palette's ${PALETTE.length} colours: the smallest share grey.`,
  );
}

/** A layer's symbol; an imported category's in its own colour (the map's, src/ui/layers/categories.ts). */
function symbolFor(kind: LayerKind, color?: RGBA): HTMLElement {
  const s = el('span', { class: `legend-symbol legend-symbol-${kind}`, 'aria-hidden': 'true' });
  if (kind === 'strike') s.style.backgroundColor = cssColor(color ?? WEAPON_COLORS.missile);
  if (kind === 'facility') s.style.borderColor = cssColor(FACILITY_COLOR);
  if (kind === 'deployment') {
    s.style.backgroundColor = cssColor(DEPLOYMENT_FILL);
    s.style.borderColor = cssColor(DEPLOYMENT_LINE);
  }
  if (kind === 'link')
    s.style.backgroundImage = `linear-gradient(to right, ${cssColor(LINK_SOURCE_COLOR)}, ${cssColor(LINK_TARGET_COLOR)})`;
  return s;
}

/** A weapon's key symbol: a coloured dot, and for cyberattacks a lightning bolt in their colour. */
export function weaponSymbol(w: Weapon): HTMLElement {
  const dot = el('span', { class: `legend-dot legend-dot-${w}`, 'aria-hidden': 'true' });
  dot.style.backgroundColor = cssColor(WEAPON_COLORS[w]);
  if (w === 'cyber') {
    dot.style.backgroundColor = 'transparent';
    dot.style.color = cssColor(WEAPON_COLORS[w]);
    dot.append(icon('cyber'));
  }
  return dot;
}

/** The strike colours as a list of coloured dots and weapon names (the legend's and the embed's key). */
export function weaponKeyList(className: string): HTMLUListElement {
  const ul = el('ul', { class: className, 'aria-label': 'Strike colours by weapon' });
  for (const w of WEAPONS) {
    const li = el('li', {});
    li.append(weaponSymbol(w), WEAPON_LABELS[w]);
    ul.append(li);
  }
  return ul;
}

function strikeKey(): HTMLElement {
  const ul = weaponKeyList('legend-weapons');
  ul.append(el('li', { class: 'legend-size' }, 'Larger circle: more people injured or killed and buildings damaged.'));
  return ul;
}
