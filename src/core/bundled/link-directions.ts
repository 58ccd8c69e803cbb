// The link-direction check of check:data: a quote whose words give a link's direction must agree with its `from` and `to`.
import { issueMessage, type BundledIssue } from './validate-bundled.ts';
import { isObj, quotesOf } from './report-text.ts';

/**
 * Directional phrases whose roles can be read from the words: `relation` → [pattern, which end each
 * captured name must stand for]. A name is matched against an end's names (see `LinkEndNames`).
 */
const DIRECTION_PATTERNS: Record<string, [RegExp, ('from' | 'to')[]][]> = {
  supplies: [
    [/\b(?:supplying|supplies|supplied)\b[^.]*?\bused by (?:the )?([A-Z][\w]+(?: [A-Z][\w]+)?)/g, ['to']],
    [/\bfor ([A-Z][\w]+(?: [A-Z][\w]+)?) to use\b/g, ['to']],
  ],
  attacks: [
    [/\bused by ([A-Z][\w]+)(?: forces)? in (?:their assault on )?([A-Z][\w]+)/g, ['from', 'to']],
    [/\bused by ([A-Z][\w]+) forces in their assault on ([A-Z][\w]+)/g, ['from', 'to']],
  ],
  deploys: [[/\bdeployed to (?:the )?(?:[A-Z][\w]+ )?(?:region of )?([A-Z][\w]+)/g, ['to']]],
  followed_by: [[/\bIt came after\b[^.]*?\b(?:city|town|region) of ([A-Z][\w]+)/g, ['from']]],
};
const DEMONYMS: Record<string, string> = {
  Russian: 'Russia',
  Ukrainian: 'Ukraine',
  'North Korean': 'North Korea',
  Chinese: 'China',
  Romanian: 'Romania',
  Korean: 'Korea',
};

/** The names an end of a link goes by: its ref, and a place's country or a feature's place. */
export type LinkEndNames = (ref: string) => string[];

/** Links: a quote whose words give the direction of the link's relation must agree with `from` and `to`. */
export function checkLinkDirections(collection: unknown, fileName: string, namesOf: LinkEndNames): BundledIssue[] {
  const issues: BundledIssue[] = [];
  if (!isObj(collection) || !Array.isArray(collection.features)) return issues;
  collection.features.forEach((f: unknown, index: number) => {
    const p = isObj(f) && isObj(f.properties) ? f.properties : null;
    if (!p || typeof p.relation !== 'string' || typeof p.from !== 'string' || typeof p.to !== 'string') return;
    const id = typeof p.id === 'string' ? p.id : null;
    const ends = { from: namesOf(p.from).map((s) => s.toLowerCase()), to: namesOf(p.to).map((s) => s.toLowerCase()) };
    const stands = (name: string, end: 'from' | 'to'): boolean =>
      ends[end].some((n) => n.includes(name) || name.includes(n));
    quotesOf(p).forEach((q, i) => {
      for (const [re, roles] of DIRECTION_PATTERNS[p.relation as string] ?? []) {
        for (const m of q.matchAll(re)) {
          roles.forEach((role, k) => {
            const raw = m[k + 1] ?? '';
            const name = (DEMONYMS[raw] ?? raw).toLowerCase();
            if (stands(name, role)) return;
            const other = role === 'from' ? 'to' : 'from';
            const why = stands(name, other)
              ? `that is the "${other}" end: the link runs the wrong way`
              : `neither end stands for ${DEMONYMS[raw] ?? raw}`;
            issues.push({
              file: fileName,
              index,
              field: 'relation',
              message: issueMessage(
                fileName,
                index,
                id,
                'relation',
                `"${String(p.relation)}" from "${String(p.from)}" to "${String(p.to)}", but sources[${i}].quote ("${m[0]}") makes ${DEMONYMS[raw] ?? raw} the "${role}" end; ${why}`,
              ),
            });
          });
        }
      }
    });
  });
  return issues;
}

/** The names each link end goes by: a gazetteer place and its country, or a bundled feature's place and title. */
export function linkEndNames(
  features: readonly { properties: { id: string; place: string; title: string } }[],
  places: readonly { name: string; country: string }[],
): LinkEndNames {
  const byId = new Map(features.map((f) => [f.properties.id, f.properties]));
  const byName = new Map(places.map((p) => [p.name, p]));
  return (ref) => {
    const place = byName.get(ref);
    if (place) return [place.name, place.country];
    const f = byId.get(ref);
    return f ? [f.place, f.title] : [ref];
  };
}
