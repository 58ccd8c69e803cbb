// Tests: the embed code generator — URLs, attributes, sandbox, escaping of the newsroom's title.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embedCode, escapeHtml, mapLabel, SANDBOX } from './embed-code';
import { parseFlags } from './flags';
import { parseHash } from '../../app/url-hash';
import { days } from '../../../tests/support/days';

const STATE = {
  t: days('2024-11-25'),
  mode: 'window' as const,
  layers: ['strikes', 'facilities', 'deployments'],
  view: { lat: 48.3, lon: 33.6, zoom: 5.6 },
  sel: 'strike-kharkiv-2024-11-25',
};
const BASE = 'https://news.example.org/atlas/index.html#old-state';

/** Splits `<tag a="…" b="…">` into its attributes, unescaping values the way an HTML parser does. */
function attributes(tag: string): Record<string, string> {
  const open = /^<(\w+)\s([^>]*)>/.exec(tag);
  if (!open) throw new Error(`not a tag: ${tag}`);
  const out: Record<string, string> = {};
  const rest = open[2].replace(/([\w-]+)="([^"]*)"/g, (_, k: string, v: string) => {
    out[k] = v
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    return '';
  });
  expect(rest.trim(), 'nothing outside quoted attributes').toMatch(/^(async)?$/);
  return out;
}

describe('embedCode', () => {
  it('points the iframe at embed.html with the flags in the query and the state in the hash', () => {
    const code = embedCode({
      base: BASE,
      state: STATE,
      flags: { theme: 'dark', id: 'kharkiv' },
      width: null,
      height: 600,
    });
    expect(code.embedUrl).toBe(
      'https://news.example.org/atlas/embed.html?theme=dark&id=kharkiv#t=2024-11-25..2024-11-25&mode=window&layers=strikes,facilities,deployments&view=48.3,33.6,5.6&sel=strike-kharkiv-2024-11-25',
    );
    expect(code.appUrl).toBe(
      'https://news.example.org/atlas/index.html#t=2024-11-25..2024-11-25&mode=window&layers=strikes,facilities,deployments&view=48.3,33.6,5.6&sel=strike-kharkiv-2024-11-25',
    );
    expect(code.scriptUrl).toBe('https://news.example.org/atlas/embed.js');
    const url = new URL(code.embedUrl);
    expect(parseFlags(url.search).flags).toMatchObject({ theme: 'dark', id: 'kharkiv' });
    expect(parseHash(url.hash)).toEqual({ state: STATE, warnings: [] });
  });

  it('writes an iframe with a title, a label, lazy loading, a referrer policy and a minimal sandbox', () => {
    const code = embedCode({ base: BASE, state: STATE, flags: { id: 'a1' }, width: 640, height: 700 });
    const a = attributes(code.iframe);
    expect(a.src).toBe(code.embedUrl);
    expect(a.title).toBe('Conflict Atlas: map of strikes, facilities and troop deployments');
    expect(a['aria-label']).toBe(
      'Interactive map of strikes, facilities and troop deployments, on 25 Nov 2024, from Conflict Atlas. A list of the events shown is inside the frame.',
    );
    expect(a['data-conflict-atlas']).toBe('a1');
    expect(a.width).toBe('640');
    expect(a.height).toBe('700');
    expect(a.loading).toBe('lazy');
    expect(a.referrerpolicy).toBe('no-referrer');
    expect(a.sandbox.split(' ')).toEqual([...SANDBOX]);
    expect(a.sandbox).not.toMatch(/top-navigation|allow-forms|allow-modals|allow-downloads/);
    expect(a).not.toHaveProperty('allow');
    expect(code.iframe.endsWith('></iframe>')).toBe(true);
    expect(code.script).toBe('<script src="https://news.example.org/atlas/embed.js" async></script>');
    expect(code.snippet).toBe(`${code.iframe}\n${code.script}`);
  });

  it('allows downloads only when exports are offered', () => {
    const a = attributes(
      embedCode({ base: BASE, state: STATE, flags: { export: true }, width: null, height: 600 }).iframe,
    );
    expect(a.sandbox.split(' ')).toEqual([...SANDBOX, 'allow-downloads']);
    expect(a.width).toBe('100%');
  });

  it('escapes a hostile title in every attribute and in the link text', () => {
    const title = `"><script>alert('x')</script><a href="javascript:1">&amp;`;
    const code = embedCode({ base: BASE, state: STATE, flags: { title }, width: null, height: 600 });
    for (const html of [code.iframe, code.link]) {
      expect(html).not.toMatch(/<script|<a href="javascript/);
      expect(html.match(/</g)?.length).toBe(2);
    }
    const a = attributes(code.iframe);
    expect(a.title).toBe(`${title} (interactive map)`);
    expect(a['aria-label'].startsWith(`${title}. Interactive map`)).toBe(true);
    expect(new URL(a.src).searchParams.get('title')).toBe(title);
    expect(attributes(code.link).href).toBe(code.appUrl);
  });

  it('survives any title: attributes always parse back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (title) => {
        const code = embedCode({ base: BASE, state: STATE, flags: { title }, width: null, height: 600 });
        const a = attributes(code.iframe);
        expect(a.title).toBe(code.title);
        expect(a['aria-label']).toBe(code.label);
      }),
    );
  });

  it('clamps sizes and refuses a base that is not http(s)', () => {
    const a = attributes(embedCode({ base: BASE, state: {}, flags: {}, width: 10, height: 1e9 }).iframe);
    expect([a.width, a.height]).toEqual(['200', '4000']);
    expect(() => embedCode({ base: 'javascript:alert(1)', state: {}, flags: {}, width: null, height: 600 })).toThrow(
      /http/,
    );
  });
});

describe('mapLabel', () => {
  it('describes layers and dates in words', () => {
    expect(mapLabel({ layers: ['strikes'], t: days('2024-11-01', '2024-11-30') }, null)).toBe(
      'Interactive map of strikes, 1 Nov 2024 to 30 Nov 2024, from Conflict Atlas. A list of the events shown is inside the frame.',
    );
    expect(mapLabel({ layers: [], mode: 'cumulative', t: days('2024-11-01', '2024-11-30') }, 'Title')).toMatch(
      /^Title\. Interactive map of no layers, up to 30 Nov 2024/,
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a b="c" d='e'>&`)).toBe('&lt;a b=&quot;c&quot; d=&#39;e&#39;&gt;&amp;');
  });
});
