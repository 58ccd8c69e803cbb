// The app's light/dark theme: follows the system's colour scheme until the user picks one; the choice travels in the URL (`theme=`).
import type { AtlasStore } from '../../app/store';
import { el } from './control';
import { BASEMAP, BASEMAP_DARK, type BasemapPalette } from '../../core/config';

export type AppTheme = 'light' | 'dark';

export function paletteOf(theme: AppTheme): BasemapPalette {
  return theme === 'dark' ? BASEMAP_DARK : BASEMAP;
}

/** The theme shown: the user's choice, else the system's. */
export function effectiveTheme(choice: AppTheme | null, systemDark: boolean): AppTheme {
  return choice ?? (systemDark ? 'dark' : 'light');
}

/**
 * A header button ("Dark map" / "Light map", aria-pressed when dark). Applies the theme to the page
 * (<html data-theme>) and calls `onChange` with the map palette whenever the shown theme changes.
 */
export class ThemeToggle {
  readonly element: HTMLButtonElement;
  private shown: AppTheme;
  private readonly query = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: AtlasStore,
    private readonly onChange: (palette: BasemapPalette, theme: AppTheme) => void,
  ) {
    this.element = el('button', { type: 'button', class: 'theme-toggle', id: 'theme-toggle' }, '');
    this.shown = this.current();
    this.apply();
    this.element.addEventListener('click', this.onClick);
    this.query.addEventListener('change', this.update);
    this.unsubscribe = store.subscribe((s) => s.theme, this.update);
  }

  get theme(): AppTheme {
    return this.shown;
  }

  private current(): AppTheme {
    return effectiveTheme(this.store.getState().theme, this.query.matches);
  }

  private readonly onClick = (): void => {
    this.store.getState().setTheme(this.shown === 'dark' ? 'light' : 'dark');
  };

  private readonly update = (): void => {
    const next = this.current();
    if (next === this.shown) return;
    this.shown = next;
    this.apply();
    this.onChange(paletteOf(next), next);
  };

  private apply(): void {
    document.documentElement.dataset.theme = this.shown;
    this.element.textContent = 'Dark map';
    this.element.setAttribute('aria-pressed', String(this.shown === 'dark'));
    this.element.title =
      this.shown === 'dark'
        ? 'Switch to the light map (kept in the link)'
        : 'Switch to the dark map (kept in the link)';
  }

  destroy(): void {
    this.unsubscribe();
    this.query.removeEventListener('change', this.update);
    this.element.removeEventListener('click', this.onClick);
    this.element.remove();
  }
}
