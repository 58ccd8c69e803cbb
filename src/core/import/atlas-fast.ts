// The common case of validateAtlasProperties in one pass over the keys: properties with nothing to report are built at once; anything else goes the general way.
import type { AtlasProperties, FigureField, LayerKind, Weapon } from '../schema/schema';
import { FIGURE_FIELDS, WEAPONS } from '../schema/schema';
import { isHttpUrl } from '../schema/feature-schema';
import { parseIsoDay } from '../time/days';

const FIGURE_INDEX = new Map<string, number>(FIGURE_FIELDS.map((f, i) => [f, i]));
/** The optional texts that go into the properties after the sources, in validateAtlasProperties' order. */
const LATE_TEXTS = ['category', 'actor', 'produces', 'area_note', 'place_note'] as const;
const CITATION_KEYS = ['seed', 'name', 'url', 'quote'] as const;

/** A finite number ≥ 0 (numberProblem gives none). */
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** A citation validateAtlasProperties keeps as it is, with nothing to report: string members among seed, name, url, quote, in that order; a name, url or seed; an http(s) url. */
function plainCitation(s: unknown): boolean {
  if (typeof s !== 'object' || s === null || Array.isArray(s) || Object.getPrototypeOf(s) !== Object.prototype)
    return false;
  const src = s as Record<string, unknown>;
  let i = 0;
  let named = false;
  for (const k in src) {
    while (i < CITATION_KEYS.length && CITATION_KEYS[i] !== k) i++;
    if (i === CITATION_KEYS.length) return false;
    const v = src[k];
    if (typeof v !== 'string') return false;
    if (i < 3) named = true;
    if (i === 2 && !isHttpUrl(v)) return false;
    i++;
  }
  return named;
}

/**
 * The properties validateAtlasProperties(props, id) gives when it reports no problem at all
 * (the same values, keys in the same order), or null: then it must be asked, and it says what
 * is wrong. Keys this pass does not know (the rarer ones: timeless, figure qualifiers, area
 * recipes, admin areas, link properties, keys outside the schema) also send a feature the
 * general way. Every key is read once, in one pass; nothing is allocated unless it is taken.
 */
export function fastAtlasProperties(props: Record<string, unknown>, id: string): AtlasProperties | null {
  if (Object.getPrototypeOf(props) !== Object.prototype) return null;
  let layer: unknown;
  let title: unknown;
  let summary: unknown;
  let start: unknown;
  let end: unknown;
  let precision: unknown;
  let dateNote: unknown;
  let place: unknown;
  let km: unknown;
  let weapon: unknown;
  let sources: unknown;
  let approximate: unknown;
  let late: unknown[] | null = null;
  let figures: unknown[] | null = null;
  for (const k in props) {
    const v = props[k];
    switch (k) {
      case 'id':
        break;
      case 'layer':
        layer = v;
        break;
      case 'title':
        title = v;
        break;
      case 'summary':
        summary = v;
        break;
      case 'start':
        start = v;
        break;
      case 'end':
        end = v;
        break;
      case 'date_precision':
        precision = v;
        break;
      case 'date_note':
        dateNote = v;
        break;
      case 'place':
        place = v;
        break;
      case 'place_precision_km':
        km = v;
        break;
      case 'weapon':
        weapon = v;
        break;
      case 'sources':
        sources = v;
        break;
      case 'approximate':
        approximate = v;
        break;
      case 'category':
      case 'actor':
      case 'produces':
      case 'area_note':
      case 'place_note':
        if (typeof v !== 'string') return null;
        late ??= [undefined, undefined, undefined, undefined, undefined];
        late[LATE_TEXTS.indexOf(k)] = v;
        break;
      default: {
        const f = FIGURE_INDEX.get(k);
        if (f === undefined || !isCount(v)) return null;
        figures ??= new Array<unknown>(FIGURE_FIELDS.length);
        figures[f] = v;
      }
    }
  }
  if (layer !== 'strike' && layer !== 'facility' && layer !== 'deployment') return null;
  if (typeof title !== 'string' || title.trim() === '') return null;
  if (summary !== undefined && typeof summary !== 'string') return null;
  if (dateNote !== undefined && typeof dateNote !== 'string') return null;
  if (place !== undefined && typeof place !== 'string') return null;
  if (typeof start !== 'string') return null;
  const startDay = parseIsoDay(start);
  if (startDay === null) return null;
  let endDay: number | null;
  if (end === null) {
    if (layer === 'strike') return null;
    endDay = null;
  } else {
    if (typeof end !== 'string') return null;
    endDay = end === start ? startDay : parseIsoDay(end);
    if (endDay === null || startDay > endDay) return null;
  }
  if (precision !== undefined && precision !== 'range' && !(precision === 'day' && endDay === startDay)) return null;
  if (km !== undefined && !isCount(km)) return null;
  if (weapon !== undefined && !(WEAPONS as readonly unknown[]).includes(weapon)) return null;
  if (approximate !== undefined) {
    if (typeof approximate !== 'boolean') return null;
    const note = late?.[3];
    if (approximate && (typeof note !== 'string' || note.trim() === '')) return null;
  }
  if (!Array.isArray(sources) || sources.length === 0) return null;
  for (let i = 0; i < sources.length; i++) if (!plainCitation(sources[i])) return null;
  // As validateAtlasProperties builds them: the same keys in the same order.
  const properties = {
    id,
    layer: layer as LayerKind,
    title,
    summary: summary ?? '',
    start,
    end: end === null ? null : (end as string),
    date_precision: precision ?? (endDay === startDay ? 'day' : 'range'),
    date_note: dateNote ?? '',
    place: place ?? '',
    place_precision_km: (km as number | undefined) ?? 0,
  } as AtlasProperties;
  if (figures)
    for (let f = 0; f < FIGURE_FIELDS.length; f++)
      if (figures[f] !== undefined) properties[FIGURE_FIELDS[f] as FigureField] = figures[f] as number;
  properties.sources = sources;
  if (late)
    for (let t = 0; t < LATE_TEXTS.length; t++)
      if (late[t] !== undefined) properties[LATE_TEXTS[t]] = late[t] as string;
  if (weapon !== undefined) properties.weapon = weapon as Weapon;
  if (approximate !== undefined) properties.approximate = approximate as boolean;
  return properties;
}
