// The Share / Embed dialog (loaded on demand): link, embed code with options, plain-link fallback, copy buttons, live preview.
import '../styles/share-dialog.css';
import type { AtlasStore } from '../../app/store';
import { hashStateOf } from '../../app/store';
import type { HashState } from '../../app/url-hash';
import { BUNDLED_LAYERS } from '../../core/columnar/dataset';
import { el } from '../controls/control';
import { DEFAULT_EMBED_HEIGHT, embedCode, REFERRER_POLICY, SANDBOX, type EmbedCode } from './embed-code';
import { cleanTitle, MAX_TITLE_LENGTH, type EmbedFlags, type ThemeFlag } from './flags';
import { RESIZE_TYPE } from './resize';
import type { MapView } from '../map/map-view';
import { sharePicture } from './share-picture';

const PREVIEW_DELAY_MS = 300;
const PREVIEW_MAX_HEIGHT = 1200;
let open: HTMLDialogElement | null = null;

/** Opens the dialog for the store's current state (or focuses it if it is already open). */
export function openShareDialog(store: AtlasStore, base: string = location.href, view: MapView | null = null): void {
  if (open) {
    open.focus();
    return;
  }
  // The toolbar disables its button while the dialog's code loads, so focus has left it: name it.
  const opener =
    document.getElementById('share-button') ??
    (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const { state, dropped } = embeddableState(store);
  const id = `atlas-${Math.random().toString(36).slice(2, 8)}`;

  const dialog = el('dialog', { id: 'share-dialog', class: 'share-dialog', 'aria-labelledby': 'share-heading' });
  const close = el('button', { type: 'button', class: 'share-close', 'aria-label': 'Close the share dialog' }, '×');
  const head = el('div', { class: 'share-head' });
  head.append(el('h2', { id: 'share-heading' }, 'Share or embed this map'), close);
  const intro = el(
    'p',
    { class: 'share-note' },
    'The link and the code open the map as you see it now: dates, mode, layers, position and selection.',
  );
  if (dropped)
    intro.append(
      ' ',
      el('strong', {}, 'Your imported data stays in this browser: the embed shows the bundled data only.'),
    );

  // Link
  const link = el('input', {
    id: 'share-link',
    type: 'text',
    readonly: '',
    'aria-label': 'Link to this view',
    class: 'share-field',
  });
  const copyLink = el('button', { type: 'button', id: 'share-copy-link', class: 'share-copy' }, 'Copy link');
  const linkRow = el('div', { class: 'share-row' });
  linkRow.append(link, copyLink);

  // Options
  const opts = el('fieldset', { class: 'share-options' });
  opts.append(el('legend', {}, 'Embed options'));
  const title = el('input', {
    id: 'share-title',
    type: 'text',
    maxlength: String(MAX_TITLE_LENGTH),
    placeholder: 'e.g. Strikes on Kharkiv, November 2024',
  });
  const theme = el('select', { id: 'share-theme' });
  for (const [v, t] of [
    ['auto', 'Follow the reader (auto)'],
    ['light', 'Light'],
    ['dark', 'Dark'],
  ])
    theme.append(el('option', { value: v }, t));
  const width = el('input', {
    id: 'share-width',
    type: 'number',
    min: '200',
    max: '4000',
    step: '10',
    placeholder: '100%',
    inputmode: 'numeric',
  });
  const height = el('input', {
    id: 'share-height',
    type: 'number',
    min: '150',
    max: '4000',
    step: '10',
    value: String(DEFAULT_EMBED_HEIGHT),
    inputmode: 'numeric',
  });
  const checks = {
    controls: checkbox('share-controls', true),
    autoplay: checkbox('share-autoplay', false),
    plain: checkbox('share-plain', false),
    static: checkbox('share-static', false),
    export: checkbox('share-export', false),
    picture: checkbox('share-picture-only', false),
  };
  opts.append(
    labelled('Title above the map', title),
    labelled('Theme', theme),
    labelled('Width in px (empty: the full column)', width),
    labelled('Height in px until the frame sizes itself', height),
    boxLabel(checks.controls, 'Time slider'),
    boxLabel(checks.autoplay, 'Play on load (never for readers who ask for reduced motion)'),
    boxLabel(checks.plain, 'No header or footer'),
    boxLabel(checks.static, 'Static: no panning, zooming or sliding'),
    boxLabel(checks.export, 'Offer exports (image, GeoJSON, CSV): the frame may then download files'),
    boxLabel(
      checks.picture,
      'Picture only: the picture and the event list, no live map (lightest; needs a picture of the view)',
    ),
  );
  const picture = sharePicture(store, view, base, () => update());

  // Code
  const code = el('textarea', {
    id: 'share-code',
    readonly: '',
    rows: '7',
    class: 'share-field share-code',
    spellcheck: 'false',
  });
  const copyCode = el('button', { type: 'button', id: 'share-copy-code', class: 'share-copy' }, 'Copy embed code');
  const fallback = el('textarea', {
    id: 'share-fallback',
    readonly: '',
    rows: '3',
    class: 'share-field share-code',
    spellcheck: 'false',
  });
  const copyFallback = el(
    'button',
    { type: 'button', id: 'share-copy-fallback', class: 'share-copy' },
    'Copy plain link',
  );
  const status = el('p', { id: 'share-status', class: 'share-status', role: 'status', 'aria-live': 'polite' });

  // Preview: an iframe with the same attributes as the code, sized by its own resize messages.
  const preview = el('iframe', {
    id: 'share-preview',
    class: 'share-preview-frame',
    sandbox: SANDBOX.join(' '),
    referrerpolicy: REFERRER_POLICY,
  });
  const previewBox = el('section', { class: 'share-preview', 'aria-labelledby': 'share-preview-heading' });
  previewBox.append(el('h3', { id: 'share-preview-heading' }, 'Preview'), preview);

  const left = el('div', { class: 'share-main' });
  left.append(
    el('h3', {}, 'Link'),
    linkRow,
    el('h3', {}, 'Embed in a web page'),
    opts,
    picture.element,
    labelFor('share-code', 'Embed code: the frame, and the script that sizes it to its content'),
    code,
    copyCode,
    labelFor('share-fallback', 'Plain link, for pages that take no frames (newsletters, feeds)'),
    fallback,
    copyFallback,
    status,
  );
  const body = el('div', { class: 'share-body' });
  body.append(left, previewBox);
  dialog.append(head, intro, body);

  let current: EmbedCode | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flags = (): Partial<EmbedFlags> => ({
    controls: checks.controls.checked,
    autoplay: checks.autoplay.checked,
    plain: checks.plain.checked,
    static: checks.static.checked,
    export: checks.export.checked,
    picture: checks.picture.checked,
    poster: picture.key() || null,
    theme: theme.value as ThemeFlag,
    title: cleanTitle(title.value),
    id,
  });
  const update = (): void => {
    picture.update(state, cleanTitle(title.value), width.value ? Number(width.value) : null);
    try {
      current = embedCode({
        base,
        state,
        flags: flags(),
        width: width.value ? Number(width.value) : null,
        height: Number(height.value) || DEFAULT_EMBED_HEIGHT,
      });
    } catch (e) {
      current = null;
      status.textContent = `No embed code here: ${(e as Error).message}. Serve the app over http(s).`;
      return;
    }
    link.value = current.appUrl;
    code.value = current.snippet;
    fallback.value = current.link;
    if (timer) clearTimeout(timer);
    timer = setTimeout(showPreview, PREVIEW_DELAY_MS);
  };
  const showPreview = (): void => {
    if (!current) return;
    preview.title = current.title;
    preview.setAttribute('sandbox', current.sandbox); // applies from the next load, which a new src starts
    preview.setAttribute('aria-label', current.label);
    preview.style.width = width.value ? `min(${Number(width.value)}px, 100%)` : '100%';
    // The preview leaves out poster=: that file is on the newsroom's server only once they put it there.
    const url = new URL(current.embedUrl);
    url.searchParams.delete('poster');
    if (preview.src !== url.href) preview.src = url.href;
  };
  const onMessage = (e: MessageEvent): void => {
    // The same rule as public/embed.js: this frame's window, from this frame's origin.
    if (e.source !== preview.contentWindow || !preview.src || e.origin !== new URL(preview.src).origin) return;
    const data = e.data as { type?: unknown; height?: unknown } | null;
    if (!data || data.type !== RESIZE_TYPE || typeof data.height !== 'number' || !(data.height > 0)) return;
    preview.style.height = `${Math.min(Math.ceil(data.height), PREVIEW_MAX_HEIGHT)}px`;
  };
  const copy = (what: string, field: HTMLInputElement | HTMLTextAreaElement) => (): void => {
    void copyText(field).then((how) => {
      status.textContent =
        how === 'copied'
          ? `Copied the ${what}.`
          : how === 'selected'
            ? `The ${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`
            : `Could not copy the ${what}: select it and copy it by hand.`;
    });
  };
  const onCopyLink = copy('link', link);
  const onCopyCode = copy('embed code', code);
  const onCopyFallback = copy('plain link', fallback);
  const onClose = (): void => dialog.close();
  const onDone = (): void => {
    if (timer) clearTimeout(timer);
    picture.destroy();
    window.removeEventListener('message', onMessage);
    opts.removeEventListener('input', update);
    opts.removeEventListener('change', update);
    close.removeEventListener('click', onClose);
    copyLink.removeEventListener('click', onCopyLink);
    copyCode.removeEventListener('click', onCopyCode);
    copyFallback.removeEventListener('click', onCopyFallback);
    dialog.removeEventListener('close', onDone);
    dialog.remove();
    open = null;
    opener?.focus();
  };
  window.addEventListener('message', onMessage);
  opts.addEventListener('input', update);
  opts.addEventListener('change', update);
  close.addEventListener('click', onClose);
  copyLink.addEventListener('click', onCopyLink);
  copyCode.addEventListener('click', onCopyCode);
  copyFallback.addEventListener('click', onCopyFallback);
  // Escape fires `cancel` and closes the dialog natively; every way out ends in `close`.
  dialog.addEventListener('close', onDone);

  document.body.append(dialog);
  open = dialog;
  update();
  dialog.showModal();
  link.focus();
}

/** The state to embed: the embed has the bundled data only, so imported layers and selections drop out. */
function embeddableState(store: AtlasStore): { state: HashState; dropped: boolean } {
  const s = store.getState();
  const state = hashStateOf(s);
  const bundled = new Set(BUNDLED_LAYERS.map((l) => l.key));
  const layers = s.layers.filter((k) => bundled.has(k));
  const selLayer = s.selected ? s.dataset?.find(s.selected)?.layer : undefined;
  const dropped =
    layers.length !== s.layers.length ||
    (!!selLayer && !bundled.has(selLayer)) ||
    !!s.dataset?.layers.some((l) => !bundled.has(l.key));
  return { state: { ...state, layers, sel: selLayer && bundled.has(selLayer) ? state.sel : null }, dropped };
}

/** Copies with the Clipboard API; where there is none (plain http), selects the text instead. */
async function copyText(field: HTMLInputElement | HTMLTextAreaElement): Promise<'copied' | 'selected' | 'failed'> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(field.value);
      return 'copied';
    }
  } catch {
    // Permission refused or no focus: fall through to selecting the text.
  }
  field.focus();
  field.select();
  try {
    // Deprecated, but the only copy there is outside a secure context.
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}

function checkbox(id: string, checked: boolean): HTMLInputElement {
  const box = el('input', { id, type: 'checkbox' });
  box.checked = checked;
  return box;
}

function boxLabel(box: HTMLInputElement, text: string): HTMLElement {
  const label = el('label', { class: 'share-check' });
  label.append(box, ` ${text}`);
  return label;
}

function labelled(text: string, field: HTMLElement): HTMLElement {
  const label = el('label', { class: 'share-labelled' });
  label.append(el('span', {}, text), field);
  return label;
}

function labelFor(id: string, text: string): HTMLElement {
  return el('label', { for: id, class: 'share-label' }, text);
}
