// A link's asks that wait for its data (`data=` still loading): kept in the store as intent, applied once the data arrive.
import type { HashState } from './url-hash';

/**
 * What a link asked for that may name data not loaded yet. `#data=x.csv&sel=x-7&layers=f1-battles`
 * names a feature and a layer that exist only once x.csv has arrived: until then the store shows
 * what it can (the layers it knows, the window clamped to the data it has), keeps the rest here
 * (and in the URL, which mirrors what was asked for), and applies it all — with the warnings for
 * whatever the data still lack — when the last awaited dataset has arrived or failed.
 */
export interface LinkIntent {
  /** The link's `data=` URLs that have not arrived yet (loaded or failed). */
  awaiting: string[];
  /** The parts of the link that may name that data, as written. */
  link: Pick<HashState, 't' | 'layers' | 'sel'>;
}

/**
 * Stands in `awaiting` for the dataset the data worker is rebuilding (an import added or removed,
 * the bundled data shown again): a link applied meanwhile is applied again once it lands, so that
 * its window is fitted to the new data's span, not the old one's. Never a URL (it starts with \0).
 */
export const REBUILD = '\u0000rebuild';

/**
 * The intent after a link is applied: its `data=` URLs not asked for before (`asked`: the store's
 * dataUrls until now) or still awaited are awaited; a link without `data=` leaves the awaited data
 * as they were; while `rebuilding`, the rebuilt dataset is awaited too (REBUILD). Its window, layers
 * and selection (over those of an earlier link still waiting) are kept while anything is awaited;
 * null when nothing is.
 */
export function intentFor(
  hash: HashState,
  prev: LinkIntent | null,
  asked: readonly string[],
  rebuilding = false,
): LinkIntent | null {
  const awaiting = hash.data
    ? hash.data.filter((u) => !asked.includes(u) || (prev?.awaiting.includes(u) ?? false))
    : (prev?.awaiting.filter((u) => u !== REBUILD) ?? []);
  if (rebuilding) awaiting.push(REBUILD);
  if (!awaiting.length) return null;
  const link: LinkIntent['link'] = { ...prev?.link };
  if (hash.t) link.t = hash.t;
  if (hash.layers) link.layers = hash.layers;
  if (hash.sel !== undefined) link.sel = hash.sel;
  return { awaiting: [...new Set(awaiting)], link };
}

/** The intent once `url` has arrived (loaded or failed): null when it was the last awaited (then its link is due). */
export function afterArrival(intent: LinkIntent, url: string): LinkIntent | null {
  const awaiting = intent.awaiting.filter((u) => u !== url);
  return awaiting.length ? { awaiting, link: intent.link } : null;
}

/**
 * The intent once the person has set `part` themselves while the link's data load (moved the
 * slider, picked a layer, selected a feature): their choice wins, so the link's ask for it is
 * dropped — the URL then mirrors what they see, and the data's arrival does not undo it.
 */
export function withoutAsk(intent: LinkIntent | null, part: keyof LinkIntent['link']): LinkIntent | null {
  if (!intent || intent.link[part] === undefined) return intent;
  const { [part]: _dropped, ...link } = intent.link;
  return { awaiting: intent.awaiting, link };
}
