// Pure URL-hash state: parseHash / createHash for what a link must reproduce (see docs/url-state.md).
import { formatIsoDay, parseIsoDay } from '../core/time/days';
import type { DayRange, WindowMode } from '../core/time/window';
import { WEAPONS, type Weapon } from '../core/schema/schema';
import { MAX_QUERY, formatMin, parseMin, parseWeapons, type MinFigure } from '../core/filters/filters';
import { AGG_MODES, isAggMode, type AggMode } from './agg-mode';

/** The part of the app's state a link carries. Every field optional: a hash may hold any subset. */
export interface HashState {
  /** The window as day numbers (days.ts), inclusive; the hash writes them as ISO dates (`t=2024-11-01..2024-11-30`). */
  t?: DayRange;
  mode?: WindowMode;
  /** Layer keys, in the order given; the store checks them against the data. */
  layers?: string[];
  view?: { lat: number; lon: number; zoom: number };
  sel?: string | null;
  /** Datasets to import on load (`data=`, may repeat): same-origin paths or CORS-enabled http(s) URLs. */
  data?: string[];
  /** Search text (`q=`); '' clears it. */
  q?: string;
  /** Strike weapons shown (`weapon=missile,drone`); left out = every weapon. */
  weapon?: Weapon[];
  /** A minimum figure (`min=injured:10`); null (`min=`) clears it. */
  min?: MinFigure | null;
  /** The guided story open (`story=1`, the bundled story, or a story id); `story=0` closes it. */
  story?: string;
  /** Its step, 1-based (`step=3`). */
  step?: number;
  /** How point layers are drawn (`agg=hexagons`); left out = `auto`. */
  agg?: AggMode;
  /** The base map's palette (`theme=light|dark`; `theme=auto` or left out = the system's colour scheme). */
  theme?: 'light' | 'dark' | null;
}

export interface ParsedHash {
  state: HashState;
  /** One line per unknown or malformed part; the caller logs them as warnings. */
  warnings: string[];
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:#-]{0,199}$/;
/**
 * Layer keys: bundled names (`strikes`) or imported ones (`file::strikes::category`, spelled as the
 * file and its categories are: capitals, spaces, commas — each key is percent-encoded in the hash).
 * Only control characters and over-long names are refused; a name the data does not have is warned
 * about when the link is applied.
 */
const LAYER_KEY_PATTERN = /^[^\p{Cc}]{1,400}$/u;
const STORY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_STEP = 999;

/** Parses `#t=…&mode=…&layers=…&view=lat,lon,zoom&sel=…&q=…&weapon=…&min=…&story=…&step=…`. Never throws. */
export function parseHash(hash: string): ParsedHash {
  const state: HashState = {};
  const warnings: string[] = [];
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text) return { state, warnings };
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      warnings.push(`URL hash: "${key}" is not valid percent-encoding; ignored`);
      continue;
    }
    switch (key) {
      case 't': {
        const t = parseRange(value);
        if (t) state.t = t;
        else warnings.push(`URL hash: t="${value}" is not FROM..TO with ISO dates (YYYY-MM-DD), FROM <= TO; ignored`);
        break;
      }
      case 'mode':
        if (value === 'window' || value === 'cumulative') state.mode = value;
        else warnings.push(`URL hash: mode="${value}" is not "window" or "cumulative"; ignored`);
        break;
      case 'layers': {
        // Split before decoding: a key's own commas are encoded (%2C).
        const names = raw === '' ? [] : raw.split(',').map(decodeURIComponent);
        const bad = names.filter((n) => !LAYER_KEY_PATTERN.test(n));
        if (bad.length)
          warnings.push(
            `URL hash: ${bad.map((u) => `"${u.slice(0, 40)}"`).join(', ')} in layers ${bad.length === 1 ? 'is not a layer name' : 'are not layer names'}; ignored`,
          );
        // `layers=` (empty) turns every layer off; a list of nothing but bad names is ignored, like any malformed part.
        if (names.length === 0 || bad.length < names.length)
          state.layers = [...new Set(names.filter((n) => LAYER_KEY_PATTERN.test(n)))];
        break;
      }
      case 'view': {
        const v = parseView(value);
        if (v) state.view = v;
        else warnings.push(`URL hash: view="${value}" is not lat,lon,zoom in range; ignored`);
        break;
      }
      case 'sel':
        if (value === '') state.sel = null;
        else if (ID_PATTERN.test(value)) state.sel = value;
        else warnings.push(`URL hash: sel="${value.slice(0, 60)}" is not a feature id; ignored`);
        break;
      case 'data':
        if (isDataUrl(value)) state.data = [...(state.data ?? []), value];
        else
          warnings.push(`URL hash: data="${value.slice(0, 80)}" is not an http(s) URL or a same-origin path; ignored`);
        break;
      case 'q':
        if (value.length <= MAX_QUERY) state.q = value;
        else warnings.push(`URL hash: q is longer than ${MAX_QUERY} characters; ignored`);
        break;
      case 'weapon': {
        const { weapons, bad } = parseWeapons(value);
        if (bad.length)
          warnings.push(
            `URL hash: ${bad.map((u) => `"${u.slice(0, 40)}"`).join(', ')} in weapon ${bad.length === 1 ? 'is not a weapon' : 'are not weapons'} (${WEAPONS.join(', ')}); ignored`,
          );
        if (!bad.length || weapons.length) state.weapon = weapons;
        break;
      }
      case 'min': {
        const min = value === '' ? null : parseMin(value);
        if (min || value === '') state.min = min;
        else warnings.push(`URL hash: min="${value.slice(0, 60)}" is not FIGURE:N (e.g. injured:10); ignored`);
        break;
      }
      case 'story':
        if (STORY_PATTERN.test(value) && value.length <= 100) state.story = value;
        else warnings.push(`URL hash: story="${value.slice(0, 60)}" is not a story (story=1 opens the story); ignored`);
        break;
      case 'step': {
        const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
        if (n >= 1 && n <= MAX_STEP) state.step = n;
        else warnings.push(`URL hash: step="${value.slice(0, 20)}" is not a step number (1, 2, …); ignored`);
        break;
      }
      case 'agg':
        if (isAggMode(value)) state.agg = value;
        else warnings.push(`URL hash: agg="${value.slice(0, 20)}" is not one of ${AGG_MODES.join(', ')}; ignored`);
        break;
      case 'theme':
        if (value === 'light' || value === 'dark') state.theme = value;
        else if (value === 'auto') state.theme = null;
        else warnings.push(`URL hash: theme="${value.slice(0, 20)}" is not light, dark or auto; ignored`);
        break;
      default:
        warnings.push(`URL hash: unknown part "${key.slice(0, 40)}"; ignored`);
    }
  }
  return { state, warnings };
}

/**
 * http(s) URLs, or paths on this site (no other schemes: no javascript:, data:, file:). URL parsers drop
 * tabs and line breaks, trim spaces and read `\` as `/`, so `/\evil.example`, ` //evil.example` or
 * `java\tscript:` would leave the site or change scheme: no control character or backslash, no space at either end.
 */
export function isDataUrl(value: string): boolean {
  if (!value || value.length > 2000) return false;
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value) || value.trim() !== value) return false;
  // Then ask the URL parser itself: an absolute URL must be http(s), a path must stay on the site.
  let url: URL;
  try {
    url = new URL(value, PROBE_BASE);
  } catch {
    return false;
  }
  if (/^https?:\/\//i.test(value)) return url.protocol === 'http:' || url.protocol === 'https:';
  return !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//') && url.origin === new URL(PROBE_BASE).origin;
}

/** Any site: `data=` paths are resolved against it to see whether they would leave it. */
const PROBE_BASE = 'http://conflict-atlas.invalid/app/';

function parseRange(value: string): DayRange | null {
  const parts = value.split('..');
  if (parts.length !== 2) return null;
  const from = parseIsoDay(parts[0]);
  const to = parseIsoDay(parts[1]);
  if (from === null || to === null || from > to) return null;
  return { from, to };
}

function parseView(value: string): { lat: number; lon: number; zoom: number } | null {
  const parts = value.split(',');
  if (parts.length !== 3 || parts.some((p) => p.trim() === '')) return null;
  const [lat, lon, zoom] = parts.map(Number);
  if (![lat, lon, zoom].every(Number.isFinite)) return null;
  if (lat < -85.06 || lat > 85.06 || lon < -180 || lon > 180 || zoom < 0 || zoom > 22) return null;
  return { lat, lon, zoom };
}

/** Serialises state to a hash, in the documented order. Layers keep the canonical order. */
export function createHash(state: HashState): string {
  const parts: string[] = [];
  if (state.t) parts.push(`t=${formatIsoDay(state.t.from)}..${formatIsoDay(state.t.to)}`);
  if (state.mode) parts.push(`mode=${state.mode}`);
  if (state.layers) parts.push(`layers=${state.layers.map(encodeLayerKey).join(',')}`);
  if (state.view)
    parts.push(`view=${round(state.view.lat, 4)},${round(state.view.lon, 4)},${round(state.view.zoom, 2)}`);
  if (state.sel) parts.push(`sel=${encode(state.sel)}`);
  if (state.q) parts.push(`q=${encode(state.q)}`);
  if (state.weapon) parts.push(`weapon=${state.weapon.join(',')}`);
  if (state.min) parts.push(`min=${formatMin(state.min)}`);
  if (state.agg && state.agg !== 'auto') parts.push(`agg=${state.agg}`);
  if (state.story && state.story !== '0') {
    parts.push(`story=${state.story}`);
    if (state.step) parts.push(`step=${state.step}`);
  }
  for (const d of state.data ?? []) parts.push(`data=${encode(d)}`);
  if (state.theme) parts.push(`theme=${state.theme}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/**
 * encodeURIComponent, except that it never throws: a lone surrogate (text pasted or typed into the
 * search box can hold one) becomes U+FFFD instead of a URIError on every later state change.
 */
function encode(text: string): string {
  return encodeURIComponent(
    text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** A layer key in the hash: percent-encoded as a component, its `::` separators left readable. */
function encodeLayerKey(key: string): string {
  return encode(key).replace(/%3A/gi, ':');
}
