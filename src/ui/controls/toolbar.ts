// Header toolbar: buttons whose code (dialogs, export, import) loads on demand when first used.
import { el, type Mounted } from './control';

export interface ToolbarAction {
  id: string;
  label: string;
  /** Loads the feature's module on first use and runs it. */
  run: () => Promise<void>;
}

/** Adds the buttons; a failure to load a feature shows as a console warning and an alert-free message. */
export function mountToolbar(toolbar: HTMLElement, actions: ToolbarAction[]): Mounted {
  const buttons = actions.map((a) => {
    const b = el('button', { type: 'button', id: a.id, 'aria-haspopup': 'dialog' }, a.label);
    const onClick = (): void => {
      b.disabled = true;
      a.run()
        .catch((e: unknown) => console.warn(`${a.label}: could not open`, e))
        .finally(() => {
          b.disabled = false;
        });
    };
    b.addEventListener('click', onClick);
    toolbar.append(b);
    return { b, onClick };
  });
  return {
    destroy() {
      for (const { b, onClick } of buttons) {
        b.removeEventListener('click', onClick);
        b.remove();
      }
    },
  };
}
