// The embed's light/dark theme on the page (CSS variables via <html data-theme>) and on the base map.
import { BASEMAP, BASEMAP_DARK, type BasemapPalette } from '../../core/config';
import { resolveTheme, type Theme, type ThemeFlag } from './flags';
import type { Mounted } from '../controls/control';

export function paletteFor(theme: Theme): BasemapPalette {
  return theme === 'dark' ? BASEMAP_DARK : BASEMAP;
}

export interface ThemeMount extends Mounted {
  readonly theme: Theme;
}

/**
 * Applies the theme now; with `auto`, follows the reader's colour-scheme preference as it changes
 * and calls `onChange` so the map can be recoloured; `destroy()` stops following it.
 */
export function mountTheme(flag: ThemeFlag, onChange: (theme: Theme) => void, doc: Document = document): ThemeMount {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  let theme = resolveTheme(flag, query.matches);
  const apply = (): void => {
    doc.documentElement.dataset.theme = theme;
  };
  apply();
  const onQuery = (): void => {
    const next = resolveTheme(flag, query.matches);
    if (next === theme) return;
    theme = next;
    apply();
    onChange(theme);
  };
  if (flag === 'auto') query.addEventListener('change', onQuery);
  return {
    get theme() {
      return theme;
    },
    destroy: () => query.removeEventListener('change', onQuery),
  };
}
