// A feature's `sources` under the one schema: bundled data cites a seed report with a verbatim quote, imports name an outlet or URL.
import type { Source } from './schema.ts';
import { describeValue, isRecord, own, quote } from './values.ts';
import { isHttpUrl, type SchemaPolicy, type SchemaProblem } from './schema-policy.ts';

/**
 * Checks a `sources` value; returns the sources when none is in error. `seeds` (bundled policy)
 * maps a seed file name to its text: every quote must occur in it verbatim.
 */
export function checkSources(
  value: unknown,
  policy: SchemaPolicy,
  add: (p: SchemaProblem) => void,
  seeds: Record<string, string> = {},
): Source[] | undefined {
  const shape = policy.sources === 'seeds' ? '{ seed, quote }' : '{ name, url, quote }';
  const err = (field: string, what: string): void => add({ field, what, severity: 'error' });
  if (value === undefined) return void err('sources', `missing (an array of citations ${shape})`);
  if (!Array.isArray(value))
    return void err('sources', `expected an array of citations ${shape}, got ${describeValue(value)}`);
  if (value.length === 0)
    add({
      field: 'sources',
      what: 'empty: the feature cites no source',
      severity: policy.sources === 'seeds' ? 'error' : 'warning',
    });
  const out: Source[] = [];
  // A list whose citations are exactly their checked copies is returned as it is (one less copy
  // to keep, and the import's `original` record is then seen equal to it at once).
  let same = true;
  let bad = value.length === 0 && policy.sources === 'seeds';
  value.forEach((s: unknown, k) => {
    const field = `sources[${k}]`;
    if (!isRecord(s)) {
      err(field, `expected an object ${shape}, got ${describeValue(s)}`);
      bad = true;
      return;
    }
    const src: Source = {};
    for (const key of ['seed', 'name', 'url', 'quote'] as const) {
      const v = own(s, key);
      if (v === undefined) continue;
      if (typeof v !== 'string') {
        err(`${field}.${key}`, `expected a string, got ${describeValue(v)}`);
        bad = true;
      } else src[key] = v;
    }
    if (policy.sources === 'seeds') {
      const text = src.seed !== undefined ? seeds[src.seed] : undefined;
      if (text === undefined) {
        err(
          `${field}.seed`,
          `must name a seed file in data/sources (${Object.keys(seeds).join(', ')}), got ${describeValue(own(s, 'seed'))}`,
        );
        bad = true;
      }
      if (src.quote === undefined || src.quote.trim() === '') {
        err(`${field}.quote`, 'must be a non-empty string copied from the seed');
        bad = true;
      } else if (text !== undefined && !text.includes(src.quote)) {
        err(`${field}.quote`, `not found verbatim in ${String(src.seed)}`);
        bad = true;
      }
    } else if (src.seed === undefined && src.name === undefined && src.url === undefined) {
      err(field, 'needs a name, url or seed');
      bad = true;
    }
    if (src.url !== undefined && !isHttpUrl(src.url))
      add({ field: `${field}.url`, what: `${quote(src.url)} is not an http(s) URL`, severity: 'warning' });
    if (same && !sameCitation(s, src)) same = false;
    out.push(src);
  });
  return bad ? undefined : same ? (value as Source[]) : out;
}

const CITATION_KEYS = ['seed', 'name', 'url', 'quote'] as const;

/** Whether a citation has only string members of CITATION_KEYS, in that order: then its checked copy is the same. */
function sameCitation(s: Record<string, unknown>, src: Source): boolean {
  let i = 0;
  for (const k in s) {
    if (!Object.hasOwn(s, k)) continue;
    while (i < CITATION_KEYS.length && CITATION_KEYS[i] !== k) i++;
    if (i === CITATION_KEYS.length || s[k] !== src[CITATION_KEYS[i]]) return false;
    i++;
  }
  return true;
}
