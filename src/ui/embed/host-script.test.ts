// Tests: public/embed.js, the host script, run against a fake page — which messages resize which iframe.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { minify } from 'vite';
import { gzipSync } from 'node:zlib';

const SOURCE = readFileSync(resolve(import.meta.dirname, '../../../public/embed.js'), 'utf8');
const ATLAS = 'https://atlas.example.org';

interface FakeFrame {
  contentWindow: object;
  src: string;
  style: { height?: string };
}

type Listener = (e: { data: unknown; origin: string; source: unknown }) => void;

function loadHost(frames: FakeFrame[], times = 1): { send: Listener; listeners: Listener[] } {
  const listeners: Listener[] = [];
  const win: Record<string, unknown> = {
    addEventListener: (type: string, fn: Listener) => type === 'message' && listeners.push(fn),
  };
  const doc = { querySelectorAll: (sel: string) => (sel === 'iframe[data-conflict-atlas]' ? frames : []) };
  for (let i = 0; i < times; i++)
    new Function('window', 'document', 'location', SOURCE)(win, doc, {
      href: 'https://news.example.com/2024/11/article.html',
    });
  return {
    send: (e) => {
      for (const fn of listeners) fn(e);
    },
    listeners,
  };
}

describe('public/embed.js', () => {
  let a: FakeFrame;
  let b: FakeFrame;
  let host: ReturnType<typeof loadHost>;
  const msg = (height: unknown, type = 'conflict-atlas:resize') => ({ type, id: 'x', height });

  beforeEach(() => {
    a = { contentWindow: { name: 'a' }, src: `${ATLAS}/atlas/embed.html#t=2024-11-25..2024-11-25`, style: {} };
    b = { contentWindow: { name: 'b' }, src: `${ATLAS}/atlas/embed.html?theme=dark`, style: {} };
    host = loadHost([a, b]);
  });

  it('sizes the iframe whose window sent the message, from its own origin', () => {
    host.send({ data: msg(812.4), origin: ATLAS, source: a.contentWindow });
    expect(a.style.height).toBe('813px');
    expect(b.style.height).toBeUndefined();
    host.send({ data: msg(500), origin: ATLAS, source: b.contentWindow });
    expect(b.style.height).toBe('500px');
  });

  it('ignores a message from a window that is not one of the iframes (the host itself, a third frame)', () => {
    host.send({ data: msg(3000), origin: 'https://news.example.com', source: {} });
    host.send({ data: msg(3000), origin: ATLAS, source: { name: 'third' } });
    host.send({ data: msg(3000), origin: ATLAS, source: null });
    expect([a.style.height, b.style.height]).toEqual([undefined, undefined]);
  });

  it("ignores an iframe's window when the message comes from another origin (the frame was navigated away)", () => {
    host.send({ data: msg(3000), origin: 'https://evil.example.net', source: a.contentWindow });
    host.send({ data: msg(3000), origin: 'https://atlas.example.org:8443', source: a.contentWindow });
    host.send({ data: msg(3000), origin: 'null', source: a.contentWindow });
    expect(a.style.height).toBeUndefined();
  });

  it('ignores other message types and heights that are not heights', () => {
    for (const data of [
      msg(3000, 'resize'),
      msg('3000px'),
      msg(-5),
      msg(0),
      msg(Number.NaN),
      msg(1e9),
      null,
      'conflict-atlas:resize',
      42,
    ]) {
      host.send({ data, origin: ATLAS, source: a.contentWindow });
    }
    expect(a.style.height).toBeUndefined();
    host.send({ data: msg('640'), origin: ATLAS, source: a.contentWindow });
    expect(a.style.height).toBe('640px');
  });

  it('resolves a relative src against the page', () => {
    const rel: FakeFrame = { contentWindow: {}, src: '/atlas/embed.html', style: {} };
    const page = loadHost([rel]);
    page.send({ data: msg(700), origin: 'https://news.example.com', source: rel.contentWindow });
    expect(rel.style.height).toBe('700px');
  });

  it('listens once even when pasted twice', () => {
    expect(loadHost([a], 2).listeners).toHaveLength(1);
  });

  it('stays under 2 kB minified', async () => {
    const { code } = await minify('embed.js', SOURCE, {});
    expect(code.length).toBeLessThan(2048);
    expect(gzipSync(code).length).toBeLessThan(1024);
  });
});
