// The filter panel: search box, weapon checkboxes and a minimum figure, each with its count; narrows list and map together.
import type { AtlasStore } from '../../app/store';
import { filterCountsOf, shownView, shownWindow, unfilteredView } from '../../app/derived';
import { shallow } from 'zustand/vanilla/shallow';
import type { Control } from '../controls/control';
import { el } from '../controls/control';
import { weaponSymbol } from '../controls/legend';
import { FIGURE_FIELDS, FIGURE_LABELS, WEAPONS, type FigureField, type Weapon } from '../../core/schema/schema';
import { WEAPON_LABELS } from '../../core/config';
import { MAX_QUERY, filtersActive, type Filters } from '../../core/filters/filters';
import { publishedOf } from '../../core/published/published-dataset';
import { queryTerms } from '../../core/filters/search';
import { prepareTerms, searchAhead } from '../../core/filters/search-run';
import { TYPING_EVENT } from './typing-event';
import '../styles/filters.css';

/**
 * A key typed after a pause in typing sends its query in the next task: the search runs off the
 * typing path (in the data worker, or in slices: search-run.ts) and a newer keystroke drops it,
 * so waiting would only add to what the key costs (it was 25 ms). Keys in a burst wait a little
 * (BURST_DELAY_MS) so that most of a word's letters are never searched.
 */
const SEARCH_DELAY_MS = 0;
/**
 * Within a burst of typing (keys closer than BURST_GAP_MS) the pause is a little longer, so that a
 * result mid-word (the counts, list and histogram of a million rows) rarely lands just before the
 * next key. The map does not redraw until the keys pause (map-view.ts), so no map frame starts
 * mid-word.
 */
const BURST_GAP_MS = 150;
const BURST_DELAY_MS = 40;
/** While playing, the counts follow the window at most this often (they are not per frame). */
const PLAYING_COUNT_MS = 300;

export class FilterPanel implements Control {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly searchCount: HTMLElement;
  private readonly weaponBoxes = new Map<Weapon, HTMLInputElement>();
  private readonly weaponCounts = new Map<Weapon, HTMLElement>();
  private readonly weapons: HTMLFieldSetElement;
  private readonly minField: HTMLSelectElement;
  private readonly minValue: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly clear: HTMLButtonElement;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  /** The search being prepared (its term rows found): aborted by the next keystroke. */
  private searching: AbortController | null = null;
  private lastKeyAt = -Infinity;
  /** The query last sent to the store, so typing is not overwritten by its own echo. */
  private sentQuery = '';
  private countTimer: ReturnType<typeof setTimeout> | null = null;
  /** The per-weapon and per-figure counts, waiting for the next frame (updateCounts). */
  private detailFrame: number | null = null;
  private detailTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: () => void;

  constructor(private readonly store: AtlasStore) {
    this.element = el('section', { id: 'filters', class: 'filters', 'aria-labelledby': 'filters-heading' });
    const heading = el('h2', { id: 'filters-heading' }, 'Filter and search');

    const searchRow = el('div', { class: 'filter-search' });
    this.search = el('input', {
      id: 'filter-search',
      type: 'search',
      maxlength: String(MAX_QUERY),
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'Titles, places, summaries, quotes',
      'aria-label': 'Search titles, places, summaries and source quotes',
      'aria-describedby': 'filter-search-count',
    });
    this.searchCount = el('span', { id: 'filter-search-count', class: 'filter-count' });
    searchRow.append(this.search, this.searchCount);

    const weapons = el('fieldset', { class: 'filter-weapons' });
    this.weapons = weapons;
    weapons.append(el('legend', {}, 'Strikes by weapon'));
    for (const w of WEAPONS) {
      const label = el('label', { class: 'filter-weapon' });
      const box = el('input', { type: 'checkbox', name: 'weapon', value: w });
      const dot = weaponSymbol(w);
      const count = el('span', { class: 'filter-count', 'data-weapon': w });
      label.append(box, dot, el('span', {}, WEAPON_LABELS[w]), count);
      weapons.append(label);
      this.weaponBoxes.set(w, box);
      this.weaponCounts.set(w, count);
    }

    const minRow = el('div', { class: 'filter-min' });
    const minLabel = el('label', { for: 'filter-min-value' }, 'At least');
    this.minValue = el('input', {
      id: 'filter-min-value',
      type: 'number',
      min: '0',
      step: '1',
      inputmode: 'numeric',
      'aria-label': 'Minimum number',
    });
    this.minField = el('select', { id: 'filter-min-field', 'aria-label': 'Figure the minimum applies to' });
    this.minField.append(el('option', { value: '' }, '(any figure: no minimum)'));
    for (const f of FIGURE_FIELDS) this.minField.append(el('option', { value: f }, FIGURE_LABELS[f].toLowerCase()));
    minRow.append(minLabel, this.minValue, this.minField);

    this.summary = el('p', {
      id: 'filter-summary',
      class: 'filter-summary',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    this.clear = el('button', { id: 'filter-clear', type: 'button', class: 'filter-clear' }, 'Clear filters');
    const foot = el('div', { class: 'filter-foot' });
    foot.append(this.summary, this.clear);
    this.element.append(heading, searchRow, weapons, minRow, foot);

    this.search.addEventListener('input', this.onSearchInput);
    this.search.addEventListener('keydown', this.onSearchKey);
    weapons.addEventListener('change', this.onWeapon);
    this.minField.addEventListener('change', this.onMin);
    this.minValue.addEventListener('input', this.onMin);
    this.clear.addEventListener('click', this.onClear);
    const unsubscribeInputs = store.subscribe(
      (s) => s.filters,
      () => this.syncInputs(store.getState().filters),
    );
    const unsubscribeCounts = store.subscribe(
      (s) => [s.filters, s.dataset, s.window, s.mode, s.layers],
      () => this.scheduleCounts(),
      { equalityFn: shallow },
    );
    this.unsubscribe = () => {
      unsubscribeInputs();
      unsubscribeCounts();
    };
    this.syncInputs(store.getState().filters);
    this.updateShown();
    this.updateBreakdown();
  }

  destroy(): void {
    this.unsubscribe();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searching?.abort();
    if (this.countTimer) clearTimeout(this.countTimer);
    if (this.detailFrame !== null) cancelAnimationFrame(this.detailFrame);
    if (this.detailTimer) clearTimeout(this.detailTimer);
    this.search.removeEventListener('input', this.onSearchInput);
    this.search.removeEventListener('keydown', this.onSearchKey);
    this.weapons.removeEventListener('change', this.onWeapon);
    this.minField.removeEventListener('change', this.onMin);
    this.minValue.removeEventListener('input', this.onMin);
    this.clear.removeEventListener('click', this.onClear);
    this.element.remove();
  }

  /** Puts the state into the inputs (a link, a story step, Clear), leaving a query being typed alone. */
  private syncInputs(f: Filters): void {
    if (f.q !== this.sentQuery) {
      this.sentQuery = f.q;
      if (this.search.value !== f.q) this.search.value = f.q;
    }
    for (const [w, box] of this.weaponBoxes) box.checked = f.weapons === null || f.weapons.includes(w);
    this.minField.value = f.min?.field ?? '';
    const typing = document.activeElement === this.minValue;
    if (f.min && !(typing && Number(this.minValue.value) === f.min.value)) this.minValue.value = String(f.min.value);
    if (!f.min && !typing) this.minValue.value = '';
    this.clear.hidden = !filtersActive(f);
    this.element.classList.toggle('filters-active', filtersActive(f));
  }

  private scheduleCounts(): void {
    if (this.countTimer) return;
    this.countTimer = setTimeout(
      () => {
        this.countTimer = null;
        this.updateCounts();
      },
      this.store.getState().playing ? PLAYING_COUNT_MS : 0,
    );
  }

  /**
   * Counts in the current window on the layers shown: what the filters keep at once (the list's own
   * count, already made), then per weapon and per figure after the next frame, so that a keystroke's
   * list and match count are on screen before the panel's breakdown is counted (~20 ms at 1M rows).
   */
  private updateCounts(): void {
    if (!this.updateShown()) return;
    if (this.detailFrame !== null) return;
    this.element.dataset.countsPending = '';
    this.detailFrame = requestAnimationFrame(() => {
      this.detailTimer = setTimeout(() => {
        this.detailFrame = null;
        this.detailTimer = null;
        delete this.element.dataset.countsPending;
        this.updateBreakdown();
      }, 0);
    });
  }

  /** The match count and the summary, from the list's views; false when there is nothing to count (or a published overview). */
  private updateShown(): boolean {
    const s = this.store.getState();
    if (!s.dataset) return false;
    // A published dataset zoomed out has no rows loaded (the map draws the manifest's counts per
    // cell): the weapons' counts come from its daily counts (strikes starting in the window; – for
    // a dataset published without them), and filtering waits for the rows.
    const published = publishedOf(s.dataset);
    if (published?.mode === 'overview') {
      const perWeapon = published.weaponCounts(shownWindow(s), s.layers);
      for (const [w, span] of this.weaponCounts) span.textContent = perWeapon ? String(perWeapon[w]) : '–';
      this.searchCount.textContent = '';
      this.summary.textContent = perWeapon
        ? 'Zoomed out, the counts are the whole dataset’s in the window; zoom in to load the events and filter them'
        : 'Zoomed out, the map shows counts per area; zoom in to load the events, count and filter them';
      return false;
    }
    const shown = shownView(s).count;
    const total = unfilteredView(s).count;
    const active = filtersActive(s.filters);
    this.searchCount.textContent = s.filters.q.trim() ? `${shown} ${shown === 1 ? 'match' : 'matches'}` : '';
    this.summary.textContent = active
      ? `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} in the window pass the filters`
      : `No filter set: all ${total.toLocaleString('en-GB')} in the window shown`;
    return true;
  }

  /** Strikes per weapon and rows per figure that pass the other filters. */
  private updateBreakdown(): void {
    const s = this.store.getState();
    if (s.dataset && publishedOf(s.dataset)?.mode === 'overview') return;
    const c = filterCountsOf(s);
    if (!c) return;
    for (const [w, span] of this.weaponCounts) span.textContent = String(c.perWeapon[w]);
    for (const option of Array.from(this.minField.options)) {
      const f = option.value as FigureField | '';
      if (f) option.textContent = `${FIGURE_LABELS[f].toLowerCase()} (${c.perFigure[f]} give it)`;
    }
  }

  private readonly onSearchInput = (): void => {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searching?.abort();
    this.searching = null;
    const now = performance.now();
    // The map holds its redraw while the keys come (map-view.ts).
    window.dispatchEvent(new Event(TYPING_EVENT));
    const burst = now - this.lastKeyAt < BURST_GAP_MS;
    this.lastKeyAt = now;
    // Not searched here till the keys pause, but found ahead in the worker meanwhile (worker-search.ts).
    const ds = burst ? this.store.getState().dataset : null;
    if (ds) searchAhead(ds.columns.search, queryTerms(this.search.value));
    this.searchTimer = setTimeout(
      () => {
        this.searchTimer = null;
        void this.sendQuery(this.search.value);
      },
      burst ? BURST_DELAY_MS : SEARCH_DELAY_MS,
    );
  };

  /**
   * Finds the query's term rows first, off the typing path (the worker, or slices between tasks),
   * then sets the filter: the store's change then builds its mask from rows already found. A newer
   * keystroke aborts this one; a dataset that changes meanwhile is searched by the filter change.
   */
  private async sendQuery(q: string): Promise<void> {
    const controller = new AbortController();
    this.searching = controller;
    const ds = this.store.getState().dataset;
    const terms = queryTerms(q);
    if (ds && terms.length) {
      this.element.classList.add('filters-searching');
      try {
        await prepareTerms(ds.columns.search, terms, { signal: controller.signal });
      } catch (err) {
        if (controller.signal.aborted) return;
        throw err;
      } finally {
        if (this.searching === controller) this.element.classList.remove('filters-searching');
      }
    }
    if (controller.signal.aborted) return;
    this.searching = null;
    this.sentQuery = q;
    this.store.getState().setFilters({ q });
  }

  private readonly onSearchKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.search.value) {
      this.search.value = '';
      this.onSearchInput();
      e.preventDefault();
    }
  };

  private readonly onWeapon = (): void => {
    const on = WEAPONS.filter((w) => this.weaponBoxes.get(w)?.checked);
    this.store.getState().setFilters({ weapons: on.length === WEAPONS.length ? null : on });
  };

  private readonly onMin = (): void => {
    const field = this.minField.value as FigureField | '';
    const value = this.minValue.value === '' ? (field ? 1 : NaN) : Number(this.minValue.value);
    if (field && this.minValue.value === '') this.minValue.value = '1';
    this.store.getState().setFilters({ min: field && Number.isFinite(value) && value >= 0 ? { field, value } : null });
  };

  private readonly onClear = (): void => {
    this.store.getState().clearFilters();
    this.search.focus();
  };
}
