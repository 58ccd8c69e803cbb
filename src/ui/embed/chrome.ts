// The embed's chrome around the map: heading, window caption, links to the full app, events summary.
import type { AtlasStore } from '../../app/store';
import { hashStateOf } from '../../app/store';
import { shownWindow, visibleCount } from '../../app/derived';
import { shallow } from 'zustand/vanilla/shallow';
import { createHash } from '../../app/url-hash';
import type { Control } from '../controls/control';
import { el } from '../controls/control';
import { formatWindow } from '../controls/format';
import type { EmbedFlags } from './flags';
import { weaponKeyList } from '../controls/legend';

/** The page's elements the chrome fills in (all in embed.html). */
export interface ChromeElements {
  root: HTMLElement;
  header: HTMLElement;
  title: HTMLElement;
  caption: HTMLElement;
  footer: HTMLElement;
  openApp: HTMLAnchorElement;
  eventsCount: HTMLElement;
  /** Where the "open this feature" link goes (after the details panel). */
  detailsSlot: HTMLElement;
}

/** The full app at a state, relative to embed.html (they are served from the same folder). */
export function appHref(hash: string): string {
  return `./index.html${hash}`;
}

export class EmbedChrome implements Control {
  readonly element: HTMLElement;
  private readonly featureLink: HTMLAnchorElement;
  private readonly featureLinkBox: HTMLElement;
  private unsubscribe: () => void;
  private readonly unlistenCamera: () => void;

  constructor(
    private readonly store: AtlasStore,
    flags: EmbedFlags,
    private readonly els: ChromeElements,
  ) {
    this.element = els.root;
    const { header, title, caption, footer } = els;
    if (flags.title) {
      title.textContent = flags.title; // untrusted text: textContent only
      document.title = `${flags.title} — Conflict Atlas`;
    }
    header.hidden = flags.plain && !flags.title;
    footer.hidden = flags.plain;
    caption.hidden = flags.controls && !flags.static;
    els.root.classList.toggle('embed-static', flags.static);
    els.root.classList.toggle('embed-no-controls', !flags.controls);
    els.root.classList.toggle('embed-plain', flags.plain);

    this.featureLinkBox = el('p', { class: 'embed-feature-link' });
    this.featureLink = el(
      'a',
      { target: '_blank', rel: 'noopener' },
      'Open this feature, with all its sources, in Conflict Atlas',
    );
    this.featureLinkBox.append(this.featureLink);
    els.detailsSlot.append(this.featureLinkBox);

    this.unsubscribe = store.subscribe(
      (s) => [s.window, s.mode, s.layers, s.selected, s.dataset],
      () => this.update(),
      { equalityFn: shallow },
    );
    this.unlistenCamera = store.getState().camera.onMove(() => this.update()); // the links carry the view
    this.update();
  }

  destroy(): void {
    this.unsubscribe();
    this.unlistenCamera();
    this.featureLinkBox.remove();
  }

  private update(): void {
    const s = this.store.getState();
    const href = appHref(createHash(hashStateOf(s)));
    this.els.openApp.href = href;
    this.featureLink.href = href;
    this.featureLinkBox.hidden = !(s.selected && s.dataset?.find(s.selected));
    if (!s.dataset) return;
    const win = formatWindow(shownWindow(s));
    this.els.caption.textContent = s.mode === 'cumulative' ? `Up to ${win.replace(/^.* – /, '')}` : win;
    const n = visibleCount(s);
    this.els.eventsCount.textContent = `(${n.toLocaleString('en-GB')})`;
  }
}

/** The strike colours on one wrapping line, for the embed's compact key. */
export function weaponKey(): HTMLElement {
  return weaponKeyList('embed-weapons');
}
