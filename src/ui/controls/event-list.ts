// The event list: what the window shows (date, layer, title) — the map's text alternative, virtualised.
import type { AtlasStore } from '../../app/store';
import { shownView, unfilteredView } from '../../app/derived';
import { shallow } from 'zustand/vanilla/shallow';
import type { Dataset } from '../../core/columnar/dataset';
import type { Control } from './control';
import { el } from './control';
import { countText, describeDates } from './format';
import { filtersActive } from '../../core/filters/filters';
import { queryTerms } from '../../core/filters/search';
import { markTerms, matchLine } from '../filters/highlight';
import { virtualRange, type Viewport } from './virtual-range';
import { rowsInArea } from '../../core/filters/area';
import { AreaChip } from './area-chip';
import '../styles/filters.css';

/** Rows drawn above and below the visible ones, so a scroll or Tab shows no gap. */
const OVERSCAN = 8;
/** Rows drawn while the list is not laid out (not in the page yet, or in a closed <details>). */
const FIRST_PAGE = 40;
/** Lists this short are drawn whole (cheap, and every row can be found, scrolled to and tabbed through). */
const DRAW_ALL_UP_TO = 200;
/** Row height assumed until one row has been measured, in CSS pixels. */
const ROW_ESTIMATE = 52;

/**
 * Only the rows in view are in the DOM: a window of a million events may hold ten thousand
 * (lists of up to DRAW_ALL_UP_TO rows are drawn whole).
 * `#event-list` is an <ol> whose padding stands in for the rows above and below; each <li>
 * says where it is in the whole list (aria-posinset / aria-setsize), so screen readers still
 * announce "item 3,201 of 9,870". Rows have one height (one line for each of date, layer,
 * title and, while searching, where the match is), measured once it is drawn.
 */
export class EventList implements Control {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private rows: Uint32Array = new Uint32Array(0);
  private dataset: Dataset | null = null;
  private terms: string[] = [];
  private drawn: [number, number] = [0, 0];
  private rowHeight = 0;
  private frame = 0;
  /**
   * Where the list was cut off when last measured (viewport()): a new result (a keystroke) draws
   * its rows from it instead of measuring again, which would force a layout of what the task just
   * changed (~9 ms at 1M rows); the next frame measures and draws again if the view moved.
   */
  private lastViewport: Viewport | null = null;
  /** The flight to a clicked entry, started two frames after the click. */
  private flight = 0;
  private readonly chip: AreaChip;
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('section', { class: 'event-list-panel', 'aria-labelledby': 'event-list-heading' });
    const heading = el('h2', { id: 'event-list-heading' }, 'Events');
    this.count = el('p', { id: 'event-count', class: 'event-count', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.list = el('ol', { id: 'event-list', class: 'event-list', 'aria-labelledby': 'event-list-heading' });
    this.chip = new AreaChip(store);
    this.element.append(heading, this.count, this.chip.element, this.list);
    this.list.addEventListener('click', this.onClick);
    document.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onResize);
    // What the list shows changed: draw it again (which marks the selection too); else only the selection moved.
    const unsubscribeRows = store.subscribe(
      (s) => [s.dataset, s.window, s.mode, s.layers, s.filters, s.area],
      () => this.render(),
      { equalityFn: shallow },
    );
    const unsubscribeSelected = store.subscribe(
      (s) => s.selected,
      () => this.markSelected(),
    );
    this.unsubscribe = () => {
      unsubscribeRows();
      unsubscribeSelected();
    };
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
    this.chip.destroy();
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.flight);
    this.list.removeEventListener('click', this.onClick);
    document.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onResize);
    this.element.remove();
  }

  /** Rows, count and terms for the current state; then the rows in view. */
  private render(): void {
    const state = this.store.getState();
    const view = shownView(state);
    const filtered = filtersActive(state.filters);
    // The shown count comes first (tests and screen readers read it); then what the filters left out.
    const all = filtered ? unfilteredView(state).count : view.count;
    const terms = queryTerms(state.filters.q);
    // Narrowed to a hexagon (clicking one on the map): only its rows, and the count says so.
    const area = state.area && state.dataset ? state.area : null;
    const rows = area && state.dataset ? rowsInArea(state.dataset, view.rows(), area) : view.rows();
    if (area)
      this.count.textContent = `${rows.length.toLocaleString('en-GB')} ${rows.length === 1 ? 'event' : 'events'} in this hexagon, of ${view.count.toLocaleString('en-GB')} in the window`;
    else
      this.count.textContent = filtered
        ? `${countText(view.count)}, filtered from ${all.toLocaleString('en-GB')}`
        : countText(view.count);
    if (
      state.dataset === this.dataset &&
      sameRows(rows, this.rows) &&
      terms.join('\u0001') === this.terms.join('\u0001')
    )
      return;
    this.dataset = state.dataset;
    this.rows = rows;
    this.terms = terms;
    this.list.classList.toggle('with-matches', terms.length > 0);
    if (!rows.length) {
      const why = area
        ? 'Nothing in this hexagon in this window. Move the slider, or show the whole map again.'
        : filtered
          ? 'Nothing in this window matches the filters. Clear or loosen them, or move the slider.'
          : 'Nothing in this window. Move the slider or widen the window.';
      this.list.style.padding = '';
      this.list.replaceChildren(el('li', { class: 'event-empty' }, why));
      this.drawn = [0, 0];
      return;
    }
    this.drawRange(true, true);
    this.scheduleCheck();
  }

  /** Draws the rows in view (all of [first, last)), unless they are drawn already; `cached`: in the view last measured. */
  private drawRange(force = false, cached = false): void {
    const n = this.rows.length;
    if (!n || !this.dataset) return;
    const [first, last] =
      n <= DRAW_ALL_UP_TO
        ? [0, n]
        : virtualRange(
            n,
            this.rowHeight || ROW_ESTIMATE,
            (cached && this.lastViewport) || this.viewport(),
            OVERSCAN,
            FIRST_PAGE,
          );
    if (!force && first === this.drawn[0] && last === this.drawn[1]) return;
    this.drawn = [first, last];
    const ds = this.dataset;
    const label = (key: string): string => ds.layerOf.get(key)?.label ?? key;
    const items: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const it = ds.itemAt(this.rows[i]);
      const li = el('li', {
        'data-feature-id': it.id,
        class: `event event-${it.kind}`,
        'aria-setsize': String(n),
        'aria-posinset': String(i + 1),
      });
      const button = el('button', { type: 'button', class: 'event-button' });
      const p = it.feature.properties;
      const title = el('span', { class: 'event-title', title: p.title });
      button.append(
        el('span', { class: 'event-date' }, describeDates(p)),
        el('span', { class: 'event-layer' }, label(it.layer)),
      );
      if (this.terms.length) {
        button.append(
          markTerms(title, p.title, this.terms),
          // A row whose notes are still to come from the worker gets its match line when they are (readText).
          (ds.textMissing?.(it.index) ? null : matchLine(p, this.terms)) ??
            el('span', { class: 'event-match' }, '\u00a0'),
        );
      } else {
        title.textContent = p.title;
        button.append(title);
      }
      li.append(button);
      items.push(li);
    }
    const h = this.rowHeight || ROW_ESTIMATE;
    this.list.style.paddingTop = `${first * h}px`;
    this.list.style.paddingBottom = `${(n - last) * h}px`;
    this.list.replaceChildren(...items);
    this.markSelected();
    this.readText(ds, first, last);
    // A known row height is checked again in the next frame (scheduleCheck), not here: measuring now
    // forces a layout on every keystroke of a search (~20 ms with a long list).
    if (!this.rowHeight) this.measure();
  }

  /**
   * The rows drawn whose notes and quotes the data worker holds (held-text.ts) are read now, so a
   * click shows its details at once; while searching, their match lines are drawn again with them.
   */
  private readText(ds: Dataset, first: number, last: number): void {
    if (!ds.ensureText || !ds.textMissing) return;
    const rows = this.rows.subarray(first, last);
    if (!rows.some((r) => ds.textMissing?.(r) === true)) return;
    const drawnRows = this.rows;
    ds.ensureText(rows).then(
      () => {
        if (this.dataset === ds && this.rows === drawnRows && this.terms.length) this.drawRange(true, true);
      },
      // The details say why when one is chosen; the list still shows every row's date, layer and title.
      () => undefined,
    );
  }

  /** Takes the height of a drawn row; draws again if it differs from what the padding assumed. */
  private measure(): void {
    const row = this.list.firstElementChild as HTMLElement | null;
    const h = row?.getBoundingClientRect().height ?? 0;
    if (h > 0 && Math.abs(h - this.rowHeight) > 0.5) {
      this.rowHeight = h;
      this.drawRange(true);
    }
  }

  /** Where the list is cut off: the window and every scrolling or clipping ancestor. */
  private viewport(): Viewport | null {
    if (!this.list.isConnected) return null;
    const rect = this.list.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return null;
    let top = 0;
    let bottom = window.innerHeight;
    for (let a = this.list.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowY;
      if (o === 'visible') continue;
      const r = a.getBoundingClientRect();
      top = Math.max(top, r.top);
      bottom = Math.min(bottom, r.bottom);
    }
    this.lastViewport = { listTop: rect.top, top, bottom };
    return this.lastViewport;
  }

  /** After the list is put in the page (or the page lays out), draw what is really in view. */
  private scheduleCheck(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.measure();
      this.drawRange();
    });
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

  private readonly onScroll = (): void => this.scheduleCheck();
  private readonly onResize = (): void => {
    this.rowHeight = 0;
    this.scheduleCheck();
  };

  private readonly onClick = (e: MouseEvent): void => {
    const li = (e.target as HTMLElement).closest('li[data-feature-id]');
    const id = li?.getAttribute('data-feature-id');
    if (!id) return;
    this.store.getState().select(id);
    // Choosing an entry flies the map to it, once the details are on screen: the flight's first
    // frame (software WebGL, a new zoom's tiles) held the details' frame back 0.6–1.8 s.
    cancelAnimationFrame(this.flight);
    this.flight = requestAnimationFrame(() => {
      this.flight = requestAnimationFrame(() => {
        if (this.store.getState().selected === id) this.store.getState().camera.flyToFeature(id);
      });
    });
  };
}

function sameRows(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
