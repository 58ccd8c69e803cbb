// The side panel's line about an open published dataset: what is loaded, what search and the list cover, bytes fetched, errors.
import { el } from '../controls/control';
import type { SourceStatus } from './source';

const kb = (bytes: number): string =>
  bytes < 1_000_000 ? `${Math.round(bytes / 1000)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;

export class PublishedStatus {
  readonly element = el('section', {
    class: 'published-status',
    'aria-live': 'polite',
    'data-testid': 'published-status',
  });
  private readonly title = el('h2', {});
  private readonly line = el('p', {});
  private readonly error = el('p', { class: 'published-error', role: 'alert' });

  constructor(
    private readonly total: number,
    private readonly belowZoom: number,
  ) {
    this.element.append(this.title, this.line, this.error);
  }

  render(s: SourceStatus): void {
    this.title.textContent = `Published dataset: ${s.name} (${this.total.toLocaleString('en')} events)`;
    const what =
      s.mode === 'overview'
        ? `Zoomed out: the map shows the window's events as a grid overview (a disc per cell, its area the events, its colour their most frequent category, as in the key). Zoom in past ${this.belowZoom} to load, list and search them.`
        : `${s.loaded.toLocaleString('en')} events loaded for this window and view; the list, search and export cover these, not the whole archive.`;
    this.line.textContent = `${s.loading ? 'Loading… ' : ''}${what} Fetched ${kb(s.transfer.bytes)} in ${s.transfer.requests} requests.`;
    this.error.textContent = s.error ?? '';
    this.element.dataset.state = s.error ? 'error' : s.loading ? 'loading' : 'ready';
    this.element.dataset.mode = s.mode;
    this.element.dataset.requests = String(s.transfer.requests);
    this.element.dataset.bytes = String(s.transfer.bytes);
    this.element.dataset.loaded = String(s.loaded);
  }
}
