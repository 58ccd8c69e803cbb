// The story bar: one step's title, text and sources, with previous / next / "step k of n"; arrows and Escape when focused.
import type { AtlasStore } from '../../app/store';
import type { Control } from '../controls/control';
import { el } from '../controls/control';
import { clampStep, type Story } from './story';
import '../styles/story.css';

export class StoryBar implements Control {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private readonly sources: HTMLElement;
  private readonly sourcesSummary: HTMLElement;
  private readonly sourcesList: HTMLOListElement;
  private readonly position: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly close: HTMLButtonElement;
  private readonly unsubscribe: () => void;
  private shownStep = 0;

  constructor(
    private readonly store: AtlasStore,
    private readonly story: Story,
  ) {
    this.element = el('section', {
      id: 'story-bar',
      class: 'story-bar',
      role: 'region',
      tabindex: '-1',
      'aria-label': `Story: ${story.title}`,
      'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End Escape',
    });
    const head = el('div', { class: 'story-head' });
    this.close = el(
      'button',
      {
        id: 'story-close',
        type: 'button',
        class: 'story-close',
        'aria-label': 'Close the story',
        title: 'Close (Escape)',
      },
      '×',
    );
    head.append(el('p', { class: 'story-name' }, story.title), this.close);
    this.title = el('h2', { id: 'story-step-title', class: 'story-step-title' });
    this.body = el('p', { id: 'story-body', class: 'story-body' });
    this.sources = el('details', { class: 'story-sources' });
    this.sourcesSummary = el('summary', {});
    this.sourcesList = el('ol', { class: 'story-source-list' });
    this.sources.append(this.sourcesSummary, this.sourcesList);
    const nav = el('nav', { class: 'story-nav', 'aria-label': 'Story steps' });
    this.prev = el(
      'button',
      { id: 'story-prev', type: 'button', 'aria-label': 'Previous step', title: 'Previous step (Left arrow)' },
      '‹ Previous',
    );
    this.position = el('output', {
      id: 'story-position',
      class: 'story-position',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    this.next = el(
      'button',
      { id: 'story-next', type: 'button', 'aria-label': 'Next step', title: 'Next step (Right arrow)' },
      'Next ›',
    );
    nav.append(this.prev, this.position, this.next);
    this.element.append(head, this.title, this.body, this.sources, nav);

    this.prev.addEventListener('click', this.onPrev);
    this.next.addEventListener('click', this.onNext);
    this.close.addEventListener('click', this.onClose);
    this.element.addEventListener('keydown', this.onKey);
    this.unsubscribe = store.subscribe(
      (s) => s.story,
      () => this.render(),
    );
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
    this.prev.removeEventListener('click', this.onPrev);
    this.next.removeEventListener('click', this.onNext);
    this.close.removeEventListener('click', this.onClose);
    this.element.removeEventListener('keydown', this.onKey);
    this.element.remove();
  }

  /** Moves focus into the bar, so that the arrow keys step through the story. */
  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  private render(): void {
    const ref = this.store.getState().story;
    if (!ref) return;
    const k = clampStep(ref.step, this.story);
    const n = this.story.steps.length;
    if (k === this.shownStep) return;
    this.shownStep = k;
    const step = this.story.steps[k - 1];
    this.title.textContent = step.title;
    this.body.textContent = step.body;
    this.sourcesSummary.textContent = `What the reports say (${step.sources.length} ${step.sources.length === 1 ? 'quote' : 'quotes'})`;
    this.sourcesList.replaceChildren(
      ...step.sources.map((src) => {
        const li = el('li', {});
        li.append(el('blockquote', { class: 'story-quote' }, src.quote), el('span', { class: 'story-seed' }, src.seed));
        return li;
      }),
    );
    this.position.textContent = `Step ${k} of ${n}`;
    this.prev.disabled = k <= 1;
    this.next.disabled = k >= n;
    this.element.dataset.step = String(k);
  }

  private go(step: number): void {
    const ref = this.store.getState().story;
    if (ref) this.store.getState().setStoryStep(clampStep(step, this.story));
  }

  private readonly onPrev = (): void => this.go((this.store.getState().story?.step ?? 1) - 1);
  private readonly onNext = (): void => this.go((this.store.getState().story?.step ?? 1) + 1);
  private readonly onClose = (): void => this.store.getState().closeStory();

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = this.store.getState().story?.step ?? 1;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
        this.go(step + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        this.go(step - 1);
        break;
      case 'Home':
        this.go(1);
        break;
      case 'End':
        this.go(this.story.steps.length);
        break;
      case 'Escape':
        this.store.getState().closeStory();
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };
}
