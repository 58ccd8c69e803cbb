// Pure: the embed's render flags, read from the query string (`embed.html?controls=0&theme=dark#t=…`).

/** How the embed looks and behaves. The map's state (t, mode, layers, view, sel) stays in the hash. */
export interface EmbedFlags {
  /** Show the time slider (controls=0 hides it; the window then shows as a caption). */
  controls: boolean;
  /** Play on load and stop at the end; never under prefers-reduced-motion. */
  autoplay: boolean;
  theme: ThemeFlag;
  /** No header and no footer (a `title` given explicitly is still shown). */
  plain: boolean;
  /** No interaction: the map, the slider and the layer toggles ignore pointer and keys. */
  static: boolean;
  /** A heading the newsroom sets (untrusted text: always set with textContent). */
  title: string | null;
  /** Offer exports. */
  export: boolean;
  /** Echoed in resize messages so a host can tell its embeds apart. */
  id: string | null;
  /** Just the picture and the event list: no map, no WebGL (the cheapest embed; also the fallback without WebGL). */
  picture: boolean;
  /** A picture made by the Share dialog for this view, served as `posters/<poster>.webp` beside embed.html. */
  poster: string | null;
}

export type ThemeFlag = 'light' | 'dark' | 'auto';
export type Theme = 'light' | 'dark';

export const DEFAULT_FLAGS: Readonly<EmbedFlags> = {
  controls: true,
  autoplay: false,
  theme: 'auto',
  plain: false,
  static: false,
  title: null,
  export: false,
  id: null,
  picture: false,
  poster: null,
};

/** Titles longer than this are cut (a heading, not an article). */
export const MAX_TITLE_LENGTH = 160;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const BOOLEAN_FLAGS = ['controls', 'autoplay', 'plain', 'static', 'export', 'picture'] as const;
/** Same as POSTER_KEY_PATTERN (poster-manifest.ts), kept here so the flags stay dependency-free. */
const POSTER_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
type BooleanFlag = (typeof BOOLEAN_FLAGS)[number];

export interface ParsedFlags {
  flags: EmbedFlags;
  /** One line per unknown or malformed flag; the caller logs them as warnings. */
  warnings: string[];
}

/** Parses `?controls=0&autoplay=1&theme=dark&plain=1&static=1&title=…&export=1&id=…&picture=1&poster=…`. Never throws. */
export function parseFlags(search: string): ParsedFlags {
  const flags: EmbedFlags = { ...DEFAULT_FLAGS };
  const warnings: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  } catch {
    return { flags, warnings: ['Embed flags: the query string could not be read; defaults used'] };
  }
  for (const [key, value] of params) {
    if ((BOOLEAN_FLAGS as readonly string[]).includes(key)) {
      const b = parseBoolean(value);
      if (b === null) warnings.push(`Embed flags: ${key}="${clip(value)}" is not 0 or 1; ignored`);
      else flags[key as BooleanFlag] = b;
      continue;
    }
    switch (key) {
      case 'theme':
        if (value === 'light' || value === 'dark' || value === 'auto') flags.theme = value;
        else warnings.push(`Embed flags: theme="${clip(value)}" is not light, dark or auto; ignored`);
        break;
      case 'title':
        flags.title = cleanTitle(value);
        break;
      case 'id':
        if (ID_PATTERN.test(value)) flags.id = value;
        else warnings.push(`Embed flags: id="${clip(value)}" is not 1–64 letters, digits, "_" or "-"; ignored`);
        break;
      case 'poster':
        if (POSTER_PATTERN.test(value)) flags.poster = value;
        else
          warnings.push(`Embed flags: poster="${clip(value)}" is not 1–64 lower-case letters, digits or "-"; ignored`);
        break;
      default:
        warnings.push(`Embed flags: unknown flag "${clip(key)}"; ignored`);
    }
  }
  return { flags, warnings };
}

/** Serialises the flags that differ from the defaults, in a fixed order ('' when none do). */
export function createFlagsQuery(flags: Partial<EmbedFlags>): string {
  const f = { ...DEFAULT_FLAGS, ...flags };
  const params = new URLSearchParams();
  if (!f.controls) params.set('controls', '0');
  if (f.autoplay) params.set('autoplay', '1');
  if (f.theme !== 'auto') params.set('theme', f.theme);
  if (f.plain) params.set('plain', '1');
  if (f.static) params.set('static', '1');
  if (f.export) params.set('export', '1');
  if (f.picture) params.set('picture', '1');
  if (f.poster && POSTER_PATTERN.test(f.poster)) params.set('poster', f.poster);
  const title = f.title === null ? null : cleanTitle(f.title);
  if (title) params.set('title', title);
  if (f.id && ID_PATTERN.test(f.id)) params.set('id', f.id);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The theme to draw: `auto` follows the reader's colour-scheme preference. */
export function resolveTheme(flag: ThemeFlag, prefersDark: boolean): Theme {
  if (flag === 'auto') return prefersDark ? 'dark' : 'light';
  return flag;
}

/** Whether to start playing: only when asked, and never when the reader prefers reduced motion. */
export function shouldAutoplay(flags: Pick<EmbedFlags, 'autoplay'>, prefersReducedMotion: boolean): boolean {
  return flags.autoplay && !prefersReducedMotion;
}

/** Collapses whitespace, drops control characters, cuts to MAX_TITLE_LENGTH; '' becomes null. */
export function cleanTitle(text: string): string | null {
  const t = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return null;
  return t.length > MAX_TITLE_LENGTH ? `${t.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…` : t;
}

function parseBoolean(value: string): boolean | null {
  if (value === '1' || value === 'true' || value === '') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
