// The legend's density part: dots / hexagons / heatmap (pinned or auto), the colour scale, and the busiest hexagons as buttons.
import '../styles/density.css';
import type { AtlasStore } from '../../app/store';
import type { Control } from './control';
import { el } from './control';
import { AGG_LABELS, AGG_MODES, AUTO_BIN_THRESHOLD, type AggMode } from '../../app/agg-mode';
import type { DensityInfo } from '../layers/density';
import { RAMP, rampTicks } from '../layers/density-scale';
import { areaOfPick, describeCell, placeOf } from '../map/hex-pick';

/** Busiest hexagons listed as buttons (the keyboard's way to what hovering and clicking a hexagon give). */
const LISTED = 5;
/** While the window moves (playing, dragging), the list waits this long after the last change. */
const LIST_DELAY_MS = 300;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');

export class DensityLegend implements Control {
  readonly element: HTMLElement;
  private select: HTMLSelectElement | null = null;
  private readonly scale: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly ticks: HTMLElement;
  private readonly note: HTMLElement;
  private readonly busiest: HTMLOListElement;
  private readonly busiestBox: HTMLElement;
  private info: DensityInfo | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: () => void;

  constructor(
    private readonly store: AtlasStore,
    opts: { compact?: boolean } = {},
  ) {
    this.element = el('div', { class: 'density-legend' });
    if (!opts.compact) {
      // One line: a select keeps the side panel short (the event list below it is the map's text alternative).
      const label = el('label', {
        class: 'density-modes',
        title: `Auto: dots until the view holds ${fmt(AUTO_BIN_THRESHOLD)} events, or the marks in one hexagon would cover it twice over, then hexagons.`,
      });
      this.select = el('select', { name: 'agg', id: 'agg-select' });
      for (const mode of AGG_MODES) {
        this.select.append(el('option', { value: mode }, AGG_LABELS[mode]));
      }
      label.append('Show events as ', this.select);
      // What auto does, said once under the select (and read with it: aria-describedby).
      const hint = el(
        'span',
        { id: 'agg-hint', class: 'density-hint' },
        `Auto: hexagons once ${fmt(AUTO_BIN_THRESHOLD)}+ events are in view, or where marks pile up on each other`,
      );
      this.select.setAttribute('aria-describedby', 'agg-hint');
      this.select.addEventListener('change', this.onChange);
      this.element.append(label, hint);
    }
    this.scale = el('div', { class: 'density-scale', hidden: '' });
    this.caption = el('p', { class: 'density-caption' });
    const ramp = el('span', { class: 'density-ramp', 'aria-hidden': 'true' });
    ramp.style.backgroundImage = `linear-gradient(to right, ${RAMP.map((c) => `rgb(${c.join(', ')})`).join(', ')})`;
    this.ticks = el('span', { class: 'density-ticks' });
    this.note = el('p', { class: 'legend-note density-note' });
    this.busiest = el('ol', { class: 'density-busiest', 'aria-label': 'Busiest hexagons in the window' });
    // Closed by default (the side panel stays short); open, it is the keyboard's way to each hexagon's count, categories and events.
    this.busiestBox = el('details', { class: 'density-busiest-box' });
    this.busiestBox.append(
      el('summary', { class: 'density-busiest-heading' }, 'Busiest hexagons — choose one to list its events'),
      this.busiest,
    );
    this.scale.append(this.caption, ramp, this.ticks, this.note);
    this.element.append(this.scale, this.busiestBox);
    this.busiestBox.hidden = true;
    this.unsubscribe = store.subscribe(
      (s) => s.agg,
      () => this.syncRadios(),
    );
    this.syncRadios();
  }

  destroy(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.element.remove();
  }

  /** What the map's density view shows now (MapView.onDensity). */
  show(info: DensityInfo): void {
    this.info = info;
    const binned = info.drawn !== 'dots';
    this.scale.hidden = !binned;
    this.element.dataset.drawn = info.drawn;
    if (binned) {
      const km = `${info.size.km} km`;
      this.caption.textContent =
        info.drawn === 'hexagons'
          ? `Events per hexagon of ${km} (across, at ${Math.round(Math.abs(info.size.refLat))}°${info.size.refLat >= 0 ? 'N' : 'S'})`
          : `Density of events, smoothed over about ${km}`;
      // Hexagons: the counts along the ramp. Heatmap: a smoothed density, so only its direction.
      const ticks = info.drawn === 'hexagons' ? rampTicks(info.domain).map(fmt) : ['fewer', 'more'];
      this.ticks.replaceChildren(...ticks.map((t) => el('span', {}, t)));
      const largest = `The window's busiest hexagon: ${fmt(info.max)} ${info.max === 1 ? 'event' : 'events'}.`;
      this.note.textContent = info.fixed
        ? `${largest} While playing, the scale is fixed from the whole span (its end: ${fmt(info.domain)}), so busy days look busier.`
        : `${largest} Pale: few; deep red: many (log scale).`;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.listBusiest(), info.fixed ? LIST_DELAY_MS * 3 : LIST_DELAY_MS);
  }

  private listBusiest(): void {
    this.timer = null;
    const info = this.info;
    const ds = this.store.getState().dataset;
    const on = !!info && info.drawn !== 'dots' && info.top.length > 0;
    this.busiestBox.hidden = !on;
    if (!on || !info) {
      this.busiest.replaceChildren();
      return;
    }
    const items = info.top.slice(0, LISTED).map(({ cell }) => {
      const summary = info.describe(cell);
      const li = el('li', {});
      const button = el('button', { type: 'button', class: 'density-cell', title: describeCell(summary) });
      const cats = summary.categories
        .slice(0, 2)
        .map((c) => `${c.label} ${Math.round((100 * c.count) / Math.max(1, summary.count))}%`)
        .join(', ');
      button.append(
        el('span', { class: 'density-cell-place' }, placeOf(ds, summary)),
        el('span', { class: 'density-cell-count' }, `${fmt(summary.count)} — ${cats}`),
      );
      button.addEventListener('click', () => this.store.getState().setArea(areaOfPick(ds, summary)));
      li.append(button);
      return li;
    });
    this.busiest.replaceChildren(...items);
  }

  private syncRadios(): void {
    const agg = this.store.getState().agg;
    if (this.select) this.select.value = agg;
  }

  private readonly onChange = (): void => {
    if (this.select) this.store.getState().setAgg(this.select.value as AggMode);
  };
}
