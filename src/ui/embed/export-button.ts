// export=1: an Export button in the embed; the export dialog's code loads on first use, never before.
import type { AtlasStore } from '../../app/store';
import type { MapView } from '../map/map-view';
import { el, type Mounted } from '../controls/control';

/** Adds the button to `where`; `destroy()` removes it. */
export function mountExportButton(
  where: HTMLElement,
  store: AtlasStore,
  view: () => MapView | null,
  title: string | null,
): Mounted {
  const button = el(
    'button',
    { type: 'button', id: 'embed-export', class: 'embed-export', 'aria-haspopup': 'dialog' },
    'Export image or data',
  );
  const onClick = (): void => {
    button.disabled = true;
    import('../export/export-dialog')
      .then(({ openExportDialog }) =>
        openExportDialog(store, view(), { opener: button, defaults: title ? { title } : {} }),
      )
      .then(() => placeNear(button))
      .catch((e: unknown) => console.warn('Export: could not open', e))
      .finally(() => {
        button.disabled = false;
      });
  };
  button.addEventListener('click', onClick);
  where.append(button);
  return {
    destroy() {
      button.removeEventListener('click', onClick);
      button.remove();
    },
  };
}

/**
 * The embed's frame is as tall as its content, so a dialog centred in it may be far from where
 * the reader is looking: put it next to the button that opened it.
 */
function placeNear(button: HTMLElement): void {
  const dialog = document.querySelector<HTMLDialogElement>('dialog[open]');
  if (!dialog) return;
  const h = dialog.getBoundingClientRect().height;
  const top = Math.max(8, Math.min(button.getBoundingClientRect().top - 120, window.innerHeight - h - 8));
  dialog.style.marginTop = `${Math.round(top)}px`;
  dialog.style.marginBottom = 'auto';
}
