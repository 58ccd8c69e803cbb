// Search matches shown in the DOM: text split into text nodes and <mark> elements (never markup strings).
import type { AtlasProperties } from '../../core/schema/schema';
import { matchRanges, matchSnippet, type SearchField } from '../../core/filters/search';

const FIELD_LABELS: Record<SearchField, string> = {
  title: 'title',
  place: 'place',
  summary: 'summary',
  quote: 'source quote',
};

/** Fills `target` with `text`, wrapping each range in <mark>. */
export function fillMarked(target: HTMLElement, text: string, ranges: readonly [number, number][]): HTMLElement {
  const nodes: Node[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a > at) nodes.push(document.createTextNode(text.slice(at, a)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(a, b);
    nodes.push(mark);
    at = b;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  target.replaceChildren(...nodes);
  return target;
}

/** `text` with every term marked. */
export function markTerms(target: HTMLElement, text: string, terms: readonly string[]): HTMLElement {
  return fillMarked(target, text, matchRanges(text, terms));
}

/** A line saying where the terms the title lacks were found ("in source quote: …KN-23…"), or null. */
export function matchLine(p: AtlasProperties, terms: readonly string[], className = 'event-match'): HTMLElement | null {
  const snippet = terms.length ? matchSnippet(p, terms) : null;
  if (!snippet) return null;
  const line = document.createElement('span');
  line.className = className;
  const label = document.createElement('span');
  label.className = `${className}-field`;
  label.textContent = `in ${FIELD_LABELS[snippet.field]}: `;
  const body = fillMarked(document.createElement('span'), snippet.text, snippet.ranges);
  line.append(label, body);
  return line;
}
