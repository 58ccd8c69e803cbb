// Pure URL-hash state: parseHash / createHash for what a link must reproduce (see docs/url-state.md).
import { parseIsoDay } from '../time/days';
import type { WindowMode } from '../time/window';

/** The part of the app's state a link carries. Every field optional: a hash may hold any subset. */
export interface HashState {
  /** ISO dates, inclusive. */
  t?: { from: string; to: string };
  mode?: WindowMode;
  /** Layer keys, in the order given; the store checks them against the data. */
  layers?: string[];
  view?: { lat: number; lon: number; zoom: number };
  sel?: string | null;
  /** Datasets to import on load (`data=`, may repeat): same-origin paths or CORS-enabled http(s) URLs. */
  data?: string[];
}

export interface ParsedHash {
  state: HashState;
  /** One line per unknown or malformed part; the caller logs them as warnings. */
  warnings: string[];
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:#-]{0,199}$/;
/** Layer keys: bundled names (`strikes`) or imported ones (`import-1:air-drone-strike`). */
const LAYER_KEY_PATTERN = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;

/** Parses `#t=…&mode=…&layers=…&view=lat,lon,zoom&sel=…`. Never throws. */
export function parseHash(hash: string): ParsedHash {
  const state: HashState = {};
  const warnings: string[] = [];
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text) return { state, warnings };
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    let value: string;
    try {
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
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
        const names = value === '' ? [] : value.split(',');
        const bad = names.filter((n) => !LAYER_KEY_PATTERN.test(n));
        if (bad.length) warnings.push(`URL hash: ${bad.map((u) => `"${u.slice(0, 40)}"`).join(', ')} in layers ${bad.length === 1 ? 'is not a layer name' : 'are not layer names'}; ignored`);
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
        else warnings.push(`URL hash: data="${value.slice(0, 80)}" is not an http(s) URL or a same-origin path; ignored`);
        break;
      default:
        warnings.push(`URL hash: unknown part "${key.slice(0, 40)}"; ignored`);
    }
  }
  return { state, warnings };
}

/** http(s) URLs, or paths on this site (no other schemes: no javascript:, data:, file:). */
function isDataUrl(value: string): boolean {
  if (!value || value.length > 2000) return false;
  if (/^https?:\/\//i.test(value)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//');
}

function parseRange(value: string): { from: string; to: string } | null {
  const parts = value.split('..');
  if (parts.length !== 2) return null;
  const [from, to] = parts;
  const a = parseIsoDay(from);
  const b = parseIsoDay(to);
  if (a === null || b === null || a > b) return null;
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
  if (state.t) parts.push(`t=${state.t.from}..${state.t.to}`);
  if (state.mode) parts.push(`mode=${state.mode}`);
  if (state.layers) parts.push(`layers=${state.layers.join(',')}`);
  if (state.view) parts.push(`view=${round(state.view.lat, 4)},${round(state.view.lon, 4)},${round(state.view.zoom, 2)}`);
  if (state.sel) parts.push(`sel=${encodeURIComponent(state.sel)}`);
  for (const d of state.data ?? []) parts.push(`data=${encodeURIComponent(d)}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}
