// The time slider: histogram, draggable window, play/pause, speeds, stepping, modes, keyboard.
import type { AtlasStore } from '../../app/store';
import { shownWindow } from '../../app/derived';
import { shallow } from 'zustand/vanilla/shallow';
import type { Control } from './control';
import { el } from './control';
import { icon } from './icons';
import { formatWindow } from './format';
import { centreWindowOn, dayToX, dragWindow, xToDay, yearTicks, type DragPart } from './slider-geometry';
import { histogramOf } from '../../core/columnar/window-query';
import { createTypingRedraw } from '../filters/typing-event';
import { HISTOGRAM_BINS, SPEEDS } from '../../core/config';
import type { Dataset } from '../../core/columnar/dataset';
import type { DayRange } from '../../core/time/window';
import type { Filters } from '../../core/filters/filters';
import { filterMask } from '../../app/derived';

export class TimeSlider implements Control {
  readonly element: HTMLElement;
  private readonly track: HTMLElement;
  private readonly bars: HTMLElement;
  private readonly windowBox: HTMLElement;
  private readonly label: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly speedSelect: HTMLSelectElement;
  private readonly modeSelect: HTMLSelectElement;
  private readonly axis: HTMLElement;
  private unsubscribe: () => void = () => {};
  private drag: { part: DragPart; startX: number; origin: DayRange; pointerId: number } | null = null;
  private histogramFor: Dataset | null = null;
  /** The layers and filters the histogram was drawn for: it counts what they let through. */
  private histogramOf: { layers: string[]; filters: Filters } | null = null;

  /**
   * One slider for the app and the embed: it has no compact variant. A narrow embed keeps every
   * button and makes them finger-sized (embed-layout.css); controls=0 hides the whole slider instead.
   */
  constructor(private readonly store: AtlasStore) {
    this.element = el('section', { class: 'time-bar', 'aria-label': 'Time' });
    const buttons = el('div', { class: 'time-buttons' });
    const back = el('button', {
      id: 'step-back',
      type: 'button',
      'aria-label': 'Step back one day',
      title: 'Step back one day',
    });
    back.append(icon('back'));
    this.playButton = el('button', {
      id: 'play-toggle',
      type: 'button',
      'aria-pressed': 'false',
      'aria-label': 'Play',
      title: 'Play (Space)',
    });
    const forward = el('button', {
      id: 'step-forward',
      type: 'button',
      'aria-label': 'Step forward one day',
      title: 'Step forward one day',
    });
    forward.append(icon('forward'));
    this.speedSelect = el('select', { id: 'speed', 'aria-label': 'Playback speed' });
    SPEEDS.forEach((s, i) => {
      this.speedSelect.append(el('option', { value: String(i) }, s.label));
    });
    this.modeSelect = el('select', { id: 'mode', 'aria-label': 'Window mode' });
    this.modeSelect.append(
      el('option', { value: 'window' }, 'Moving window'),
      el('option', { value: 'cumulative' }, 'Cumulative'),
    );
    this.label = el('output', { id: 'time-window-label', class: 'time-window-label', 'aria-live': 'off' });
    buttons.append(back, this.playButton, forward, this.speedSelect, this.modeSelect, this.label);

    this.track = el('div', {
      id: 'time-slider',
      class: 'time-track',
      role: 'slider',
      tabindex: '0',
      'aria-label': 'Time window',
      'aria-keyshortcuts': 'ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Space',
    });
    this.bars = el('div', { class: 'time-histogram', 'aria-hidden': 'true' });
    this.windowBox = el('div', { class: 'time-window', 'data-part': 'body' });
    this.windowBox.append(
      el('div', { class: 'time-handle', 'data-part': 'from' }),
      el('div', { class: 'time-handle', 'data-part': 'to' }),
    );
    this.axis = el('div', { class: 'time-axis', 'aria-hidden': 'true' });
    this.track.append(this.bars, this.windowBox);
    this.element.append(buttons, this.track, this.axis);

    back.addEventListener('click', this.onBack);
    forward.addEventListener('click', this.onForward);
    this.playButton.addEventListener('click', this.onPlay);
    this.speedSelect.addEventListener('change', this.onSpeed);
    this.modeSelect.addEventListener('change', this.onMode);
    this.track.addEventListener('keydown', this.onKey);
    this.track.addEventListener('pointerdown', this.onPointerDown);
    this.track.addEventListener('pointermove', this.onPointerMove);
    this.track.addEventListener('pointerup', this.onPointerUp);
    this.track.addEventListener('pointercancel', this.onPointerUp);
    window.addEventListener('resize', this.onResize);
    this.unsubscribe = store.subscribe(
      (s) => [s.playing, s.speed, s.mode, s.dataset, s.layers, s.filters, s.window],
      () => this.update(),
      { equalityFn: shallow },
    );
    this.update();
  }

  destroy(): void {
    this.unsubscribe();
    this.typing.destroy();
    window.removeEventListener('resize', this.onResize);
    this.track.removeEventListener('keydown', this.onKey);
    this.track.removeEventListener('pointerdown', this.onPointerDown);
    this.track.removeEventListener('pointermove', this.onPointerMove);
    this.track.removeEventListener('pointerup', this.onPointerUp);
    this.track.removeEventListener('pointercancel', this.onPointerUp);
    this.element.remove();
  }

  /** Redraws what changed. Cheap: a few style writes; the histogram only when the data changes. */
  update(): void {
    const s = this.store.getState();
    const ds = s.dataset;
    this.playButton.setAttribute('aria-pressed', String(s.playing));
    this.playButton.setAttribute('aria-label', s.playing ? 'Pause' : 'Play');
    if (this.playButton.dataset.icon !== String(s.playing)) {
      this.playButton.dataset.icon = String(s.playing);
      this.playButton.replaceChildren(icon(s.playing ? 'pause' : 'play'));
    }
    this.speedSelect.value = String(s.speed);
    this.modeSelect.value = s.mode;
    if (!ds) return;
    if (this.histogramFor !== ds) {
      this.histogramOf = { layers: s.layers, filters: s.filters };
      this.drawHistogram(ds);
    } else if (this.histogramOf?.layers !== s.layers || this.histogramOf.filters !== s.filters) {
      // A filter or the layers changed: the list and counts paint first, the histogram (a pass over
      // every row at 1M) in a task after that frame — or, for a search being typed, once the keys
      // pause, as the map does (typing-event.ts).
      const typed = this.histogramOf?.layers === s.layers && this.histogramOf.filters.q !== s.filters.q;
      this.histogramOf = { layers: s.layers, filters: s.filters };
      if (typed) void this.typing.request();
      else this.histogramAfterPaint(ds);
    }
    const win = shownWindow(s);
    const text = formatWindow(win);
    this.label.textContent = text;
    this.track.setAttribute('aria-valuetext', text);
    this.track.setAttribute('aria-valuemin', String(ds.span.start));
    this.track.setAttribute('aria-valuemax', String(ds.span.end));
    this.track.setAttribute('aria-valuenow', String(win.to));
    const days = ds.span.end - ds.span.start + 1;
    const left = ((win.from - ds.span.start) / days) * 100;
    const width = ((win.to - win.from + 1) / days) * 100;
    this.windowBox.style.left = `${left}%`;
    this.windowBox.style.width = `${width}%`;
    this.windowBox.classList.toggle('cumulative', s.mode === 'cumulative');
  }

  private histogramQueued = false;
  private readonly typing = createTypingRedraw(() => {
    const ds = this.store.getState().dataset;
    if (ds && this.histogramFor === ds) this.drawHistogram(ds);
  });

  private histogramAfterPaint(ds: Dataset): void {
    if (this.histogramQueued) return;
    this.histogramQueued = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.histogramQueued = false;
        if (this.store.getState().dataset === ds && this.histogramFor === ds) this.drawHistogram(ds);
      }, 0),
    );
  }

  private drawHistogram(ds: Dataset): void {
    this.histogramFor = ds;
    // Events per bin of the layers shown, after the weapon, figure and search filters.
    const { layers, filters } = this.histogramOf ?? {
      layers: ds.layers.map((l) => l.key),
      filters: this.store.getState().filters,
    };
    const h = histogramOf(ds, layers, filterMask(ds, filters), HISTOGRAM_BINS);
    this.bars.replaceChildren();
    h.counts.forEach((c) => {
      const bar = el('div', { class: 'time-bar-bin' });
      // Any non-empty bin stays visible: at least 3 px tall.
      bar.style.height = c && h.max ? `max(3px, ${((c / h.max) * 100).toFixed(2)}%)` : '0';
      this.bars.append(bar);
    });
    this.axis.replaceChildren();
    for (const t of yearTicks(ds.span)) {
      const tick = el('span', { class: 'time-tick' }, t.label);
      tick.style.left = `${(dayToX(t.day, ds.span, 1) * 100).toFixed(3)}%`;
      this.axis.append(tick);
    }
  }

  private readonly onBack = (): void => this.store.getState().step(-1);
  private readonly onForward = (): void => this.store.getState().step(1);
  private readonly onPlay = (): void => {
    const s = this.store.getState();
    s.setPlaying(!s.playing);
  };
  private readonly onSpeed = (): void => this.store.getState().setSpeed(Number(this.speedSelect.value));
  private readonly onMode = (): void =>
    this.store.getState().setMode(this.modeSelect.value === 'cumulative' ? 'cumulative' : 'window');
  private readonly onResize = (): void => this.update();

  private readonly onKey = (e: KeyboardEvent): void => {
    const s = this.store.getState();
    const week = e.shiftKey ? 7 : 1;
    switch (e.key) {
      case 'ArrowLeft':
      case 'ArrowDown':
        s.step(-week);
        break;
      case 'ArrowRight':
      case 'ArrowUp':
        s.step(week);
        break;
      case 'PageDown':
        s.step(-30);
        break;
      case 'PageUp':
        s.step(30);
        break;
      case 'Home':
        s.jump('start');
        break;
      case 'End':
        s.jump('end');
        break;
      case ' ':
      case 'Spacebar':
        s.setPlaying(!s.playing);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  private readonly onPointerDown = (e: PointerEvent): void => {
    const s = this.store.getState();
    if (!s.dataset || e.button !== 0) return;
    const target = e.target as HTMLElement;
    const part = (target.closest('[data-part]')?.getAttribute('data-part') ?? null) as DragPart | null;
    const rect = this.track.getBoundingClientRect();
    if (!part) {
      const day = xToDay(e.clientX - rect.left, s.dataset.span, rect.width);
      const win = centreWindowOn(day, s.window, s.dataset.span);
      s.setWindow(win.from, win.to);
    }
    this.drag = {
      part: part ?? 'body',
      startX: e.clientX,
      origin: this.store.getState().window,
      pointerId: e.pointerId,
    };
    this.track.setPointerCapture(e.pointerId);
    this.track.focus();
    e.preventDefault();
  };

  private readonly onPointerMove = (e: PointerEvent): void => {
    const s = this.store.getState();
    if (!this.drag || !s.dataset || e.pointerId !== this.drag.pointerId) return;
    const rect = this.track.getBoundingClientRect();
    const days = s.dataset.span.end - s.dataset.span.start + 1;
    const delta = Math.round(((e.clientX - this.drag.startX) / Math.max(1, rect.width)) * days);
    const win = dragWindow(this.drag.origin, this.drag.part, delta, s.dataset.span);
    const cur = s.window;
    if (win.from !== cur.from || win.to !== cur.to) s.setWindow(win.from, win.to);
  };

  private readonly onPointerUp = (e: PointerEvent): void => {
    if (this.drag && e.pointerId === this.drag.pointerId) {
      if (this.track.hasPointerCapture(e.pointerId)) this.track.releasePointerCapture(e.pointerId);
      this.drag = null;
    }
  };
}
