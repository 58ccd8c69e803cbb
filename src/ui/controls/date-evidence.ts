// Pure: which of a feature's quotes are cited only to pin its date (a report's other news that dates it), so the details panel can say so.
import type { AtlasProperties } from '../../core/schema/schema';

/** Phrases the date note quotes ('…', ‘…’ or "…"), at least 4 characters each. */
function quotedPhrases(note: string): string[] {
  const out: string[] = [];
  // An opening mark after no letter ("Romania's" is no quote), a closing one before none ("Sunday’s" is inside).
  for (const m of note.matchAll(/(?<![\p{L}])['‘"“]([^'"“”‘]{4,}?)['’"”](?![\p{L}])/gu)) out.push(m[1].trim());
  return out;
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\d]{4,}/gu) ?? []);

/**
 * The indexes of `p.sources` whose quote the date note quotes from and that say nothing of the
 * event itself (fewer than two of their words of four letters or more are in the title or summary):
 * "won 22.94% of votes in Sunday’s poll" dates a round-up of 25 November 2024, it does not report
 * the troops. Every other source backs the event.
 */
export function dateOnlySources(p: Pick<AtlasProperties, 'sources' | 'date_note' | 'title' | 'summary'>): Set<number> {
  const out = new Set<number>();
  const note = p.date_note ?? '';
  const phrases = quotedPhrases(note);
  if (!phrases.length || !Array.isArray(p.sources)) return out;
  const event = words(`${p.title ?? ''} ${p.summary ?? ''}`);
  p.sources.forEach((s, i) => {
    const q = typeof s?.quote === 'string' ? s.quote : '';
    if (!q || !phrases.some((ph) => q.includes(ph))) return;
    let shared = 0;
    for (const w of words(q)) if (event.has(w)) shared++;
    if (shared < 2) out.add(i);
  });
  return out;
}
